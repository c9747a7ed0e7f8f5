/* serial.h - has the zone changed since a previous version, and did its SOA serial grow (RFC 1982 serial arithmetic)? */
#ifndef ZL_SERIAL_H
#define ZL_SERIAL_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "zone.h"

/*
 * True if serial b is greater than serial a in RFC 1982 (section 3.2)
 * arithmetic for 32-bit serials: b != a and the distance from a up to b
 * is less than 2^31.
 */
bool zl_serial_gt(uint32_t b, uint32_t a);

/*
 * Compare zone z (the edited version) with prev (the zone of the same
 * file loaded from its previous version, in another database): when any
 * RR differs (owner, class, type, TTL or RDATA compared as DNS does; the
 * SOA serial itself left out) but the SOA serial did not grow, report
 * zone-serial-not-increased at z's SOA record.  prev_label names the
 * previous version in the message ("HEAD", a file name).  Nothing is
 * reported when either version has no SOA.
 */
void zl_serial_check(const struct zl_zone *z, const struct zl_zone *prev,
		     const char *prev_label, struct zl_sink *sink);

#endif
