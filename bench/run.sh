#!/bin/sh
# run.sh - time zonelint against named-checkzone and kzonecheck (wall time, peak RSS) on a generated zone and the real root zone.
#
# usage: bench/run.sh [--records N] [--runs K]
#   --records N   size of the generated zone (default 1000000)
#   --runs K      timed runs per tool and input; the median is reported (default 5)
# environment:
#   ZONELINT=path    the zonelint to time (default ./zonelint), run as "PATH -o ORIGIN FILE";
#                    /bin/cat (or any program with ZONELINT_STANDIN=1) is a stand-in,
#                    run as "PATH FILE"
#   SHARED=dir       where realzones/root.zone lives (default ../shared)
#   NAMED_CHECKZONE_OPTS, KZONECHECK_OPTS   replace the peers' default options
#
# Each run is one whole process under GNU time (/usr/bin/time); wall time is
# measured around it with nanosecond clocks, peak RSS is GNU time's %M.
# Within a round the three tools run one after the other, the starting tool
# rotating from round to round, so drift (thermal, page cache, neighbours)
# hits all of them alike.

set -u

usage() {
	sed -n '4,12p' "$0" | sed 's/^# \{0,1\}//'
}

die() {
	echo "bench/run.sh: $*" >&2
	exit 2
}

RECORDS=1000000
RUNS=5
while [ $# -gt 0 ]; do
	case $1 in
	--records) [ $# -ge 2 ] || die "--records needs a value"; RECORDS=$2; shift 2 ;;
	--records=*) RECORDS=${1#*=}; shift ;;
	--runs) [ $# -ge 2 ] || die "--runs needs a value"; RUNS=$2; shift 2 ;;
	--runs=*) RUNS=${1#*=}; shift ;;
	-h|--help) usage; exit 0 ;;
	*) usage >&2; die "unknown argument: $1" ;;
	esac
done
case $RECORDS in ''|*[!0-9]*) die "--records must be a positive integer, not '$RECORDS'" ;; esac
case $RUNS in ''|*[!0-9]*) die "--runs must be a positive integer, not '$RUNS'" ;; esac
[ "$RUNS" -ge 1 ] || die "--runs must be at least 1"

ROOT=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd) || die "cannot find the repository root"
cd "$ROOT" || exit 2

SHARED=${SHARED:-../shared}
OUT=build/bench
GEN=bench/gen-zone.py
GEN_ORIGIN=hosting.example
GEN_SEED=1
NAMED_CHECKZONE_OPTS=${NAMED_CHECKZONE_OPTS:--i local}
KZONECHECK_OPTS=${KZONECHECK_OPTS:-}
# root.zone (2017-08-21) is DNSSEC-signed and its RRSIGs expired in 2017:
# kzonecheck validates them, so give it a "now" inside their validity window.
ROOTZONE_NOW=20170825000000

# ---- the tools ----------------------------------------------------------------
ZONELINT=${ZONELINT:-./zonelint}
case $ZONELINT in
*/*) if [ ! -f "$ZONELINT" ] || [ ! -x "$ZONELINT" ]; then
	die "zonelint not found or not executable at '$ZONELINT': build it with 'make' (or set ZONELINT=path)"
     fi ;;
*) command -v "$ZONELINT" >/dev/null 2>&1 ||
	die "zonelint '$ZONELINT' not found in PATH: build it with 'make' (or set ZONELINT=path)" ;;
esac
STANDIN=${ZONELINT_STANDIN:-0}
[ "${ZONELINT##*/}" = cat ] && STANDIN=1

TIME=/usr/bin/time
if ! "$TIME" -f '%M' -o /dev/null true 2>/dev/null; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "bench/run.sh: GNU time missing; installing the Debian package 'time'" >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >&2 ||
			{ apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >&2; }
	fi
	"$TIME" -f '%M' -o /dev/null true 2>/dev/null ||
		die "GNU time (/usr/bin/time) is needed: install it, e.g. 'apt-get install time' as root"
fi
command -v python3 >/dev/null 2>&1 || die "python3 is needed to generate the zone"

NOTES=''
note() {
	NOTES="$NOTES- $*
"
}

PEERS=''
if command -v named-checkzone >/dev/null 2>&1; then
	PEERS="$PEERS named-checkzone"
else
	note "named-checkzone skipped: not installed (Debian package bind9-utils)"
fi
if command -v kzonecheck >/dev/null 2>&1; then
	PEERS="$PEERS kzonecheck"
else
	note "kzonecheck skipped: not installed (Debian package knot-dnssecutils)"
fi
TOOLS="zonelint$PEERS"
NTOOLS=$(echo "$TOOLS" | wc -w)

# ---- wall clock in nanoseconds (GNU date); else fall back to GNU time's %e --------
case $(date +%N 2>/dev/null) in
''|*[!0-9]*) NS=0 ;;
*) NS=1 ;;
esac

