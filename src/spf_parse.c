/* spf_parse.c - SPF record term parser: one function per RFC 7208 section 12 ABNF rule. */
#include "ascii.h"
#include "spf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Longest piece of record text quoted in a message; longer gets "...". */
#define SPF_QUOTE_MAX 32u

/* "%.*s%s" with QARG(p, n) quotes n octets at p, shortened if long. */
#define QFMT "%.*s%s"
#define QARG(p, n) spf_qlen(n), (p), spf_qell(n)

/* Indexed by enum zl_spf_mech. */
static const char *const spf_mech_names[] = {
	"all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists",
};
#define SPF_NMECH (sizeof(spf_mech_names) / sizeof(spf_mech_names[0]))

/* Why a text is not an ip4-network. */
enum spf_ip4_fault {
	SPF_IP4_OK,
	SPF_IP4_SHORT,		/* fewer than four numbers */
	SPF_IP4_RANGE,		/* a number over 255 or over three digits */
	SPF_IP4_ZERO,		/* a leading zero ("01") */
	SPF_IP4_PORT,		/* ":digits" after the address */
	SPF_IP4_JUNK,		/* anything else */
};

/* qualifier = "+" / "-" / "?" / "~" */
static bool is_qualifier(char c)
{
	return c == '+' || c == '-' || c == '?' || c == '~';
}

static unsigned xdigit_value(char c)
{
	return zl_ascii_digit(c) ? (unsigned)(c - '0') : (unsigned)(zl_ascii_lower(c) - 'a' + 10);
}

/* True if s[0..n) equals the lower-case word w, ignoring ASCII case. */
static bool ci_eq(const char *s, size_t n, const char *w)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (w[i] == '\0' || zl_ascii_lower(s[i]) != w[i])
			return false;
	return w[n] == '\0';
}

static int spf_qlen(uint32_t n)
{
	return (int)(n > SPF_QUOTE_MAX ? SPF_QUOTE_MAX : n);
}

static const char *spf_qell(uint32_t n)
{
	return n > SPF_QUOTE_MAX ? "..." : "";
}

/* Mark t bad with a static message; err_off/err_len cover the fault. */
static bool spf_bad(struct zl_spf_term *t, uint32_t off, uint32_t len,
		    const char *msg)
{
	t->kind = ZL_SPF_TERM_BAD;
	t->err_off = off;
	t->err_len = len;
	t->err = msg;
	return false;
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static bool spf_badf(struct zl_spf_term *t, uint32_t off, uint32_t len,
		     const char *fmt, ...)
{
	char buf[120];	/* messages quote at most a few dozen octets of the term */
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof(buf))
		n = (int)sizeof(buf) - 1;
	return spf_bad(t, off, len, zl_arena_strndup(t->arena, buf, (size_t)n));
}

/* ---- addresses and prefix lengths ------------------------------------ */

/*
 * ip4-network = qnum "." qnum "." qnum "." qnum, qnum 0-255 in decimal
 * without leading zeros.  Pure: fills out[4], returns why not.
 */
static enum spf_ip4_fault spf_ip4_text(const char *s, size_t n, uint8_t out[4])
{
	size_t i = 0, st, k;
	unsigned v;
	int part;

	for (part = 0; part < 4; part++) {
		if (part > 0) {
			if (i >= n)
				return SPF_IP4_SHORT;
			if (s[i] != '.')
				return SPF_IP4_JUNK;
			i++;
		}
		st = i;
		v = 0;
		while (i < n && zl_ascii_digit(s[i]) && i - st < 4)
			v = v * 10 + (unsigned)(s[i++] - '0');
		if (i == st)
			return i >= n ? SPF_IP4_SHORT : SPF_IP4_JUNK;
		if (i - st > 3 || v > 255)
			return SPF_IP4_RANGE;
		if (i - st > 1 && s[st] == '0')
			return SPF_IP4_ZERO;
		out[part] = (uint8_t)v;
	}
	if (i == n)
		return SPF_IP4_OK;
	if (s[i] == ':' && i + 1 < n) {
		for (k = i + 1; k < n && zl_ascii_digit(s[k]); k++)
			;
		if (k == n)
			return SPF_IP4_PORT;
	}
	return SPF_IP4_JUNK;
}

/*
 * ip6-network: the text forms of RFC 4291 section 2.2 (eight groups of
 * 1-4 hex digits, one "::" for one or more zero groups, an optional
 * dotted-quad in the last 32 bits).  Pure: fills out[16].
 */
