/* test_name.c - domain names: presentation <-> wire (RFC 1035 sections 2.3.4, 3.1, 5.1), case-insensitive comparison (RFC 4343). */
#include "testutil.h"

#include "name.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

static enum zl_name_status conv(const char *txt, const char *origin_txt,
				uint8_t *out, size_t *len)
{
	uint8_t origin[ZL_NAME_MAX];
	size_t olen;
	if (origin_txt)
		assert_int_equal(zl_name_from_text(origin_txt, strlen(origin_txt), NULL,
						   origin, &olen), ZL_NAME_OK);
	return zl_name_from_text(txt, strlen(txt), origin_txt ? origin : NULL, out, len);
}

/* RFC 1035 section 3.1: length-prefixed labels ending in the root label. */
static void test_absolute(void **state)
{
	(void)state;
	uint8_t w[ZL_NAME_MAX];
	size_t len;
	static const uint8_t want[] = { 3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p',
					'l', 'e', 3, 'c', 'o', 'm', 0 };
	assert_int_equal(conv("www.example.com.", NULL, w, &len), ZL_NAME_OK);
	assert_int_equal(len, sizeof(want));
	assert_memory_equal(w, want, sizeof(want));
	assert_int_equal(conv(".", NULL, w, &len), ZL_NAME_OK);
	assert_int_equal(len, 1);
	assert_int_equal(w[0], 0);
}

/* RFC 1035 section 5.1: relative names get the origin; "@" is the origin. */
static void test_relative_and_at(void **state)
{
	(void)state;
	uint8_t w[ZL_NAME_MAX];
	size_t len;
	char txt[ZL_NAME_TEXT_MAX];
	assert_int_equal(conv("mail", "example.com.", w, &len), ZL_NAME_OK);
	zl_name_to_text(w, txt, sizeof(txt));
	assert_string_equal(txt, "mail.example.com.");
	assert_int_equal(conv("@", "example.com.", w, &len), ZL_NAME_OK);
	zl_name_to_text(w, txt, sizeof(txt));
	assert_string_equal(txt, "example.com.");
	assert_int_equal(conv("mail", NULL, w, &len), ZL_NAME_NO_ORIGIN);
}

/* RFC 1035 section 5.1: \X is X, \DDD is the octet DDD. */
static void test_escapes(void **state)
{
	(void)state;
	uint8_t w[ZL_NAME_MAX];
	size_t len;
	static const uint8_t want[] = { 3, 'a', '.', 'b', 1, 'A', 0 };
	assert_int_equal(conv("a\\.b.\\065.", NULL, w, &len), ZL_NAME_OK);
	assert_int_equal(len, sizeof(want));
	assert_memory_equal(w, want, sizeof(want));
	assert_int_equal(conv("a\\256.", NULL, w, &len), ZL_NAME_BAD_ESCAPE);
	assert_int_equal(conv("a\\06.", NULL, w, &len), ZL_NAME_BAD_ESCAPE);
	assert_int_equal(conv("a\\", NULL, w, &len), ZL_NAME_BAD_ESCAPE);
	char txt[ZL_NAME_TEXT_MAX];
	assert_int_equal(conv("a\\.b.\\000.", NULL, w, &len), ZL_NAME_OK);
	zl_name_to_text(w, txt, sizeof(txt));
	assert_string_equal(txt, "a\\.b.\\000.");
}

/* RFC 1035 section 2.3.4: labels of 63 octets or less, names of 255 or less. */
static void test_limits(void **state)
{
	(void)state;
	uint8_t w[ZL_NAME_MAX];
	size_t len;
	char txt[600];
	memset(txt, 'a', 63);
	strcpy(txt + 63, ".");
	assert_int_equal(conv(txt, NULL, w, &len), ZL_NAME_OK);
	memset(txt, 'a', 64);
	strcpy(txt + 64, ".");
	assert_int_equal(conv(txt, NULL, w, &len), ZL_NAME_LABEL_TOO_LONG);
	/* four 63-octet labels + root = 4 * 64 + 1 = 257 octets: too long;
	 * three of 63 and one of 61 = 255: the longest legal name */
	size_t n = 0;
	for (int k = 0; k < 4; k++) {
		int l = k == 3 ? 61 : 63;
		memset(txt + n, 'b', (size_t)l);
		n += (size_t)l;
		txt[n++] = '.';
	}
	txt[n] = '\0';
	assert_int_equal(conv(txt, NULL, w, &len), ZL_NAME_OK);
	assert_int_equal(len, 255);
	txt[n - 1] = 'c';
	txt[n] = '.';
	txt[n + 1] = '\0';
	assert_int_equal(conv(txt, NULL, w, &len), ZL_NAME_TOO_LONG);
	assert_int_equal(conv("a..b.", NULL, w, &len), ZL_NAME_EMPTY_LABEL);
	assert_int_equal(conv(".a.", NULL, w, &len), ZL_NAME_EMPTY_LABEL);
}

