/* name.c - domain name conversion and comparison (RFC 1035 sections 2.3, 5.1; RFC 4343). */
#include "name.h"
#include "ascii.h"

#include <stdio.h>
#include <string.h>

static inline uint8_t lower(uint8_t c)
{
	return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + 32) : c;
}

enum zl_name_status zl_name_from_text(const char *txt, size_t len,
				      const uint8_t *origin, uint8_t *out,
				      size_t *outlen)
{
	size_t o = 0;		/* bytes written to out */
	size_t lab = 0;		/* index of the current label's length byte */
	size_t i = 0;
	bool absolute = false;

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

	out[0] = 0;
	o = 1;
	lab = 0;
	while (i < len) {
		uint8_t c = (uint8_t)txt[i++];
		if (c == '.') {
			if (out[lab] == 0)
				return ZL_NAME_EMPTY_LABEL;
			if (i == len) {
				absolute = true;
				break;
			}
			if (o >= ZL_NAME_MAX)
				return ZL_NAME_TOO_LONG;
			lab = o;
			out[o++] = 0;
			continue;
		}
		if (c == '\\') {
			if (i >= len)
				return ZL_NAME_BAD_ESCAPE;
			if (txt[i] >= '0' && txt[i] <= '9') {
				unsigned v = 0;
				for (int k = 0; k < 3; k++, i++) {
					if (i >= len || txt[i] < '0' || txt[i] > '9')
						return ZL_NAME_BAD_ESCAPE;
					v = v * 10 + (unsigned)(txt[i] - '0');
				}
				if (v > 255)
					return ZL_NAME_BAD_ESCAPE;
				c = (uint8_t)v;
			} else {
				c = (uint8_t)txt[i++];
			}
		}
		if (out[lab] >= ZL_LABEL_MAX)
			return ZL_NAME_LABEL_TOO_LONG;
		if (o >= ZL_NAME_MAX)
			return ZL_NAME_TOO_LONG;
		out[o++] = c;
		out[lab]++;
	}
	if (absolute) {
		if (o + 1 > ZL_NAME_MAX)
			return ZL_NAME_TOO_LONG;
		out[o++] = 0;
		*outlen = o;
		return ZL_NAME_OK;
	}
	if (!origin)
		return ZL_NAME_NO_ORIGIN;
	size_t olen = zl_name_wire_len(origin);
	if (o + olen > ZL_NAME_MAX)
		return ZL_NAME_TOO_LONG;
	memcpy(out + o, origin, olen);
	*outlen = o + olen;
	return ZL_NAME_OK;
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

/* The octets Knot DNS accepts unescaped in a name, besides the label dots. */
static bool plain_octet(char c)
{
	return zl_ascii_alpha(c) || zl_ascii_digit(c) || c == '-' || c == '_' ||
	       c == '/' || c == '*' || c == '.';
}

size_t zl_name_odd_octet(const char *txt, size_t len)
{
	if (len == 1 && txt[0] == '@')
		return SIZE_MAX;
	for (size_t i = 0; i < len; i++) {
		if (txt[i] == '\\')	/* skip "\X" or "\DDD" */
			i += (i + 1 < len && zl_ascii_digit(txt[i + 1])) ? 3 : 1;
		else if (!plain_octet(txt[i]))
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

uint32_t zl_name_hash(const uint8_t *wire, size_t len)
{
	/* eight octets a step, each step a multiply and an xor-shift */
	uint64_t h = 0x9e3779b97f4a7c15ull ^ len, w;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, wire + i, 8);
		h = (h ^ fold8(w)) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 31;
	}
	if (i < len) {
		w = 0;		/* the last 1-7 octets, without a memcpy call */
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