static bool spf_ip6_text(const char *s, size_t n, uint8_t out[16])
{
	uint16_t g[8];
	int ng = 0, gap = -1, k;
	size_t i = 0, st;
	unsigned v;
	uint8_t quad[4];

	if (n >= 2 && s[0] == ':' && s[1] == ':') {
		gap = 0;
		i = 2;
	} else if (n == 0 || s[0] == ':') {
		return false;
	}
	while (i < n) {
		st = i;
		v = 0;
		while (i < n && zl_ascii_xdigit(s[i]) && i - st < 5)
			v = v * 16 + xdigit_value(s[i++]);
		if (i == st)
			return false;
		if (i < n && s[i] == '.') {
			if (ng > 6 || spf_ip4_text(s + st, n - st, quad) != SPF_IP4_OK)
				return false;
			g[ng++] = (uint16_t)(quad[0] << 8 | quad[1]);
			g[ng++] = (uint16_t)(quad[2] << 8 | quad[3]);
			i = n;
			break;
		}
		if (i - st > 4 || ng == 8)
			return false;
		g[ng++] = (uint16_t)v;
		if (i == n)
			break;
		if (s[i] != ':' || ++i == n)
			return false;	/* junk, or a single trailing ":" */
		if (s[i] == ':') {
			if (gap >= 0)
				return false;	/* a second "::" */
			gap = ng;
			i++;
		}
	}
	if (gap < 0 ? ng != 8 : ng > 7)
		return false;
	memset(out, 0, 16);
	for (k = 0; k < ng; k++) {
		int pos = (gap >= 0 && k >= gap) ? k + (8 - ng) : k;

		out[2 * pos] = (uint8_t)(g[k] >> 8);
		out[2 * pos + 1] = (uint8_t)(g[k] & 0xff);
	}
	return true;
}

/* ip4-network, with the operator's likely mistake named in the message. */
static bool spf_ip4_network(const char *txt, uint32_t off, uint32_t end,
			    struct zl_spf_term *t)
{
	uint32_t n = end - off;
	const char *hint = "";
	uint8_t six[16];

	t->arg_off = off;
	t->arg_len = n;
	switch (spf_ip4_text(txt + off, n, t->addr)) {
	case SPF_IP4_OK:
		return true;
	case SPF_IP4_SHORT:
		hint = "; it needs four numbers";
		break;
	case SPF_IP4_ZERO:
		hint = "; leading zeros are not allowed";
		break;
	case SPF_IP4_PORT:
		hint = "; remove the port";
		break;
	case SPF_IP4_RANGE:
	case SPF_IP4_JUNK:
		break;
	}
	if (spf_ip6_text(txt + off, n, six))
		hint = "; use ip6: for IPv6";
	return spf_badf(t, off, n, "\"ip4\" address \"" QFMT "\" is not an IPv4 address%s",
			QARG(txt + off, n), hint);
}

/* ip6-network = <as per RFC 4291, section 2.2> */
static bool spf_ip6_network(const char *txt, uint32_t off, uint32_t end,
			    struct zl_spf_term *t)
{
	uint32_t n = end - off;
	uint8_t four[4];

	t->arg_off = off;
	t->arg_len = n;
	if (spf_ip6_text(txt + off, n, t->addr))
		return true;
	return spf_badf(t, off, n, "\"ip6\" address \"" QFMT "\" is not an IPv6 address%s",
			QARG(txt + off, n),
			spf_ip4_text(txt + off, n, four) == SPF_IP4_OK ?
			"; use ip4: for IPv4" : "");
}

/*
 * "/" then ("0" / %x31-39 0*(maxdig-1)DIGIT), value 0..max.  txt[off] is
 * the "/".  Stores the value in *val and the end in *next.
 */
static bool spf_cidr_number(const char *txt, uint32_t off, uint32_t end,
			    const char *fam, int max, int *val, uint32_t *next,
			    struct zl_spf_term *t)
{
	uint32_t p = off + 1, st = p;
	long v = 0;

	while (p < end && zl_ascii_digit(txt[p])) {
		if (v <= 1000)
			v = v * 10 + (txt[p] - '0');
		p++;
	}
	*next = p;
	if (p == st)
		return spf_badf(t, off, 1, "missing %s prefix length after \"/\"", fam);
	if (v > max)
		return spf_badf(t, off, p - off,
				"%s prefix length /" QFMT " is out of range 0-%d",
				fam, QARG(txt + st, p - st), max);
	if (txt[st] == '0' && p - st > 1)
		return spf_badf(t, off, p - off,
				"%s prefix length /" QFMT " has a leading zero; write /%ld",
				fam, QARG(txt + st, p - st), v);
	*val = (int)v;
	return true;
}

/* ip4-cidr-length = "/" ("0" / %x31-39 0*1DIGIT) ; value range 0-32 */
static bool spf_ip4_cidr_length(const char *txt, uint32_t off, uint32_t end,
				uint32_t *next, struct zl_spf_term *t)
{
	return spf_cidr_number(txt, off, end, "ip4", 32, &t->cidr4, next, t);
}

