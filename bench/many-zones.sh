#!/bin/sh
# many-zones.sh - time zonelint --named-conf on a server of thousands of small zones (-j 1 against the default -j) beside named-checkconf -z, which loads every zone of the same named.conf.
#
# usage: bench/many-zones.sh [--zones N] [--runs K]
#   --zones N   small zones in the generated named.conf (default 5000)
#   --runs K    timed rounds; the median is reported (default 5)
# environment:
#   ZONELINT=path   the zonelint to time (default ./zonelint)
#
# Each zone file has 21 records (SOA, two NS, MX, SPF, a CNAME and
# addresses, each target with its address), so the run measures what a
# file costs beyond its records: opening it, its origin, its findings'
# file name, and with -j its hand-over between threads.  Within a round
# the commands run one after the other, the first rotating from round to
# round.  Wall time is measured around each run with nanosecond clocks,
# CPU time and peak RSS by GNU time (%U + %S, %M).

set -u

die() {
	echo "bench/many-zones.sh: $*" >&2
	exit 2
}

ZONES=5000
RUNS=5
while [ $# -gt 0 ]; do
	case $1 in
	--zones) [ $# -ge 2 ] || die "--zones needs a value"; ZONES=$2; shift 2 ;;
	--runs) [ $# -ge 2 ] || die "--runs needs a value"; RUNS=$2; shift 2 ;;
	-h|--help) sed -n '4,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) die "unknown argument: $1" ;;
	esac
done
case $ZONES in ''|*[!0-9]*) die "--zones must be a positive integer, not '$ZONES'" ;; esac
case $RUNS in ''|*[!0-9]*) die "--runs must be a positive integer, not '$RUNS'" ;; esac
[ "$ZONES" -ge 1 ] && [ "$RUNS" -ge 1 ] || die "--zones and --runs must be at least 1"

ROOT=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd) || die "cannot find the repository root"
cd "$ROOT" || exit 2
ZL=${ZONELINT:-./zonelint}
[ -x "$ZL" ] || die "$ZL is not built (make)"
TIME=/usr/bin/time
"$TIME" -f '%M' -o /dev/null true 2>/dev/null || die "GNU time (/usr/bin/time) is needed"
command -v python3 >/dev/null 2>&1 || die "python3 is needed to write the zones"
PEER=$(command -v named-checkconf 2>/dev/null || true)
[ -n "$PEER" ] || echo "note: named-checkconf not found (bind9-utils): zonelint only" >&2

# ---- the zones, cached by their count -------------------------------------------------
DIR=$ROOT/build/bench/many-$ZONES
if [ ! -f "$DIR/named.conf" ]; then
	echo "zones: writing $ZONES zone files in $DIR ..." >&2
	rm -rf "$DIR" && mkdir -p "$DIR" || die "cannot create $DIR"
	python3 - "$DIR" "$ZONES" <<'EOF' || die "cannot write the zones"
import sys
d, n = sys.argv[1], int(sys.argv[2])
conf = ['options { directory "%s"; };' % d]
for i in range(n):
    name = "z%d.example" % i
    recs = ["$ORIGIN %s." % name, "$TTL 3600",
            "@ IN SOA ns1 hostmaster %d 7200 3600 1209600 3600" % (2024010100 + i % 100),
            "@ NS ns1", "@ NS ns2", "ns1 A 192.0.2.1", "ns2 A 198.51.100.2",
            "@ MX 10 mail", "mail A 192.0.2.3", '@ TXT "v=spf1 mx -all"',
            "www CNAME @", "@ A 192.0.2.4"]
    recs += ["h%d A 203.0.113.%d" % (k, 10 + k) for k in range(10)]
    with open("%s/db.%s" % (d, name), "w") as f:
        f.write("\n".join(recs) + "\n")
    conf.append('zone "%s" { type primary; file "db.%s"; };' % (name, name))
with open(d + "/named.conf.tmp", "w") as f:
    f.write("\n".join(conf) + "\n")
EOF
	mv "$DIR/named.conf.tmp" "$DIR/named.conf" || exit 2
fi
CONF=$DIR/named.conf
OUT=$ROOT/build/bench/many-out
mkdir -p "$OUT" || exit 2

