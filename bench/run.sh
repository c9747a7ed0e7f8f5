#!/bin/sh
# run.sh - time zonelint against validns, nsd-checkzone, kzonecheck and named-checkzone (wall and CPU time, MB/s, records/s, peak RSS) on generated zones, a small zone and the real root zone, and check issue 7's speed and memory targets.
#
# usage: bench/run.sh [--sizes N,N...] [--records N] [--runs K] [--small N]
#   --sizes LIST  records of the generated zones, comma-separated
#                 (default 1000000,5000000)
#   --records N   one generated zone of N records (same as --sizes N)
#   --runs K      timed rounds per input; the median is reported
#                 (default 5, and 3 for zones of more than 2000000 records)
#   --small N     records of the small zone timed for start-up cost, each
#                 round a batch of 40 runs (default 100; 0 leaves it out)
# environment:
#   ZONELINT=path    the zonelint to time (default ./zonelint), run as "PATH -o ORIGIN FILE";
#                    /bin/cat (or any program with ZONELINT_STANDIN=1) is a stand-in,
#                    run as "PATH FILE"
#   SHARED=dir       where realzones/root.zone lives (default ../shared)
#   NAMED_CHECKZONE_OPTS, KZONECHECK_OPTS, VALIDNS_OPTS, NSD_CHECKZONE_OPTS
#                    replace the peers' default options
#
# Each run is one whole process under GNU time (/usr/bin/time): wall time is
# measured around it with nanosecond clocks, CPU time is GNU time's %U + %S,
# peak RSS its %M.  Within a round the tools run one after the other, the
# starting tool rotating from round to round, so drift (thermal, page cache,
# neighbours) hits all of them alike.  Peers that are missing are installed
# with apt-get when the script runs as root, else skipped with a note.

set -u

usage() {
	sed -n '4,11p' "$0" | sed 's/^# \{0,1\}//'
}

die() {
	echo "bench/run.sh: $*" >&2
	exit 2
}

SIZES=1000000,5000000
RUNS=
SMALL=100
while [ $# -gt 0 ]; do
	case $1 in
	--sizes) [ $# -ge 2 ] || die "--sizes needs a value"; SIZES=$2; shift 2 ;;
	--sizes=*) SIZES=${1#*=}; shift ;;
	--records) [ $# -ge 2 ] || die "--records needs a value"; SIZES=$2; shift 2 ;;
	--records=*) SIZES=${1#*=}; shift ;;
	--runs) [ $# -ge 2 ] || die "--runs needs a value"; RUNS=$2; shift 2 ;;
	--runs=*) RUNS=${1#*=}; shift ;;
	--small) [ $# -ge 2 ] || die "--small needs a value"; SMALL=$2; shift 2 ;;
	--small=*) SMALL=${1#*=}; shift ;;
	-h|--help) usage; exit 0 ;;
	*) usage >&2; die "unknown argument: $1" ;;
	esac
done
SIZES=$(echo "$SIZES" | tr ',' '\n' | sed '/^$/d' | sort -n -u)
[ -n "$SIZES" ] || die "--sizes needs at least one size"
for n in $SIZES; do
	case $n in *[!0-9]*) die "--sizes: '$n' is not a positive integer" ;; esac
	[ "$n" -ge 1 ] || die "--sizes: sizes must be at least 1"
done
case $SMALL in ''|*[!0-9]*) die "--small must be a number of records, not '$SMALL'" ;; esac
if [ -n "$RUNS" ]; then
	case $RUNS in *[!0-9]*) die "--runs must be a positive integer, not '$RUNS'" ;; esac
	[ "$RUNS" -ge 1 ] || die "--runs must be at least 1"
fi
# runs for an input of $1 records: --runs, else 5 (3 above 2M records)
runs_for() {
	if [ -n "$RUNS" ]; then echo "$RUNS"
	elif [ "$1" -gt 2000000 ]; then echo 3
	else echo 5; fi
}
SMALL_REPS=40	# runs in each timed batch of the small zone

ROOT=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd) || die "cannot find the repository root"
cd "$ROOT" || exit 2

