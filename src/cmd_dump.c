/* cmd_dump.c - "zonelint dump": placeholder until the dump command lands. */
#include <stdio.h>

#include "commands.h"

int zl_cmd_dump(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("zonelint dump: not implemented yet\n", stderr);
	return 3;
}
