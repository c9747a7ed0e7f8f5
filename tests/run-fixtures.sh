#!/bin/sh
# run-fixtures.sh - golden-file driver: lints every fixtures/<family>/<case>.zone and compares
# the whole output and exit status with <case>.expected.
#
# <case>.expected holds the exact gcc-style lines zonelint must print, then a
# last line "exit N".  Optional <case>.args holds extra command-line
# arguments (one line).  Each case runs in its own directory, so file names
# in the output are bare.
#   ZONELINT=path  the binary (default ./zonelint)
#   UPDATE=1       never used by make check; prints the actual output instead of comparing
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
zl=${ZONELINT:-./zonelint}
case $zl in /*) ;; *) zl=$top/$zl ;; esac
pass=0 fail=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for zone in "$top"/fixtures/*/*.zone; do
	dir=$(dirname "$zone")
	base=$(basename "$zone" .zone)
	exp=$dir/$base.expected
	if [ ! -f "$exp" ]; then
		echo "FAIL $zone: no $base.expected beside it"
		fail=$((fail + 1))
		continue
	fi
	args=
	[ -f "$dir/$base.args" ] && args=$(cat "$dir/$base.args")
	# shellcheck disable=SC2086 # args are words by design
	(cd "$dir" && "$zl" $args "$base.zone" >"$tmp" 2>&1; echo "exit $?" >>"$tmp")
	if [ "${UPDATE:-}" = 1 ]; then
		echo "== $dir/$base"; cat "$tmp"
	elif cmp -s "$tmp" "$exp"; then
		pass=$((pass + 1))
	else
		echo "FAIL ${zone#"$top"/}"
		diff -u "$exp" "$tmp" | sed 's/^/    /'
		fail=$((fail + 1))
	fi
done
echo "fixtures: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