/* RFC 4343: ASCII case is ignored in comparison; other octets are not folded. */
static void test_case_insensitive(void **state)
{
	(void)state;
	uint8_t a[ZL_NAME_MAX], b[ZL_NAME_MAX], c[ZL_NAME_MAX];
	size_t la, lb, lc;
	assert_int_equal(conv("WWW.Example.COM.", NULL, a, &la), ZL_NAME_OK);
	assert_int_equal(conv("www.example.com.", NULL, b, &lb), ZL_NAME_OK);
	assert_true(zl_name_equal(a, b));
	assert_int_equal(zl_name_hash(a, la), zl_name_hash(b, lb));
	assert_int_equal(conv("\\200.example.com.", NULL, a, &la), ZL_NAME_OK);
	assert_int_equal(conv("\\232.example.com.", NULL, c, &lc), ZL_NAME_OK);
	assert_false(zl_name_equal(a, c));	/* 0xC8 vs 0xE8: not ASCII letters */
}

/*
 * zl_name_hash_seed(): case still folds under any key, and the key
 * decides the hashes, so which names collide cannot be known from the
 * zone alone.  Two keys giving the same hash to each of 16 names would
 * mean the key is not used (chance 2^-512 otherwise).
 */
static void test_hash_key(void **state)
{
	(void)state;
	uint8_t a[ZL_NAME_MAX], b[ZL_NAME_MAX];
	uint32_t h[16];
	size_t la, lb;
	char txt[32];
	int changed = 0;

	for (int round = 0; round < 3; round++) {
		zl_name_hash_seed();
		assert_int_equal(conv("Mail.Example.COM.", NULL, a, &la), ZL_NAME_OK);
		assert_int_equal(conv("mail.example.com.", NULL, b, &lb), ZL_NAME_OK);
		assert_int_equal(zl_name_hash(a, la), zl_name_hash(b, lb));
		for (int i = 0; i < 16; i++) {
			snprintf(txt, sizeof(txt), "host%d.example.", i);
			assert_int_equal(conv(txt, NULL, a, &la), ZL_NAME_OK);
			uint32_t v = zl_name_hash(a, la);
			changed += round > 0 && v != h[i];
			h[i] = v;
		}
	}
	assert_true(changed > 0);
}

/*
 * zl_name_hash() reads names eight octets a step, the last one to seven
 * octets by another road: at every length from 1 to 64 and every
 * position, a changed octet changes the hash (a 2^-32 chance each of
 * two names colliding, about 2,100 pairs) and an upper-case letter does
 * not (RFC 4343).  Each name is copied to the end of a heap block of
 * its own length, so a read past its end is a fault under the
 * sanitizers and memcheck.
 */
static void test_hash_every_octet(void **state)
{
	(void)state;
	uint8_t base[64];

	for (size_t i = 0; i < sizeof(base); i++)
		base[i] = (uint8_t)('b' + i % 20);	/* 'b'..'u': +1 stays a letter */
	for (size_t len = 1; len <= sizeof(base); len++) {
		uint8_t *n = malloc(len);
		assert_non_null(n);
		memcpy(n, base, len);
		uint32_t h = zl_name_hash(n, len);
		for (size_t p = 0; p < len; p++) {
			n[p] = (uint8_t)(base[p] + 1);
			assert_int_not_equal(zl_name_hash(n, len), h);
			n[p] = (uint8_t)(base[p] - 'a' + 'A');
			assert_int_equal(zl_name_hash(n, len), h);
			n[p] = base[p];
		}
		free(n);
	}
}

static void test_subdomain_and_labels(void **state)
{
	(void)state;
	uint8_t a[ZL_NAME_MAX], b[ZL_NAME_MAX];
	size_t la, lb;
	assert_int_equal(conv("a.b.Example.com.", NULL, a, &la), ZL_NAME_OK);
	assert_int_equal(conv("example.COM.", NULL, b, &lb), ZL_NAME_OK);
	assert_true(zl_name_is_subdomain(a, b));
	assert_true(zl_name_is_subdomain(b, b));
	assert_false(zl_name_is_subdomain(b, a));
	assert_int_equal(zl_name_label_count(a), 4);
	assert_int_equal(zl_name_wire_len(a), la);
	/* "xample.com." is not a parent of "example.com." even though it is a suffix in text */
	assert_int_equal(conv("xample.com.", NULL, b, &lb), ZL_NAME_OK);
	assert_int_equal(conv("example.com.", NULL, a, &la), ZL_NAME_OK);
	assert_false(zl_name_is_subdomain(a, b));
}

/*
 * zl_name_odd_octet: the octets kzonecheck (Knot DNS 3.x) refuses
 * unescaped in an owner ("invalid domain name character"), checked one by
 * one with it; letters, digits, "-", "_", "/" and "*" it accepts.
 */