/* ip6-cidr-length = "/" ("0" / %x31-39 0*2DIGIT) ; value range 0-128 */
static bool spf_ip6_cidr_length(const char *txt, uint32_t off, uint32_t end,
				uint32_t *next, struct zl_spf_term *t)
{
	return spf_cidr_number(txt, off, end, "ip6", 128, &t->cidr6, next, t);
}

/* dual-cidr-length = [ ip4-cidr-length ] [ "/" ip6-cidr-length ] */
static bool spf_dual_cidr_length(const char *txt, uint32_t off, uint32_t end,
				 struct zl_spf_term *t)
{
	uint32_t p = off;

	if (p < end && txt[p] == '/' && (p + 1 >= end || txt[p + 1] != '/')) {
		if (!spf_ip4_cidr_length(txt, p, end, &p, t))
			return false;
	}
	if (p + 1 < end && txt[p] == '/' && txt[p + 1] == '/') {
		if (!spf_ip6_cidr_length(txt, p + 1, end, &p, t))
			return false;
	} else if (p < end && txt[p] == '/' && p > off) {
		return spf_badf(t, p, end - p,
				"the IPv6 prefix length needs \"//\": write /%d/" QFMT,
				t->cidr4, QARG(txt + p, end - p));
	}
	if (p < end)
		return spf_badf(t, p, end - p, "unexpected \"" QFMT "\" after the prefix length",
				QARG(txt + p, end - p));
	return true;
}

/*
 * Where a trailing dual-cidr-length would start in txt[off..end): the
 * first "/" of the trailing run of digits and slashes, or end if none.
 * No domain-spec can end that way (domain-end is a toplabel or a macro).
 */
static uint32_t spf_cidr_suffix(const char *txt, uint32_t off, uint32_t end)
{
	uint32_t p = end;

	while (p > off && (zl_ascii_digit(txt[p - 1]) || txt[p - 1] == '/'))
		p--;
	while (p < end && txt[p] != '/')
		p++;
	return p;
}

/* ---- domain-spec ------------------------------------------------------ */

/*
 * True if txt[off..end) is a mechanism name with an optional qualifier
 * ("-all"): what a modifier gets when its own value was left out.
 */
static bool spf_looks_like_mechanism(const char *txt, uint32_t off, uint32_t end)
{
	size_t i;

	if (off < end && is_qualifier(txt[off]))
		off++;
	for (i = 0; i < SPF_NMECH; i++)
		if (ci_eq(txt + off, end - off, spf_mech_names[i]))
			return true;
	return false;
}

/*
 * domain-spec = macro-string domain-end, for the mechanism or modifier
 * called what.  txt[off..end) is the text, not empty (callers word the
 * empty case).  domain-end, toplabel and the macro-string rules are
 * checked by zl_spf_scan_macro_string() in spf_macro.c.
 */
static bool spf_domain_spec(const char *txt, uint32_t off, uint32_t end,
			    const char *what, struct zl_spf_term *t)
{
	uint32_t suf = spf_cidr_suffix(txt, off, end), eo = 0, el = 0;
	struct zl_spf_ms_info info;
	const char *msg = NULL;
	uint8_t four[4];

	t->arg_off = off;
	t->arg_len = end - off;
	if (suf < end)
		return spf_badf(t, suf, end - suf, "\"%s\" takes no prefix length", what);
	if (spf_looks_like_mechanism(txt, off, end))
		return spf_badf(t, off, end - off, "\"%s\" needs a domain, not \""
				QFMT "\": %s%c<domain>", what, QARG(txt + off, end - off),
				what, t->kind == ZL_SPF_TERM_MOD ? '=' : ':');
	if (spf_ip4_text(txt + off, end - off, four) == SPF_IP4_OK)
		return spf_badf(t, off, end - off,
				"\"%s\" needs a domain name, not an address; "
				"use ip4:" QFMT, what, QARG(txt + off, end - off));
	if (!zl_spf_scan_macro_string(txt + off, end - off, ZL_SPF_MS_DOMAIN_SPEC,
				      &info, &eo, &el, &msg))
		return spf_bad(t, off + eo, el, msg);
	t->has_macro = info.has_macro;
	t->uses_p_macro = info.uses_p_macro;
	return true;
}

/*
 * ":" domain-spec, required.  txt[off..end) starts right after the name.
 */
static bool spf_required_domain(const char *txt, uint32_t off, uint32_t end,
				const char *what, struct zl_spf_term *t)
{
	if (off == end || txt[off] != ':' || off + 1 == end)
		return spf_badf(t, off < end ? off : t->name_off,
				off < end ? 1 : t->name_len,
				"\"%s\" needs a domain: %s:<domain>", what, what);
	return spf_domain_spec(txt, off + 1, end, what, t);
}

/* ---- mechanisms ------------------------------------------------------- */