# ---- the generated zone, cached by generator hash and arguments --------------------
mkdir -p "$OUT" || die "cannot create $OUT"
ZONE=$OUT/hosting-$RECORDS.zone
STAMP=$ZONE.stamp
want="$(sha256sum "$GEN" | cut -c1-64) records=$RECORDS origin=$GEN_ORIGIN seed=$GEN_SEED"
if [ -s "$ZONE" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
	echo "zone: $ZONE (cached)"
else
	echo "zone: generating $ZONE ($RECORDS records) ..."
	rm -f "$STAMP"
	g0=$(date +%s)
	python3 "$GEN" --records "$RECORDS" --origin "$GEN_ORIGIN" --seed "$GEN_SEED" -o "$ZONE" ||
		die "zone generation failed"
	echo "zone: generated in $(( $(date +%s) - g0 )) s"
	echo "$want" >"$STAMP"
fi

# ---- inputs: name|origin|file|records -----------------------------------------------
count_rrs() {
	# Records in a master file: lines that start a record outside parentheses,
	# not blank, not a comment, not a $directive.
	awk '
	{
		line = $0; n = length(line); startdepth = depth; content = 0
		for (i = 1; i <= n; i++) {
			c = substr(line, i, 1)
			if (inq) {
				if (esc) esc = 0
				else if (c == "\\") esc = 1
				else if (c == "\"") inq = 0
				continue
			}
			if (c == ";") break
			if (c == "\"") { inq = 1; content = 1; continue }
			if (c == "(") depth++
			else if (c == ")") depth--
			else if (c != " " && c != "\t" && c != "\r") content = 1
		}
		if (startdepth == 0 && content && substr(line, 1, 1) != "$") rr++
	}
	END { print rr + 0 }' "$1"
}

INPUTS="generated|$GEN_ORIGIN|$ZONE|$RECORDS"
ROOTZONE=$SHARED/realzones/root.zone
if [ -r "$ROOTZONE" ]; then
	INPUTS="$INPUTS
root.zone|.|$ROOTZONE|$(count_rrs "$ROOTZONE")"
else
	note "root.zone skipped: $ROOTZONE not found (set SHARED=dir)"
fi

# ---- one timed run --------------------------------------------------------------
RESULTS=$OUT/results.txt
: >"$RESULTS"
rm -f "$OUT"/stdout.* "$OUT"/stderr.* "$OUT"/cmd.* "$OUT/failed"
run_one() {	# tool input origin file
	tool=$1 input=$2 origin=$3 file=$4
	case $tool in
	zonelint)
		if [ "$STANDIN" = 1 ]; then set -- "$ZONELINT" "$file"
		else set -- "$ZONELINT" -o "$origin" "$file"; fi ;;
	named-checkzone)
		# shellcheck disable=SC2086
		set -- named-checkzone $NAMED_CHECKZONE_OPTS "$origin" "$file" ;;
	kzonecheck)
		extra=''
		[ "$input" = root.zone ] && extra="-t $ROOTZONE_NOW"
		# shellcheck disable=SC2086
		set -- kzonecheck $KZONECHECK_OPTS $extra -o "$origin" "$file" ;;
	esac
	echo "$*" >"$OUT/cmd.$tool.$input"
	err=$OUT/stderr.$tool.$input
	[ "$NS" = 1 ] && t0=$(date +%s%N)
	"$TIME" -f '%M %e' -o "$OUT/time.out" "$@" >/dev/null 2>"$err"
	st=$?
	[ "$NS" = 1 ] && t1=$(date +%s%N)
	last=$(tail -n 1 "$OUT/time.out")
	rss=${last%% *}
	if [ "$NS" = 1 ]; then wall=$(( (t1 - t0) / 1000 ))	# microseconds
	else wall=$(echo "${last#* }" | awk '{ printf "%d", $1 * 1000000 }'); fi
	case $rss in ''|*[!0-9]*) rss=0 ;; esac
	# A failed run: run it once more, untimed, keeping stdout for the report.
	case $tool:$st in
	zonelint:0|zonelint:1|named-checkzone:0|kzonecheck:0) ;;
	*) [ -f "$OUT/stdout.$tool.$input" ] ||
		"$@" >"$OUT/stdout.$tool.$input" 2>/dev/null ;;
	esac
	echo "$input $tool $wall $rss $st" >>"$RESULTS"
	printf ' %s %.3fs' "$tool" "$(echo "$wall" | awk '{ print $1 / 1e6 }')"
}

