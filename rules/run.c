/* run.c - runs every rule family over the loaded data. */
#include "checks.h"

void zl_rules_run(const struct zl_db *db, struct zl_sink *sink)
{
	zl_check_zone(db, sink);
	zl_check_zone_apex(db, sink);
	zl_check_zone_nodes(db, sink);
	zl_check_zone_records(db, sink);
	zl_check_txt(db, sink);
	zl_check_spf(db, sink);
}
