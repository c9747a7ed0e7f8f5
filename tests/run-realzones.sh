#!/bin/sh
# run-realzones.sh - every real public zone in ../shared/realzones must lint with no
# zone-syntax finding, no crash, and exit 0 or 1 (never 2 or 3).
#   ZONELINT=path  the binary (default ./zonelint); SHARED=dir (default ../shared)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
zl=${ZONELINT:-./zonelint}
case $zl in /*) ;; *) zl=$top/$zl ;; esac
shared=${SHARED:-$top/../shared}
case $shared in /*) ;; *) shared=$top/$shared ;; esac
dir=$shared/realzones
if [ ! -d "$dir" ]; then
	echo "run-realzones: $dir not found (../shared must sit beside the repository)" >&2
	exit 1
fi
pass=0 fail=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# origin of each file, as realzones/SOURCE.md lists it
while read -r file origin; do
	"$zl" -o "$origin" "$dir/$file" >"$out" 2>&1
	st=$?
	if [ $st -gt 1 ]; then
		echo "FAIL $file: exit status $st"; sed 's/^/    /' "$out" | head -20
		fail=$((fail + 1))
	elif grep -q '\[zone-syntax\]\|\[zone-include-missing\]' "$out"; then
		echo "FAIL $file: syntax findings"; grep 'zone-syntax\|zone-include' "$out" | head -20 | sed 's/^/    /'
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done <<LIST
root.zone .
db.cosi cosi.clarkson.edu
db.cslabs cslabs.clarkson.edu
db.cslabs.rvs.144 144.153.128.in-addr.arpa
rexroof.com rexroof.com
db.atmpitbull.com atmpitbull.com
LIST
echo "realzones: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