/* all = "all" */
static bool spf_all(const char *txt, uint32_t off, uint32_t end,
		    struct zl_spf_term *t)
{
	if (off == end)
		return true;
	if (txt[off] == ':')
		return spf_bad(t, off, end - off, "\"all\" takes no domain");
	return spf_bad(t, off, end - off, "\"all\" takes no prefix length");
}

/* include = "include" ":" domain-spec */
static bool spf_include(const char *txt, uint32_t off, uint32_t end,
			struct zl_spf_term *t)
{
	return spf_required_domain(txt, off, end, "include", t);
}

/* exists = "exists" ":" domain-spec */
static bool spf_exists(const char *txt, uint32_t off, uint32_t end,
		       struct zl_spf_term *t)
{
	return spf_required_domain(txt, off, end, "exists", t);
}

/* [ ":" domain-spec ] [ dual-cidr-length ], shared by a and mx. */
static bool spf_host_mech(const char *txt, uint32_t off, uint32_t end,
			  const char *what, struct zl_spf_term *t)
{
	uint32_t suf;

	if (off == end)
		return true;
	if (txt[off] == '/')
		return spf_dual_cidr_length(txt, off, end, t);
	suf = spf_cidr_suffix(txt, off + 1, end);
	if (suf == off + 1)
		return spf_badf(t, off, 1, "\"%s:\" has an empty domain; write \"%s\" "
				"for the record's own domain or %s:<domain>",
				what, what, what);
	if (!spf_domain_spec(txt, off + 1, suf, what, t))
		return false;
	return spf_dual_cidr_length(txt, suf, end, t);
}

/* a = "a" [ ":" domain-spec ] [ dual-cidr-length ] */
static bool spf_a(const char *txt, uint32_t off, uint32_t end,
		  struct zl_spf_term *t)
{
	return spf_host_mech(txt, off, end, "a", t);
}

/* mx = "mx" [ ":" domain-spec ] [ dual-cidr-length ] */
static bool spf_mx(const char *txt, uint32_t off, uint32_t end,
		   struct zl_spf_term *t)
{
	return spf_host_mech(txt, off, end, "mx", t);
}

/* ptr = "ptr" [ ":" domain-spec ] */
static bool spf_ptr(const char *txt, uint32_t off, uint32_t end,
		    struct zl_spf_term *t)
{
	if (off == end)
		return true;
	if (txt[off] == '/')
		return spf_bad(t, off, end - off, "\"ptr\" takes no prefix length");
	if (off + 1 == end)
		return spf_bad(t, off, 1, "\"ptr:\" has an empty domain; write \"ptr\" "
			       "for the record's own domain or ptr:<domain>");
	return spf_domain_spec(txt, off + 1, end, "ptr", t);
}

/*
 * ip4 = "ip4" ":" ip4-network [ ip4-cidr-length ] and the same for ip6;
 * v6 selects which.
 */
static bool spf_ip_mech(const char *txt, uint32_t off, uint32_t end, bool v6,
			struct zl_spf_term *t)
{
	const char *fam = v6 ? "ip6" : "ip4";
	uint32_t slash, next;

	if (off == end || txt[off] != ':' || off + 1 == end || txt[off + 1] == '/')
		return spf_badf(t, off < end ? off : t->name_off,
				off < end ? end - off : t->name_len,
				"\"%s\" needs an address: %s:<address>[/<prefix-length>]",
				fam, fam);
	for (slash = off + 1; slash < end && txt[slash] != '/'; slash++)
		;
	if (!(v6 ? spf_ip6_network(txt, off + 1, slash, t) :
	      spf_ip4_network(txt, off + 1, slash, t)))
		return false;
	if (slash == end)
		return true;
	if (slash + 1 < end && txt[slash + 1] == '/')
		return spf_badf(t, slash, end - slash,
				"\"%s\" takes one \"/\" before the prefix length: "
				"%s:<address>/<length>", fam, fam);
	if (!(v6 ? spf_ip6_cidr_length(txt, slash, end, &next, t) :
	      spf_ip4_cidr_length(txt, slash, end, &next, t)))
		return false;
	if (next < end)
		return spf_badf(t, next, end - next, "unexpected \"" QFMT "\" after the prefix length",
				QARG(txt + next, end - next));
	return true;
}

/* ip4 = "ip4" ":" ip4-network [ ip4-cidr-length ] */
static bool spf_ip4(const char *txt, uint32_t off, uint32_t end,
		    struct zl_spf_term *t)
{
	return spf_ip_mech(txt, off, end, false, t);
}

/* ip6 = "ip6" ":" ip6-network [ ip6-cidr-length ] */
static bool spf_ip6(const char *txt, uint32_t off, uint32_t end,
		    struct zl_spf_term *t)
{
	return spf_ip_mech(txt, off, end, true, t);
}