SHARED=${SHARED:-../shared}
OUT=build/bench
GEN=bench/gen-zone.py
GEN_ORIGIN=hosting.example
GEN_SEED=1
NAMED_CHECKZONE_OPTS=${NAMED_CHECKZONE_OPTS:--i local}
KZONECHECK_OPTS=${KZONECHECK_OPTS:-}
VALIDNS_OPTS=${VALIDNS_OPTS:--p all}
NSD_CHECKZONE_OPTS=${NSD_CHECKZONE_OPTS:-}
# root.zone (2017-08-21) is DNSSEC-signed and its RRSIGs expired in 2017:
# kzonecheck validates them, so give it a "now" inside their validity window.
ROOTZONE_NOW=20170825000000
START_DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
START_LOAD=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)

NOTES=''
note() {
	NOTES="$NOTES- $*
"
}

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
SYNTAX=0
if [ "$STANDIN" = 0 ] && "$ZONELINT" --help </dev/null 2>&1 | grep -q -e '--syntax-only'; then
	SYNTAX=1
fi

apt_install() {	# why package...
	why=$1; shift
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "bench/run.sh: $why; installing the Debian package(s) $*" >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2 ||
			{ apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2; }
	fi
}

TIME=/usr/bin/time
if ! "$TIME" -f '%M' -o /dev/null true 2>/dev/null; then
	apt_install "GNU time missing" time
	"$TIME" -f '%M' -o /dev/null true 2>/dev/null ||
		die "GNU time (/usr/bin/time) is needed: install it, e.g. 'apt-get install time' as root"
fi
command -v python3 >/dev/null 2>&1 || die "python3 is needed to generate the zones"

# the peers: tool name, Debian package; nsd-checkzone lives in /usr/sbin
ALL_PEERS='validns nsd-checkzone kzonecheck named-checkzone'
package_of() {
	case $1 in
	validns) echo validns ;;
	nsd-checkzone) echo nsd ;;
	kzonecheck) echo knot-dnssecutils ;;
	named-checkzone) echo bind9-utils ;;
	esac
}
find_peer() {	# tool -> its path, or nothing
	command -v "$1" 2>/dev/null && return 0
	for d in /usr/sbin /sbin /usr/local/sbin; do
		[ -x "$d/$1" ] && { echo "$d/$1"; return 0; }
	done
	return 1
}
missing=''
for t in $ALL_PEERS; do
	find_peer "$t" >/dev/null || missing="$missing $(package_of "$t")"
done
# shellcheck disable=SC2086 # one word per package
[ -n "$missing" ] && apt_install "peers missing" $missing
PEERS=''
for t in $ALL_PEERS; do
	if p=$(find_peer "$t"); then
		PEERS="$PEERS $t"
		case $t in
		validns) VALIDNS=$p ;;
		nsd-checkzone) NSD_CHECKZONE=$p ;;
		kzonecheck) KZONECHECK=$p ;;
		named-checkzone) NAMED_CHECKZONE=$p ;;
		esac
	else
		note "$t skipped: not installed (Debian package $(package_of "$t"); run as root to have it installed)"
	fi
done
ZL_TOOLS=zonelint
[ "$SYNTAX" = 1 ] && ZL_TOOLS="zonelint zonelint-syntax"

# ---- wall clock in nanoseconds (GNU date); else fall back to GNU time's %e --------
case $(date +%N 2>/dev/null) in
''|*[!0-9]*) NS=0 ;;
*) NS=1 ;;
esac

# ---- the generated zones, cached by generator hash and arguments -------------------
mkdir -p "$OUT" || die "cannot create $OUT"
gen_zone() {	# records -> the zone's path on stdout; progress on stderr
	zone=$OUT/hosting-$1.zone
	stamp=$zone.stamp
	want="$(sha256sum "$GEN" | cut -c1-64) records=$1 origin=$GEN_ORIGIN seed=$GEN_SEED"
	if [ -s "$zone" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
		echo "zone: $zone (cached)" >&2
	else
		echo "zone: generating $zone ($1 records) ..." >&2
		rm -f "$stamp"
		g0=$(date +%s)
		python3 "$GEN" --records "$1" --origin "$GEN_ORIGIN" --seed "$GEN_SEED" -o "$zone" ||
			die "zone generation failed"
		echo "zone: generated in $(( $(date +%s) - g0 )) s" >&2
		echo "$want" >"$stamp"
	fi
	echo "$zone"
}

label_of() {	# records -> 100, 20k, 1M, 2.5M
	echo "$1" | awk '{
		if ($1 >= 1000000) { s = sprintf("%.1f", $1 / 1e6); sub(/\.0$/, "", s); print s "M" }
		else if ($1 >= 1000 && $1 % 1000 == 0) print $1 / 1000 "k"
		else print $1 }'
}

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

