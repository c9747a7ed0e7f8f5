#!/bin/sh
# run-syntax-only.sh - --syntax-only against the full run over every zone fixture: it must print
# exactly the full run's findings of the rules it runs (zonelint --syntax-only --list-rules),
# at the same file, line and column, and nothing else; an exit status 2 or 3 (a file that
# cannot be read, no origin) must be the full run's.  Fixtures whose .args need the whole
# zone (--spf-tree, --against, --previous, a --select of such a rule) are usage errors with
# --syntax-only and are skipped, as are those that run a subcommand; tests/run-cli.sh
# checks those errors.
#   ZONELINT=path  the binary (default ./zonelint)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
zl=${ZONELINT:-./zonelint}
case $zl in /*) ;; *) zl=$top/$zl ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rules=$("$zl" --syntax-only --list-rules | cut -d' ' -f1 | paste -sd'|' -)
if [ -z "$rules" ]; then
	echo "FAIL: zonelint --syntax-only --list-rules lists no rule"
	exit 1
fi
pass=0 fail=0 skip=0
# lint ARGS... : run zonelint in the case's directory (or on the .gen's output), output and
# a last line "exit N" to standard output
lint() {
	case $zone in
	*.gen)
		rm -rf "$tmp/gen" && mkdir "$tmp/gen"
		# shellcheck disable=SC2086 # args are words by design
		(cd "$tmp/gen" && sh "$zone" | "$zl" "$@" $args - 2>&1; echo "exit $?") ;;
	*)
		# shellcheck disable=SC2086
		(cd "$dir" && "$zl" "$@" $args "$base.zone" 2>&1; echo "exit $?") ;;
	esac
}
for zone in "$top"/fixtures/*/*.zone "$top"/fixtures/*/*.gen; do
	[ -e "$zone" ] || continue
	dir=$(dirname "$zone")
	base=$(basename "$zone")
	base=${base%.*}
	args=
	[ -f "$dir/$base.args" ] && args=$(cat "$dir/$base.args")
	case " $args " in
	*" --syntax-only "*|*--spf-tree*|*--against*|*--previous*|*--select*|" spf-eval "*|" dump "*)
		skip=$((skip + 1)); continue ;;
	esac
	lint >"$tmp/full"
	lint --syntax-only >"$tmp/so"
	full_status=$(tail -n 1 "$tmp/full")
	so_status=$(tail -n 1 "$tmp/so")
	sed '$d' "$tmp/full" | grep -aE "\[($rules)\]\$" >"$tmp/want"
	sed '$d' "$tmp/so" >"$tmp/got"
	case $full_status in
	"exit 2"|"exit 3") [ "$so_status" = "$full_status" ] || {
		echo "FAIL ${zone#"$top"/}: --syntax-only says $so_status, the full run $full_status"
		fail=$((fail + 1)); continue; } ;;
	esac
	if cmp -s "$tmp/want" "$tmp/got"; then
		pass=$((pass + 1))
	else
		echo "FAIL ${zone#"$top"/}: --syntax-only is not the full run's findings of the rules it runs"
		diff -u "$tmp/want" "$tmp/got" | sed 's/^/    /'
		fail=$((fail + 1))
	fi
done
echo "syntax-only: $pass passed, $fail failed ($skip fixtures skipped)"
[ "$fail" -eq 0 ]
