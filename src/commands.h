/* commands.h - subcommands of the zonelint command line; each takes its own options after its name. */
#ifndef ZL_COMMANDS_H
#define ZL_COMMANDS_H

/*
 * zonelint spf-eval: RFC 7208 check_host() over zone files as a closed
 * world (contract: ../shared/conformance/spf/README.md, "Evaluator
 * contract").  argv[0] is "spf-eval".  Returns the process exit status:
 * 0 a result was computed, 2 a zone file could not be read, 3 usage error.
 */
int zl_cmd_spf_eval(int argc, char **argv);

#endif
