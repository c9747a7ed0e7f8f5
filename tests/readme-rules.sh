#!/bin/sh
# readme-rules.sh - README's rule list must be what `zonelint --list-rules=markdown` prints
# from rules/rules.def.  --update rewrites the block between the markers instead.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
zl=${ZONELINT:-./zonelint}
case $zl in /*) ;; *) zl=$top/$zl ;; esac
readme=$top/README.md
want=$(mktemp) have=$(mktemp)
trap 'rm -f "$want" "$have"' EXIT
"$zl" --list-rules=markdown >"$want" || exit 1
sed -n '/^<!-- rules:begin -->$/,/^<!-- rules:end -->$/p' "$readme" | sed '1d;$d' >"$have"
if [ "${1:-}" = --update ]; then
	out=$(mktemp)
	awk -v f="$want" '
		/^<!-- rules:begin -->$/ { print; while ((getline l < f) > 0) print l; skip = 1; next }
		/^<!-- rules:end -->$/ { skip = 0 }
		!skip' "$readme" >"$out" && mv "$out" "$readme"
	echo "README.md rule list updated"
	exit 0
fi
if cmp -s "$want" "$have"; then
	echo "readme-rules: 1 passed, 0 failed"
else
	echo "README.md rule list differs from rules/rules.def; run: make readme-rules"
	diff -u "$have" "$want"
	echo "readme-rules: 0 passed, 1 failed"
	exit 1
fi
