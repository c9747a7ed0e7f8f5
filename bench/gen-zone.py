#!/usr/bin/env python3
# gen-zone.py - write a deterministic, realistic BIND zone (a big hosting provider's forward zone) of exactly N records.
"""Usage: gen-zone.py [--records N] [--origin NAME] [--seed S] [-o FILE] [--stats]

The zone is valid for `named-checkzone -i local ORIGIN FILE` and
`kzonecheck -o ORIGIN FILE`: every RR is distinct, no name has a CNAME
and other data, MX/NS/SRV targets are in-zone names with addresses,
delegations have glue, every RRset has one TTL, SPF includes point at
in-zone SPF records and stay under the 10-lookup limit.  Addresses come
from the special-purpose ranges 198.18.0.0/15 (benchmarking, RFC 2544),
192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 and 2001:db8::/32.

Only Random.random() and Random.getrandbits() are used (their streams are
fixed for an int seed), so the same seed gives byte-identical output.
"""

import argparse
import base64
import os
import random
import sys

WORDS = (
    "alpine amber apex arctic atlas aurora autumn bakery bay beacon birch bistro "
    "blue bold books bright brook cafe canyon cedar cherry city clear cliff cloud "
    "coast coffee copper coral craft creek crown crystal dental design delta dune "
    "eagle echo elm ember event falcon farm fern fitness forest fox garden glacier "
    "gold granite green grove harbor hawk health hill home honey horizon iron ivy "
    "jade kids lake lantern law legal lemon lotus lunar maple marble meadow media "
    "metro mint moon mountain music north nova oak ocean olive orbit orchid palm "
    "peak pearl pet photo pine pixel plaza prime print quartz rain raven reef "
    "ridge river robin rock rose ruby sage sail shop silver sky smart snow solar "
    "spark spring star stone studio summit sun swift terra tech tide timber trail "
    "travel tulip urban valley velvet vista wave willow wind wine wolf yoga zen"
).split()
SUBHOSTS = ("shop", "blog", "dev", "staging", "app", "api", "portal", "cdn", "static",
            "news", "store", "forum", "wiki", "git", "vpn", "intranet", "m", "test")
DCS = ("fra1", "fra2", "ams1", "ams3", "lon1", "par1", "waw1", "nyc1", "nyc3",
       "sfo2", "tor1", "sin1", "syd1", "blr1")
DKIM_SELECTORS = ("default", "mail", "dkim", "s1", "s2", "selector1", "selector2",
                  "k1", "google", "mx", "x2024", "20230601")
B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
# DER SubjectPublicKeyInfo around an RSA modulus: 2048-bit and 1024-bit, exponent 65537.
RSA2048_HEAD = bytes.fromhex("30820122300d06092a864886f70d01010105000382010f003082010a0282010100")
RSA1024_HEAD = bytes.fromhex("30819f300d06092a864886f70d010101050003818d0030818902818100")
RSA_TAIL = bytes.fromhex("0203010001")
COMMENTS = ("migrated from legacy panel", "ticket #%d", "requested by customer, ticket #%d",
            "temporary, remove after cut-over", "customer-managed", "see CHG-%d",
            "do not change without NOC approval", "added by provisioning")


