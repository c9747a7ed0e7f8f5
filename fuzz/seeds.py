#!/usr/bin/env python3
"""fuzz/seeds.py - build the seed corpora of the fuzz targets from the repository's fixtures and ../shared.

    python3 fuzz/seeds.py [OUTDIR [SHARED]]     (defaults: build/fuzz-seeds ../shared)

OUTDIR/<target>/ gets one file per seed, none larger than MAXSEED octets
(environment, default 16384): small inputs mutate faster.  Sources:
  zone       fixtures/**/*.zone and db.*, the zone corpora of BIND, Knot,
             ldns and simdzone (SHARED/conformance/zones), the SPF suites'
             zone files (SHARED/conformance/spf/generated) and the small
             real zones (SHARED/realzones)
  roundtrip  the same zones
  spf_parse  every SPF record of those zones, its strings joined
  spf_macro  every term of those records holding a "%", and the RFC 7208
             section 7.4 examples, as domain-spec and as explain-string
  spf_eval   one per case of the SPF suites: ip, mailfrom, helo, zone
  config     fixtures/**/.zonelint and one file using every section
  namedconf  fixtures/**/*.conf (named.conf trees of fixtures/namedconf)
OUTDIR is emptied first; nothing outside it is written.
"""
import os
import re
import shutil
import sys

TARGETS = ("zone", "roundtrip", "spf_parse", "spf_macro", "spf_eval", "config", "namedconf")
SKIP = re.compile(r"(\.out|\.md|\.tsv|\.sh|\.py|\.yml|LICENSE.*|COPYING.*|CHANGES)$")
# the RFC 7208 section 7.4 examples, and the letters only explanations allow
MACROS = ["%{s}", "%{o}", "%{d}", "%{d4}", "%{d3}", "%{d2}", "%{d1}", "%{dr}",
          "%{d2r}", "%{l}", "%{l-}", "%{lr}", "%{lr-}", "%{l1r-}",
          "%{ir}.%{v}._spf.%{d2}", "%{lr-}.lp._spf.%{d2}",
          "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}",
          "%{d2}.trusted-domains.example.net", "%{c} %{r} %{t} %{p} %{h} %_%-%%",
          "%{I}.%{V} %{S} %{L}"]
ENV = b"\nstrong-bad@email.example.com\nemail.example.com\nmx.example.org\nmx.example.org\n192.0.2.3"
CONFIG = (b"[rules]\nselect = spf, zone\nignore = spf-ptr\n[severity]\nspf-ptr = error\n"
          b"[origin]\ndb.* = example.com\n*.zone = example.net.\n")


def files_under(top):
    for d, _, names in os.walk(top):
        for n in sorted(names):
            if not SKIP.search(n):
                yield os.path.join(d, n)


def spf_records(text):
    """The SPF records of a zone's lines: quoted strings of one line, joined."""
    for line in text.splitlines():
        if b'"v=spf1' not in line.lower():
            continue
        strings = re.findall(rb'"((?:[^"\\]|\\.)*)"', line)
        rec = b"".join(strings)
        if rec.lower().startswith(b"v=spf1"):
            yield rec


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "build/fuzz-seeds"
    shared = sys.argv[2] if len(sys.argv) > 2 else "../shared"
    maxseed = int(os.environ.get("MAXSEED", "16384"))
    shutil.rmtree(out, ignore_errors=True)
    for t in TARGETS:
        os.makedirs(os.path.join(out, t))
    count = dict.fromkeys(TARGETS, 0)

    def put(target, name, data):
        if len(data) > maxseed:
            return
        name = re.sub(r"[^A-Za-z0-9._-]", "_", name)
        with open(os.path.join(out, target, name), "wb") as f:
            f.write(data)
        count[target] += 1

    def read(path):
        with open(path, "rb") as f:
            return f.read(maxseed + 1)

    zones = []
    for f in files_under("fixtures"):
        if f.endswith(".zone") or os.path.basename(f).startswith("db."):
            zones.append(("fx-" + f, f))
        elif os.path.basename(f) == ".zonelint":
            put("config", "fx-" + f, read(f))
        elif f.endswith(".conf"):
            put("namedconf", "fx-" + f, read(f))
    for sub in ("conformance/zones", "conformance/spf/generated", "realzones"):
        top = os.path.join(shared, sub)
        for f in files_under(top):
            zones.append((sub.split("/")[-1] + "-" + os.path.relpath(f, top), f))
    records = set()
    for name, f in zones:
        data = read(f)
        put("zone", name, data)
        put("roundtrip", name, data)
        records.update(spf_records(data))

    for i, rec in enumerate(sorted(records)):
        put("spf_parse", "rec-%d" % i, rec)
    macros = set(m.encode() for m in MACROS)
    for rec in records:
        for term in rec.split(b" "):
            if b"%" in term:
                macros.add(re.sub(rb"^[^:=]*[:=]", b"", term, count=1))
    for i, m in enumerate(sorted(macros)):
        put("spf_macro", "dom-%d" % i, b"\0" + m + ENV)
        put("spf_macro", "exp-%d" % i, b"\1" + m + ENV)

    gen = os.path.join(shared, "conformance/spf/generated")
    for suite in sorted(os.listdir(gen)) if os.path.isdir(gen) else []:
        cases = os.path.join(gen, suite, "cases.tsv")
        if not os.path.exists(cases):
            continue
        with open(cases, "rb") as f:
            for line in f:
                if line.startswith(b"#"):
                    continue
                col = line.rstrip(b"\n").split(b"\t")
                zone = os.path.join(gen, suite, col[0].decode() + ".zone")
                if len(col) < 5 or not os.path.exists(zone):
                    continue
                put("spf_eval", "%s-%s" % (suite, col[1].decode()),
                    b"\n".join(col[2:5]) + b"\n" + read(zone))
    put("config", "all-sections", CONFIG)
    for t in TARGETS:
        print("%s: %d seeds" % (t, count[t]))


if __name__ == "__main__":
    main()
