#!/bin/sh
# fuzz/run.sh - one long fuzzing session of one target on one core, its corpus kept in build/fuzz-corpus/.
#
#   sh fuzz/run.sh TARGET SECONDS [extra libFuzzer options...]
#
# Needs make fuzz and make fuzz-seeds first.  The corpus grows in
# build/fuzz-corpus/TARGET/ (git-ignored; seeds are read from
# build/fuzz-seeds/TARGET/), crashes land in build/fuzz-artifacts/TARGET/,
# and the log in build/fuzz-logs/TARGET-<date>.log.  One worker, niced:
# the machine is shared.  Prints the last status line and the final stats.
set -eu
t=$1
secs=$2
shift 2
case $t in
zone|roundtrip) dict=fuzz/zone.dict ;;
spf_*) dict=fuzz/spf.dict ;;
namedconf) dict=fuzz/namedconf.dict ;;
*) dict= ;;
esac
mkdir -p "build/fuzz-corpus/$t" "build/fuzz-artifacts/$t" build/fuzz-logs
log=build/fuzz-logs/$t-$(date +%Y%m%d-%H%M%S).log
st=0
nice -n 10 "build/fuzz/fuzz_$t" -jobs=1 -workers=1 -max_total_time="$secs" \
	-timeout=10 -rss_limit_mb=2048 -max_len=16384 ${dict:+-dict=$dict} \
	-artifact_prefix="build/fuzz-artifacts/$t/" -print_final_stats=1 "$@" \
	"build/fuzz-corpus/$t" "build/fuzz-seeds/$t" > "$log" 2>&1 || st=$?
# with -jobs the fuzzing itself logs to fuzz-0.log in the current directory
if [ -f fuzz-0.log ]; then
	cat fuzz-0.log >> "$log"
	rm -f fuzz-0.log
fi
grep -E '^#[0-9]+' "$log" | tail -n 1
grep -E '^stat::|SUMMARY|Test unit written' "$log" || true
echo "log: $log"
exit $st
