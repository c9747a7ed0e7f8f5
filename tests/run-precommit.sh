#!/bin/sh
# run-precommit.sh - the pre-commit hook of .pre-commit-hooks.yaml, with the real
# pre-commit (Debian package pre-commit) in a throw-away git repository:
#   - a commit of a zone with an error-level finding is refused, with zonelint's
#     finding in the output;
#   - the fixed zone commits, together with a journal file the hook must skip;
#   - the zonelint-serial hook refuses a changed zone whose SOA serial was not
#     raised, and lets it through once the serial grows, and passes the first
#     commit of a new repository (nothing to compare yet).
# The hook repository pre-commit clones is a temporary git repository holding this
# checkout's .pre-commit-hooks.yaml as it is in the working tree, so the manifest is
# tested before it is committed.  Offline; HOME, the pre-commit cache and git's
# configuration are all temporary; no global git identity is needed.
# ZONELINT is the binary under test: its directory goes first on PATH
# (language: system runs whatever "zonelint" is on PATH).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
zl=${ZONELINT:-./zonelint}
case $zl in /*) ;; *) zl=$top/$zl ;; esac
if ! command -v pre-commit >/dev/null 2>&1; then
	echo "run-precommit: pre-commit is missing (Debian package pre-commit; make deps)"
	exit 1
fi
[ -x "$zl" ] || { echo "run-precommit: $zl is not built"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bindir=$(cd "$(dirname "$zl")" && pwd)
PATH=$bindir:$PATH
HOME=$tmp/home
XDG_CACHE_HOME=$tmp/home/.cache
PRE_COMMIT_HOME=$tmp/pre-commit-cache
PRE_COMMIT_COLOR=never
GIT_CONFIG_NOSYSTEM=1
export PATH HOME XDG_CACHE_HOME PRE_COMMIT_HOME PRE_COMMIT_COLOR GIT_CONFIG_NOSYSTEM
unset GITHUB_ACTIONS NO_COLOR GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
mkdir -p "$HOME"

pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok: $1"; }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; [ -f "$tmp/out" ] && sed 's/^/  | /' "$tmp/out"; }

if [ "$(command -v zonelint)" = "$bindir/zonelint" ]; then
	ok "zonelint on PATH is $bindir/zonelint"
else
	bad "zonelint on PATH is $(command -v zonelint), not $bindir/zonelint"
fi

# git in a directory; identities are set per repository (HOME is empty: no global one)
gitin() { dir=$1; shift; git -C "$dir" "$@"; }

# 1. the hook repository: the manifest as it is in this working tree
hooks=$tmp/hookrepo
mkdir -p "$hooks"
cp "$top/.pre-commit-hooks.yaml" "$hooks/"
git -c init.defaultBranch=main init -q "$hooks" &&
gitin "$hooks" config user.name zonelint-test &&
gitin "$hooks" config user.email zonelint-test@example.invalid &&
gitin "$hooks" add .pre-commit-hooks.yaml &&
gitin "$hooks" commit -q -m "zonelint hook manifest" || { echo "run-precommit: cannot make the hook repository"; exit 1; }
rev=$(gitin "$hooks" rev-parse HEAD)

# 2. the zone repository, its config pointing at the hook repository by path
work=$tmp/zones
git -c init.defaultBranch=main init -q "$work" &&
gitin "$work" config user.name zonelint-test &&
gitin "$work" config user.email zonelint-test@example.invalid || exit 1
cat >"$work/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: zonelint
      - id: zonelint-serial
EOF
echo "zone files of example.com" >"$work/README"
gitin "$work" add .pre-commit-config.yaml README &&
gitin "$work" commit -q -m "pre-commit configuration" || exit 1

if (cd "$work" && pre-commit install) >"$tmp/out" 2>&1 && [ -x "$work/.git/hooks/pre-commit" ]; then
	ok "pre-commit install"
else
	bad "pre-commit install"
fi

# 3. a zone with an error-level finding: the commit is refused
zone() {
	cat <<EOF
\$TTL 3600
@	IN	SOA	ns1.example.com. hostmaster.example.com. ( ${2:-2024010101} 7200 900 1209600 3600 )
@	IN	NS	ns1.example.com.
@	IN	MX	10 mail.example.com.
@	IN	TXT	"v=spf1 mx $1"
ns1	IN	A	192.0.2.1
mail	IN	A	192.0.2.25
EOF
}
zone +all >"$work/db.example.com"
gitin "$work" add db.example.com
if gitin "$work" commit -m "allow everyone" >"$tmp/out" 2>&1; then
	bad "commit of a zone with an error was accepted"
else
	if grep -q 'db.example.com:5:21: error: .*\[spf-permissive-all\]' "$tmp/out" &&
	   grep -q '^zonelint\.*Failed' "$tmp/out"; then
		ok "commit refused, zonelint's finding shown"
	else
		bad "commit refused, but without zonelint's finding"
	fi
fi
if [ "$(gitin "$work" rev-list --count HEAD)" = 1 ]; then
	ok "nothing was committed"
else
	bad "a commit was made although the hook failed"
fi

# 4. the fixed zone commits; a binary journal beside it is not linted
zone -all >"$work/db.example.com"
printf '\0\0\0\1;BIND LOG V9\n\377\376' >"$work/db.example.com.jnl"
gitin "$work" add db.example.com db.example.com.jnl
if gitin "$work" commit -m "fix SPF" >"$tmp/out" 2>&1; then
	if grep -q '^zonelint\.*Passed' "$tmp/out"; then
		ok "fixed zone committed, the hook passed"
	else
		bad "fixed zone committed, but the hook did not run"
	fi
else
	bad "commit of the fixed zone (and its journal) refused"
fi

# 5. a commit with no zone file in it: the hook is skipped
echo "contact: hostmaster@example.com" >>"$work/README"
gitin "$work" add README
if gitin "$work" commit -m "contact" >"$tmp/out" 2>&1 &&
   grep -q '^zonelint\.*(no files to check)Skipped' "$tmp/out"; then
	ok "commit without zone files: hook skipped"
else
	bad "commit without zone files"
fi

# 6. zonelint-serial: a record changed, the serial not raised: refused
zone -all 2024010101 >"$work/db.example.com"
echo "www	IN	A	192.0.2.80" >>"$work/db.example.com"
gitin "$work" add db.example.com
if gitin "$work" commit -m "add www" >"$tmp/out" 2>&1; then
	bad "zonelint-serial accepted a change without a new serial"
elif grep -q 'db.example.com:2:1: error: records changed since HEAD but the SOA serial is still 2024010101 (was 2024010101).*\[zone-serial-not-increased\]' "$tmp/out" &&
     grep -q '^zonelint (SOA serial raised)\.*Failed' "$tmp/out"; then
	ok "zonelint-serial refused the change, its finding shown"
else
	bad "commit refused, but not by zonelint-serial's finding"
fi

# 7. the same change with the serial raised commits
zone -all 2024010102 >"$work/db.example.com"
echo "www	IN	A	192.0.2.80" >>"$work/db.example.com"
gitin "$work" add db.example.com
if gitin "$work" commit -m "add www, serial 2024010102" >"$tmp/out" 2>&1 &&
   grep -q '^zonelint (SOA serial raised)\.*Passed' "$tmp/out"; then
	ok "zonelint-serial passed once the serial grew"
else
	bad "commit with a raised serial"
fi

# 8. the first commit of a new repository (no HEAD yet): the zone has no
#    previous version, so zonelint-serial passes, with nothing of git's shown
fresh=$tmp/fresh
git -c init.defaultBranch=main init -q "$fresh" &&
gitin "$fresh" config user.name zonelint-test &&
gitin "$fresh" config user.email zonelint-test@example.invalid || exit 1
cp "$work/.pre-commit-config.yaml" "$fresh/"
zone -all >"$fresh/db.example.com"
gitin "$fresh" add .pre-commit-config.yaml db.example.com
(cd "$fresh" && pre-commit install) >/dev/null 2>&1
if gitin "$fresh" commit -m "first zone" >"$tmp/out" 2>&1 &&
   grep -q '^zonelint (SOA serial raised)\.*Passed' "$tmp/out" &&
   ! grep -q 'fatal:' "$tmp/out"; then
	ok "zonelint-serial passed on the first commit of a new repository"
else
	bad "first commit of a new repository"
fi

echo "run-precommit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
