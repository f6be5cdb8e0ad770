#!/usr/bin/env python3
"""Writes the DataReader fixtures byte-exactly: <case>.input is what the client sends after
354 (terminator included), <case>.expected what must reach the spool, and cases.properties
maps each case to the DataReader.Outcome. Run from this directory: python3 generate_fixtures.py
(.gitattributes in src/test/resources keeps git from touching the line ends)."""

CASES = []


def case(name, outcome, data, expected, reject=None):
    """outcome and expected with the default bare-line-feeds = normalize; reject: the outcome
    with bare-line-feeds = reject (the same when not given)."""
    CASES.append((name, outcome, data, expected, reject or outcome))


case("simple", "COMPLETE",
     b"From: a@example.com\r\nSubject: hi\r\n\r\nHello\r\n.\r\n",
     b"From: a@example.com\r\nSubject: hi\r\n\r\nHello\r\n")
case("dot-stuffed", "COMPLETE",
     b"..x\r\n...\r\n..\r\n.\r\n",
     b".x\r\n..\r\n.\r\n")
case("empty-message", "COMPLETE", b".\r\n", b"")
case("blank-lines-only", "COMPLETE", b"\r\n\r\n.\r\n", b"\r\n\r\n")
# RFC 5321 4.5.2: a leading dot followed by other text is removed as well
case("dot-then-text", "COMPLETE",
     b".x\r\n.hidden\r\n. \r\n.\r\n",
     b"x\r\nhidden\r\n \r\n")
case("dots-inside-lines", "COMPLETE",
     b"a.b\r\nend.\r\n x.\r\n\r\n.\r\n",
     b"a.b\r\nend.\r\n x.\r\n\r\n")
# Line ends as Postfix 3.9 (smtpd_forbid_bare_newline = normalize, cleanup_replace_stray_cr_lf =
# yes): a bare LF ends a line and is stored as CRLF, a CR that no LF follows becomes a space.
# With bare-line-feeds = reject the same data is read to its end and refused (REJECTED below).
case("bare-lf-in-middle", "COMPLETE",
     b"line one\nline two\r\n.\r\n", b"line one\r\nline two\r\n", reject="BARE_LINE_END")
case("bare-cr-in-middle", "COMPLETE",
     b"line one\rline two\r\n.\r\n", b"line one line two\r\n", reject="BARE_LINE_END")
case("cr-cr-lf", "COMPLETE",
     b"hello\r\r\n.\r\n", b"hello \r\n", reject="BARE_LINE_END")
case("cr-before-dot", "COMPLETE",
     b"hello\r.\r\n.\r\n", b"hello .\r\n", reject="BARE_LINE_END")
case("unix-line-ends", "COMPLETE",
     b"From: a@example.com\nSubject: unix\n\nbody\n\r\n.\r\n",
     b"From: a@example.com\r\nSubject: unix\r\n\r\nbody\r\n\r\n", reject="BARE_LINE_END")
# a line that starts after a bare LF is dot-stuffed as any line
case("dot-stuffed-after-bare-lf", "COMPLETE",
     b"a\n..b\n...\n\r\n.\r\n", b"a\r\n.b\r\n..\r\n\r\n", reject="BARE_LINE_END")
case("crlf-dot-crcrlf", "COMPLETE",
     b"hello\r\n.\r\r\n.\r\n", b"hello\r\n \r\n", reject="BARE_LINE_END")
# SMTP smuggling: end-of-data variants other than CRLF.CRLF never end the message; what follows
# them stays inside the one message (a lone dot there is kept as a line holding a dot)
SMUGGLED = b"MAIL FROM:<evil@attacker.test>\r\nRCPT TO:<victim@example.com>\r\nDATA\r\nforged\r\n.\r\n"
STORED = b"MAIL FROM:<evil@attacker.test>\r\nRCPT TO:<victim@example.com>\r\nDATA\r\nforged\r\n"
case("smuggle-lf-dot-lf", "COMPLETE",
     b"Subject: x\r\n\r\nhello\n.\n" + SMUGGLED, b"Subject: x\r\n\r\nhello\r\n.\r\n" + STORED,
     reject="BARE_LINE_END")
