/* name.c - domain name conversion and comparison (RFC 1035 sections 2.3, 5.1; RFC 4343). */
#include "name.h"
#include "ascii.h"

#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

static inline uint8_t lower(uint8_t c)
{
	return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + 32) : c;
}

/* What an octet of a name as written is to zl_name_convert().  NC_PLAIN
 * shares no bit with the others: the AND of the classes of a few octets
 * is NC_PLAIN only when every one of them is plain. */
enum {
	NC_ODD = 0,	/* stands for itself, but Knot DNS refuses it unescaped */
	NC_PLAIN = 1,	/* a letter, a digit, "-", "_", "/" or "*" */
	NC_DOT = 2,	/* ends a label */
	NC_ESC = 4,	/* "\": starts "\X" or "\DDD" */
};

#define P NC_PLAIN
static const uint8_t name_class[256] = {
	/* 0x00-0x1f */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	/*  !  "  #  $  %  &  '  (  )  *  +  ,  -  .       / */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, P, 0, 0, P, NC_DOT, P,
	/* 0-9 : ; < = > ? */
	P, P, P, P, P, P, P, P, P, P, 0, 0, 0, 0, 0, 0,
	/* @ A-O */
	0, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
	/* P-Z [ \ ] ^ _ */
	P, P, P, P, P, P, P, P, P, P, P, 0, NC_ESC, 0, 0, P,
	/* ` a-o */
	0, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
	/* p-z { | } ~ DEL */
	P, P, P, P, P, P, P, P, P, P, P, 0, 0, 0, 0, 0,
	/* 0x80-0xff: all 0 */
};
#undef P

/*
 * zl_name_from_text(), and *odd set as zl_name_odd_octet() would return
 * it (valid when the result is ZL_NAME_OK).  One pass over txt: runs of
 * plain octets are copied in a tight loop, everything else is handled
 * one octet at a time.  The checks and their order are those of RFC
 * 1035 section 5.1 read left to right: the first fault met is returned,
 * a label over 63 octets before a name over 255 at the same octet.
 */
static enum zl_name_status zl_name_convert(const char *txt, size_t len,
					   const uint8_t *origin, uint8_t *out,
					   size_t *outlen, size_t *odd)
{
	const uint8_t *s = (const uint8_t *)txt;
	size_t o = 1;		/* octets written to out */
	size_t lab = 0;		/* index of the current label's length octet */
	size_t i = 0;

	*odd = SIZE_MAX;
	if (len == 1 && txt[0] == '@') {
		if (!origin)
			return ZL_NAME_NO_ORIGIN;
		*outlen = zl_name_wire_len(origin);
		memcpy(out, origin, *outlen);
		return ZL_NAME_OK;
	}
	if (len == 1 && txt[0] == '.') {
		out[0] = 0;
		*outlen = 1;
		return ZL_NAME_OK;
	}
	if (len == 0)
		return ZL_NAME_EMPTY_LABEL;

	for (;;) {
		/* the label may grow until out[lim]: 63 octets, 255 in all */
		size_t lim = lab + 1 + ZL_LABEL_MAX;
		if (lim > ZL_NAME_MAX)
			lim = ZL_NAME_MAX;
		/* a run of plain octets, as far as the limits allow */
		size_t end = len - i > lim - o ? i + (lim - o) : len;
		while (i + 4 <= end &&
		       (name_class[s[i]] & name_class[s[i + 1]] &
			name_class[s[i + 2]] & name_class[s[i + 3]]) == NC_PLAIN) {
			memcpy(out + o, s + i, 4);
			o += 4;
			i += 4;
		}
		while (i < end && name_class[s[i]] == NC_PLAIN)
			out[o++] = s[i++];
		if (i == len)
			break;
		uint8_t c = s[i];
		unsigned k = name_class[c];
		if (k == NC_DOT) {
			i++;
			if (o == lab + 1)
				return ZL_NAME_EMPTY_LABEL;
			out[lab] = (uint8_t)(o - lab - 1);
			if (i == len) {
				/* absolute */
				if (o + 1 > ZL_NAME_MAX)
					return ZL_NAME_TOO_LONG;
				out[o++] = 0;
				*outlen = o;
				return ZL_NAME_OK;
			}
			if (o >= ZL_NAME_MAX)
				return ZL_NAME_TOO_LONG;
			lab = o++;
			continue;
		}
		if (k == NC_ESC) {
			if (++i >= len)
				return ZL_NAME_BAD_ESCAPE;
			if (s[i] >= '0' && s[i] <= '9') {
				unsigned v = 0;
				for (int d = 0; d < 3; d++, i++) {
					if (i >= len || s[i] < '0' || s[i] > '9')
						return ZL_NAME_BAD_ESCAPE;
					v = v * 10 + (unsigned)(s[i] - '0');
				}
				if (v > 255)
					return ZL_NAME_BAD_ESCAPE;
				c = (uint8_t)v;
			} else {
				c = s[i++];
			}
		} else {
			/* NC_ODD, or a plain octet the run stopped at */
			if (k == NC_ODD && *odd == SIZE_MAX)
				*odd = i;
			i++;
		}
		if (o >= lab + 1 + ZL_LABEL_MAX)
			return ZL_NAME_LABEL_TOO_LONG;
		if (o >= ZL_NAME_MAX)
			return ZL_NAME_TOO_LONG;
		out[o++] = c;
	}
	/* relative */
	out[lab] = (uint8_t)(o - lab - 1);
	if (!origin)
		return ZL_NAME_NO_ORIGIN;
	size_t olen = zl_name_wire_len(origin);
	if (o + olen > ZL_NAME_MAX)
		return ZL_NAME_TOO_LONG;
	memcpy(out + o, origin, olen);
	*outlen = o + olen;
	return ZL_NAME_OK;
}

