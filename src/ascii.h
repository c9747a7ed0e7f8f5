/* ascii.h - ASCII character classes (RFC 5234 ALPHA, DIGIT, HEXDIG), independent of the C locale. */
#ifndef ZL_ASCII_H
#define ZL_ASCII_H

#include <stdbool.h>

/* 'A'..'Z' to 'a'..'z'; every other byte unchanged (RFC 4343: ASCII case only). */
static inline char zl_ascii_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c + ('a' - 'A')) : c;
}

/* ALPHA = %x41-5A / %x61-7A */
static inline bool zl_ascii_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* DIGIT = %x30-39 */
static inline bool zl_ascii_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* HEXDIG, either case */
static inline bool zl_ascii_xdigit(char c)
{
	char l = zl_ascii_lower(c);
	return zl_ascii_digit(c) || (l >= 'a' && l <= 'f');
}

#endif
