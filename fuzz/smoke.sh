#!/bin/sh
# fuzz/smoke.sh - the fuzz targets' share of make check: replay every saved failure, then fuzz each target briefly.
#
#   SECONDS_EACH=4 sh fuzz/smoke.sh TARGET...
#
# For each TARGET: build/fuzz/fuzz_TARGET runs every file under
# tests/fuzz-regressions/TARGET/ once (each must pass), then fuzzes for
# SECONDS_EACH seconds from build/fuzz-seeds/TARGET/ with fuzz/*.dict,
# writing new inputs and any crash only below build/fuzz-smoke/.  Exits 1
# on a failure, naming the input.  The seed is fixed (-seed=1), so a run
# is repeatable as far as a time limit allows.
set -eu
secs=${SECONDS_EACH:-4}
fail=0
for t in "$@"; do
	bin=build/fuzz/fuzz_$t
	work=build/fuzz-smoke/$t
	rm -rf "$work"
	mkdir -p "$work/new"
	case $t in
	zone|roundtrip) dict=fuzz/zone.dict ;;
	spf_*) dict=fuzz/spf.dict ;;
	namedconf) dict=fuzz/namedconf.dict ;;
	*) dict= ;;
	esac
	reg=tests/fuzz-regressions/$t
	if [ -d "$reg" ] && [ -n "$(ls "$reg")" ]; then
		n=$(ls "$reg" | wc -l)
		if ! "$bin" -runs=1 "$reg"/* > "$work/replay.log" 2>&1; then
			echo "fuzz-smoke: $t: a saved regression fails again; see $work/replay.log" >&2
			tail -n 30 "$work/replay.log" >&2
			fail=1
			continue
		fi
		echo "fuzz-smoke: $t: $n regression input(s) pass"
	fi
	if ! "$bin" -seed=1 -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
		${dict:+-dict=$dict} -artifact_prefix="$work/" -print_final_stats=1 \
		"$work/new" "build/fuzz-seeds/$t" > "$work/fuzz.log" 2>&1; then
		echo "fuzz-smoke: $t: libFuzzer found a failure; see $work/fuzz.log and $work/" >&2
		grep -E 'ERROR|SUMMARY|Test unit written' "$work/fuzz.log" >&2 || tail -n 30 "$work/fuzz.log" >&2
		fail=1
		continue
	fi
	echo "fuzz-smoke: $t: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/fuzz.log" | grep -o '[0-9]*$') runs in ${secs}s, $(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$work/fuzz.log" | tail -n 1)"
done
exit $fail
