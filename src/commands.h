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

/*
 * zonelint dump: print every record of a zone file after all directives
 * and defaults are applied, in presentation form or (--wire) in the block
 * format of Knot's zscanner test data; a rejected record prints one
 * "ERROR=<rule-id>" block in its place.  argv[0] is "dump".  Returns the
 * exit status: 0 all records read, 1 some rejected, 2 unreadable, 3 usage.
 */
int zl_cmd_dump(int argc, char **argv);

#endif
