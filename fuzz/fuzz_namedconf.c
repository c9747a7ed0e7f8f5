/* fuzz_namedconf.c - libFuzzer target: the named.conf reader (grammar/namedconf.[ly], src/namedconf.c) and the loading of the zones it declares. */
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "fuzz_common.h"
#include "namedconf.h"

/*
 * The input is a named.conf, read as named-checkconf -t SCRATCH -z would:
 * every path it names (includes, globs, directory, zone files) is looked
 * up below the scratch directory, so the fuzzer never reads the host's
 * files.  Then each zone is asked why it is skipped, in-view targets are
 * looked up, and the primary zones are loaded (their files are mostly
 * missing: conf-zone-file-missing).
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *path;
	struct zl_nc_conf conf;
	struct zl_sink sink;
	struct zl_nc_set *sets = NULL;
	size_t nsets = 0;
	struct zl_nc_load_opts lo;

	if (!path)
		path = zl_fuzz_scratch("named.conf");
	zl_fuzz_write(data, size);
	zl_sink_init(&sink);
	zl_nc_read(&conf, "/named.conf", zl_fuzz_scratch_dir(), &sink);
	for (size_t i = 0; i < conf.nzones; i++) {
		zl_nc_skip_reason(&conf, &conf.zones[i]);
		zl_nc_in_view_target(&conf, &conf.zones[i]);
	}
	memset(&lo, 0, sizeof(lo));
	lo.verbose = zl_fuzz_null();
	zl_nc_load(&conf, &lo, &sets, &nsets, &sink);
	zl_nc_sets_free(sets, nsets);
	zl_nc_free(&conf);
	zl_sink_free(&sink);
	return 0;
}