class Gen:
    def __init__(self, records, origin, seed, sink=None):
        self.target = records
        self.sink = sink
        self.seed = seed
        self.origin = origin                     # absolute, trailing dot
        self.dom = origin.rstrip(".")            # for SPF/DMARC text
        self.rng = random.Random(seed)
        self.r = self.rng.random
        self.out = []
        self.count = 0
        self.types = {}
        self.cur = "@"                           # current $ORIGIN, zone-relative
        self.absnames = False                    # write rdata names absolute
        self.idx = 1000
        self.new_section()

    # ---- randomness --------------------------------------------------------
    def ri(self, n):
        return int(self.r() * n)

    def pick(self, seq):
        return seq[int(self.r() * len(seq))]

    def chance(self, p):
        return self.r() < p

    def token(self, n, alphabet=B64URL):
        r, k = self.r, len(alphabet)
        return "".join(alphabet[int(r() * k)] for _ in range(n))

    def v4(self):
        r = self.r
        return "198.%d.%d.%d" % (18 + int(r() * 2), int(r() * 256), 1 + int(r() * 254))

    def v6(self):
        r = self.r
        return "2001:db8:%x:%x::%x" % (1 + int(r() * 0xffff), 1 + int(r() * 0xffff),
                                        1 + int(r() * 0xfffe))

    def distinct(self, fn, n):
        vals = []
        while len(vals) < n:
            v = fn()
            if v not in vals:
                vals.append(v)
        return vals

    def label(self):
        self.idx += 1
        sep = "-" if self.chance(0.35) else ""
        return self.pick(WORDS) + sep + self.pick(WORDS) + str(self.idx)

    # ---- names ---------------------------------------------------------------
    def fqdn(self, name):
        if name == "@":
            return self.origin
        return name + "." + self.origin if self.origin != "." else name + "."

    def rel(self, name):
        """Render a zone-relative (or absolute, trailing-dot) name for the current $ORIGIN."""
        if name[-1] == ".":
            return name
        c = self.cur
        if c == "@":
            return self.fqdn(name) if self.absnames else name
        if name == c:
            return "@"
        if name.endswith("." + c):
            return name[:-len(c) - 1]
        return self.fqdn(name)

    def owner(self, name):
        if self.cur == "@" and self.absowners:
            return self.fqdn(name)
        return self.rel(name)

    def set_origin(self, rel):
        if rel != self.cur:
            self.cur = rel
            self.out.append("$ORIGIN " + self.fqdn(rel))

    # ---- formatting habits, changed every section ----------------------------
    def new_section(self):
        r = self.r
        self.aligned = r() < 0.6
        self.width = 24 + int(r() * 12)
        self.p_noclass = (0.0, 0.0, 0.3, 1.0)[int(r() * 4)]
        self.class_first = r() < 0.1            # "IN 3600 A" instead of "3600 IN A"
        self.lower = r() < 0.05                  # "in a" instead of "IN A"
        self.p_ttl = (0.05, 0.2, 0.5)[int(r() * 3)]
        self.ttls = (("300", "600", "3600", "14400", "86400"),
                     ("5m", "10m", "1h", "4h", "1d", "1h30m", "1w"),
                     ("300", "1h", "3600", "1d", "86400"))[int(r() * 3)]
        self.p_absowner = (0.0, 0.1, 0.5)[int(r() * 3)]
        self.p_absnames = (0.0, 0.3, 1.0)[int(r() * 3)]
        self.p_suborigin = (0.0, 0.1, 0.4)[int(r() * 3)]
        self.vps_by_dc = r() < 0.5
        self.sec_dc = DCS[int(r() * len(DCS))]

    def comment(self):
        c = self.pick(COMMENTS)
        return c % (10000 + self.ri(90000)) if "%" in c else c

    def line(self, owner, ttl, typ, rdata):
        cls = "" if self.r() < self.p_noclass else "IN"
        if self.lower:
            cls, typ = cls.lower(), typ.lower()
        mid = [cls, ttl] if self.class_first else [ttl, cls]
        if self.aligned:
            s = owner.ljust(self.width - 1) + " "
            for f in mid:
                if f:
                    s += f.ljust(6) + " "
            return s + typ.ljust(6) + " " + rdata
        return "\t".join([owner] + [f for f in mid if f] + [typ, rdata])

    def emit(self, block, blank=False):
        """block: list of (owner, type, [rdata]).  Returns False if it does not fit."""
        n = 0
        for rrset in block:
            n += len(rrset[2])
        if self.count + n > self.target:
            return False
        if blank:
            self.out.append("")
        prev = None
        out, r = self.out, self.r
        for name, typ, rdatas in block:
            ttl = self.pick(self.ttls) if r() < self.p_ttl else ""
            for rd in rdatas:
                if name == prev and r() < 0.85:
                    o = ""
                else:
                    o = self.owner(name)
                if r() < 0.004:
                    rd += " ; " + self.comment()
                out.append(self.line(o, ttl, typ, rd))
                prev = name
            self.types[typ] = self.types.get(typ, 0) + len(rdatas)
        self.count += n
        return True

    # ---- rdata builders ---------------------------------------------------------
    def txt(self, s):
        return '"' + s + '"'

    def dkim(self):
        x = self.r()
        if x < 0.06:
            key = base64.b64encode(self.rng.getrandbits(256).to_bytes(32, "big")).decode()
            return self.txt("v=DKIM1; k=ed25519; p=" + key)
        if x < 0.3:
            mod = (self.rng.getrandbits(1024) | (1 << 1023) | 1).to_bytes(128, "big")
            key = base64.b64encode(RSA1024_HEAD + mod + RSA_TAIL).decode()
            return self.txt("v=DKIM1; k=rsa; p=" + key)
        mod = (self.rng.getrandbits(2048) | (1 << 2047) | 1).to_bytes(256, "big")
        key = "p=" + base64.b64encode(RSA2048_HEAD + mod + RSA_TAIL).decode()
        cut = 200 + self.ri(50)
        pad = "\n" + " " * (self.width + 8)
        head = "v=DKIM1; k=rsa; " if self.chance(0.5) else "v=DKIM1; h=sha256; k=rsa; "
        return ("( " + self.txt(head) + pad + self.txt(key[:cut]) + pad +
                self.txt(key[cut:]) + " )")

    def spf(self, has_a, has_mx, own_ip):
        d = self.dom
        parts = ["v=spf1"]
        x = self.r()
        if x < 0.07:
            return self.txt("v=spf1 redirect=_spf." + d)
        if has_mx and self.chance(0.6):
            parts.append("mx")
        if has_a and self.chance(0.3):
            parts.append("a")
        if own_ip or self.chance(0.15):
            parts.append("ip4:" + self.v4())
            if self.chance(0.3):
                parts.append("ip6:" + "2001:db8:%x::/48" % (1 + self.ri(0xfffe)))
        if x < 0.85:
            parts.append("include:_spf." + d)
        else:
            parts.append("include:_spf.relay." + d)
        if self.chance(0.15):
            parts.append("include:_spf.newsletter." + d)
        if self.chance(0.05):
            parts.append("include:_spf.helpdesk." + d)
        parts.append(self.pick(("~all", "-all", "-all", "?all")))
        s = " ".join(parts)
        if len(s) > 90 and self.chance(0.3):
            k = s.index(" include:") + 1
            return self.txt(s[:k]) + " " + self.txt(s[k:])
        return self.txt(s)

    def dmarc(self):
        d = self.dom
        p = self.pick(("none", "none", "quarantine", "reject"))
        s = "v=DMARC1; p=" + p
        if self.chance(0.3):
            s += "; sp=" + self.pick(("none", "quarantine", "reject"))
        s += "; rua=mailto:dmarc-rua@" + d
        if self.chance(0.2):
            s += "; ruf=mailto:dmarc-ruf@" + d + "; fo=1"
        if p != "none" and self.chance(0.3):
            s += "; pct=" + self.pick(("25", "50", "100"))
        if self.chance(0.2):
            s += "; adkim=s; aspf=r"
        return self.txt(s)

    def verification(self):
        x = self.r()
        if x < 0.4:
            return self.txt("google-site-verification=" + self.token(43))
        if x < 0.6:
            return self.txt("MS=ms%08d" % self.ri(100000000))
        if x < 0.75:
            return self.txt("facebook-domain-verification=" + self.token(30, ALNUM))
        if x < 0.85:
            return self.txt("apple-domain-verification=" + self.token(16, ALNUM))
        if x < 0.95:
            return self.txt("hosting-customer-id=%d; plan=%s" % (
                100000 + self.ri(900000), self.pick(("basic", "pro", "business"))))
        return self.txt('note: \\"managed\\" by support; contact noc@' + self.dom)

    def caa(self):
        ca = self.pick(("letsencrypt.org", "sectigo.com", "digicert.com", "pki.goog"))
        rd = ["0 issue " + self.txt(ca)]
        if self.chance(0.4):
            rd.append('0 issuewild ";"')
        if self.chance(0.3):
            rd.append('0 iodef "mailto:security@' + self.dom + '"')
        return rd

    # ---- blocks ------------------------------------------------------------------
    def header(self):
        o = self.out
        d = self.dom
        o.append("; %s - forward zone of Example Hosting (shared hosting, VPS, mail)" % self.origin)
        o.append("; generated by bench/gen-zone.py --records %d --seed %d" % (self.target, self.seed))
        o.append("$ORIGIN " + self.origin)
        o.append("$TTL 1h")
        o.append("@\tIN\tSOA\tns1.%s hostmaster.%s (" % (self.origin, self.origin))
        o.append("\t\t\t20240615%02d\t; serial (YYYYMMDDnn)" % (self.seed % 100))
        o.append("\t\t\t2h\t\t; refresh")
        o.append("\t\t\t15m\t\t; retry")
        o.append("\t\t\t2w\t\t; expire")
        o.append("\t\t\t5m )\t\t; negative caching TTL (RFC 2308)")
        self.count = 1
        self.types["SOA"] = 1
        save = (self.aligned, self.p_noclass, self.p_ttl, self.p_absowner, self.lower,
                self.class_first)
        self.aligned, self.p_noclass, self.p_ttl, self.lower, self.class_first = \
            False, 0.0, 0.0, False, False
        self.absowners = False
        self.emit([
            ("@", "NS", ["ns1", "ns2", "ns3." + self.origin]),
            ("@", "MX", ["10 mx1", "10 mx2", "50 mx-backup"]),
            ("@", "TXT", [self.txt("v=spf1 ip4:192.0.2.0/26 ip6:2001:db8:25::/48 include:_spf.%s -all" % d),
                          self.txt("google-site-verification=" + self.token(43))]),
            ("@", "CAA", ['0 issue "letsencrypt.org"', '0 issuewild ";"',
                          '0 iodef "mailto:security@%s"' % d]),
            ("@", "A", ["192.0.2.10"]),
            ("@", "AAAA", ["2001:db8::10"]),
        ])
        o.append("")
        o.append("; name servers (glue for the apex NS)")
        infra = [("ns1", "192.0.2.53", "2001:db8:53::1"), ("ns2", "198.51.100.53", "2001:db8:53::2"),
                 ("ns3", "203.0.113.53", "2001:db8:53::3"), ("mx1", "192.0.2.25", "2001:db8:25::1"),
                 ("mx2", "198.51.100.25", "2001:db8:25::2"), ("mx-backup", "203.0.113.25", "2001:db8:25::3"),
                 ("smtp", "192.0.2.26", "2001:db8:25::26"), ("imap", "192.0.2.27", "2001:db8:25::27"),
                 ("webmail", "192.0.2.28", "2001:db8:25::28"), ("autodiscover", "192.0.2.29", "2001:db8:25::29"),
                 ("autoconfig", "192.0.2.30", "2001:db8:25::30"), ("sip", "198.51.100.60", "2001:db8:60::1"),
                 ("xmpp", "198.51.100.61", "2001:db8:60::2"), ("dav", "198.51.100.62", "2001:db8:60::3"),
                 ("parking", "203.0.113.80", "2001:db8:80::1"), ("shops", "203.0.113.81", "2001:db8:80::2"),
                 ("cp", "192.0.2.40", "2001:db8:40::1"), ("smtp.helpdesk", "203.0.113.90", "2001:db8:90::1")]
        for i, (name, a, aaaa) in enumerate(infra):
            if i == 3:
                o.append("; mail platform")
            self.emit([(name, "A", [a]), (name, "AAAA", [aaaa])])
        o.append("www\tIN\tCNAME\t@")
        o.append("status\tIN\tCNAME\tstatus.monitoring.example.net.")
        self.count += 2
        self.types["CNAME"] = self.types.get("CNAME", 0) + 2
        o.append("")
        o.append("; mail policy: SPF (each include stays well under the 10-lookup limit), DMARC")
        self.emit([
            ("_spf", "TXT", [self.txt("v=spf1 include:_spf.out.%s include:_spf.relay.%s -all" % (d, d))]),
            ("_spf.out", "TXT", [self.txt("v=spf1 ip4:192.0.2.0/26 ip4:198.51.100.0/25 ip6:2001:db8:25::/48 -all")]),
            ("_spf.relay", "TXT", [self.txt("v=spf1 ip4:203.0.113.64/26 ip6:2001:db8:26::/48 ~all")]),
            ("_spf.newsletter", "TXT", [self.txt("v=spf1 ip4:203.0.113.128/25 -all")]),
            ("_spf.helpdesk", "TXT", [self.txt("v=spf1 a:smtp.helpdesk.%s -all" % d)]),
            ("_dmarc", "TXT", [self.txt("v=DMARC1; p=reject; rua=mailto:dmarc-rua@%s; ruf=mailto:dmarc-ruf@%s; fo=1" % (d, d))]),
            ("mail._domainkey", "TXT", [self.dkim()]),
            ("_submission._tcp", "SRV", ["0 1 587 smtp"]),
            ("_imaps._tcp", "SRV", ["0 1 993 imap"]),
            ("_autodiscover._tcp", "SRV", ["0 0 443 autodiscover"]),
        ])
        (self.aligned, self.p_noclass, self.p_ttl, self.p_absowner, self.lower,
         self.class_first) = save
        o.append("")

    def site(self, mail_own):
        S = self.label()
        sub = self.chance(self.p_suborigin)
        self.set_origin(S if sub else "@")
        g = self.rel
        b = []
        na = 2 if self.chance(0.2) else 1
        b.append((S, "A", self.distinct(self.v4, na)))
        if self.chance(0.6 if mail_own else 0.45):
            b.append((S, "AAAA", [self.v6()]))
        has_mx = mail_own or self.chance(0.6)
        if mail_own:
            mx = ["10 " + g("mail." + S)]
            if self.chance(0.5):
                mx.append("20 " + g("mx-backup"))
            b.append((S, "MX", mx))
        elif has_mx:
            b.append((S, "MX", ["10 " + g("mx1"), "20 " + g("mx2")]))
        txt = []
        if has_mx and self.chance(0.92):
            txt.append(self.spf(True, True, mail_own))
        if self.chance(0.25):
            v = self.verification()
            if self.chance(0.15):
                txt.append(self.verification())
            txt.append(v)
            if len(txt) > 1 and txt[-1] == txt[-2]:
                txt.pop()
        if txt:
            b.append((S, "TXT", txt))
        if self.chance(0.2):
            b.append((S, "CAA", self.caa()))
        if mail_own:
            b.append(("mail." + S, "A", [self.v4()]))
            if self.chance(0.5):
                b.append(("mail." + S, "AAAA", [self.v6()]))
        if self.chance(0.9):
            b.append(("www." + S, "CNAME", [g(S)]))
        if self.chance(0.15):
            b.append(("ftp." + S, "CNAME", [g(S)]))
        if has_mx and self.chance(0.2):
            b.append(("webmail." + S, "CNAME", [g("webmail")]))
        if mail_own or (has_mx and self.chance(0.1)):
            b.append(("autoconfig." + S, "CNAME", [g("autoconfig")]))
        for h in self.distinct(lambda: self.pick(SUBHOSTS), 1 + self.ri(3)) if self.chance(0.45) else ():
            x = self.r()
            if x < 0.5:
                b.append((h + "." + S, "A", [self.v4()]))
            elif x < 0.6:
                b.append((h + "." + S, "AAAA", [self.v6()]))
            elif x < 0.8:
                b.append((h + "." + S, "CNAME", [g(S)]))
            elif x < 0.9:
                b.append((h + "." + S, "CNAME", [g("shops")]))
            else:
                b.append((h + "." + S, "CNAME", ["%s.edge.cdn.example.net." % S.replace(".", "-")]))
        if self.chance(0.05):
            b.append(("*." + S, "CNAME", [g(S)]))
        if has_mx and self.chance(0.85 if mail_own else 0.45):
            b.append(("_dmarc." + S, "TXT", [self.dmarc()]))
        if has_mx and self.chance(0.9 if mail_own else 0.25):
            for sel in self.distinct(lambda: self.pick(DKIM_SELECTORS), 2 if self.chance(0.2) else 1):
                b.append((sel + "._domainkey." + S, "TXT", [self.dkim()]))
        if self.chance(0.02):
            b.append(("_acme-challenge." + S, "TXT", [self.txt(self.token(43))]))
        if has_mx and self.chance(0.6 if mail_own else 0.08):
            tgt = "mail." + S if mail_own else "smtp"
            b.append(("_submission._tcp." + S, "SRV", ["0 1 587 " + g(tgt)]))
            if self.chance(0.6):
                b.append(("_imaps._tcp." + S, "SRV", ["0 1 993 " + g("mail." + S if mail_own else "imap")]))
            if self.chance(0.5):
                b.append(("_autodiscover._tcp." + S, "SRV", ["0 0 443 " + g("autodiscover")]))
        if self.chance(0.03):
            b.append(("_sip._tls." + S, "SRV", ["100 1 443 " + g("sip")]))
            b.append(("_sipfederationtls._tcp." + S, "SRV", ["100 1 5061 " + g("sip")]))
        if self.chance(0.02):
            b.append(("_xmpp-client._tcp." + S, "SRV", ["5 0 5222 " + g("xmpp")]))
            b.append(("_xmpp-server._tcp." + S, "SRV", ["5 0 5269 " + g("xmpp")]))
        if self.chance(0.02):
            b.append(("_caldavs._tcp." + S, "SRV", ["0 1 443 " + g("dav")]))
            b.append(("_carddavs._tcp." + S, "SRV", ["0 1 443 " + g("dav")]))
        return b

    def parked(self):
        S = self.label()
        self.set_origin("@")
        g = self.rel
        if self.chance(0.5):
            return [(S, "CNAME", [g("parking")]), ("www." + S, "CNAME", [g("parking")])]
        return [(S, "A", ["203.0.113.80"]), (S, "AAAA", ["2001:db8:80::1"]),
                ("www." + S, "CNAME", [g(S)])]

    def delegated(self):
        S = self.label()
        self.set_origin("@")
        g = self.rel
        b = []
        if self.chance(0.4):
            b.append((S, "NS", [g("ns1"), g("ns2")] + ([g("ns3")] if self.chance(0.5) else [])))
            return b
        names = ["ns1." + S, "ns2." + S] if self.chance(0.8) else ["a.ns." + S, "b.ns." + S, "c.ns." + S]
        ns = [g(n) for n in names]
        if self.chance(0.2):
            ns.append(g("ns3"))
        b.append((S, "NS", ns))
        for n in names:
            b.append((n, "A", [self.v4()]))
            if self.chance(0.4):
                b.append((n, "AAAA", [self.v6()]))
        return b

    def vps(self, single=False):
        self.idx += 1
        dc = self.sec_dc if self.vps_by_dc else self.pick(DCS)
        name = self.pick(("vps", "vps", "srv-", "node", "cust")) + str(self.idx) + "." + dc
        self.set_origin(dc if self.vps_by_dc else "@")
        b = [(name, "A", [self.v4()])]
        if single:
            return b
        if self.chance(0.7):
            b.append((name, "AAAA", [self.v6()]))
        if self.chance(0.05):
            b.append((name, "TXT", [self.txt("plan=vps-%s; rack=%s-r%02d" % (
                self.pick(("s", "m", "l", "xl")), dc, 1 + self.ri(40)))]))
        return b

    def customer(self):
        x = self.r()
        if x < 0.66:
            return self.site(False)
        if x < 0.82:
            return self.site(True)
        if x < 0.94:
            return self.parked()
        return self.delegated()

    def run(self):
        self.absowners = False
        self.header()
        section = 0
        while True:
            section += 1
            self.new_section()
            inventory = self.chance(0.3)
            self.set_origin("@")
            self.out.append("")
            if inventory:
                self.out.append("; ==== server inventory, part %d (%s) ====" % (
                    section, self.sec_dc if self.vps_by_dc else "all data centres"))
            else:
                self.out.append("; ==== customer zone batch %d (%s) ====" % (
                    section, self.pick(("imported from legacy panel", "provisioning API",
                                        "reseller import", "hand-maintained", "migration 2019",
                                        "self-service signups"))))
            if self.chance(0.2):
                self.out.append("$TTL " + self.pick(("1h", "3600", "2h", "86400")))
            full = False
            for _ in range((2000 if inventory else 500) + self.ri(4000 if inventory else 1500)):
                self.absowners = self.chance(self.p_absowner)
                self.absnames = self.chance(self.p_absnames)
                b = self.vps() if inventory else self.customer()
                if self.chance(0.01):
                    self.out.append("; " + (self.comment() if self.chance(0.5) else "customer " + b[0][0]))
                if not self.emit(b, blank=self.chance(0.05)):
                    full = True
                    break
            if len(self.out) > 50000:
                self.flush()
            if full:
                break
        while self.count < self.target:
            self.emit(self.vps(single=True))
        self.set_origin("@")
        self.out.append("; end of zone: %d records" % self.count)

    def flush(self):
        self.sink.write("\n".join(self.out))
        self.sink.write("\n")
        self.out = []