static void test_odd_octet(void **state)
{
	static const char refused[] = "&,@$%+=!#~:?^{[|'<`\"()\xc3";
	char name[4];

	(void)state;
	for (const char *c = refused; *c; c++) {
		snprintf(name, sizeof(name), "a%cb", *c);
		assert_int_equal(zl_name_odd_octet(name, 3), 1);
	}
	assert_int_equal(zl_name_odd_octet("Az09-_/*.x.", 11), SIZE_MAX);
	assert_int_equal(zl_name_odd_octet("@", 1), SIZE_MAX);
	assert_int_equal(zl_name_odd_octet("@@", 2), 0);
	/* escaped octets are meant: "\," "\@" "\044" "\\" */
	assert_int_equal(zl_name_odd_octet("a\\,b\\@c\\044d\\\\", 14), SIZE_MAX);
	/* the first odd octet after an escape */
	assert_int_equal(zl_name_odd_octet("\\000x$", 6), 5);
}

/*
 * zl_name_from_text_odd: the conversion of zl_name_from_text() and, from
 * the same pass, the offset zl_name_odd_octet() finds (the octets
 * kzonecheck refuses, as above).
 */
static void test_from_text_odd(void **state)
{
	static const char refused[] = "&,@$%+=!#~:?^{[|'<`\"()\xc3";
	static const uint8_t origin[] = { 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0 };
	uint8_t w[ZL_NAME_MAX];
	size_t len, odd;
	char name[8];

	(void)state;
	for (const char *c = refused; *c; c++) {
		snprintf(name, sizeof(name), "a%cb.", *c);
		assert_int_equal(zl_name_from_text_odd(name, 4, NULL, w, &len, &odd), ZL_NAME_OK);
		assert_int_equal(len, 5);	/* one label of 3 octets and the root */
		assert_int_equal(w[2], (uint8_t)*c);
		assert_int_equal(odd, 1);
	}
	assert_int_equal(zl_name_from_text_odd("Az09-_/*.x.", 11, NULL, w, &len, &odd), ZL_NAME_OK);
	assert_int_equal(odd, SIZE_MAX);
	assert_int_equal(zl_name_from_text_odd("@", 1, origin, w, &len, &odd), ZL_NAME_OK);
	assert_int_equal(len, sizeof(origin));
	assert_int_equal(odd, SIZE_MAX);
	assert_int_equal(zl_name_from_text_odd("a\\,b\\@c\\044d\\\\", 14, origin, w, &len, &odd),
			 ZL_NAME_OK);
	assert_int_equal(odd, SIZE_MAX);
	/* "\000x$": a label of three octets 0, 'x', '$', then the origin */
	assert_int_equal(zl_name_from_text_odd("\\000x$", 6, origin, w, &len, &odd), ZL_NAME_OK);
	assert_int_equal(len, 4 + sizeof(origin));
	assert_int_equal(odd, 5);
	/* a name that does not convert says why, as zl_name_from_text() does */
	assert_int_equal(zl_name_from_text_odd("a$..b.", 6, NULL, w, &len, &odd), ZL_NAME_EMPTY_LABEL);
}

/*
 * Every octet but "." and "\" at every place of a 16-octet label: kept
 * as it is, and the first odd one found where it is (the octets
 * kzonecheck accepts unescaped: ASCII letters and digits, "-", "_",
 * "/" and "*"), whether it falls in the eight octets read at once or
 * after them.
 */
static void test_every_octet_in_a_long_label(void **state)
{
	uint8_t w[ZL_NAME_MAX];
	size_t len, odd;
	char name[18];

	(void)state;
	for (int c = 0; c < 256; c++) {
		if (c == '.' || c == '\\')
			continue;
		bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			     (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '/' || c == '*';
		for (size_t at = 0; at < 16; at++) {
			memcpy(name, "abcdefghijklmnop.", 17);
			name[at] = (char)c;
			assert_int_equal(zl_name_from_text_odd(name, 17, NULL, w, &len, &odd), ZL_NAME_OK);
			assert_int_equal(len, 18);
			assert_int_equal(w[0], 16);
			assert_memory_equal(w + 1, name, 16);
			if (plain != (odd == SIZE_MAX) || (!plain && odd != at))
				fail_msg("octet 0x%02x at %zu: odd %zu", c, at, odd);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_absolute),
		cmocka_unit_test(test_relative_and_at),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_case_insensitive),
		cmocka_unit_test(test_hash_key),
		cmocka_unit_test(test_hash_every_octet),
		cmocka_unit_test(test_subdomain_and_labels),
		cmocka_unit_test(test_odd_octet),
		cmocka_unit_test(test_from_text_odd),
		cmocka_unit_test(test_every_octet_in_a_long_label),
	};
	return cmocka_run_group_tests_name("name", tests, NULL, NULL);
}
