#!/bin/sh
# readme-sync.sh - README must show what zonelint really does: its rule list is what
# `zonelint --list-rules=markdown` prints from rules/rules.def, and its example output is
# what `zonelint fixtures/db.example.com` prints.  --update rewrites both blocks instead.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
zl=${ZONELINT:-./zonelint}
case $zl in /*) ;; *) zl=$top/$zl ;; esac
readme=$top/README.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$zl" --list-rules=markdown >"$tmp/rules" || exit 1
{
	echo '```'
	echo '$ zonelint fixtures/db.example.com'
	(cd "$top" && "$zl" fixtures/db.example.com)
	echo '```'
} >"$tmp/demo"

# block NAME: the lines between <!-- NAME:begin --> and <!-- NAME:end -->
block() {
	sed -n "/^<!-- $1:begin -->\$/,/^<!-- $1:end -->\$/p" "$readme" | sed '1d;$d'
}

if [ "${1:-}" = --update ]; then
	for name in rules demo; do
		awk -v f="$tmp/$name" -v b="<!-- $name:begin -->" -v e="<!-- $name:end -->" '
			$0 == b { print; while ((getline l < f) > 0) print l; skip = 1; next }
			$0 == e { skip = 0 }
			!skip' "$readme" >"$tmp/readme" && cp "$tmp/readme" "$readme"
	done
	echo "README.md rule list and example output updated"
	exit 0
fi
pass=0 fail=0
for name in rules demo; do
	block "$name" >"$tmp/have.$name"
	if cmp -s "$tmp/$name" "$tmp/have.$name"; then
		pass=$((pass + 1))
	else
		echo "README.md block \"$name\" is out of date; run: make readme"
		diff -u "$tmp/have.$name" "$tmp/$name"
		fail=$((fail + 1))
	fi
done
echo "readme-sync: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