echo "runs: $RUNS per tool and input, median wall time; tools: $TOOLS"
[ "$STANDIN" = 1 ] && note "zonelint is a stand-in ($ZONELINT, run as '${ZONELINT##*/} FILE'): its numbers are not zonelint's"
echo "$INPUTS" | while IFS='|' read -r input origin file _records; do
	cat "$file" >/dev/null	# page cache warm for everyone
	r=1
	while [ "$r" -le "$RUNS" ]; do
		printf '%s round %d:' "$input" "$r"
		# rotate the starting tool every round
		k=0
		while [ "$k" -lt "$NTOOLS" ]; do
			idx=$(( (k + r - 1) % NTOOLS + 1 ))
			tool=$(echo "$TOOLS" | cut -d' ' -f"$idx")
			run_one "$tool" "$input" "$origin" "$file"
			k=$((k + 1))
		done
		echo
		r=$((r + 1))
	done
done

# ---- the table ----------------------------------------------------------------------
echo
echo "Commands (stdout to /dev/null, stderr to $OUT/stderr.TOOL.INPUT):"
for f in "$OUT"/cmd.*; do [ -f "$f" ] && echo "  $(cat "$f")"; done
echo
echo "machine: $(nproc 2>/dev/null) CPUs,$(grep -m 1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2)"
for t in $PEERS; do
	case $t in
	named-checkzone) echo "named-checkzone $(named-checkzone -v 2>&1)" ;;
	kzonecheck) kzonecheck -V 2>&1 | head -n 1 ;;
	esac
done
echo
echo "$INPUTS" | awk -F'|' -v results="$RESULTS" -v tools="$TOOLS" -v outdir="$OUT" '
function median(s,    a, n, i, j, t) {
	n = split(s, a, " ")
	for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
	return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function ok(tool, st) {
	if (tool == "zonelint") return st == 0 || st == 1
	return st == 0
}
function why(tool, st) {
	if (st > 128) return sprintf("crashed (signal %d)", st - 128)
	if (st == 127) return "could not run (exit 127)"
	if (tool == "zonelint") return sprintf("failed (exit %d, expected 0 or 1)", st)
	return sprintf("reported errors (exit %d)", st)
}
function ratio(a, b,    q) {
	if (b <= 0 || a <= 0) return "n/a"
	q = a / b
	return sprintf(q < 0.01 ? "%.4fx" : q < 0.1 ? "%.3fx" : "%.2fx", q)
}
BEGIN {
	while ((getline line < results) > 0) {
		split(line, f, " ")
		key = f[1] SUBSEP f[2]
		walls[key] = walls[key] " " f[3]
		if (!(key in rss) || f[4] + 0 > rss[key]) rss[key] = f[4] + 0
		if (!ok(f[2], f[5]) && !(key in bad)) bad[key] = why(f[2], f[5])
	}
	nt = split(tools, tl, " ")
	fmt = "| %-15s | %-9s | %9s | %7s | %13s | %12s | %18s | %17s |\n"
	printf fmt, "tool", "input", "records", "MB", "median wall s", "peak RSS MiB", "zonelint/peer wall", "zonelint/peer RSS"
	printf "|-----------------|-----------|-----------|---------|---------------|--------------|--------------------|-------------------|\n"
}
{
	input = $1; file = $3; records = $4
	cmd = "wc -c < \"" file "\""; cmd | getline bytes; close(cmd)
	zk = input SUBSEP "zonelint"
	zw = (zk in walls) ? median(walls[zk]) : 0
	zr = (zk in rss) ? rss[zk] : 0
	zok = !(zk in bad)
	for (i = 1; i <= nt; i++) {
		k = input SUBSEP tl[i]
		if (!(k in walls)) continue
		w = median(walls[k])
		rw = rr = "-"
		if (tl[i] != "zonelint") {
			rw = zok && !(k in bad) ? ratio(zw, w) : "n/a"
			rr = zok && !(k in bad) ? ratio(zr, rss[k]) : "n/a"
		}
		printf fmt, tl[i], input, records, sprintf("%.1f", bytes / 1e6), sprintf("%.3f", w / 1e6), sprintf("%.1f", rss[k] / 1024), rw, rr
		if (k in bad) {
			fails = fails sprintf("- %s on %s %s\n", tl[i], input, bad[k])
			print outdir "/stderr." tl[i] "." input > (outdir "/failed")
			print outdir "/stdout." tl[i] "." input > (outdir "/failed")
		}
	}
}
END {
	printf "\nRatios are zonelint / peer: below 1.00x zonelint is faster or smaller.\n"
	if (fails != "") { printf "\nFailures:\n%s", fails; exit 1 }
}'
st=$?
if [ -n "$NOTES" ]; then
	echo
	echo "Notes:"
	printf '%s' "$NOTES"
fi
if [ -s "$OUT/failed" ]; then
	while read -r f; do
		[ -s "$f" ] || continue
		echo
		echo "== $f (last lines)"
		tail -n 5 "$f" | cut -c1-200
	done <"$OUT/failed"
fi
exit $st
