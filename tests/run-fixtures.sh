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
#
# A case too large to keep on disk is a script instead, <case>.gen: run with
# sh in an empty temporary directory (where it may create other files, such
# as $INCLUDE targets or a FIFO), its standard output is piped into
# "zonelint ARGS -", so the zone is never written out; the file name in
# the output is <stdin>.
#   ZONELINT=path  the binary (default ./zonelint)
#   JOBS=N         run the cases in N parallel shards (default 1; for slow
#                  wrappers such as valgrind's)
#   UPDATE=1       never used by make check; prints the actual output instead of comparing
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
zl=${ZONELINT:-./zonelint}
case $zl in /*) ;; *) zl=$top/$zl ;; esac
jobs=${JOBS:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# run_shard K: run every case whose number modulo $jobs is K; FAIL reports
# go to standard output, the counts to $work/count.K
run_shard() {
	shard=$1 n=0 pass=0 fail=0
	tmp=$work/out.$shard gendir=$work/gen.$shard
	for zone in "$top"/fixtures/*/*.zone "$top"/fixtures/*/*.gen "$top"/fixtures/namedconf/*.args; do
		[ -e "$zone" ] || continue	# a family without .gen cases
		n=$((n + 1))
		[ $((n % jobs)) -eq "$shard" ] || continue
		dir=$(dirname "$zone")
		base=$(basename "$zone")
		base=${base%.*}
		exp=$dir/$base.expected
		if [ ! -f "$exp" ]; then
			echo "FAIL $zone: no $base.expected beside it"
			fail=$((fail + 1))
			continue
		fi
		args=
		[ -f "$dir/$base.args" ] && args=$(cat "$dir/$base.args")
		case $zone in
		*.gen)
			rm -rf "$gendir" && mkdir "$gendir"
			# shellcheck disable=SC2086 # args are words by design
			(cd "$gendir" && sh "$zone" | "$zl" $args - >"$tmp" 2>&1; echo "exit $?" >>"$tmp") ;;
		*.args)	# named.conf cases: the .args are the whole command line
			# shellcheck disable=SC2086
			(cd "$dir" && "$zl" $args >"$tmp" 2>&1; echo "exit $?" >>"$tmp") ;;
		*)
			# shellcheck disable=SC2086
			(cd "$dir" && "$zl" $args "$base.zone" >"$tmp" 2>&1; echo "exit $?" >>"$tmp") ;;
		esac
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
	echo "$pass $fail" >"$work/count.$shard"
}

k=0
while [ "$k" -lt "$jobs" ]; do
	run_shard "$k" >"$work/log.$k" &
	k=$((k + 1))
done
wait
pass=0 fail=0 k=0
while [ "$k" -lt "$jobs" ]; do
	cat "$work/log.$k"
	read -r p f <"$work/count.$k" || { p=0 f=1; echo "FAIL: shard $k did not finish"; }
	pass=$((pass + p)) fail=$((fail + f))
	k=$((k + 1))
done
echo "fixtures: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