def main():
    ap = argparse.ArgumentParser(description="Write a deterministic, realistic BIND zone of N records.")
    ap.add_argument("--records", type=int, default=1000000)
    ap.add_argument("--origin", default="hosting.example")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", default="-")
    ap.add_argument("--stats", action="store_true", help="print per-type counts to stderr")
    a = ap.parse_args()
    origin = a.origin.lower()
    if not origin.endswith("."):
        origin += "."
    if origin == ".":
        sys.exit("gen-zone.py: the root cannot be the origin")
    probe = Gen(10 ** 9, origin, a.seed)
    probe.header()
    if a.records < probe.count:
        sys.exit("gen-zone.py: --records must be at least %d (the provider's own records)" % probe.count)
    f = sys.stdout if a.output == "-" else open(a.output + ".tmp", "w", encoding="ascii", newline="\n")
    g = Gen(a.records, origin, a.seed, f)
    g.run()
    g.flush()
    if f is not sys.stdout:
        f.close()
        os.replace(a.output + ".tmp", a.output)
    if a.stats:
        for t, n in sorted(g.types.items(), key=lambda kv: -kv[1]):
            sys.stderr.write("%-6s %9d  %5.1f%%\n" % (t, n, 100.0 * n / g.count))
        sys.stderr.write("total  %9d\n" % g.count)


if __name__ == "__main__":
    main()