case("smuggle-crlf-dot-lf", "COMPLETE",
     b"Subject: x\r\n\r\nhello\r\n.\n" + SMUGGLED, b"Subject: x\r\n\r\nhello\r\n.\r\n" + STORED,
     reject="BARE_LINE_END")
case("smuggle-lf-dot-crlf", "COMPLETE",
     b"Subject: x\r\n\r\nhello\n.\r\n" + SMUGGLED, b"Subject: x\r\n\r\nhello\r\n.\r\n" + STORED,
     reject="BARE_LINE_END")
case("smuggle-crlf-dot-cr", "COMPLETE",
     b"Subject: x\r\n\r\nhello\r\n.\r" + SMUGGLED, b"Subject: x\r\n\r\nhello\r\n " + STORED,
     reject="BARE_LINE_END")
case("smuggle-cr-dot-cr", "COMPLETE",
     b"Subject: x\r\n\r\nhello\r.\r" + SMUGGLED, b"Subject: x\r\n\r\nhello . " + STORED,
     reject="BARE_LINE_END")
case("smuggle-lf-dot-lf-at-start", "COMPLETE",
     b"\n.\n" + SMUGGLED, b"\r\n.\r\n" + STORED, reject="BARE_LINE_END")
# the client thinks "text." ends the message; only CRLF.CRLF does, so the stream just ends
case("dot-without-preceding-crlf", "DISCONNECTED",
     b"Subject: x\r\n\r\nlast line.\r\n", b"Subject: x\r\n\r\nlast line.\r\n")
# a Unix client that ends with <LF>.<LF> never ends its message either (as with Postfix)
case("unix-end-of-data-is-not-one", "DISCONNECTED",
     b"body\n.\n", b"body\r\n.\r\n", reject="DISCONNECTED")

binary_lines = []
octets = [b for b in range(256) if b not in (0x0A, 0x0D)]
for start in range(0, len(octets), 50):
    line = bytes(octets[start:start + 50])
    binary_lines.append(line if line[:1] != b"." else b"x" + line)
binary = b"".join(line + b"\r\n" for line in binary_lines)
case("binary-8bit", "COMPLETE", binary + b".\r\n", binary)
case("utf8-text", "COMPLETE",
     "Subject: Grüße\r\n\r\nÄrger über ½ € 😀\r\n".encode("utf-8") + b".\r\n",
     "Subject: Grüße\r\n\r\nÄrger über ½ € 😀\r\n".encode("utf-8"))
case("disconnected-mid-line", "DISCONNECTED",
     b"Subject: x\r\n\r\npartial", b"Subject: x\r\n\r\npartial")
case("disconnected-after-dot", "DISCONNECTED", b"hello\r\n.", b"hello\r\n")
case("disconnected-after-dot-cr", "DISCONNECTED", b"hello\r\n.\r", b"hello\r\n")
case("disconnected-after-cr", "DISCONNECTED", b"hello\r", b"hello")
case("disconnected-after-lone-dot-lf", "DISCONNECTED", b"hello\r\n.\n", b"hello\r\n.\r\n",
     reject="DISCONNECTED")

with open("cases.properties", "w", newline="\n") as index, \
        open("cases-reject.properties", "w", newline="\n") as rejected:
    index.write("# DataReader fixtures: case=expected Outcome; see generate_fixtures.py\n")
    rejected.write("# the same cases with smtpeter.limits.bare-line-feeds=reject; see generate_fixtures.py\n")
    for name, outcome, data, expected, reject in CASES:
        with open(name + ".input", "wb") as f:
            f.write(data)
        with open(name + ".expected", "wb") as f:
            f.write(expected)
        index.write(f"{name}={outcome}\n")
        rejected.write(f"{name}={reject}\n")