typedef bool (*spf_mech_fn)(const char *, uint32_t, uint32_t, struct zl_spf_term *);

/* Indexed by enum zl_spf_mech, like spf_mech_names. */
static const spf_mech_fn spf_mech_fns[] = {
	spf_all, spf_include, spf_a, spf_mx, spf_ptr, spf_ip4, spf_ip6, spf_exists,
};

/*
 * Every octet of a term is visible ASCII (%x21-7E): names, domain-specs,
 * addresses and macro-strings allow nothing else, and only SP separates
 * terms (section 4.6.1, section 12).
 */
static bool spf_term_chars(const char *txt, struct zl_spf_term *t)
{
	uint32_t i;

	for (i = t->off; i < t->off + t->len; i++) {
		unsigned char c = (unsigned char)txt[i];

		if (c >= 0x21 && c <= 0x7e)
			continue;
		if (c == '\t')
			return spf_bad(t, i, 1, "tab character in term; only spaces "
				       "may separate terms");
		if (c == '\0')
			return spf_bad(t, i, 1, "NUL byte in term");
		if (c < 0x80)
			return spf_badf(t, i, 1, "control character 0x%02x in term; "
					"only spaces may separate terms", c);
		return spf_badf(t, i, 1, "non-ASCII byte 0x%02x in term; write "
				"internationalized domains as A-labels (xn--...)", c);
	}
	return true;
}

/* An unknown mechanism name (or none): say so, with a hint if one fits. */
static bool spf_unknown_mechanism(const char *txt, uint32_t off, uint32_t end,
				  struct zl_spf_term *t)
{
	uint32_t n = t->name_len;
	const char *near;

	if (off == end)
		return spf_badf(t, t->off, t->len, "qualifier \"%c\" must be followed "
				"by a mechanism, e.g. %call", t->qualifier, t->qualifier);
	if (n == 0)
		return spf_badf(t, off, 1, "mechanism name missing before \"%c\"", txt[off]);
	if (ci_eq(txt + off, n, "redirect") || ci_eq(txt + off, n, "exp"))
		return spf_badf(t, off, n + (off + n < end),
				"\"" QFMT "\" is a modifier and needs \"=\": " QFMT "=<domain>",
				QARG(txt + off, n), QARG(txt + off, n));
	near = zl_spf_suggest(txt + off, n);
	if (!near)
		return spf_badf(t, off, n, "unknown mechanism \"" QFMT "\"", QARG(txt + off, n));
	return spf_badf(t, off, n, "unknown mechanism \"" QFMT "\"; did you mean \"%s%s\"?",
			QARG(txt + off, n), near,
			(!strcmp(near, "redirect") || !strcmp(near, "exp")) ? "=" : "");
}

/* mechanism = ( all / include / a / mx / ptr / ip4 / ip6 / exists ) */
static bool spf_mechanism(const char *txt, uint32_t off, uint32_t end,
			  struct zl_spf_term *t)
{
	uint32_t p = off;
	size_t i;

	while (p < end && txt[p] != ':' && txt[p] != '/')
		p++;
	t->name_off = off;
	t->name_len = p - off;
	t->kind = ZL_SPF_TERM_MECH;
	for (i = 0; i < SPF_NMECH; i++) {
		if (ci_eq(txt + off, p - off, spf_mech_names[i])) {
			t->mech = (enum zl_spf_mech)i;
			if (!spf_term_chars(txt, t))
				return false;
			return spf_mech_fns[i](txt, p, end, t);
		}
	}
	if (!spf_term_chars(txt, t))
		return false;
	return spf_unknown_mechanism(txt, off, end, t);
}

/* qualifier = "+" / "-" / "?" / "~"; returns the offset after it. */
static uint32_t spf_qualifier(const char *txt, uint32_t off, uint32_t end,
			      struct zl_spf_term *t)
{
	t->qualifier = '+';
	if (off < end && is_qualifier(txt[off])) {
		t->qualifier = txt[off];
		t->qual_written = true;
		return off + 1;
	}
	return off;
}

/* directive = [ qualifier ] mechanism */
static bool spf_directive(const char *txt, uint32_t off, uint32_t end,
			  struct zl_spf_term *t)
{
	return spf_mechanism(txt, spf_qualifier(txt, off, end, t), end, t);
}

/* ---- modifiers -------------------------------------------------------- */

/* name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ) */
static bool spf_name(const char *txt, uint32_t off, uint32_t end,
		     struct zl_spf_term *t)
{
	uint32_t i;