# ---- inputs: name|label|kind|origin|file|records|bytes|runs|reps|tools ---------------
tools_for() {	# kind origin -> the tools run on that input
	list=$ZL_TOOLS
	for t in $PEERS; do
		# validns 0.8 cannot check a zone at the root (see the note below)
		[ "$t" = validns ] && [ "$2" = . ] && continue
		list="$list $t"
	done
	[ "$1" = small ] && list="$list true"
	echo "$list"
}
INPUTS_FILE=$OUT/inputs.txt
: >"$INPUTS_FILE"
add_input() {	# name label kind origin file records reps
	bytes=$(wc -c <"$5" | tr -d ' ')
	echo "$1|$2|$3|$4|$5|$6|$bytes|$(runs_for "$6")|$7|$(tools_for "$3" "$4")" >>"$INPUTS_FILE"
}
if [ "$SMALL" -gt 0 ]; then
	z=$(gen_zone "$SMALL") || exit 2
	add_input small "$(label_of "$SMALL") records" small "$GEN_ORIGIN" "$z" "$SMALL" "$SMALL_REPS"
fi
for n in $SIZES; do
	z=$(gen_zone "$n") || exit 2
	l=$(label_of "$n")
	add_input "gen-$l" "$l" gen "$GEN_ORIGIN" "$z" "$n" 1
done
ROOTZONE=$SHARED/realzones/root.zone
if [ -r "$ROOTZONE" ]; then
	add_input root.zone root.zone real . "$ROOTZONE" "$(count_rrs "$ROOTZONE")" 1
	case " $PEERS " in
	*" validns "*) note "validns skipped on root.zone: validns 0.8 cannot check a zone whose origin is the root. Its zone-membership test wants a '.' before the apex suffix, which no name below '.' has, so it rejects every name below the apex ('net. does not belong to zone .') and keeps only the apex's records." ;;
	esac
else
	note "root.zone skipped: $ROOTZONE not found (set SHARED=dir)"
fi

# ---- one timed run ------------------------------------------------------------------
RESULTS=$OUT/results.txt
: >"$RESULTS"
rm -f "$OUT"/stdout.* "$OUT"/stderr.* "$OUT"/cmd.* "$OUT"/check.* "$OUT"/why.* "$OUT"/caa.* "$OUT/failed"
# the batch of the small zone: run the command N times, exit with the last status
# shellcheck disable=SC2016 # expanded by the inner sh
LOOP='n=$1; shift; i=0; st=0
while [ "$i" -lt "$n" ]; do "$@" >/dev/null 2>&1; st=$?; i=$((i + 1)); done
exit "$st"'

# The command of tool on input, as the positional parameters of the caller:
#   eval "set -- $(command_of tool input origin file)"
command_of() {	# tool input origin file
	q=$(printf '%s' "$4" | sed "s/'/'\\\\''/g")
	o=$(printf '%s' "$3" | sed "s/'/'\\\\''/g")
	z=$(printf '%s' "$ZONELINT" | sed "s/'/'\\\\''/g")
	case $1 in
	zonelint)
		if [ "$STANDIN" = 1 ]; then echo "'$z' '$q'"
		else echo "'$z' -o '$o' '$q'"; fi ;;
	zonelint-syntax) echo "'$z' --syntax-only -o '$o' '$q'" ;;
	named-checkzone) echo "'$NAMED_CHECKZONE' $NAMED_CHECKZONE_OPTS '$o' '$q'" ;;
	kzonecheck)
		extra=''
		[ "$2" = root.zone ] && extra="-t $ROOTZONE_NOW"
		echo "'$KZONECHECK' $KZONECHECK_OPTS $extra -o '$o' '$q'" ;;
	validns) echo "'$VALIDNS' -s $VALIDNS_OPTS -z '$o' '$q'" ;;
	nsd-checkzone) echo "'$NSD_CHECKZONE' $NSD_CHECKZONE_OPTS '$o' '$q'" ;;
	true) echo /bin/true ;;
	esac
}

