#!/bin/sh
# memcheck.sh - run a program under valgrind memcheck: the unit tests, and zonelint for the script tests (make check-valgrind).
#
# As ZONELINT=tests/memcheck.sh it stands in for zonelint: it runs
# $VG_PROGRAM with the same arguments.  Any memcheck error or definitely
# lost block makes the exit status 99, so the calling test fails; valgrind's
# report goes to a file of its own in $VG_LOGDIR (one per process), never
# into the output the tests compare.
#   VG_PROGRAM  the program to run (default ./zonelint; absolute for the
#               script tests, which change directory)
#   VG_LOGDIR   where the reports go (default /tmp)
exec valgrind --quiet --error-exitcode=99 --leak-check=full \
	--show-leak-kinds=definite --errors-for-leak-kinds=definite \
	--log-file="${VG_LOGDIR:-/tmp}/valgrind.%p.log" \
	"${VG_PROGRAM:-./zonelint}" "$@"
