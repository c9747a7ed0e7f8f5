/* spf_macro.c - SPF macro-string and domain-spec syntax (RFC 7208 sections 7.1, 12). */
#include "ascii.h"
#include "spf.h"

#include <string.h>

/* Saturation point of the DIGIT transformer: far above any real use. */
#define SPF_DIGITS_MAX 9999u

/* Longest DNS label in octets (RFC 1035 section 2.3.4). */
#define SPF_LABEL_MAX 63u

/* macro-literal = %x21-24 / %x26-7E: visible characters except "%". */
static bool is_macro_literal(char c)
{
	unsigned char u = (unsigned char)c;
	return u >= 0x21 && u <= 0x7e && u != '%';
}

/* macro-letter = "s" / "l" / "o" / "d" / "i" / "p" / "h" / "c" / "r" / "t" / "v" */
static bool is_macro_letter(char c)
{
	switch (zl_ascii_lower(c)) {
	case 's': case 'l': case 'o': case 'd': case 'i': case 'p':
	case 'h': case 'c': case 'r': case 't': case 'v':
		return true;
	default:
		return false;
	}
}

/* delimiter = "." / "-" / "+" / "," / "/" / "_" / "=" */
static bool is_delimiter(char c)
{
	switch (c) {
	case '.': case '-': case '+': case ',': case '/': case '_': case '=':
		return true;
	default:
		return false;
	}
}

/* Macro letters that section 7.1 allows only in explanation text. */
static bool is_exp_only_letter(char c)
{
	return c == 'c' || c == 'r' || c == 't';
}

static bool fail(uint32_t *err_off, uint32_t *err_len, const char **err,
		 size_t off, size_t len, const char *msg)
{
	if (err_off)
		*err_off = (uint32_t)off;
	if (err_len)
		*err_len = (uint32_t)len;
	if (err)
		*err = msg;
	return false;
}

/*
 * transformers = *DIGIT [ "r" ], then *delimiter, then "}".  s[*i] is the
 * first octet after the macro-letter.  Fills m, advances *i past "}".
 */
static bool spf_transformers(const char *s, size_t len, size_t *i,
			     struct zl_spf_macro *m, uint32_t *err_off,
			     uint32_t *err_len, const char **err)
{
	size_t p = *i, dstart = p, nd = 0;

	while (p < len && zl_ascii_digit(s[p])) {
		m->digits = m->digits * 10 + (unsigned)(s[p] - '0');
		if (m->digits > SPF_DIGITS_MAX)
			m->digits = SPF_DIGITS_MAX;
		p++;
	}
	if (p > dstart && m->digits == 0)
		return fail(err_off, err_len, err, dstart, p - dstart,
			    "macro digit transformer must be nonzero");
	if (p < len && zl_ascii_lower(s[p]) == 'r') {
		m->reverse = true;
		p++;
	}
	while (p < len && is_delimiter(s[p])) {
		if (!strchr(m->delims, s[p]) && nd < sizeof(m->delims) - 1) {
			m->delims[nd++] = s[p];
			m->delims[nd] = '\0';
		}
		p++;
	}
	if (p >= len || s[p] == ' ')
		return fail(err_off, err_len, err, 0, p,
			    "unterminated macro; missing \"}\"");
	if (s[p] != '}')
		return fail(err_off, err_len, err, p, 1,
			    "invalid character in macro; after the letter come "
			    "digits, \"r\" and delimiters . - + , / _ =");
	*i = p + 1;
	return true;
}

/*
 * macro-expand = ( "%{" macro-letter transformers *delimiter "}" )
 *                / "%%" / "%_" / "%-"      (section 7.1)
 * Contract in spf.h; no allocation.
 */
bool zl_spf_macro_parse(const char *s, size_t len, struct zl_spf_macro *m,
			uint32_t *err_off, uint32_t *err_len, const char **err)
{
	size_t i;

	memset(m, 0, sizeof(*m));
	if (len == 0 || s[0] != '%')
		return fail(err_off, err_len, err, 0, len ? 1 : 0,
			    "a macro starts with \"%\"");
	if (len < 2)
		return fail(err_off, err_len, err, 0, 1,
			    "\"%\" at the end; write \"%%\" for a literal percent sign");
	if (s[1] == '%' || s[1] == '_' || s[1] == '-') {
		m->letter = s[1];
		m->len = 2;
		return true;
	}
	if (s[1] != '{')
		return fail(err_off, err_len, err, 0, 2,
			    "\"%\" must be followed by \"{\", \"%\", \"_\" or \"-\"; "
			    "write \"%%\" for a literal percent sign");
	if (len < 3 || s[2] == ' ')
		return fail(err_off, err_len, err, 0, 2,
			    "unterminated macro; missing \"}\"");
	if (!is_macro_letter(s[2]))
		return fail(err_off, err_len, err, 2, 1,
			    "unknown macro letter; use one of s l o d i p h c r t v");
	m->letter = zl_ascii_lower(s[2]);
	m->upper = s[2] != m->letter;
	i = 3;
	if (!spf_transformers(s, len, &i, m, err_off, err_len, err))
		return false;
	m->len = (uint32_t)i;
	return true;
}

/*
 * toplabel = ( *alphanum ALPHA *alphanum ) /
 *            ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
 * s[0..len) is the label, without dots.  Offsets in errors are relative
 * to s.
 */