# judge tool input status stdout stderr records -> nothing when the run counts,
# else why it failed
judge() {
	case $1:$3 in
	zonelint*:0|zonelint*:1|*:0) return 0 ;;
	esac
	if [ "$3" -gt 128 ]; then echo "crashed (signal $(($3 - 128)))"; return 0; fi
	if [ "$3" = 127 ]; then echo "could not run (exit 127)"; return 0; fi
	case $1 in
	zonelint*) echo "failed (exit $3, expected 0 or 1)" ;;
	validns)
		# validns 0.8 does not know CAA: one error line per CAA record, exit 1.
		# The run counts when those are its only errors and it read every
		# other record (-s: "records found").
		caa=$(grep -c -E ':[0-9]+: invalid or unsupported rdtype caa$' "$5")
		other=$(grep -c -v -E ':[0-9]+: invalid or unsupported rdtype caa$' "$5")
		found=$(sed -n 's/^records found: *\([0-9]*\).*/\1/p' "$4")
		if [ "$3" != 1 ] || [ "$other" != 0 ] || [ "$caa" = 0 ]; then
			echo "reported errors other than unsupported CAA (exit $3)"
		elif [ "$(( ${found:-0} + caa ))" != "$6" ]; then
			echo "read ${found:-no} records and $caa CAA records, not the $6 in the zone"
		else
			echo "$caa" >"$OUT/caa.$2"
		fi ;;
	*) echo "reported errors (exit $3)" ;;
	esac
}

run_one() {	# tool input origin file records reps
	tool=$1 input=$2 reps=$6 records=$5
	eval "set -- $(command_of "$tool" "$input" "$3" "$4")"
	echo "$*" >"$OUT/cmd.$tool.$input"
	out=/dev/null
	[ "$tool" = validns ] && out=$OUT/stdout.$tool.$input
	err=$OUT/stderr.$tool.$input
	[ "$NS" = 1 ] && t0=$(date +%s%N)
	if [ "$reps" = 1 ]; then
		"$TIME" -f '%e %U %S %M' -o "$OUT/time.out" "$@" >"$out" 2>"$err"
	else
		"$TIME" -f '%e %U %S %M' -o "$OUT/time.out" sh -c "$LOOP" loop "$reps" "$@" >/dev/null 2>&1
	fi
	st=$?
	[ "$NS" = 1 ] && t1=$(date +%s%N)
	last=$(tail -n 1 "$OUT/time.out")
	if [ "$NS" = 1 ]; then wall=$(( (t1 - t0) / 1000 / reps ))	# microseconds
	else wall=$(echo "$last" | awk -v n="$reps" '{ printf "%d", $1 * 1e6 / n }'); fi
	cpu=$(echo "$last" | awk -v n="$reps" '{ printf "%d", ($2 + $3) * 1e6 / n }')
	rss=$(echo "$last" | awk '{ print $4 }')
	case $rss in ''|*[!0-9]*) rss=0 ;; esac
	if [ "$reps" = 1 ]; then
		why=$(judge "$tool" "$input" "$st" "$out" "$err" "$records")
	elif [ "$st" != "$(cat "$OUT/check.$tool.$input")" ]; then
		why="exit status $st in a timed batch, $(cat "$OUT/check.$tool.$input") in the checked run"
	else
		why=$(cat "$OUT/why.$tool.$input")
	fi
	# A failed run: run it once more, untimed, keeping stdout for the report.
	if [ -n "$why" ] && [ ! -s "$OUT/stdout.$tool.$input" ]; then
		"$@" >"$OUT/stdout.$tool.$input" 2>/dev/null </dev/null
	fi
	echo "$input $tool $wall $cpu $rss $st ${why:--}" >>"$RESULTS"
	if [ "$reps" = 1 ]; then
		printf ' %s %.3fs' "$tool" "$(echo "$wall" | awk '{ print $1 / 1e6 }')"
	else
		printf ' %s %.2fms' "$tool" "$(echo "$wall" | awk '{ print $1 / 1e3 }')"
	fi
}

