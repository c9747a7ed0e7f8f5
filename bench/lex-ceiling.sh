#!/bin/sh
# lex-ceiling.sh - time a bare flex tokenizer (bench/lex-ceiling.l) and
# zonelint on the same zone, so the share of time above the tokenizer is known.
#
# usage: bench/lex-ceiling.sh [ZONE]   (default: the bench's generated 1M zone)
set -eu
ROOT=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
cd "$ROOT"
ZONE=${1:-build/bench/hosting-1000000.zone}
[ -f "$ZONE" ] || { echo "lex-ceiling.sh: $ZONE missing: run make bench first or name a zone" >&2; exit 2; }
mkdir -p build/bench
# the scanner's own table options (see the Makefile), without -b
${FLEX:-flex} -Cf -o build/bench/lex-ceiling.c bench/lex-ceiling.l
${CC:-cc} -O2 -o build/bench/lex-ceiling build/bench/lex-ceiling.c
cat "$ZONE" >/dev/null
size=$(wc -c <"$ZONE")
for tool in lex-ceiling zonelint; do
	best=
	for _ in 1 2 3; do
		if [ $tool = lex-ceiling ]; then
			t=$( { /usr/bin/time -f '%U %S' build/bench/lex-ceiling <"$ZONE" 2>&1 >/dev/null; } | tail -n 1)
		else
			t=$( { /usr/bin/time -f '%U %S' ./zonelint --severity error "$ZONE" 2>&1 >/dev/null; } | tail -n 1)
		fi
		cpu=$(echo "$t" | awk '{printf "%.2f", $1 + $2}')
		if [ -z "$best" ] || awk "BEGIN{exit !($cpu < $best)}"; then best=$cpu; fi
	done
	echo "$tool: $best s CPU (best of 3), $(awk "BEGIN{printf \"%.0f\", $size / 1e6 / ($best > 0 ? $best : 0.01)}") MB/s"
done
