#!/bin/sh
# run-cli.sh - the command line as scripts use it: exit statuses 0/1/2/3, standard input,
# ZONELINT_OPTS (read before the command line, which wins), usage errors, --named-conf.
#   ZONELINT=path  the binary (default ./zonelint)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
zl=${ZONELINT:-./zonelint}
case $zl in /*) ;; *) zl=$top/$zl ;; esac
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect STATUS DESCRIPTION -- COMMAND...: run COMMAND, compare its exit status
expect() {
	want=$1 what=$2
	shift 3
	"$@" >"$tmp/out" 2>&1
	got=$?
	if [ "$got" = "$want" ]; then
		pass=$((pass + 1))
	else
		echo "FAIL $what: exit status $got, expected $want"
		sed 's/^/    /' "$tmp/out" | head -5
		fail=$((fail + 1))
	fi
}

# has PATTERN DESCRIPTION: the last command's output has a line matching PATTERN (grep -E)
has() {
	if grep -Eq -- "$1" "$tmp/out"; then
		pass=$((pass + 1))
	else
		echo "FAIL $2: no line matches $1"
		sed 's/^/    /' "$tmp/out" | head -5
		fail=$((fail + 1))
	fi
}

# lacks PATTERN DESCRIPTION: no line of the last command's output matches PATTERN
lacks() {
	if grep -Eq -- "$1" "$tmp/out"; then
		echo "FAIL $2: a line matches $1"
		grep -E -- "$1" "$tmp/out" | sed 's/^/    /' | head -5
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}

cat >"$tmp/db.clean.example" <<'ZONE'
$TTL 3600
@	SOA	ns1 hostmaster 2024060101 7200 3600 1209600 3600
	NS	ns1
	NS	ns2.example.net.
ns1	A	192.0.2.53
@	MX	10 mail
@	TXT	"v=spf1 mx -all"
mail	A	192.0.2.25
ZONE
sed 's/-all/+all/' "$tmp/db.clean.example" >"$tmp/db.open.example"

expect 0 "clean zone" -- "$zl" "$tmp/db.clean.example"
expect 1 "error-level finding" -- "$zl" "$tmp/db.open.example"
expect 2 "missing file" -- "$zl" "$tmp/no-such-file"
expect 2 "a directory" -- "$zl" "$tmp"
expect 2 "a device, never read" -- "$zl" /dev/zero
expect 3 "no file" -- "$zl"
expect 3 "unknown option" -- "$zl" --no-such-option "$tmp/db.clean.example"
has "^zonelint: unrecognized option '--no-such-option'$" "getopt's message names zonelint, not the path it was run by"
expect 3 "option without its argument" -- "$zl" --select
has "^zonelint: option '--select' requires an argument$" "getopt's message names zonelint"
expect 3 "unknown option of dump" -- "$zl" dump --no-such-option "$tmp/db.clean.example"
has "^zonelint dump: unrecognized option '--no-such-option'$" "getopt's message names zonelint dump"
expect 3 "unknown option of spf-eval" -- "$zl" spf-eval --no-such-option
has "^zonelint spf-eval: unrecognized option '--no-such-option'$" "getopt's message names zonelint spf-eval"
expect 3 "unknown rule" -- "$zl" --select spf-pointer "$tmp/db.clean.example"
expect 3 "bad level" -- "$zl" --fail-on fatal "$tmp/db.clean.example"
expect 3 "--max-records 0" -- "$zl" --max-records 0 "$tmp/db.clean.example"
expect 3 "--max-records not a number" -- "$zl" --max-records 1e6 "$tmp/db.clean.example"
expect 1 "--max-records below the zone's size" -- "$zl" --max-records 6 "$tmp/db.clean.example"
expect 0 "--max-records at the zone's size" -- "$zl" --max-records 7 "$tmp/db.clean.example"
expect 0 "standard input" -- sh -c "\"$zl\" -o clean.example - <\"$tmp/db.clean.example\""
expect 3 "standard input without origin" -- sh -c "\"$zl\" - <\"$tmp/db.clean.example\""
# --help names every rule family of the rule table (the first word of each id)
"$zl" --help | sed -n '/--select/,/--ignore/p' >"$tmp/help"
for f in $("$zl" --list-rules | cut -d- -f1 | sort -u); do
	if grep -Eq "[ (]$f[,;)]" "$tmp/help"; then
		pass=$((pass + 1))
	else
		echo "FAIL --help does not name the rule family $f"
		fail=$((fail + 1))
	fi
done
# every level name --severity and --fail-on accept is named in --help
for lv in error warning info note; do
	if "$zl" --fail-on "$lv" "$tmp/db.clean.example" >/dev/null 2>&1 &&
	   ! "$zl" --help | grep -A1 -- '--severity' | grep -q "[ (]$lv[,;) ]"; then
		echo "FAIL --fail-on $lv is accepted but --help does not name it"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
# note is info: a zone whose only finding is a note fails with --fail-on note
printf 'a.*.b TXT "x"\n' | cat "$tmp/db.clean.example" - >"$tmp/db.note.example"
expect 0 "only a note" -- "$zl" "$tmp/db.note.example"
has "note: .*\[zone-wildcard\]" "only a note"
expect 1 "--fail-on note" -- "$zl" --fail-on note "$tmp/db.note.example"
# what --severity hides never fails the run (as shellcheck's --severity), and --help says so
expect 0 "--severity warning hides the note" -- "$zl" --severity warning --fail-on note "$tmp/db.note.example"
"$zl" --help | grep -A1 -- '--fail-on' | grep -q "what --severity hides never fails the run" ||
	{ echo "FAIL --help does not say that hidden findings never fail the run"; fail=$((fail + 1)); }
# --spf-tree: 1 over a limit, and for a name with no SPF record or several
# (RFC 7208 section 4.5: none, permerror), 0 within the limits
expect 0 "--spf-tree within the limits" -- "$zl" --spf-tree open.example "$tmp/db.open.example"
expect 1 "--spf-tree, no SPF record" -- "$zl" --spf-tree mail.open.example "$tmp/db.open.example"
has "has no SPF record" "--spf-tree, no SPF record"
expect 1 "--spf-tree, two SPF records" -- "$zl" --spf-tree example.com "$top/fixtures/db.example.com"
# -O FILE that cannot be written: 2, as a file that cannot be read
expect 2 "-O unwritable" -- "$zl" -O "$tmp/no-such-dir/out" "$tmp/db.open.example"
# --previous compares every RR, also the TXT records the model keeps as
# digests of their RDATA (a DKIM key): one letter changed, or the same text
# split into other character-strings, is another RR (RFC 1035 section
# 3.3.14), so the serial must grow; the same strings laid out over
# other lines are the same RR
cat >"$tmp/dkim.prev" <<'ZONE'
$TTL 3600
@	SOA	ns1 hostmaster 2024060101 7200 3600 1209600 3600
	NS	ns1
	NS	ns2.example.net.
ns1	A	192.0.2.53
mail._domainkey	TXT	"v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC1TaNgLlSyQMNWVLNLvyY"
ZONE
sed 's/NLvyY"/NLvyZ"/' "$tmp/dkim.prev" >"$tmp/dkim.letter"
expect 1 "--previous, a DKIM key changed by one letter" -- "$zl" -o example.com --previous "$tmp/dkim.prev" "$tmp/dkim.letter"
has "^$tmp/dkim.letter:2:1: error: records changed since $tmp/dkim.prev but the SOA serial is still 2024060101 \(was 2024060101\)" "--previous, a DKIM key changed by one letter"
sed 's/rsa; p=/rsa; " "p=/' "$tmp/dkim.prev" >"$tmp/dkim.split"
expect 1 "--previous, a DKIM key split into two strings" -- "$zl" -o example.com --previous "$tmp/dkim.prev" "$tmp/dkim.split"
has "serial is still 2024060101" "--previous, a DKIM key split into two strings"
{ sed '$d' "$tmp/dkim.prev"; printf 'mail._domainkey\tTXT\t(\n\t"v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC1TaNgLlSyQMNWVLNLvyY"\n\t)\n'; } >"$tmp/dkim.layout"
expect 0 "--previous, the same DKIM key over two lines" -- "$zl" -o example.com --previous "$tmp/dkim.prev" "$tmp/dkim.layout"
# usage errors: found before anything is linted, so no finding is printed
expect 3 "--previous with several zone files" -- "$zl" --previous "$tmp/db.clean.example" "$tmp/db.open.example" "$tmp/db.clean.example"
has "^zonelint: --previous compares one zone file; give only one$" "--previous with several zone files"
lacks "spf-permissive-all" "--previous with several zone files: nothing linted"
expect 3 "--previous and --against" -- "$zl" --previous "$tmp/db.clean.example" --against HEAD "$tmp/db.open.example"
lacks "spf-permissive-all" "--previous and --against: nothing linted"
expect 3 "--against ''" -- "$zl" --against '' "$tmp/db.open.example"
lacks "spf-permissive-all" "--against '': nothing linted"
expect 3 "--explain with an operand" -- "$zl" --explain spf-ptr extra
lacks "^spf-ptr" "--explain with an operand: nothing explained"
expect 3 "--version with an operand" -- "$zl" --version extra
expect 3 "--list-rules with an operand" -- "$zl" --list-rules extra
expect 3 "-w, no such directory" -- "$zl" -w "$tmp/no-such-dir" "$tmp/db.open.example"
lacks "spf-permissive-all" "-w, no such directory: nothing linted"
expect 3 "-w, not a directory" -- "$zl" -w "$tmp/db.clean.example" "$tmp/db.open.example"
expect 3 "--spf-tree, not a name" -- "$zl" --spf-tree "a..b" "$tmp/db.open.example"
# what decides exit status 2 or 3 is always shown, whatever is selected
cp "$tmp/db.clean.example" "$tmp/noorigin.txt"
expect 3 "no origin, another rule selected" -- "$zl" --select spf-ptr "$tmp/noorigin.txt"
has "noorigin.txt:2:1: error: relative name but the origin is unknown.*\[zone-syntax\]" "no origin, another rule selected"
expect 3 "no origin, zone-syntax ignored" -- "$zl" --ignore zone --severity error "$tmp/noorigin.txt"
has "origin is unknown" "no origin, zone-syntax ignored"
# -O: never over an input file, under any of its names; "-" is standard output
cp "$tmp/db.open.example" "$tmp/in.example"
ln "$tmp/in.example" "$tmp/in.link"
printf '$INCLUDE %s/spf.inc\n' "$tmp" >"$tmp/db.inc.example"
sed '/TXT/!d' "$tmp/db.open.example" >"$tmp/spf.inc"
sed '/TXT/d' "$tmp/db.open.example" >>"$tmp/db.inc.example"
cp "$tmp/in.example" "$tmp/in.orig"
cp "$tmp/spf.inc" "$tmp/spf.orig"
for o in "$tmp/in.example" "$tmp/./in.example" "$tmp/in.link"; do
	expect 3 "-O $o, an input" -- "$zl" -o in.example -O "$o" "$tmp/in.example"
	cmp -s "$tmp/in.example" "$tmp/in.orig" || { echo "FAIL: -O $o overwrote the input"; cp "$tmp/in.orig" "$tmp/in.example"; fail=$((fail + 1)); }
done
expect 3 "-O an \$INCLUDE file" -- "$zl" -o inc.example -O "$tmp/spf.inc" "$tmp/db.inc.example"
cmp -s "$tmp/spf.inc" "$tmp/spf.orig" || { echo "FAIL: -O overwrote the \$INCLUDE file"; fail=$((fail + 1)); }
expect 1 "-O - is standard output" -- sh -c "cd \"$tmp\" && \"$zl\" -O - db.open.example"
has "^db.open.example:.*spf-permissive-all" "-O - is standard output"
[ -e "$tmp/-" ] && { echo "FAIL: -O - made a file named -"; fail=$((fail + 1)); }
expect 1 "-O ./- is a file" -- sh -c "cd \"$tmp\" && \"$zl\" -O ./- db.open.example"
grep -q "spf-permissive-all" "$tmp/-" || { echo "FAIL: -O ./- wrote no file"; fail=$((fail + 1)); }
# one file named twice (or through a link, or by overlapping globs) is read once:
# read twice, each of its records would repeat itself (zone-duplicate-rr)
expect 0 "the same file twice" -- "$zl" "$tmp/db.clean.example" "$tmp/db.clean.example"
lacks "zone-duplicate-rr" "the same file twice"
expect 1 "the same file under two names" -- "$zl" -v -o in.example "$tmp/in.example" "$tmp/./in.example" "$tmp/in.link"
lacks "zone-duplicate-rr" "the same file under two names"
has "^zonelint: $tmp/in.link: the same file as $tmp/in.example, read once$" "-v says the file is read once"
# --syntax-only: each record alone; what needs the whole zone is a usage error with it
cat "$tmp/db.clean.example" >"$tmp/db.dup.example"
printf 'mail\tA\t192.0.2.25\nwww\tCNAME\tmail\nwww\tA\t192.0.2.80\n' >>"$tmp/db.dup.example"
expect 1 "--syntax-only, an error-level finding" -- "$zl" --syntax-only "$tmp/db.open.example"
has "spf-permissive-all" "--syntax-only, an error-level finding"
expect 1 "full run: duplicate, CNAME and other data" -- "$zl" "$tmp/db.dup.example"
has "zone-cname-and-other-data" "full run: CNAME and other data"
expect 0 "--syntax-only: no duplicate, no CNAME and other data" -- "$zl" --syntax-only "$tmp/db.dup.example"
lacks "zone-duplicate-rr|zone-cname-and-other-data" "--syntax-only: no duplicate, no CNAME and other data"
printf 'bad\tA\t192.0.2.256\n' | cat "$tmp/db.clean.example" - >"$tmp/db.bad.example"
expect 1 "--syntax-only, a syntax error" -- "$zl" --syntax-only "$tmp/db.bad.example"
has "db.bad.example:9:7: error: .*\[zone-syntax\]" "--syntax-only, a syntax error"
expect 1 "--syntax-only, a syntax error on standard input" -- sh -c "\"$zl\" --syntax-only -o bad.example - <\"$tmp/db.bad.example\""
expect 2 "--syntax-only, missing file" -- "$zl" --syntax-only "$tmp/no-such-file"
expect 3 "--syntax-only, standard input without origin" -- sh -c "\"$zl\" --syntax-only - <\"$tmp/db.clean.example\""
expect 3 "--syntax-only --spf-tree" -- "$zl" --syntax-only --spf-tree open.example "$tmp/db.open.example"
has "^zonelint: --spf-tree shows an include tree across the zone's records, which --syntax-only does not keep; give one of them$" "--syntax-only --spf-tree"
lacks "spf-permissive-all" "--syntax-only --spf-tree: nothing linted"
expect 3 "--syntax-only --against" -- "$zl" --syntax-only --against HEAD "$tmp/db.open.example"
has "^zonelint: --against compares the whole zone with its previous version, which --syntax-only does not keep; give one of them$" "--syntax-only --against"
expect 3 "--syntax-only --previous" -- "$zl" --previous "$tmp/db.clean.example" --syntax-only "$tmp/db.open.example"
has "^zonelint: --previous compares the whole zone" "--syntax-only --previous"
lacks "spf-permissive-all" "--syntax-only --previous: nothing linted"
expect 3 "--syntax-only --select a rule it does not run" -- "$zl" --syntax-only --select spf-ptr,zone-duplicate-rr "$tmp/db.open.example"
has "^zonelint: --select zone-duplicate-rr: that rule needs the whole zone in memory, which --syntax-only does not keep" "--syntax-only --select a rule it does not run"
expect 3 "--syntax-only, ZONELINT_OPTS --select a rule it does not run" -- env ZONELINT_OPTS="--select spf-multiple-records" "$zl" --syntax-only "$tmp/db.open.example"
expect 1 "--syntax-only: a command-line --select replaces ZONELINT_OPTS'" -- env ZONELINT_OPTS="--select spf-multiple-records" "$zl" --syntax-only --select spf "$tmp/db.open.example"
expect 1 "--syntax-only --select a family" -- "$zl" --syntax-only --select zone,spf "$tmp/db.open.example"
expect 0 "--syntax-only --ignore a rule it does not run" -- "$zl" --syntax-only --ignore zone-duplicate-rr "$tmp/db.clean.example"
# the rules it runs: --list-rules with it lists exactly those --explain says run
"$zl" --syntax-only --list-rules | cut -d' ' -f1 >"$tmp/so-rules"
n_so=0
for r in $("$zl" --list-rules | cut -d' ' -f1); do
	said=$("$zl" --explain "$r" | sed -n 's/^Runs with --syntax-only: //p')
	if grep -qx "$r" "$tmp/so-rules"; then want=yes; n_so=$((n_so + 1)); else want=no; fi
	case $said in
	"$want"*) pass=$((pass + 1)) ;;
	*) echo "FAIL --explain $r says \"$said\" about --syntax-only, --syntax-only --list-rules says $want"; fail=$((fail + 1)) ;;
	esac
done
for r in zone-syntax spf-syntax spf-permissive-all txt-unquoted zone-target-missing-dot zone-soa; do
	grep -qx "$r" "$tmp/so-rules" || { echo "FAIL --syntax-only does not run $r"; fail=$((fail + 1)); }
done
for r in zone-duplicate-rr zone-cname-and-other-data zone-missing-glue spf-lookup-limit spf-multiple-records zone-apex-ns zone-rrset-ttl-mismatch; do
	grep -qx "$r" "$tmp/so-rules" && { echo "FAIL --syntax-only claims to run $r"; fail=$((fail + 1)); }
done
# --help names the same rules under --syntax-only
"$zl" --help | sed -n '/^      --syntax-only/,/^      --spf-tree/p' | tr -s ' ,:\n' '\n' | grep -E '^[a-z]+-[a-z-]+$' | sort -u >"$tmp/so-help"
sort "$tmp/so-rules" | cmp -s - "$tmp/so-help" && pass=$((pass + 1)) ||
	{ echo "FAIL --help's --syntax-only list is not --syntax-only --list-rules:"; sort "$tmp/so-rules" | diff - "$tmp/so-help" | sed 's/^/    /'; fail=$((fail + 1)); }
# options after the files, as before them (GNU getopt order); "--" ends them
expect 0 "options after the file" -- "$zl" "$tmp/db.open.example" --ignore spf-permissive-all
expect 1 "options after the file: --format" -- "$zl" "$tmp/db.open.example" --format json
has '"rule": "spf-permissive-all"' "options after the file: --format"
lacks 'cannot read' "options after the file: --format"
expect 0 "options between the files" -- "$zl" "$tmp/db.clean.example" --ignore spf-permissive-all "$tmp/db.open.example"
expect 2 "-- ends the options" -- "$zl" "$tmp/db.clean.example" -- --format
has -- "--format: .*cannot read" "-- ends the options"
expect 1 "command line after ZONELINT_OPTS, options after the file" -- env ZONELINT_OPTS="--ignore spf" "$zl" "$tmp/db.open.example" --select spf
expect 0 "ZONELINT_OPTS' --ignore stays beside a command line's --fail-on after the file" -- env ZONELINT_OPTS="--ignore spf-permissive-all" "$zl" "$tmp/db.open.example" --fail-on=info

# ZONELINT_OPTS: read first; the command line comes later and wins
expect 0 "ZONELINT_OPTS ignore" -- env ZONELINT_OPTS="--ignore 'spf-permissive-all'" "$zl" "$tmp/db.open.example"
expect 1 "command line after ZONELINT_OPTS" -- env ZONELINT_OPTS="--fail-on=info --ignore spf" "$zl" --select spf "$tmp/db.open.example"
# a list on the command line replaces the same option's list from ZONELINT_OPTS
expect 1 "--select replaces ZONELINT_OPTS' --select" -- env ZONELINT_OPTS="--select zone-soa-values" "$zl" --select spf "$tmp/db.open.example"
has "spf-permissive-all" "--select replaces ZONELINT_OPTS' --select"
expect 0 "--select replaces ZONELINT_OPTS' --select (no union)" -- env ZONELINT_OPTS="--select spf-permissive-all" "$zl" --select zone "$tmp/db.open.example"
lacks "spf-permissive-all" "--select replaces ZONELINT_OPTS' --select (no union)"
expect 1 "--ignore replaces ZONELINT_OPTS' --ignore" -- env ZONELINT_OPTS="--ignore spf-permissive-all" "$zl" --ignore zone "$tmp/db.open.example"
has "spf-permissive-all" "--ignore replaces ZONELINT_OPTS' --ignore"
# for the rules it names, a later option wins over an earlier one
expect 0 "--select X --ignore X" -- "$zl" --select spf-permissive-all --ignore spf-permissive-all "$tmp/db.open.example"
expect 1 "--ignore X --select X" -- "$zl" --ignore spf-permissive-all --select spf-permissive-all "$tmp/db.open.example"
expect 3 "ZONELINT_OPTS unclosed quote" -- env ZONELINT_OPTS="--select 'spf" "$zl" "$tmp/db.clean.example"
expect 0 "ZONELINT_OPTS is not the subcommands'" -- env ZONELINT_OPTS="--bogus" "$zl" spf-eval --help
# a bad option in ZONELINT_OPTS is said to be there; one without its
# argument does not take the command line's first word for it
expect 3 "ZONELINT_OPTS unknown option" -- env ZONELINT_OPTS="--bogus" "$zl" "$tmp/db.clean.example"
has "unrecognized option '--bogus'" "ZONELINT_OPTS unknown option"
has "ZONELINT_OPTS environment variable" "ZONELINT_OPTS unknown option"
expect 3 "ZONELINT_OPTS option without its argument" -- env ZONELINT_OPTS="--ignore spf --ignore" "$zl" "$tmp/db.open.example"
has "requires an argument" "ZONELINT_OPTS option without its argument"
has "ZONELINT_OPTS environment variable" "ZONELINT_OPTS option without its argument"
lacks "given twice" "ZONELINT_OPTS option without its argument"
expect 3 "ZONELINT_OPTS --named-conf without its argument" -- env ZONELINT_OPTS="--named-conf" "$zl" "$tmp/db.open.example" --named-conf "$tmp/db.open.example"
lacks "given twice" "ZONELINT_OPTS --named-conf without its argument"
has "ZONELINT_OPTS environment variable" "ZONELINT_OPTS --named-conf without its argument"
# .zonelint: found walking up; a broken one or an unknown rule is a usage error
mkdir -p "$tmp/site/zones"
cp "$tmp/db.open.example" "$tmp/site/zones/"
printf '[rules]\nignore = spf-permissive-all\n' >"$tmp/site/.zonelint"
expect 0 ".zonelint ignore, found two directories up" -- "$zl" "$tmp/site/zones/db.open.example"
expect 1 "command line wins over .zonelint" -- "$zl" --select spf "$tmp/site/zones/db.open.example"
printf '[rules]\nignore = spf-permissive\n' >"$tmp/site/.zonelint"
expect 3 ".zonelint with an unknown rule" -- "$zl" "$tmp/site/zones/db.open.example"
printf 'not ini\n' >"$tmp/site/.zonelint"
expect 3 "malformed .zonelint" -- "$zl" "$tmp/site/zones/db.open.example"
printf '[rules]\nignore = spf-ptr\n\n[severity\nspf-permissive-all = warning\n' >"$tmp/site/.zonelint"
expect 3 ".zonelint with an unclosed section header" -- "$zl" "$tmp/site/zones/db.open.example"
has "^zonelint: $tmp/site/zones/../.zonelint:4: unclosed section header \"\[severity\": end it with \"]\"$" ".zonelint with an unclosed section header"
printf 'ignore = spf-permissive-all\n' >"$tmp/site/.zonelint"
expect 3 ".zonelint with a key outside any section" -- "$zl" "$tmp/site/zones/db.open.example"
has ".zonelint:1: \"ignore\" is outside any section" ".zonelint with a key outside any section"
printf '[severity]\nspf-permissive-all = warning\n' >"$tmp/site/.zonelint"
expect 0 ".zonelint severity override" -- "$zl" "$tmp/site/zones/db.open.example"
# -j N: files read on N threads give what -j 1 gives, byte for byte: standard
# output, standard error (-v) and exit status, in every format.  The data set
# has findings, an unreadable file, a syntax error, an $INCLUDE, inline
# directives, a file named twice, two zones big enough to be read at once,
# and an SPF include chain from one file through a second into a third.
js=$tmp/jobs
mkdir -p "$js"
sed 's/"v=spf1 mx -all"/"v=spf1 include:_spf.b.example -all"/' "$tmp/db.clean.example" >"$js/db.a.example"
sed 's/192\.0\.2\./198.51.100./' "$tmp/db.clean.example" >"$js/db.b.example"
printf '_spf\tTXT\t"v=spf1 include:_spf.c.example a mx -all"\n' >>"$js/db.b.example"
sed 's/192\.0\.2\./203.0.113./' "$tmp/db.clean.example" >"$js/db.c.example"
printf '_spf\tTXT\t"v=spf1 ptr ?all"\n; zonelint: disable=spf-ptr\nold\tTXT\t"v=spf1 ptr -all"\n; zonelint: disable=zone-no-such-rule\n' >>"$js/db.c.example"
python3 "$top/bench/gen-zone.py" --records 3000 --origin big1.example --seed 1 -o "$js/db.big1.example"
python3 "$top/bench/gen-zone.py" --records 3000 --origin big2.example --seed 2 -o "$js/db.big2.example"
printf '$ORIGIN inc.example.\n$TTL 3600\n@ SOA ns1 hostmaster 2024060101 7200 3600 1209600 3600\n NS ns1\n$INCLUDE %s/hosts.inc\n' "$js" >"$js/db.inc.example"
printf 'ns1 A 192.0.2.53\nbad A 300.1.1.1\n@ TXT "v=spf1 +all"\n' >"$js/hosts.inc"
printf '$TTL 3600\n@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n NS ns1\nns1 A 192.0.2.1\nx IN IN A 192.0.2.2\n(\n' >"$js/db.syntax.example"
set -- "$js/db.a.example" "$js/db.b.example" "$js/db.c.example" "$js/db.big1.example" \
	"$js/db.inc.example" "$js/no-such.zone" "$js/db.syntax.example" "$js/db.big2.example" \
	"$js/db.a.example"
# same_as_j1 DESCRIPTION ARGS...: zonelint -j 4 and -j 8 ARGS give what -j 1 ARGS
# gives, each with the file $jobs_in (default: none) on standard input
same_as_j1() {
	what=$1
	shift
	"$zl" -j 1 "$@" <"${jobs_in:-/dev/null}" >"$tmp/j1.out" 2>"$tmp/j1.err"
	want=$?
	for n in 4 8; do
		"$zl" -j "$n" "$@" <"${jobs_in:-/dev/null}" >"$tmp/jn.out" 2>"$tmp/jn.err"
		got=$?
		if [ "$got" = "$want" ] && cmp -s "$tmp/j1.out" "$tmp/jn.out" &&
		   cmp -s "$tmp/j1.err" "$tmp/jn.err"; then
			pass=$((pass + 1))
		else
			echo "FAIL $what: -j $n differs from -j 1 (exit status $got, not $want)"
			diff "$tmp/j1.out" "$tmp/jn.out" | head -5
			diff "$tmp/j1.err" "$tmp/jn.err" | head -5
			fail=$((fail + 1))
		fi
	done
}
for f in gcc json sarif github tty; do
	same_as_j1 "-j, --format $f" -v --format "$f" "$@"
done
# the set's statuses: an unreadable file is 2 whatever is read at the same time
expect 2 "-j 4, the data set" -- "$zl" -j 4 "$@"
has "^$js/hosts.inc:3:15: error: .*\[spf-permissive-all\]$" "-j 4: a finding in an \$INCLUDE file"
has "^$js/no-such.zone: error: cannot read" "-j 4: the unreadable file"
has "^$js/db.c.example:12:1: note: .*\[zonelint-unused-directive\]$" "-j 4: an unused directive"
lacks "db.c.example:11:.*spf-ptr" "-j 4: a directive silences the next record"
same_as_j1 "-j, the same set without the unreadable file" --format json "$1" "$2" "$3" "$4" "$5" "$7" "$8"
jobs_in=$js/db.big1.example
same_as_j1 "-j, standard input among the files" -v "$js/db.big2.example" - "$js/db.c.example"
jobs_in=
# one big file alone: -j N reads it on a second thread that hands its records
# over in batches of 4096 while they are added; findings of the parser, an
# $INCLUDE and directives fall between batches
python3 "$top/bench/gen-zone.py" --records 30000 --origin big3.example --seed 3 -o "$js/big3.tmp"
awk -v inc="$js/hosts.inc" '
	{ print }
	NR % 7001 == 0 { print "bad" NR " A 300.1.1." NR % 250 }
	NR == 15000 { print "$INCLUDE " inc }
	NR == 21000 { print "; zonelint: disable=spf-ptr"; print "ptr" NR " TXT \"v=spf1 ptr -all\"" }
	NR == 27000 { print "; zonelint: disable=zone-no-such-rule" }
' "$js/big3.tmp" >"$js/db.big3.example"
bad_line=$(grep -n '^bad28004 ' "$js/db.big3.example" | cut -d: -f1)
expect 1 "-j 2, one big file" -- "$zl" -j 2 "$js/db.big3.example"
has "^$js/db.big3.example:$bad_line:.*\[zone-syntax\]$" "-j 2, one big file: a syntax error of the last batches"
has "^$js/hosts.inc:3:15: error: .*\[spf-permissive-all\]$" "-j 2, one big file: a finding in its \$INCLUDE file"
lacks "spf-ptr" "-j 2, one big file: a directive silences the next record"
for f in gcc json sarif; do
	same_as_j1 "-j, one big file, --format $f" -v --format "$f" "$js/db.big3.example"
done
# --syntax-only: read on a second thread, each record checked as it comes;
# the parser's findings fall between the records' own as with -j 1
same_as_j1 "-j, one big file, --syntax-only" --syntax-only "$js/db.big3.example"
# a db.NAME alone that cannot be opened (missing, or a directory) is not a
# regular file, so -j reads it on a second thread; as with -j 1, and as
# named-checkzone says only "file not found", it has no origin (none from
# its name) and gets no zone checks (zone-soa, zone-apex-ns)
mkdir "$js/db.adir.example"
for f in "$js/db.gone.example" "$js/db.adir.example"; do
	expect 2 "-j 2, an unopenable db.NAME alone" -- "$zl" -j 2 -v "$f"
	has "^$f: error: cannot read" "-j 2, an unopenable db.NAME alone: the error"
	lacks "zone-soa|zone-apex-ns|origin .*from file name" "-j 2, an unopenable db.NAME alone: no origin"
	same_as_j1 "-j, an unopenable db.NAME alone" -v "$f"
	same_as_j1 "-j, an unopenable db.NAME alone, --syntax-only" -v --syntax-only "$f"
done
# standard input is read split (-j 2): past the record limit the reader must
# stop however long a stream of lines that hand nothing over follows (bad,
# blank or comment-only lines make no event, so no batch went out, the main
# thread never reached the limit, and the reader read on forever)
for tail in 'bad BOGUS x' '; a comment' ''; do
	for m in "" --syntax-only; do
		expect 1 "-j 2, stdin, --max-records 3 then endless '$tail' lines $m" -- \
			timeout 120 sh -c '(printf "\$TTL 300\n\$ORIGIN example.org.\na A 192.0.2.1\nb A 192.0.2.2\nc A 192.0.2.3\nd A 192.0.2.4\n"; yes "$1") |
				"$0" -j 2 $2 --max-records 3 -' "$zl" "$tail" "$m"
		has "^<stdin>:6:1: error: more than 3 records" "-j 2, stdin, endless '$tail' lines $m: the limit on line 6"
	done
done
# --syntax-only on a second thread holds no more than -j 1 does, give or take
# the batches that wait: records of many character-strings (2,000 empty ones:
# 6 KB of text, about 34 KB as records) fill a batch's octets long before its
# 4,096 records; peak RSS (ru_maxrss, KiB) of -j 2 against -j 1's
awk 'BEGIN { s = "\"\""; for (i = 1; i < 2000; i++) s = s " \"\""
	print "$ORIGIN segs.example.\n$TTL 300\n@ SOA ns1 host 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.1"
	for (i = 0; i < 2000; i++) print "t" i " TXT " s }' >"$js/db.segs.example"
peak() {
	python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$zl" --syntax-only "$@" "$js/db.segs.example"
}
# Peak memory is the C library allocator's only in a plain build: ASan and
# TSan keep freed memory aside (quarantine) and valgrind runs zonelint
# through tests/memcheck.sh, so there the memory is theirs and only make
# check's plain pass compares it.
if head -c 4 "$zl" | grep -q ELF && ! ldd "$zl" 2>/dev/null | grep -q 'lib[at]san'; then
	p1=$(peak -j 1) p2=$(peak -j 2)
	if [ "$p2" -le $((p1 + 48 * 1024)) ]; then
		pass=$((pass + 1))
	else
		echo "FAIL -j 2 --syntax-only, records of many strings: peak RSS $p2 KiB, -j 1 $p1 KiB"
		fail=$((fail + 1))
	fi
	# the progress line of a file of 100 MB or more (stdout and stderr a terminal)
	# counts the records made so far; in a split read the other thread makes them,
	# and the reader's line said "0 records" throughout.  A run too fast to show
	# the line (under half a second) checks nothing; a plain build only, as the
	# 103 MB file would take minutes under valgrind.
	if command -v script >/dev/null 2>&1; then
		s=$(printf '%090d' 0)	# 103 MB, a second's read
		{ echo '$TTL 300'; yes "t TXT \"$s\"" | head -n 1040000; } >"$js/db.progress.example"
		for j in 1 2; do
			script -qfc "\"$zl\" -j $j --syntax-only --select zone-hostname \"$js/db.progress.example\"" /dev/null |
				tr '\r' '\n' | grep -a -o '[0-9]* records, ' >"$tmp/out" || true
			if [ ! -s "$tmp/out" ]; then
				echo "note: -j $j: no progress line shown (the run was too fast); not checked"
			else
				has '^[1-9][0-9]* records, ' "-j $j, a 100 MB file: the progress line counts the records"
			fi
		done
		rm -f "$js/db.progress.example"
	fi
	# all zone data is cut from one reserved range of address space
	# (src/region.c): under an address-space limit it must shrink to fit
	# instead of failing (ASan's and TSan's shadow memory cannot run under one)
	expect 0 "ulimit -v 65536: the zone data's range fits the limit" -- \
		sh -c 'ulimit -v 65536 && exec "$0" "$1"' "$zl" "$tmp/db.clean.example"
	# and a zone that needs more than the limit: out of memory, exit 2,
	# and no finding printed (100,000 records need about 16 MiB)
	python3 "$top/bench/gen-zone.py" --records 100000 --seed 9 -o "$tmp/db.100k.example"
	expect 2 "ulimit -v 12000, a zone that needs more: exit 2" -- \
		sh -c 'ulimit -v 12000 && exec "$0" "$1"' "$zl" "$tmp/db.100k.example"
	has "^zonelint: out of memory$" "ulimit -v 12000: out of memory is said"
	lacks "\[[a-z-]+\]$" "ulimit -v 12000: no partial findings"
else
	echo "note: -j 2 --syntax-only peak RSS not compared: $zl is not a plain build"
fi
jobs_in=$js/db.big3.example
same_as_j1 "-j, one big file on standard input" -o big3.example -
jobs_in=
# the include chain resolves across files read on different threads: a.example's
# include costs 5 lookups (RFC 7208 section 4.6.4: include, its include with ptr, a, mx)
same_as_j1 "-j, --spf-tree across files" --spf-tree a.example "$@"
expect 0 "-j 8 --spf-tree across files" -- "$zl" -j 8 --spf-tree a.example "$js/db.a.example" "$js/db.b.example" "$js/db.c.example"
has "^a.example.  5 DNS lookups \(limit 10\)$" "-j 8 --spf-tree: the include chain is followed across files"
has "^    \|-- include:_spf.c.example  2$" "-j 8 --spf-tree: the third file's record is found"
# --named-conf reads its zone files on the threads too: views, an in-view zone,
# a zone file that cannot be read, an $INCLUDE and the include chain
for z in a b c inc; do
	printf 'zone "%s.example" { type primary; file "%s/db.%s.example"; };\n' "$z" "$js" "$z"
done >"$js/named.conf"
printf 'zone "gone.example" { type primary; file "%s/db.gone"; };\n' "$js" >>"$js/named.conf"
for f in gcc json sarif; do
	same_as_j1 "-j, --named-conf, --format $f" -v --format "$f" --named-conf "$js/named.conf"
	same_as_j1 "-j, --named-conf with views, --format $f" -v --format "$f" \
		-t "$top/fixtures/namedconf/site" --named-conf /etc/bind/named.conf
done
expect 2 "-j 4 --named-conf" -- "$zl" -j 4 --named-conf "$js/named.conf"
has "named.conf:5:.*cannot read the file of zone gone.example.*\[conf-zone-file-missing\]" "-j 4 --named-conf: the missing file"
has "^$js/hosts.inc:3:15: error: .*\[spf-permissive-all\]$" "-j 4 --named-conf: a finding in an \$INCLUDE file"
# -j from ZONELINT_OPTS, --jobs=N, and numbers out of range
expect 2 "-j from ZONELINT_OPTS" -- env ZONELINT_OPTS="-j 3" "$zl" "$@"
expect 2 "--jobs=N" -- "$zl" --jobs=2 "$@"
for bad in 0 257 x 2x -1 ''; do
	expect 3 "--jobs '$bad'" -- "$zl" --jobs "$bad" "$js/db.a.example"
	has "^zonelint: --jobs $bad: use a number from 1 to 256$" "--jobs '$bad': the message"
done
expect 3 "-j 0 in ZONELINT_OPTS" -- env ZONELINT_OPTS="-j 0" "$zl" "$js/db.a.example"
expect 1 "-j in ZONELINT_OPTS and on the command line" -- env ZONELINT_OPTS="-j 1" "$zl" -j 2 "$js/db.c.example" "$js/db.inc.example"
set --
# --named-conf: statuses as for zone files; a syntax error in named.conf is at least 1
nc=$tmp/nc
mkdir -p "$nc"
cp "$tmp/db.clean.example" "$tmp/db.open.example" "$nc/"
printf 'options { directory "%s"; };\nzone "clean.example" { type primary; file "db.clean.example"; };\n' "$nc" >"$nc/clean.conf"
sed 's/clean/open/g' "$nc/clean.conf" >"$nc/open.conf"
printf 'zone "clean.example" { type primary; file "%s/db.clean.example"; }\n' "$nc" >"$nc/syntax.conf"
printf 'zone "gone.example" { type primary; file "%s/db.gone"; };\n' "$nc" >"$nc/gone.conf"
printf 'zone "nofile.example" { type primary; };\n' >"$nc/nofile.conf"
expect 0 "named.conf, clean zone" -- "$zl" --named-conf "$nc/clean.conf"
expect 1 "named.conf, zone with an error" -- "$zl" --named-conf "$nc/open.conf"
grep -q "db.open.example:.*spf-permissive-all" "$tmp/out" || { echo "FAIL: the finding does not name the zone file"; fail=$((fail + 1)); }
expect 2 "named.conf cannot be read" -- "$zl" --named-conf "$nc/no-such.conf"
expect 2 "named.conf is a directory" -- "$zl" --named-conf "$nc"
expect 2 "zone file cannot be read" -- "$zl" --named-conf "$nc/gone.conf"
expect 1 "named.conf syntax error" -- "$zl" --named-conf "$nc/syntax.conf"
expect 1 "named.conf syntax error, conf-syntax ignored" -- "$zl" --ignore conf-syntax --named-conf "$nc/syntax.conf"
has "syntax.conf:.*\[conf-syntax\]" "named.conf syntax error, conf-syntax ignored"
expect 2 "zone file cannot be read, another rule selected" -- "$zl" --select spf-ptr --named-conf "$nc/gone.conf"
has "gone.conf:1:.*cannot read the file of zone gone.example.*\[conf-zone-file-missing\]" "zone file cannot be read, another rule selected"
expect 0 "--select conf" -- "$zl" --select conf --named-conf "$nc/open.conf"
expect 0 "--ignore a family" -- "$zl" --severity error --ignore spf --named-conf "$nc/open.conf"
expect 1 "json output" -- "$zl" --format json --named-conf "$nc/nofile.conf"
grep -q '"rule": "conf-zone-no-file"' "$tmp/out" || { echo "FAIL: json lacks conf-zone-no-file"; fail=$((fail + 1)); }
printf '[rules]\nignore = conf-zone-no-file\n' >"$nc/.zonelint"
expect 0 ".zonelint beside named.conf" -- "$zl" --named-conf "$nc/nofile.conf"
rm "$nc/.zonelint"
expect 3 "--named-conf and a zone file" -- "$zl" --named-conf "$nc/clean.conf" "$tmp/db.clean.example"
expect 3 "--named-conf and -o" -- "$zl" -o clean.example --named-conf "$nc/clean.conf"
has "configuration; -o cannot go with it$" "--named-conf and -o: the message"
expect 3 "--named-conf and -w" -- "$zl" -w "$tmp" --named-conf "$nc/clean.conf"
expect 3 "--named-conf and --spf-tree" -- "$zl" --spf-tree clean.example --named-conf "$nc/clean.conf"
expect 3 "--named-conf twice" -- "$zl" --named-conf "$nc/clean.conf" --named-conf "$nc/open.conf"
expect 3 "--named-conf, --against outside git" -- "$zl" --against HEAD --named-conf "$nc/open.conf"
has "^zonelint: --against HEAD: .*db.open.example is not in a git work tree$" "--named-conf, --against outside git"
lacks "spf-permissive-all" "--named-conf, --against outside git: nothing linted"
expect 0 "--named-conf on the command line wins over ZONELINT_OPTS'" -- env ZONELINT_OPTS="--named-conf $nc/open.conf" "$zl" --named-conf "$nc/clean.conf"
expect 3 "-t without --named-conf" -- "$zl" -t "$tmp" "$tmp/db.clean.example"
expect 0 "-t root" -- "$zl" -t "$nc" --named-conf /nofile.conf --ignore conf-zone-no-file
# -t DIR as named-checkconf -t DIR -z reads it (checked with 9.18): named chroots
# to DIR and changes into its top, so "." and "/" are roots like any other and a
# relative path that no directory option governs is below DIR, $INCLUDEs too
srv=$tmp/srv
mkdir -p "$srv/etc/bind"
sed '/TXT/d' "$tmp/db.open.example" >"$srv/etc/bind/db.open.example"
echo '$INCLUDE etc/bind/spf.inc' >>"$srv/etc/bind/db.open.example"
grep TXT "$tmp/db.open.example" >"$srv/etc/bind/spf.inc"
printf 'zone "open.example" { type primary; file "etc/bind/db.open.example"; };\n' >"$srv/etc/bind/named.conf"
for root in . ./ "$srv" "$srv/"; do
	expect 1 "-t $root, absolute path" -- sh -c "cd \"$srv\" && \"$zl\" -t \"$root\" --named-conf /etc/bind/named.conf"
	has "spf.inc:1:.*spf-permissive-all" "-t $root reads the zone and its include below the root"
done
expect 1 "-t DIR, relative path" -- sh -c "cd \"$tmp\" && \"$zl\" -t srv --named-conf etc/bind/named.conf"
has "^srv/etc/bind/spf.inc:1:.*spf-permissive-all" "-t DIR: relative paths below DIR"
expect 2 "-t /, a relative path is below /" -- sh -c "cd \"$srv/etc\" && \"$zl\" -t / --named-conf bind/named.conf"
has "^/bind/named.conf: error: cannot read: No such file or directory \[conf-syntax\]" "-t / with a relative path"
expect 3 "-t with an empty directory" -- "$zl" -t '' --named-conf "$srv/etc/bind/named.conf"
# the serial check against git (RFC 1982 arithmetic, zone-serial-not-increased)
if command -v git >/dev/null 2>&1; then
	repo=$tmp/repo
	mkdir -p "$repo"
	git -C "$repo" init -q
	git -C "$repo" config user.email zonelint@example.com
	git -C "$repo" config user.name zonelint
	cp "$tmp/db.clean.example" "$repo/db.clean.example"
	git -C "$repo" add db.clean.example
	git -C "$repo" commit -qm zone
	echo "www A 192.0.2.80" >>"$repo/db.clean.example"
	expect 1 "changed, serial not raised" -- "$zl" --against HEAD "$repo/db.clean.example"
	grep -q "zone-serial-not-increased" "$tmp/out" || { echo "FAIL: no zone-serial-not-increased"; fail=$((fail + 1)); }
	sed -i 's/2024060101/2024060102/' "$repo/db.clean.example"
	expect 0 "changed, serial raised" -- "$zl" --against HEAD "$repo/db.clean.example"
	cp "$repo/db.clean.example" "$repo/db.new.example"
	expect 0 "a new file has nothing to compare" -- "$zl" --against HEAD "$repo/db.new.example"
	cp "$tmp/db.open.example" "$repo/"
	expect 3 "no such revision" -- "$zl" --against no-such-rev "$repo/db.open.example" "$repo/db.clean.example"
	lacks "spf-permissive-all" "no such revision: nothing linted"
	has "^zonelint: --against no-such-rev: git knows no such revision$" "the revision error in zonelint's words"
	grep -q "fatal:" "$tmp/out" && { echo "FAIL: git's own stderr leaked"; fail=$((fail + 1)); }
	# a repository with no commit yet (git rev-parse --verify HEAD fails on an
	# unborn branch): nothing is old, as for a file new since REV
	first=$tmp/first
	git -c init.defaultBranch=main init -q "$first"
	cp "$tmp/db.clean.example" "$first/"
	git -C "$first" add db.clean.example
	expect 0 "--against HEAD before the first commit" -- "$zl" --against HEAD "$first/db.clean.example"
	[ -s "$tmp/out" ] && { echo "FAIL: output before the first commit:"; cat "$tmp/out"; fail=$((fail + 1)); }
	expect 0 "--against the unborn branch" -- "$zl" --against main "$first/db.clean.example"
	expect 3 "--against another revision before the first commit" -- "$zl" --against HEAD~1 "$first/db.clean.example"
	has "^zonelint: --against HEAD~1: git knows no such revision$" "no such revision in a new repository"
	grep -q "fatal:" "$tmp/out" && { echo "FAIL: git's own stderr leaked"; fail=$((fail + 1)); }
	expect 3 "not in git" -- "$zl" --against HEAD "$tmp/db.clean.example"
	git -C "$repo" show HEAD:db.clean.example >"$tmp/prev.zone"
	expect 0 "--previous with the serial raised" -- "$zl" --previous "$tmp/prev.zone" "$repo/db.clean.example"
	sed -i 's/2024060102/2024060100/' "$repo/db.clean.example"
	expect 1 "--previous with the serial lowered" -- "$zl" --previous "$tmp/prev.zone" "$repo/db.clean.example"
	# an unreadable --previous FILE is a file named on the command line that
	# cannot be read: exit status 2, said as a finding, the zone still linted
	cp "$tmp/db.open.example" "$tmp/open.copy"
	expect 2 "--previous, no such file" -- "$zl" -o open.example --previous "$tmp/no-such.zone" "$tmp/open.copy"
	has "^$tmp/no-such.zone: error: cannot read: No such file or directory \(the --previous version\) \[zone-syntax\]$" "--previous, no such file"
	has "open.copy:.*spf-permissive-all" "--previous, no such file: the zone is linted"
	expect 2 "--previous is a directory" -- "$zl" --previous "$tmp" "$repo/db.clean.example"
	# standard input: --previous compares it, --against cannot find it in git
	expect 1 "--previous with standard input" -- sh -c "\"$zl\" -o clean.example --previous \"$tmp/prev.zone\" - <\"$repo/db.clean.example\""
	has "^<stdin>:2:1: error: records changed since .*prev.zone but the SOA serial went down to 2024060100 \(was 2024060101\)" "--previous with standard input"
	expect 0 "--previous with standard input, nothing changed" -- sh -c "\"$zl\" -o clean.example --previous \"$tmp/prev.zone\" - <\"$tmp/prev.zone\""
	expect 3 "--against with standard input" -- sh -c "cd \"$repo\" && \"$zl\" -o clean.example --against HEAD - <db.clean.example"
	has "^zonelint: --against HEAD compares a file with its version in git; standard input" "--against with standard input"
	# the previous version's $INCLUDEs: from git at REV too, resolved as the
	# edited version's are (relative to -w DIR or the working directory)
	inc=$tmp/increpo
	mkdir -p "$inc/sub"
	git -C "$inc" init -q
	git -C "$inc" config user.email zonelint@example.com
	git -C "$inc" config user.name zonelint
	printf '$ORIGIN inc.example.\n$TTL 3600\n@ SOA ns1 hostmaster 2024060101 7200 3600 1209600 3600\n NS ns1\n$INCLUDE hosts.inc\n$INCLUDE sub/mail.inc\n' >"$inc/db.inc.example"
	echo "ns1 A 192.0.2.53" >"$inc/hosts.inc"
	printf '@ MX 10 mail\nmail A 192.0.2.25\n@ TXT "v=spf1 mx -all"\n' >"$inc/sub/mail.inc"
	git -C "$inc" add . && git -C "$inc" commit -qm zone
	cp "$inc/db.inc.example" "$tmp/prev.inc.example"
	echo "www A 192.0.2.80" >>"$inc/hosts.inc"
	expect 1 "only an included file changed" -- sh -c "cd \"$inc\" && \"$zl\" --against HEAD db.inc.example"
	has "db.inc.example:3:1: error: records changed since HEAD .*\[zone-serial-not-increased\]" "only an included file changed"
	expect 1 "only an included file changed, -w" -- "$zl" -w "$inc" --against HEAD "$inc/db.inc.example"
	git -C "$inc" checkout -q hosts.inc
	sed -i 's/192.0.2.25/192.0.2.26/' "$inc/sub/mail.inc"
	expect 1 "only a file included from a subdirectory changed" -- "$zl" -w "$inc" --against HEAD "$inc/db.inc.example"
	has "zone-serial-not-increased" "only a file included from a subdirectory changed"
	git -C "$inc" checkout -q sub/mail.inc
	expect 0 "nothing changed, includes and all" -- "$zl" -w "$inc" --against HEAD "$inc/db.inc.example"
	# --previous FILE: its includes resolve as the edited version's (-w), so the same files
	expect 0 "--previous, includes resolved with -w" -- "$zl" -w "$inc" --previous "$tmp/prev.inc.example" "$inc/db.inc.example"
else
	echo "run-cli: git is not installed (make deps): serial-check cases not run"
	fail=$((fail + 1))
fi
echo "run-cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