enum zl_name_status zl_name_from_text(const char *txt, size_t len,
				      const uint8_t *origin, uint8_t *out,
				      size_t *outlen)
{
	size_t odd;
	return zl_name_convert(txt, len, origin, out, outlen, &odd);
}

enum zl_name_status zl_name_from_text_odd(const char *txt, size_t len,
					  const uint8_t *origin, uint8_t *out,
					  size_t *outlen, size_t *odd)
{
	return zl_name_convert(txt, len, origin, out, outlen, odd);
}

bool zl_name_from_cli(const char *text, uint8_t *out)
{
	char tmp[ZL_NAME_TEXT_MAX];
	size_t len = strlen(text), olen;

	if (len == 0 || len + 2 > sizeof(tmp))
		return false;
	memcpy(tmp, text, len);
	if (strcmp(text, ".") != 0 &&
	    (tmp[len - 1] != '.' || (len > 1 && tmp[len - 2] == '\\')))
		tmp[len++] = '.';
	return zl_name_from_text(tmp, len, NULL, out, &olen) == ZL_NAME_OK;
}

size_t zl_name_odd_octet(const char *txt, size_t len)
{
	if (len == 1 && txt[0] == '@')
		return SIZE_MAX;
	for (size_t i = 0; i < len; i++) {
		unsigned k = name_class[(uint8_t)txt[i]];
		if (k == NC_ESC)	/* skip "\X" or "\DDD" */
			i += (i + 1 < len && zl_ascii_digit(txt[i + 1])) ? 3 : 1;
		else if (k == NC_ODD)
			return i;
	}
	return SIZE_MAX;
}

const char *zl_name_strerror(enum zl_name_status st)
{
	switch (st) {
	case ZL_NAME_OK:
		return "valid name";
	case ZL_NAME_EMPTY_LABEL:
		return "empty label in name";
	case ZL_NAME_LABEL_TOO_LONG:
		return "label longer than 63 octets";
	case ZL_NAME_TOO_LONG:
		return "name longer than 255 octets";
	case ZL_NAME_BAD_ESCAPE:
		return "bad escape in name";
	case ZL_NAME_NO_ORIGIN:
		return "relative name but no origin is known";
	}
	return "bad name";
}

size_t zl_name_to_text(const uint8_t *wire, char *out, size_t cap)
{
	size_t n = 0;
	char tmp[8];

#define EMIT(ch) do { if (n + 1 < cap) out[n] = (ch); n++; } while (0)
	if (wire[0] == 0) {
		EMIT('.');
	}
	while (wire[0] != 0) {
		uint8_t l = wire[0];
		for (uint8_t k = 1; k <= l; k++) {
			uint8_t c = wire[k];
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
			    c == '*' || c == '/' || c == '+' || c == '=') {
				EMIT((char)c);
			} else if (c == '.' || c == '\\' || c == '"' ||
				   c == '(' || c == ')' || c == ';' ||
				   c == '@' || c == '$') {
				EMIT('\\');
				EMIT((char)c);
			} else if (c > 0x20 && c < 0x7f) {
				EMIT((char)c);
			} else {
				snprintf(tmp, sizeof(tmp), "\\%03u", c);
				for (int t = 0; tmp[t]; t++)
					EMIT(tmp[t]);
			}
		}
		EMIT('.');
		wire += l + 1;
	}