# the untimed run before a batch: its output is kept and judged, and every
# timed batch must end with its exit status
check_one() {	# tool input origin file records
	tool=$1 input=$2 records=$5
	eval "set -- $(command_of "$tool" "$input" "$3" "$4")"
	"$@" >"$OUT/stdout.$tool.$input" 2>"$OUT/stderr.$tool.$input" </dev/null
	echo $? >"$OUT/check.$tool.$input"
	judge "$tool" "$input" "$(cat "$OUT/check.$tool.$input")" "$OUT/stdout.$tool.$input" \
		"$OUT/stderr.$tool.$input" "$records" >"$OUT/why.$tool.$input"
}

[ "$STANDIN" = 1 ] && note "zonelint is a stand-in ($ZONELINT, run as '${ZONELINT##*/} FILE'): its numbers are not zonelint's"
[ "$SYNTAX" = 1 ] || [ "$STANDIN" = 1 ] || note "zonelint --syntax-only not timed: './zonelint --help' does not mention it"
echo "tools: $ZL_TOOLS$PEERS"
while IFS='|' read -r input label _kind origin file records _bytes runs reps tools; do
	cat "$file" >/dev/null	# page cache warm for everyone
	ntools=$(echo "$tools" | wc -w)
	if [ "$reps" != 1 ]; then
		for t in $tools; do check_one "$t" "$input" "$origin" "$file" "$records"; done
		echo "$label: $runs round(s) of $reps runs per tool, mean per run"
	else
		echo "$label: $runs round(s)"
	fi
	r=1
	while [ "$r" -le "$runs" ]; do
		printf '%s round %d:' "$input" "$r"
		# rotate the starting tool every round
		k=0
		while [ "$k" -lt "$ntools" ]; do
			idx=$(( (k + r - 1) % ntools + 1 ))
			tool=$(echo "$tools" | cut -d' ' -f"$idx")
			run_one "$tool" "$input" "$origin" "$file" "$records" "$reps" </dev/null
			k=$((k + 1))
		done
		echo
		r=$((r + 1))
	done
done <"$INPUTS_FILE"

# ---- machine, versions, commands ---------------------------------------------------------
echo
echo "date: $START_DATE"
mem=$(awk '/^MemTotal:/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
echo "machine: $(nproc 2>/dev/null) CPUs,$(grep -m 1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2), $mem, $(uname -sr)"
echo "load average (1, 5, 15 min): $START_LOAD at the start, $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) at the end"
commit=$(git rev-parse --short HEAD 2>/dev/null)
[ -n "$commit" ] && ! git diff --quiet HEAD -- src rules grammar 2>/dev/null && commit="$commit + local changes"
if [ "$STANDIN" = 1 ]; then echo "zonelint: stand-in $ZONELINT"
else echo "zonelint: $("$ZONELINT" --version 2>&1 </dev/null | head -n 1) (${commit:-no git}), $ZONELINT"; fi
for t in $PEERS; do
	case $t in
	named-checkzone) echo "named-checkzone: $("$NAMED_CHECKZONE" -v 2>&1 | head -n 1)" ;;
	kzonecheck) echo "kzonecheck: $("$KZONECHECK" -V 2>&1 | head -n 1)" ;;
	validns) echo "validns: $(dpkg-query -W -f '${Version}' validns 2>/dev/null || echo 'version unknown') (Debian package)" ;;
	nsd-checkzone) echo "nsd-checkzone: $("$NSD_CHECKZONE" -h 2>&1 | sed -n 's/^Version \([^ ]*\)\..*/NSD \1/p' | head -n 1)" ;;
	esac
done
echo
echo "Commands (stdout to /dev/null but validns's, stderr to $OUT/stderr.TOOL.INPUT):"
for f in "$OUT"/cmd.*; do [ -f "$f" ] && echo "  $(cat "$f")"; done
[ "$SMALL" -gt 0 ] && echo "  the small zone: each timed run is 'sh -c LOOP' running the command $SMALL_REPS times; per-run means"

