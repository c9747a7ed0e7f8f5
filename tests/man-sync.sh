#!/bin/sh
# man-sync.sh - zonelint.1 must describe the zonelint it ships with: its RULES list
# is what `zonelint --list-rules=man` prints from rules/rules.def, its .TH line carries
# the version `zonelint --version` prints, and it renders with no groff warning
# (groff -ww -man -Tutf8, which is what `man ./zonelint.1` runs).
# --update rewrites the rule list and the version instead of checking them.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
zl=${ZONELINT:-./zonelint}
case $zl in /*) ;; *) zl=$top/$zl ;; esac
page=$top/zonelint.1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$zl" --list-rules=man >"$tmp/rules" || exit 1
version=$("$zl" --version) || exit 1	# "zonelint X.Y.Z"
begin='.\" rules:begin'
end='.\" rules:end'
for m in "$begin" "$end"; do
	if [ "$(grep -cxF "$m" "$page")" != 1 ]; then
		echo "zonelint.1: the line '$m' must appear exactly once"
		exit 1
	fi
done

# the page as it should be: generated rule list between the markers,
# the version as the 4th .TH argument
# (awk -v would eat the backslash of the markers: pass them through the environment)
B=$begin E=$end V=$version F=$tmp/rules awk '
	BEGIN { b = ENVIRON["B"]; e = ENVIRON["E"]; v = ENVIRON["V"]; f = ENVIRON["F"] }
	$0 == b { print; while ((getline l < f) > 0) print l; skip = 1; next }
	$0 == e { skip = 0 }
	skip { next }
	/^\.TH / { n = split($0, a, "\""); if (n >= 5) { a[4] = v; $0 = a[1]; for (i = 2; i <= n; i++) $0 = $0 "\"" a[i] } }
	{ print }' "$page" >"$tmp/page"

if [ "${1:-}" = --update ]; then
	if cmp -s "$tmp/page" "$page"; then
		echo "zonelint.1 rule list and version already up to date"
	else
		cp "$tmp/page" "$page" && echo "zonelint.1 rule list and version updated"
	fi
	exit 0
fi

pass=0 fail=0
if cmp -s "$tmp/page" "$page"; then
	pass=$((pass + 1))
else
	echo "zonelint.1: rule list or version is out of date; run: make readme"
	diff -u "$page" "$tmp/page"
	fail=$((fail + 1))
fi

# every rule has its entry (guards against an empty generator)
n=$("$zl" --list-rules | wc -l)
got=$(grep -c '^\.TP$' "$tmp/rules")
if [ "$n" -gt 0 ] && [ "$got" = "$n" ]; then
	pass=$((pass + 1))
else
	echo "zonelint.1: --list-rules=man gave $got entries for $n rules"
	fail=$((fail + 1))
fi

# the --syntax-only entry names exactly the rules that run with it, one a line
# between its markers ("\%zone\-syntax,")
sed -n '/^\.\\" syntax-only:begin$/,/^\.\\" syntax-only:end$/p' "$page" | sed '1d;$d' |
	sed 's/^\\%//; s/\\-/-/g; s/[,.]$//' | sort >"$tmp/so-page"
"$zl" --syntax-only --list-rules | cut -d' ' -f1 | sort >"$tmp/so-runs"
if [ -s "$tmp/so-runs" ] && cmp -s "$tmp/so-page" "$tmp/so-runs"; then
	pass=$((pass + 1))
else
	echo "zonelint.1: the --syntax-only entry does not list the rules of 'zonelint --syntax-only --list-rules':"
	diff "$tmp/so-page" "$tmp/so-runs" | sed 's/^/    /'
	fail=$((fail + 1))
fi

# renders without a single warning, and shows every section
if ! command -v groff >/dev/null 2>&1; then
	echo "man-sync: groff is missing (Debian package groff-base; make deps)"
	exit 1
fi
LC_ALL=C.UTF-8 groff -ww -man -Tutf8 "$page" >/dev/null 2>"$tmp/warn"
if [ $? -eq 0 ] && [ ! -s "$tmp/warn" ]; then
	pass=$((pass + 1))
else
	echo "zonelint.1: groff -ww -man -Tutf8 warns:"
	cat "$tmp/warn"
	fail=$((fail + 1))
fi
# plain text (-P-cbou: no SGR, no overstrike) to look for the section headings
LC_ALL=C.UTF-8 groff -man -Tutf8 -P-cbou "$page" >"$tmp/out" 2>/dev/null
missing=
for s in NAME SYNOPSIS DESCRIPTION OPTIONS RULES 'EXIT STATUS' ENVIRONMENT FILES EXAMPLES 'SEE ALSO'; do
	grep -qx "$s" "$tmp/out" || missing="$missing [$s]"
done
if [ -z "$missing" ]; then
	pass=$((pass + 1))
else
	echo "zonelint.1: rendered page lacks the section(s)$missing"
	fail=$((fail + 1))
fi
echo "man-sync: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