#undef EMIT
	if (cap)
		out[n < cap ? n : cap - 1] = '\0';
	return n;
}

size_t zl_name_wire_len(const uint8_t *wire)
{
	size_t n = 0;
	while (wire[n] != 0)
		n += (size_t)wire[n] + 1;
	return n + 1;
}

unsigned zl_name_label_count(const uint8_t *wire)
{
	unsigned c = 0;
	while (*wire) {
		c++;
		wire += *wire + 1;
	}
	return c;
}

bool zl_name_equal(const uint8_t *a, const uint8_t *b)
{
	for (;;) {
		if (*a != *b)
			return false;
		if (*a == 0)
			return true;
		uint8_t l = *a;
		for (uint8_t k = 1; k <= l; k++)
			if (a[k] != b[k] && lower(a[k]) != lower(b[k]))
				return false;
		a += l + 1;
		b += l + 1;
	}
}

bool zl_name_is_subdomain(const uint8_t *name, const uint8_t *parent)
{
	size_t nl = zl_name_wire_len(name), pl = zl_name_wire_len(parent);
	size_t off = 0;

	/* the suffix of parent's length, if it starts at a label */
	while (nl - off > pl)
		off += name[off] + 1u;
	if (nl - off != pl)
		return false;
	return memcmp(name + off, parent, pl) == 0 || zl_name_equal(name + off, parent);
}

/*
 * ASCII 'A'..'Z' to lower case in all eight octets of w at once: bit 7
 * of (b & 0x7f) + 0x3f is set from 'A' (0x41) up, of (b & 0x7f) + 0x25
 * from '[' (0x5b) up; octets >= 0x80 are left alone.
 */
static inline uint64_t fold8(uint64_t w)
{
	const uint64_t hi = 0x8080808080808080ull;
	uint64_t low7 = w & ~hi;
	uint64_t upper = (low7 + 0x3f3f3f3f3f3f3f3full) &
			 ~(low7 + 0x2525252525252525ull) & ~w & hi;
	return w | (upper >> 2);
}

/* w, loaded from memory with memcpy(), as a little-endian number. */
static inline uint64_t le64(uint64_t w)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return __builtin_bswap64(w);
#else
	return w;
#endif
}

/* zl_name_hash()'s key (zl_name_hash_seed()). */
static uint64_t hash_key;

void zl_name_hash_seed(void)
{
	uint64_t k = 0;

	if (getrandom(&k, sizeof(k), GRND_NONBLOCK) != (ssize_t)sizeof(k)) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		k = (uint64_t)ts.tv_nsec * 0x9e3779b97f4a7c15ull ^ (uint64_t)ts.tv_sec ^
		    (uint64_t)getpid() << 32 ^ (uint64_t)(uintptr_t)&k;
	}
	hash_key = k;
}

uint32_t zl_name_hash(const uint8_t *wire, size_t len)
{
	/* the key and length mixed first, so that where two names of
	 * different lengths collide depends on the key; then eight octets
	 * a step, each step a multiply and an xor-shift */
	uint64_t h = (hash_key ^ len) * 0x9e3779b97f4a7c15ull, w;
	size_t i = 0;

	h ^= h >> 29;
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, wire + i, 8);
		h = (h ^ fold8(w)) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 31;
	}
	if (i < len && len >= 8) {
		/* the last 1-7 octets: the eight that end the name, shifted
		 * so that only those not hashed yet stay, in the low octets
		 * as the loop below puts them (a little-endian load) */
		memcpy(&w, wire + len - 8, 8);
		w = le64(w) >> (8 * (8 - (len - i)));
		h = (h ^ fold8(w)) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 31;
	} else if (i < len) {
		w = 0;		/* a name under 8 octets, without a memcpy call */
		for (size_t k = 0; i + k < len; k++)
			w |= (uint64_t)wire[i + k] << (8 * k);
		h = (h ^ fold8(w)) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 31;
	}
	h *= 0x94d049bb133111ebull;
	return (uint32_t)(h ^ (h >> 32));
}

void zl_name_lower(uint8_t *wire)
{
	while (*wire) {
		uint8_t l = *wire;
		for (uint8_t k = 1; k <= l; k++)
			wire[k] = lower(wire[k]);
		wire += l + 1;
	}
}
