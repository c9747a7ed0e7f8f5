/* fuzz_spf_macro.c - libFuzzer target: SPF macro parsing, scanning and expansion (RFC 7208 sections 7.1, 7.3).
 *
 * Input: one flag octet, then lines:
 *     macro-string
 *     sender (local-part "@" domain; the parts fill %{l} and %{o})
 *     current domain (%{d})
 *     HELO domain (%{h})
 *     validated name of the client (%{p}; an empty line: "unknown")
 *     client IP (%{i}, %{c}, %{v}; 192.0.2.3 when it is not an address)
 * Flag bit 0: expand as explain-string (ZL_SPF_EXPAND_EXPLAIN).
 * Checked: bounded results, the NUL after them, and that a text the
 * scanner accepts as a domain-spec expands without a syntax error.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "spf.h"
#include "spf_eval.h"

static const char *validated(void *ctx, const char *domain)
{
	(void)strlen(domain);
	return ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zl_spf_macro_env env;
	struct zl_spf_ip ip;
	struct zl_buf out = { 0 };
	unsigned flags = 0;
	uint32_t eo = 0, el = 0;
	const char *err = NULL;

	if (size) {
		flags = data[0] & 1u ? ZL_SPF_EXPAND_EXPLAIN : 0;
		data++;
		size--;
	}
	/* the macro-string keeps its NULs: only the other fields are C strings */
	const uint8_t *nl = memchr(data, '\n', size);
	size_t slen = nl ? (size_t)(nl - data) : size;
	char *s = malloc(slen ? slen : 1);
	if (!s)
		abort();
	memcpy(s, data, slen);
	data += slen + (nl != NULL);
	size -= slen + (nl != NULL);
	char *sender = zl_fuzz_line(&data, &size);
	char *domain = zl_fuzz_line(&data, &size);
	char *helo = zl_fuzz_line(&data, &size);
	char *pname = zl_fuzz_line(&data, &size);
	char *iptext = zl_fuzz_line(&data, &size);

	char *at = strrchr(sender, '@');
	char *local = strndup(sender, at ? (size_t)(at - sender) : 0);
	if (!zl_spf_ip_parse(iptext, &ip)) {
		ip.v6 = false;
		memcpy(ip.addr, "\xc0\x00\x02\x03", 4);
	}
	memset(&env, 0, sizeof(env));
	env.sender = sender;
	env.local = local;
	env.sender_domain = at ? at + 1 : sender;
	env.domain = domain;
	env.helo = helo;
	env.receiver = NULL;
	env.now = 1234567890;
	env.ip = ip.addr;
	env.ip6 = ip.v6;
	if (*pname) {
		env.validated = validated;
		env.validated_ctx = pname;
	}

	/* every macro-expand the text holds */
	for (size_t i = 0; i < slen; i++) {
		struct zl_spf_macro m;
		if (s[i] == '%' && zl_spf_macro_parse(s + i, slen - i, &m, &eo, &el, &err) &&
		    (m.len < 2 || m.len > slen - i))
			__builtin_trap();
	}
	bool scanned = zl_spf_scan_macro_string(s, slen,
						flags ? ZL_SPF_MS_EXPLAIN : ZL_SPF_MS_DOMAIN_SPEC,
						NULL, &eo, &el, &err);
	if (!scanned && (eo > slen || el > slen - eo))
		__builtin_trap();

	enum zl_spf_expand_status st = zl_spf_expand(s, slen, flags, &env, &out, &eo, &err);
	if (st == ZL_SPF_EXPAND_OK) {
		if (out.len > (flags ? ZL_SPF_EXPLAIN_MAX : ZL_SPF_DOMAIN_MAX) ||
		    out.data[out.len] != '\0')
			__builtin_trap();
	} else if (st == ZL_SPF_EXPAND_SYNTAX) {
		if (scanned || eo > slen || !err)
			__builtin_trap();	/* the scanner and the expander disagree */
	}
	zl_buf_free(&out);
	free(s);
	free(sender);
	free(local);
	free(domain);
	free(helo);
	free(pname);
	free(iptext);
	return 0;
}
