#!/bin/sh
# run-fixtures.sh - golden-file driver: lints every fixtures/<family>/<case>.zone, and runs
# every fixtures/namedconf/<case>.args, and compares the whole output and exit status with
# <case>.expected.
#
# <case>.expected holds the exact gcc-style lines zonelint must print, then a
# last line "exit N".  Optional <case>.args holds extra command-line
# arguments (one line); under fixtures/namedconf/ there is no .zone and the
# .args are the whole command line (--named-conf ...).  Each case runs in
# its own directory, so file names in the output are bare.
#   ZONELINT=path  the binary (default ./zonelint)
#   UPDATE=1       never used by make check; prints the actual output instead of comparing
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
zl=${ZONELINT:-./zonelint}
case $zl in /*) ;; *) zl=$top/$zl ;; esac
pass=0 fail=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for zone in "$top"/fixtures/*/*.zone "$top"/fixtures/namedconf/*.args; do
	dir=$(dirname "$zone")
	base=$(basename "$zone")
	base=${base%.*}
	operand=$base.zone
	case $zone in *.args) operand= ;; esac
	exp=$dir/$base.expected
	if [ ! -f "$exp" ]; then
		echo "FAIL $zone: no $base.expected beside it"
		fail=$((fail + 1))
		continue
	fi
	args=
	[ -f "$dir/$base.args" ] && args=$(cat "$dir/$base.args")
	# shellcheck disable=SC2086 # args (and an empty operand) are words by design
	(cd "$dir" && "$zl" $args $operand >"$tmp" 2>&1; echo "exit $?" >>"$tmp")
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
