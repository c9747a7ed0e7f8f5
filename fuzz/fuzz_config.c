/* fuzz_config.c - libFuzzer target: the .zonelint configuration reader (src/config.c over libinih) and the origin patterns it yields. */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"db.example.com", "zones/db.cosi", "example.com.zone", "-", "",
	};
	char err[400];

	/* fmemopen refuses an empty buffer: give it one NUL, an empty file to libinih */
	FILE *f = fmemopen(size ? (void *)data : (void *)"", size ? size : 1, "r");
	struct zl_config *cfg = zl_config_read(f, ".zonelint", err, sizeof(err));

	if (f)
		fclose(f);
	if (!cfg) {
		if (!memchr(err, '\0', sizeof(err)))
			__builtin_trap();
		return 0;
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		zl_config_origin(cfg, names[i]);
	zl_config_free(cfg);
	return 0;
}
