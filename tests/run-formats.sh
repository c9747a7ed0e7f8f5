#!/bin/sh
# run-formats.sh - the --format outputs of the real binary on fixtures/db.example.com: JSON parses
# and has the documented keys, SARIF validates against the 2.1.0 schema, github escapes its values;
# plus -O, --color, the GITHUB_ACTIONS default and usage errors.
#   ZONELINT=path  the binary (default ./zonelint); SHARED=dir (default ../shared)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
zl=${ZONELINT:-./zonelint}
case $zl in /*) ;; *) zl=$top/$zl ;; esac
shared=${SHARED:-$top/../shared}
case $shared in /*) ;; *) shared=$top/$shared ;; esac
schema=$shared/schemas/sarif-schema-2.1.0.json
# Debian's python3-jsonschema (make deps), whatever python3 comes first in PATH
py=/usr/bin/python3
zone=fixtures/db.example.com
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$top" || exit 1
unset GITHUB_ACTIONS NO_COLOR

# ok DESCRIPTION COMMAND...: run COMMAND, count a failure if it fails
ok() {
	what=$1
	shift
	if "$@"; then :; else echo "FAIL $what"; fail=$((fail + 1)); fi
}

# --- json: one document, documented keys, same findings as gcc ---------------
"$zl" --format json "$zone" >"$tmp/out.json"
ok "json exit status 1" [ $? -eq 1 ]
ok "json parses" python3 -c 'import json,sys; json.load(sys.stdin)' <"$tmp/out.json"
"$zl" --format gcc "$zone" >"$tmp/out.gcc"
ok "json keys" python3 - "$tmp/out.json" "$(wc -l <"$tmp/out.gcc")" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["format_version"] == 1
assert doc["tool"]["name"] == "zonelint" and doc["tool"]["version"]
f = doc["findings"]
assert len(f) == int(sys.argv[2]) == doc["summary"]["total"], "finding count"
keys = {"file", "line", "column", "end_column", "severity", "rule", "message", "doc"}
for x in f:
    assert set(x) == keys, x.keys()
    assert x["file"] == "fixtures/db.example.com"
    assert x["severity"] in ("error", "warning", "info")
    assert x["doc"].startswith("zonelint --explain " + x["rule"] + " (RFC")
    assert x["line"] is None or x["line"] >= 1
assert sum(doc["summary"][k] for k in ("error", "warning", "info")) == len(f)
PY

# --- sarif: validates against the official 2.1.0 schema ----------------------
"$zl" --format sarif "$zone" >"$tmp/out.sarif"
ok "sarif exit status 1" [ $? -eq 1 ]
ok "sarif validates against $schema" "$py" - "$schema" "$tmp/out.sarif" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
log = json.load(open(sys.argv[2]))
jsonschema.validators.validator_for(schema)(schema).validate(log)
run = log["runs"][0]
assert log["version"] == "2.1.0"
rules = run["tool"]["driver"]["rules"]
assert run["tool"]["driver"]["name"] == "zonelint" and rules
for r in run["results"]:
    assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    assert r["level"] in ("error", "warning", "note") and r["message"]["text"]
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "fixtures/db.example.com"
    assert loc["region"]["startLine"] >= 1
    assert loc["region"].get("startColumn", 1) >= 1
assert run["invocations"] == [{"executionSuccessful": True}]
PY

# --- a file that cannot be read is in the document too (exit status 2) --------
"$zl" --format json "$tmp/missing.zone" "$zone" >"$tmp/missing.json"
ok "json, unreadable file: exit status 2" [ $? -eq 2 ]
ok "json, unreadable file: an error finding" python3 - "$tmp/missing.json" "$tmp/missing.zone" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
f = [x for x in doc["findings"] if x["file"] == sys.argv[2]]
assert len(f) == 1, f
assert f[0]["severity"] == "error" and f[0]["rule"] == "zone-syntax"
assert f[0]["line"] is None and f[0]["column"] is None
assert f[0]["message"] == "cannot read: No such file or directory"
assert doc["summary"]["total"] == len(doc["findings"]) > 1
PY
"$zl" --format sarif "$tmp/missing.zone" "$zone" >"$tmp/missing.sarif"
ok "sarif, unreadable file: exit status 2" [ $? -eq 2 ]
ok "sarif, unreadable file: a result, and the run did not succeed" "$py" - "$schema" "$tmp/missing.sarif" "$tmp/missing.zone" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
log = json.load(open(sys.argv[2]))
jsonschema.validators.validator_for(schema)(schema).validate(log)
run = log["runs"][0]
assert run["invocations"] == [{"executionSuccessful": False}]
r = [x for x in run["results"]
     if x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "file://" + sys.argv[3]]
assert len(r) == 1 and r[0]["ruleId"] == "zone-syntax" and r[0]["level"] == "error", r
assert r[0]["message"]["text"] == "cannot read: No such file or directory"
PY

# --- github: property values escaped (file name with space , : %) -------------
weird="$tmp/my zone,v1:100%.db"
cp "$zone" "$weird"
"$zl" --format github -o example.com "$weird" >"$tmp/out.gh"
ok "github exit status 1" [ $? -eq 1 ]
ok "github lines are commands" [ "$(grep -cv '^::\(error\|warning\|notice\) file=' "$tmp/out.gh")" -eq 0 ]
ok "github escapes , : % in file=" grep -q '^::error file=[^:,]*/my zone%2Cv1%3A100%25\.db,line=26,col=7,title=spf-string-join::' "$tmp/out.gh"
ok "github keeps : and , in the message" grep -q 'title=spf-lookup-limit::SPF record needs .*(a 1, mx 1, include:' "$tmp/out.gh"
ok "github: GITHUB_ACTIONS=true is the default" sh -c 'GITHUB_ACTIONS=true "$1" "$2" | head -n 1 | grep -q "^::error file="' sh "$zl" "$zone"
ok "github: --format wins over GITHUB_ACTIONS" sh -c 'GITHUB_ACTIONS=true "$1" --format gcc "$2" | cmp -s - "$3"' sh "$zl" "$zone" "$tmp/out.gcc"