# ---- the tables and the targets --------------------------------------------------------
awk -F'|' -v results="$RESULTS" -v outdir="$OUT" '
function median(s,    a, n, i, j, t) {
	n = split(s, a, " ")
	for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
	return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function ratio(a, b,    q) {
	if (b <= 0 || a <= 0) return "n/a"
	q = a / b
	return sprintf(q < 0.01 ? "%.4fx" : q < 0.1 ? "%.3fx" : "%.2fx", q)
}
function commas(n,    s, r) {
	s = sprintf("%d", n); r = ""
	while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) }
	return s r
}
function shown(t) {
	if (t == "zonelint-syntax") return "zonelint --syntax-only"
	if (t == "true") return "/bin/true (floor)"
	return t
}
function have(in_, t,    k) { k = in_ SUBSEP t; return (k in walls) && !(k in bad) }
function verdict(ok) { npass += ok; nmiss += !ok; return ok ? "pass" : "miss" }
function target(line) { targets = targets "  " line "\n" }
function floor_is(f, v) { return sprintf("; /bin/true %.2f ms, %.2f ms above it", f, v - f) }
# a target on zonelint/peer wall time, on input i
function peer_target(i, peer, limit,    zw, pw, zc, pc, q) {
	if (!have(name[i], peer)) { target(sprintf("%s: zonelint/%s wall (target \342\211\244%.2fx): n/a, %s %s", label[i], peer, limit, peer, (name[i] SUBSEP peer) in walls ? "failed" : "not run")); return }
	if (!have(name[i], "zonelint")) { target(sprintf("%s: zonelint/%s wall (target \342\211\244%.2fx): n/a, zonelint failed", label[i], peer, limit)); return }
	zw = median(walls[name[i] SUBSEP "zonelint"]); pw = median(walls[name[i] SUBSEP peer]); q = zw / pw
	zc = median(cpus[name[i] SUBSEP "zonelint"]); pc = median(cpus[name[i] SUBSEP peer])
	target(sprintf("%s: zonelint/%s wall %.2fx (%.3f s / %.3f s; CPU %s; target \342\211\244%.2fx): %s", label[i], peer, q, zw / 1e6, pw / 1e6, ratio(zc, pc), limit, verdict(q <= limit)))
}
BEGIN {
	while ((getline line < results) > 0) {
		n = split(line, f, " ")
		key = f[1] SUBSEP f[2]
		walls[key] = walls[key] " " f[3]
		cpus[key] = cpus[key] " " f[4]
		if (!(key in rss) || f[5] + 0 > rss[key]) rss[key] = f[5] + 0
		if (f[7] != "-" && !(key in bad)) { why = f[7]; for (j = 8; j <= n; j++) why = why " " f[j]; bad[key] = why }
	}
}
{
	ni++; name[ni] = $1; label[ni] = $2; kind[ni] = $3; file[ni] = $5; records[ni] = $6; bytes[ni] = $7
	runs = $8; reps = $9; nt = split($10, tl, " ")
	small = kind[ni] == "small"
	unit = small ? 1e3 : 1e6
	printf "\n%s: %s, %s records, %.1f MB; median of %d round%s%s\n", (kind[ni] == "real" ? $2 : "generated " $2), $5, commas($6), $7 / 1e6, runs, runs == 1 ? "" : "s", small ? sprintf(" of %d runs, per run", reps) : ""
	fmt = "| %-22s | %9s | %9s | %8s | %11s | %12s | %8s | %11s |\n"
	printf fmt, "tool", small ? "wall ms" : "wall s", small ? "CPU ms" : "CPU s", "MB/s", "records/s", "peak RSS MiB", "RSS/file", "zonelint/peer wall"
	printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", "----------------------", "--------:", "--------:", "-------:", "----------:", "-----------:", "-------:", "-----------------:"
	zk = $1 SUBSEP "zonelint"
	zw = have($1, "zonelint") ? median(walls[zk]) : 0
	for (i = 1; i <= nt; i++) {
		k = $1 SUBSEP tl[i]
		if (!(k in walls)) continue
		w = median(walls[k]); c = median(cpus[k])
		rw = "-"
		if (tl[i] != "zonelint" && tl[i] != "zonelint-syntax" && tl[i] != "true")
			rw = zw > 0 && !(k in bad) ? ratio(zw, w) : "n/a"
		floor = tl[i] == "true"
		printf fmt, shown(tl[i]), sprintf(small ? "%.2f" : "%.3f", w / unit), sprintf("%.2f", c / unit),
			floor ? "-" : sprintf("%.1f", $7 / w), floor ? "-" : commas($6 / (w / 1e6)),
			sprintf("%.1f", rss[k] / 1024), floor ? "-" : sprintf("%.2fx", rss[k] * 1024 / $7), rw
		if (k in bad) {
			fails = fails sprintf("- %s on %s %s\n", shown(tl[i]), $1, bad[k])
			print outdir "/stderr." tl[i] "." $1 > (outdir "/failed")
			print outdir "/stdout." tl[i] "." $1 > (outdir "/failed")
		}
	}
}
END {
	printf "\nRatios are zonelint / peer: below 1.00x zonelint is faster. RSS/file is peak RSS over the file size.\n"
	for (i = 1; i <= ni; i++) {
		if (kind[i] == "gen") {
			peer_target(i, "validns", 0.25)
			peer_target(i, "nsd-checkzone", 0.20)
			if (have(name[i], "zonelint")) {
				q = rss[name[i] SUBSEP "zonelint"] * 1024 / bytes[i]
				target(sprintf("%s: zonelint peak RSS %.2fx the file size (%.1f MiB, %.1f MB file; target \342\211\2441.0x): %s", label[i], q, rss[name[i] SUBSEP "zonelint"] / 1024, bytes[i] / 1e6, verdict(q <= 1.0)))
			}
			if (have(name[i], "zonelint-syntax")) {
				k = name[i] SUBSEP "zonelint-syntax"
				mbs = bytes[i] / median(walls[k])
				target(sprintf("%s: zonelint --syntax-only %.1f MB/s (target \342\211\245150 MB/s): %s", label[i], mbs, verdict(mbs >= 150)))
				target(sprintf("%s: zonelint --syntax-only peak RSS %.1f MiB (target \342\211\24432 MiB): %s", label[i], rss[k] / 1024, verdict(rss[k] / 1024 <= 32)))
			} else if ((name[i] SUBSEP "zonelint-syntax") in walls)
				target(sprintf("%s: zonelint --syntax-only: n/a, failed", label[i]))
			if (!first) first = i
			last = i
		}
		if (kind[i] == "small" && have(name[i], "zonelint")) {
			k = name[i] SUBSEP "zonelint"
			w = median(walls[k]) / 1e3
			fl = have(name[i], "true") ? floor_is(median(walls[name[i] SUBSEP "true"]) / 1e3, w) : ""
			target(sprintf("%s: zonelint wall %.2f ms per run (target \342\211\24410 ms%s): %s", label[i], w, fl, verdict(w <= 10)))
			c = median(cpus[k]) / 1e3
			fl = have(name[i], "true") ? floor_is(median(cpus[name[i] SUBSEP "true"]) / 1e3, c) : ""
			target(sprintf("%s: zonelint CPU (user+sys) %.2f ms per run (target \342\211\2445 ms%s): %s", label[i], c, fl, verdict(c <= 5)))
		}
	}
	if (first && last != first) {
		if (have(name[first], "zonelint") && have(name[last], "zonelint")) {
			q = median(walls[name[last] SUBSEP "zonelint"]) / median(walls[name[first] SUBSEP "zonelint"])
			c = ratio(median(cpus[name[last] SUBSEP "zonelint"]), median(cpus[name[first] SUBSEP "zonelint"]))
			lim = 1.1 * records[last] / records[first]
			target(sprintf("growth: zonelint wall %s/%s %.2fx for %.1fx the records (CPU %s; target \342\211\244%.2fx): %s", label[last], label[first], q, records[last] / records[first], c, lim, verdict(q <= lim)))
		} else
			target(sprintf("growth: zonelint wall %s/%s: n/a, zonelint failed", label[last], label[first]))
	}
	if (targets != "") printf "\nTargets (issue 7): %d pass, %d miss\n%s", npass, nmiss, targets
	if (fails != "") { printf "\nFailures:\n%s", fails; exit 1 }
}' "$INPUTS_FILE"
st=$?
caa=$(while IFS='|' read -r name label _rest; do
	[ -f "$OUT/caa.$name" ] && printf ', %s in %s' "$(cat "$OUT/caa.$name")" "$label"
done <"$INPUTS_FILE")
[ -n "$caa" ] && note "validns 0.8 does not know CAA. It reports each CAA record as 'invalid or unsupported rdtype caa' (${caa#, }) and exits 1, but it reads the whole zone: its -s count of records found plus those CAA records is the zone's record count, so the run is counted (it parses no CAA RDATA). Any other error in its output fails the run."
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