	if (off == end)
		return spf_bad(t, off, 1, "modifier name missing before \"=\"");
	if (!zl_ascii_alpha(txt[off]))
		return spf_badf(t, off, end - off, "modifier name \"" QFMT "\" must "
				"start with a letter", QARG(txt + off, end - off));
	for (i = off + 1; i < end; i++) {
		char c = txt[i];

		if (!zl_ascii_alpha(c) && !zl_ascii_digit(c) && c != '-' && c != '_' && c != '.')
			return spf_badf(t, i, 1, "invalid character \"%c\" in modifier "
					"name \"" QFMT "\"; names hold letters, digits, "
					"\"-\", \"_\" and \".\"", c, QARG(txt + off, end - off));
	}
	return true;
}

/* redirect = "redirect" "=" domain-spec */
static bool spf_redirect(const char *txt, uint32_t off, uint32_t end,
			 struct zl_spf_term *t)
{
	if (off == end)
		return spf_bad(t, off - 1, 1, "\"redirect\" needs a domain: redirect=<domain>");
	return spf_domain_spec(txt, off, end, "redirect", t);
}

/* explanation = "exp" "=" domain-spec */
static bool spf_explanation(const char *txt, uint32_t off, uint32_t end,
			    struct zl_spf_term *t)
{
	if (off == end)
		return spf_bad(t, off - 1, 1, "\"exp\" needs a domain: exp=<domain>");
	return spf_domain_spec(txt, off, end, "exp", t);
}

/* unknown-modifier = name "=" macro-string */
static bool spf_unknown_modifier(const char *txt, uint32_t off, uint32_t end,
				 struct zl_spf_term *t)
{
	struct zl_spf_ms_info info;
	uint32_t eo = 0, el = 0;
	const char *msg = NULL;

	t->arg_off = off;
	t->arg_len = end - off;
	if (!zl_spf_scan_macro_string(txt + off, end - off, 0, &info, &eo, &el, &msg))
		return spf_bad(t, off + eo, el, msg);
	t->has_macro = info.has_macro;
	t->uses_p_macro = info.uses_p_macro;
	return true;
}

/*
 * modifier = redirect / explanation / unknown-modifier.  txt[eq] is the
 * first "=" of the term.  A qualifier is not part of the grammar here,
 * but is recognised to say so.
 */
static bool spf_modifier(const char *txt, uint32_t off, uint32_t eq, uint32_t end,
			 struct zl_spf_term *t)
{
	uint32_t name = spf_qualifier(txt, off, eq, t);

	t->kind = ZL_SPF_TERM_MOD;
	t->name_off = name;
	t->name_len = eq - name;
	if (ci_eq(txt + name, eq - name, "redirect"))
		t->mod = ZL_SPF_REDIRECT;
	else if (ci_eq(txt + name, eq - name, "exp"))
		t->mod = ZL_SPF_EXP;
	if (!spf_term_chars(txt, t))
		return false;
	if (t->qual_written)
		return spf_badf(t, off, 1, "a modifier takes no qualifier; remove the "
				"\"%c\"", t->qualifier);
	if (!spf_name(txt, name, eq, t))
		return false;
	if (t->mod == ZL_SPF_REDIRECT)
		return spf_redirect(txt, eq + 1, end, t);
	if (t->mod == ZL_SPF_EXP)
		return spf_explanation(txt, eq + 1, end, t);
	return spf_unknown_modifier(txt, eq + 1, end, t);
}

/* ---- record ----------------------------------------------------------- */

/* One term: a modifier if a "=" comes before any ":", else a directive. */
static void spf_term(const char *txt, uint32_t off, uint32_t end,
		     struct zl_spf_term *t, struct zl_arena *a)
{
	uint32_t p;

	t->arena = a;
	t->kind = ZL_SPF_TERM_MECH;
	t->off = off;
	t->len = end - off;
	t->qualifier = '+';
	t->qual_written = false;
	t->mech = ZL_SPF_ALL;
	t->mod = ZL_SPF_MOD_UNKNOWN;
	t->name_off = off;
	t->name_len = 0;
	t->arg_off = off;
	t->arg_len = 0;
	t->has_macro = false;
	t->uses_p_macro = false;
	t->cidr4 = -1;
	t->cidr6 = -1;
	memset(t->addr, 0, sizeof(t->addr));
	t->err_off = 0;
	t->err_len = 0;
	t->err = NULL;
	for (p = off; p < end && txt[p] != '=' && txt[p] != ':'; p++)
		;
	if (p < end && txt[p] == '=')
		spf_modifier(txt, off, p, end, t);
	else
		spf_directive(txt, off, end, t);
}

