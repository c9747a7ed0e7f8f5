/* cmd_spf_eval.c - "zonelint spf-eval": placeholder until the evaluator lands. */
#include <stdio.h>

#include "commands.h"

int zl_cmd_spf_eval(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("zonelint spf-eval: not implemented yet\n", stderr);
	return 3;
}