static bool spf_toplabel(const char *s, size_t len, uint32_t *err_off,
			 uint32_t *err_len, const char **err)
{
	bool alpha = false, hyphen = false;
	size_t i;

	if (len == 0)
		return fail(err_off, err_len, err, 0, 0,
			    "a domain-spec must end in \".\" and a top-level label, "
			    "or in a macro");
	for (i = 0; i < len; i++) {
		if (zl_ascii_alpha(s[i]))
			alpha = true;
		else if (s[i] == '-')
			hyphen = true;
		else if (!zl_ascii_digit(s[i]))
			return fail(err_off, err_len, err, i, len - i,
				    "the top-level label may hold only letters, "
				    "digits and \"-\"");
	}
	if (hyphen) {
		if (s[0] == '-' || s[len - 1] == '-')
			return fail(err_off, err_len, err, 0, len,
				    "the top-level label must not start or end with \"-\"");
		return true;
	}
	if (!alpha)
		return fail(err_off, err_len, err, 0, len,
			    "the top-level label is all digits; it needs a letter "
			    "(an address belongs in ip4: or ip6:)");
	return true;
}

/*
 * domain-end = ( "." toplabel [ "." ] ) / macro-expand.  s[0..len) is the
 * whole domain-spec; tail is the offset just after its last macro-expand
 * (0 if none), so s[tail..len) is all macro-literal.
 */
static bool spf_domain_end(const char *s, size_t len, size_t tail,
			   uint32_t *err_off, uint32_t *err_len, const char **err)
{
	size_t end = len, dot;

	if (tail == len && tail > 0)
		return true;	/* ends in a macro-expand */
	if (end > tail && s[end - 1] == '.')
		end--;		/* the optional trailing dot */
	dot = end;
	while (dot > tail && s[dot - 1] != '.')
		dot--;
	if (dot == tail || s[dot - 1] != '.') {
		if (tail == 0)
			return fail(err_off, err_len, err, 0, len,
				    "a domain-spec needs at least two labels, "
				    "e.g. example.com");
		return fail(err_off, err_len, err, tail, len - tail,
			    "a domain-spec must end in \".\" and a top-level label, "
			    "or in a macro");
	}
	if (!spf_toplabel(s + dot, end - dot, err_off, err_len, err)) {
		if (err_off)
			*err_off += (uint32_t)dot;
		return false;
	}
	return true;
}

/*
 * macro-string = *( macro-expand / macro-literal ), and with
 * ZL_SPF_MS_DOMAIN_SPEC: domain-spec = macro-string domain-end (section
 * 12), explain-string with ZL_SPF_MS_EXPLAIN.  Contract in spf.h.
 */
bool zl_spf_scan_macro_string(const char *s, size_t len, unsigned flags,
			      struct zl_spf_ms_info *info, uint32_t *err_off,
			      uint32_t *err_len, const char **err)
{
	bool domain = (flags & ZL_SPF_MS_DOMAIN_SPEC) != 0;
	bool explain = (flags & ZL_SPF_MS_EXPLAIN) != 0;
	struct zl_spf_ms_info found = { false, false };
	size_t i = 0, tail = 0, label = 0;
	bool label_macro = false;
	struct zl_spf_macro m;
	uint32_t eo = 0, el = 0;

	if (domain && len == 0)
		return fail(err_off, err_len, err, 0, 0, "empty domain-spec");
	while (i < len) {
		char c = s[i];

		if (c == '%') {
			if (!zl_spf_macro_parse(s + i, len - i, &m, &eo, &el, err))
				return fail(err_off, err_len, NULL, i + eo, el, NULL);
			if (m.len > 2) {
				found.has_macro = true;
				if (m.letter == 'p')
					found.uses_p_macro = true;
				if (domain && is_exp_only_letter(m.letter))
					return fail(err_off, err_len, err, i + 2, 1,
						    "macro letters c, r and t are allowed "
						    "only in explanation text, not in a "
						    "domain-spec");
			}
			i += m.len;
			tail = i;
			label_macro = true;
			continue;
		}
		if (c == ' ' && explain) {
			i++;
			continue;
		}
		if (!is_macro_literal(c))
			return fail(err_off, err_len, err, i, 1,
				    "invalid character; a macro-string holds only "
				    "visible ASCII");
		if (domain && c == '.') {
			if (i == label && !label_macro)
				return fail(err_off, err_len, err, i, 1,
					    "empty label in domain-spec (\"..\" or a "
					    "leading \".\")");
			if (!label_macro && i - label > SPF_LABEL_MAX)
				return fail(err_off, err_len, err, label, i - label,
					    "label longer than 63 octets in domain-spec");
			label = i + 1;
			label_macro = false;
		}
		i++;
	}
	if (domain) {
		if (!label_macro && len - label > SPF_LABEL_MAX)
			return fail(err_off, err_len, err, label, len - label,
				    "label longer than 63 octets in domain-spec");
		if (!spf_domain_end(s, len, tail, err_off, err_len, err))
			return false;
	}
	if (info)
		*info = found;
	return true;
}

/* Section 7.1 / 12 check without details; contract in spf.h. */
bool zl_spf_check_macro_string(const char *s, size_t len, bool domain_spec,
			       uint32_t *err_off, const char **err)
{
	return zl_spf_scan_macro_string(s, len,
					domain_spec ? ZL_SPF_MS_DOMAIN_SPEC : 0,
					NULL, err_off, NULL, err);
}