# --- -O FILE, tty and --color --------------------------------------------------
"$zl" --format json -O "$tmp/o.json" "$zone" >"$tmp/stdout"
ok "-O exit status 1" [ $? -eq 1 ]
ok "-O writes the file, not stdout" sh -c '[ ! -s "$1" ] && cmp -s "$2" "$3"' sh "$tmp/stdout" "$tmp/o.json" "$tmp/out.json"
"$zl" -O "$tmp/o.gcc" "$zone"
ok "-O file is no terminal: gcc" cmp -s "$tmp/o.gcc" "$tmp/out.gcc"
"$zl" -O "$tmp/no/such/dir" "$zone" 2>/dev/null
ok "-O unwritable: exit status 2" [ $? -eq 2 ]
"$zl" --format tty "$zone" >"$tmp/out.tty"
ok "tty: caret under the column" grep -q '^  	*  *\^$' "$tmp/out.tty"
ok "tty: no colour when piped" sh -c '! grep -q "$(printf "\033")" "$1"' sh "$tmp/out.tty"
ok "tty: --color=always colours" sh -c '"$1" --format tty --color=always "$2" | grep -q "$(printf "\033")\[1;31merror"' sh "$zl" "$zone"
ok "tty: --color=always wins over NO_COLOR" sh -c 'NO_COLOR=1 "$1" --format tty --color=always "$2" | grep -q "$(printf "\033")"' sh "$zl" "$zone"
for bad in "--format xml" "--format=" "--color=sometimes"; do
	# shellcheck disable=SC2086 # the option and its value are two words
	"$zl" $bad "$zone" >/dev/null 2>&1
	ok "$bad: exit status 3" [ $? -eq 3 ]
done

if [ $fail -ne 0 ]; then
	echo "run-formats: $fail check(s) failed"
	exit 1
fi
echo "run-formats: all checks passed"
