#!/bin/sh
# readme-sync.sh - README must show what zonelint really does: its rule list is what
# `zonelint --list-rules=markdown` prints from rules/rules.def, and its example output is
# what `zonelint fixtures/db.example.com` prints.  --update rewrites both blocks instead.
# With BUILD_PACKAGES (the Makefile's list) set, the GitHub Actions example must install
# every one of them, or the workflow copied from README would fail to build; and every
# yaml example must parse.  The reload wrapper of "Before rndc reload" is run as copied.
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
# check OK MESSAGE: count a pass when OK is 0, else print MESSAGE and count a failure
check() {
	if [ "$1" = 0 ]; then
		pass=$((pass + 1))
	else
		echo "README.md: $2"
		fail=$((fail + 1))
	fi
}

# lacking WORDS -- TEXT: the words of WORDS that TEXT does not have as a word
lacking() {
	words=$1 text=" $3 " out=
	for w in $words; do
		case $text in *" $w "*) ;; *) out="$out $w" ;; esac
	done
	echo "$out"
}

# the --select row names every rule family (the first word of each rule id)
row=$(grep -m 1 '^| `--select LIST`' "$readme" | tr -d '`(),')
missing=$(lacking "$("$zl" --list-rules | cut -d- -f1 | sort -u)" -- "$row")
check "$([ -n "$row" ] && [ -z "$missing" ]; echo $?)" "the --select row lacks rule families:${missing:- (no such row)}"
# the --syntax-only row names exactly the rules that run with it
row=$(grep -m 1 '^| `--syntax-only`' "$readme")
"$zl" --list-rules | cut -d' ' -f1 >"$tmp/all-rules"
"$zl" --syntax-only --list-rules | cut -d' ' -f1 | sort >"$tmp/so-runs"
echo "$row" | grep -o '`[a-z-]*`' | tr -d '`' | grep -xFf "$tmp/all-rules" | sort >"$tmp/so-row"
differ=$(diff "$tmp/so-row" "$tmp/so-runs" | sed -n 's/^< / extra /p; s/^> / missing /p' | tr -d '\n')
check "$([ -n "$row" ] && [ -s "$tmp/so-runs" ] && [ -z "$differ" ]; echo $?)" "the --syntax-only row does not name the rules of 'zonelint --syntax-only --list-rules':${differ:- (no such row)}"
# Quick start names the Makefile's DEB_PACKAGES, the GitHub Actions example
# installs every one of BUILD_PACKAGES (or the workflow copied from README
# would fail to build)
if [ -n "${DEB_PACKAGES:-}" ]; then
	quick=$(sed -n '/^need (`/,/`)/p' "$readme" | tr '\n' ' ' | sed 's/^need (`\([^`]*\)`).*/\1/')
	missing=$(lacking "$DEB_PACKAGES" -- "$quick")
	extra=$(lacking "$quick" -- "$DEB_PACKAGES")
	check "$([ -z "$missing$extra" ]; echo $?)" "Quick start's package list is not DEB_PACKAGES: lacks${missing:- nothing}, has too${extra:- nothing}"
fi
if [ -n "${BUILD_PACKAGES:-}" ]; then
	apt=$(grep -m 1 'apt-get install' "$readme")
	missing=$(lacking "$BUILD_PACKAGES" -- "$apt")
	check "$([ -n "$apt" ] && [ -z "$missing" ]; echo $?)" "the workflow's apt-get line lacks build packages:${missing:- (no apt-get line)}"
fi
# every yaml example in README parses (python3-yaml comes with pre-commit)
if /usr/bin/python3 - "$readme" <<'EOF'
import re, sys, yaml
text = open(sys.argv[1], encoding="utf-8").read()
blocks = re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M)
for b in blocks:
    yaml.safe_load(b)
sys.exit(0 if blocks else 1)
EOF
then
	pass=$((pass + 1))
else
	echo "README.md: a yaml example does not parse (or there is none)"
	fail=$((fail + 1))
fi
# the reload wrapper of "Before rndc reload", run as copied, with a stub rndc:
# a first reload, an edit without a new serial (refused, no reload), the serial raised
w=$tmp/wrapper
mkdir -p "$w"
sed -n '/^# reload-zone ZONE FILE: lint/,/^```$/p' "$readme" | sed '$d' >"$w/body"
{ echo '#!/bin/sh'; cat "$w/body"; } >"$w/reload-zone"
printf '#!/bin/sh\necho "rndc $*" >>"%s/reloads"\n' "$w" >"$w/rndc"
chmod +x "$w/reload-zone" "$w/rndc"
zone() {
	printf '$TTL 3600\n@ IN SOA ns1.example.com. hostmaster.example.com. %s 7200 3600 1209600 3600\n' "$1"
	printf '@ IN NS ns1.example.com.\n@ IN NS ns2.example.net.\nns1 IN A 192.0.2.53\nwww IN A %s\n' "$2"
}
zlbin=$(dirname "$zl")
run_wrapper() {
	(cd "$w" && PATH="$w:$zlbin:$PATH" ZONELINT_STATE="$w/state" sh ./reload-zone example.com db.example.com) >"$w/out" 2>&1
}
zone 2024060101 192.0.2.80 >"$w/db.example.com"
run_wrapper; st1=$?
zone 2024060101 192.0.2.81 >"$w/db.example.com"
run_wrapper; st2=$?
grep -q 'zone-serial-not-increased' "$w/out"; found=$?
zone 2024060102 192.0.2.81 >"$w/db.example.com"
run_wrapper; st3=$?
if [ -s "$w/body" ] && [ $st1 -eq 0 ] && [ $st2 -eq 1 ] && [ $found -eq 0 ] && [ $st3 -eq 0 ] &&
   [ "$(grep -c 'rndc reload example.com' "$w/reloads" 2>/dev/null)" = 2 ]; then
	pass=$((pass + 1))
else
	echo "README.md: the reload wrapper does not behave as described (exits $st1 $st2 $st3)"
	cat "$w/out"
	fail=$((fail + 1))
fi
echo "readme-sync: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