/* Section 6: redirect and exp may each appear at most once. */
static void spf_once(struct zl_spf_record *out)
{
	size_t i, nredir = 0, nexp = 0;

	for (i = 0; i < out->nterms; i++) {
		struct zl_spf_term *t = &out->terms[i];
		size_t *seen;

		if (t->kind == ZL_SPF_TERM_MECH)
			continue;
		if (t->mod == ZL_SPF_REDIRECT)
			seen = &nredir;
		else if (t->mod == ZL_SPF_EXP)
			seen = &nexp;
		else
			continue;
		if ((*seen)++ == 0) {
			if (t->kind == ZL_SPF_TERM_MOD && t->mod == ZL_SPF_REDIRECT)
				out->redirect_idx = (int)i;
			if (t->kind == ZL_SPF_TERM_MOD && t->mod == ZL_SPF_EXP)
				out->exp_idx = (int)i;
			continue;
		}
		if (t->kind == ZL_SPF_TERM_BAD)
			continue;	/* already reported for another fault */
		spf_bad(t, t->off, t->len, t->mod == ZL_SPF_REDIRECT ?
			"\"redirect\" given twice; a record may have at most one" :
			"\"exp\" given twice; a record may have at most one");
	}
}

/* terms = *( 1*SP ( directive / modifier ) ), then *SP to the end. */
static void spf_terms(const char *txt, uint32_t off, uint32_t end,
		      struct zl_spf_record *out, struct zl_arena *a)
{
	uint32_t p, st;
	size_t n = 0;

	for (p = off; p < end;) {
		while (p < end && txt[p] == ' ')
			p++;
		if (p == end)
			break;
		n++;
		while (p < end && txt[p] != ' ')
			p++;
	}
	if (n == 0)
		return;
	out->terms = zl_arena_alloc(a, n * sizeof(*out->terms));
	for (p = off; p < end;) {
		while (p < end && txt[p] == ' ')
			p++;
		if (p == end)
			break;
		st = p;
		while (p < end && txt[p] != ' ')
			p++;
		spf_term(txt, st, p, &out->terms[out->nterms++], a);
	}
	spf_once(out);
	for (n = 0; n < out->nterms; n++)
		if (out->terms[n].kind == ZL_SPF_TERM_BAD)
			out->nbad++;
}

/*
 * record = version terms *SP (RFC 7208 section 12).  Contract in spf.h:
 * terms come from arena a and are owned by it; returns 0, or -1 with no
 * terms when txt is not an SPF record.
 */
int zl_spf_parse(const char *txt, size_t len, struct zl_spf_record *out,
		 struct zl_arena *a)
{
	out->terms = NULL;
	out->nterms = 0;
	out->nbad = 0;
	out->redirect_idx = -1;
	out->exp_idx = -1;
	/* record = version terms *SP; version = "v=spf1" */
	if (!zl_spf_is_record(txt, len) || len > UINT32_MAX)
		return -1;
	spf_terms(txt, 6, (uint32_t)len, out, a);
	return 0;
}

/*
 * A term is a modifier when a "=" comes before any ":" (spf_term()); a
 * redirect is one named exactly "redirect" (no qualifier), an include
 * a directive whose mechanism name, after any qualifier, ends at a ":".
 * Contract in spf.h.
 */
bool zl_spf_next_follow(const char *txt, size_t len, size_t *pos, uint32_t *arg_off,
			uint32_t *arg_len)
{
	size_t p = *pos;

	if (p < 6) {
		if (!zl_spf_is_record(txt, len) || len > UINT32_MAX)
			return false;
		p = 6;		/* after the version */
	}
	while (p < len) {
		if (txt[p] == ' ') {
			p++;
			continue;
		}
		/* neither "redirect" nor "include" holds a '=' or a ':', so the
		 * one after either is the term's first */
		size_t st = p, name = st, arg;
		const char *sp = memchr(txt + p, ' ', len - p);
		p = sp ? (size_t)(sp - txt) : len;
		if (p - st > 9 && txt[st + 8] == '=' && ci_eq(txt + st, 8, "redirect")) {
			arg = st + 9;
		} else {
			if (is_qualifier(txt[name]))
				name++;
			if (!(p - name > 8 && txt[name + 7] == ':' && ci_eq(txt + name, 7, "include")))
				continue;
			arg = name + 8;
		}
		*arg_off = (uint32_t)arg;
		*arg_len = (uint32_t)(p - arg);
		*pos = p;
		return true;
	}
	*pos = p;
	return false;
}

/* Section 4.5: "v=spf1", any case, then SP or the end.  Contract in spf.h. */
bool zl_spf_is_record(const char *txt, size_t len)
{
	return len >= 6 && ci_eq(txt, 6, "v=spf1") && (len == 6 || txt[6] == ' ');
}

/* Offset after any SP/TAB at txt[i..len). */
static size_t skip_blank(const char *txt, size_t i, size_t len)
{
	while (i < len && (txt[i] == ' ' || txt[i] == '\t'))
		i++;
	return i;
}

/*
 * Section 4.5 near-misses that receivers ignore.  Fires on a "v" [=:]
 * "spf" prefix (blanks around "=" and a leading blank, quote or BOM
 * allowed) that is not exactly "v=spf1" then SP or end, and on a bare
 * "spf1" word; never on real records, on other "v=" tags or on Sender ID
 * ("spf2.0/...", RFC 4406).  *off gets the fault's offset.  Contract in spf.h.
 */