# ---- a sanity check: both -j give the same findings ------------------------------------
"$ZL" -j 1 --named-conf "$CONF" >"$OUT/j1.out" 2>&1
s1=$?
"$ZL" --named-conf "$CONF" >"$OUT/jn.out" 2>&1
sn=$?
[ "$s1" = "$sn" ] && cmp -s "$OUT/j1.out" "$OUT/jn.out" ||
	die "zonelint -j 1 and the default -j disagree (see $OUT/j1.out, $OUT/jn.out)"
if [ -n "$PEER" ]; then
	"$PEER" -z "$CONF" >"$OUT/peer.out" 2>&1 || die "named-checkconf -z failed (see $OUT/peer.out)"
	[ "$(grep -c ': loaded serial' "$OUT/peer.out")" = "$ZONES" ] ||
		die "named-checkconf -z did not load the $ZONES zones (see $OUT/peer.out)"
fi

# ---- the rounds ---------------------------------------------------------------------------
case $(date +%N 2>/dev/null) in ''|*[!0-9]*) die "date +%N (GNU date) is needed" ;; esac
TOOLS="zonelint-j1 zonelint-jN"
[ -n "$PEER" ] && TOOLS="$TOOLS named-checkconf"
run_one() {	# tool round
	case $1 in
	zonelint-j1) set -- "$1" "$2" "$ZL" -j 1 --named-conf "$CONF" ;;
	zonelint-jN) set -- "$1" "$2" "$ZL" --named-conf "$CONF" ;;
	named-checkconf) set -- "$1" "$2" "$PEER" -z "$CONF" ;;
	esac
	tool=$1 round=$2
	shift 2
	t0=$(date +%s%N)
	"$TIME" -f '%U %S %M' -o "$OUT/time.out" "$@" >/dev/null 2>&1
	t1=$(date +%s%N)
	echo "$tool $(( (t1 - t0) / 1000 )) $(cat "$OUT/time.out")" >>"$OUT/results.txt"
	printf ' %s %d.%03ds' "$tool" $(( (t1 - t0) / 1000000000 )) $(( (t1 - t0) / 1000000 % 1000 )) >&2
}
: >"$OUT/results.txt"
r=1
while [ "$r" -le "$RUNS" ]; do
	printf 'round %d:' "$r" >&2
	set -- $TOOLS
	k=$(( (r - 1) % $# ))
	while [ "$k" -gt 0 ]; do	# round r starts with the r-th command
		first=$1; shift; set -- "$@" "$first"
		k=$((k - 1))
	done
	for t; do run_one "$t" "$r"; done
	echo >&2
	r=$((r + 1))
done

# ---- the table: medians -------------------------------------------------------------------
echo
echo "$ZONES zones of 21 records, one named.conf: median of $RUNS rounds ($(nproc 2>/dev/null || echo '?') CPUs)"
awk -v zones="$ZONES" '
	{ n[$1]++; w[$1, n[$1]] = $2 / 1e6; c[$1, n[$1]] = $3 + $4; if ($5 > m[$1]) m[$1] = $5 }
	function median(a, t, k,   v, i, j, x) {
		for (i = 1; i <= k; i++) v[i] = a[t, i]
		for (i = 2; i <= k; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
		return k % 2 ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2
	}
	END {
		printf "| %-28s | %8s | %8s | %12s | %12s | %16s |\n", "command", "wall s", "CPU s", "zones/s", "peak RSS MiB", "peer wall / this"
		printf "| %-28s | %8s | %8s | %12s | %12s | %16s |\n", "---", "---:", "---:", "---:", "---:", "---:"
		split("zonelint-j1 zonelint-jN named-checkconf", order, " ")
		label["zonelint-j1"] = "zonelint -j 1 --named-conf"
		label["zonelint-jN"] = "zonelint --named-conf"
		label["named-checkconf"] = "named-checkconf -z"
		peer = ("named-checkconf" in n) ? median(w, "named-checkconf", n["named-checkconf"]) : 0
		for (i = 1; i <= 3; i++) {
			t = order[i]
			if (!(t in n)) continue
			mw = median(w, t, n[t]); mc = median(c, t, n[t])
			printf "| %-28s | %8.3f | %8.2f | %12.0f | %12.1f | %16s |\n", label[t], mw, mc, zones / mw, m[t] / 1024, peer ? sprintf("%.1fx", peer / mw) : "-"
		}
	}' "$OUT/results.txt"