bool zl_spf_version_typo(const char *txt, size_t len, uint32_t *off)
{
	const size_t none = (size_t)-1;
	size_t i = 0, j, k, fault = none;

	if (zl_spf_is_record(txt, len))
		return false;
	/* leading blanks, quotes that were meant as delimiters, a UTF-8 BOM */
	for (;;) {
		if (i < len && (txt[i] == ' ' || txt[i] == '\t' || txt[i] == '"' ||
				txt[i] == '\''))
			i++;
		else if (i + 2 < len && !memcmp(txt + i, "\xef\xbb\xbf", 3))
			i += 3;
		else
			break;
	}
	if (i > 0)
		fault = 0;
	if (i + 4 <= len && ci_eq(txt + i, 4, "spf1") &&
	    (i + 4 == len || txt[i + 4] == ' ')) {
		fault = i;	/* "spf1 ..." without "v=" */
	} else {
		/* "v" [blanks] ("=" / ":") [blanks] "spf" anything */
		if (i >= len || zl_ascii_lower(txt[i]) != 'v')
			return false;
		j = skip_blank(txt, i + 1, len);
		if (j == len || (txt[j] != '=' && txt[j] != ':'))
			return false;
		if (fault == none && j > i + 1)
			fault = i + 1;
		if (fault == none && txt[j] == ':')
			fault = j;
		k = skip_blank(txt, j + 1, len);
		if (fault == none && k > j + 1)
			fault = j + 1;
		if (k + 3 > len || !ci_eq(txt + k, 3, "spf"))
			return false;
		k += 3;
		/* not a record, so if nothing else is wrong the version is */
		if (fault == none)
			fault = (k < len && txt[k] == '1') ? k + 1 : k;
	}
	if (off)
		*off = (uint32_t)fault;
	return true;
}

/* Section 5 name of m; "?" for a value outside the enum.  Contract in spf.h. */
const char *zl_spf_mech_name(enum zl_spf_mech m)
{
	return (unsigned)m < SPF_NMECH ? spf_mech_names[m] : "?";
}

/* Section 4.6.4: terms that cost a DNS lookup.  BAD terms never do. */
bool zl_spf_term_queries_dns(const struct zl_spf_term *t)
{
	if (t->kind == ZL_SPF_TERM_MOD)
		return t->mod == ZL_SPF_REDIRECT;
	if (t->kind != ZL_SPF_TERM_MECH)
		return false;
	switch (t->mech) {
	case ZL_SPF_INCLUDE:
	case ZL_SPF_A:
	case ZL_SPF_MX:
	case ZL_SPF_PTR:
	case ZL_SPF_EXISTS:
		return true;
	case ZL_SPF_ALL:
	case ZL_SPF_IP4:
	case ZL_SPF_IP6:
		break;
	}
	return false;
}

/* Optimal string alignment distance, ASCII case ignored; n, m <= 16. */
static unsigned spf_distance(const char *a, size_t n, const char *b, size_t m)
{
	unsigned d[17][17];
	size_t i, j;

	for (i = 0; i <= n; i++)
		d[i][0] = (unsigned)i;
	for (j = 0; j <= m; j++)
		d[0][j] = (unsigned)j;
	for (i = 1; i <= n; i++) {
		for (j = 1; j <= m; j++) {
			unsigned cost = zl_ascii_lower(a[i - 1]) != b[j - 1];
			unsigned v = d[i - 1][j - 1] + cost;

			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && zl_ascii_lower(a[i - 1]) == b[j - 2] &&
			    zl_ascii_lower(a[i - 2]) == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[n][m];
}

/* Nearest known mechanism or modifier name, or NULL.  Contract in spf.h. */
const char *zl_spf_suggest(const char *name, size_t len)
{
	static const char *const known[] = {
		"all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists",
		"redirect", "exp",
	};
	static const char *const alias[][2] = {
		{ "ipv4", "ip4" }, { "ipv6", "ip6" }, { "ip", "ip4" },
		{ "inc", "include" }, { "incl", "include" },
		{ "exist", "exists" }, { "redir", "redirect" },
		{ "explain", "exp" }, { "explanation", "exp" },
	};
	const char *best = NULL;
	unsigned bestd = 3;
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (ci_eq(name, len, known[i]))
			return NULL;
	for (i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (ci_eq(name, len, alias[i][0]))
			return alias[i][1];
	if (len < 2 || len > 16)
		return NULL;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		size_t kl = strlen(known[i]);
		unsigned d = spf_distance(name, len, known[i], kl);

		if (d <= (kl <= 3 ? 1u : 2u) && d < bestd) {
			best = known[i];
			bestd = d;
		}
	}
	return best;
}
