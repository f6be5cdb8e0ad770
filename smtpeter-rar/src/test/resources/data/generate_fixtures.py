#!/usr/bin/env python3
"""Writes the DataReader fixtures byte-exactly: <case>.input is what the client sends after
354 (terminator included), <case>.expected what must reach the spool, and cases.properties
maps each case to the DataReader.Outcome. Run from this directory: python3 generate_fixtures.py
(.gitattributes in src/test/resources keeps git from touching the line ends)."""

CASES = []


def case(name, outcome, data, expected):
    CASES.append((name, outcome, data, expected))


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
case("bare-lf-in-middle", "BARE_LINE_END",
     b"line one\nline two\r\n.\r\n", b"line one")
case("bare-cr-in-middle", "BARE_LINE_END",
     b"line one\rline two\r\n.\r\n", b"line one")
case("cr-cr-lf", "BARE_LINE_END",
     b"hello\r\r\n.\r\n", b"hello")
case("cr-before-dot", "BARE_LINE_END",
     b"hello\r.\r\n", b"hello")
# SMTP smuggling: end-of-data variants other than CRLF.CRLF must never complete
SMUGGLED = b"MAIL FROM:<evil@attacker.test>\r\nRCPT TO:<victim@example.com>\r\nDATA\r\nforged\r\n.\r\n"
case("smuggle-lf-dot-lf", "BARE_LINE_END",
     b"Subject: x\r\n\r\nhello\n.\n" + SMUGGLED, b"Subject: x\r\n\r\nhello")
case("smuggle-crlf-dot-lf", "BARE_LINE_END",
     b"Subject: x\r\n\r\nhello\r\n.\n" + SMUGGLED, b"Subject: x\r\n\r\nhello\r\n")
case("smuggle-lf-dot-crlf", "BARE_LINE_END",
     b"Subject: x\r\n\r\nhello\n.\r\n" + SMUGGLED, b"Subject: x\r\n\r\nhello")
case("smuggle-crlf-dot-cr", "BARE_LINE_END",
     b"Subject: x\r\n\r\nhello\r\n.\r" + SMUGGLED, b"Subject: x\r\n\r\nhello\r\n")
case("smuggle-cr-dot-cr", "BARE_LINE_END",
     b"Subject: x\r\n\r\nhello\r.\r" + SMUGGLED, b"Subject: x\r\n\r\nhello")
# the client thinks "text." ends the message; only CRLF.CRLF does, so the stream just ends
case("dot-without-preceding-crlf", "DISCONNECTED",
     b"Subject: x\r\n\r\nlast line.\r\n", b"Subject: x\r\n\r\nlast line.\r\n")

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

with open("cases.properties", "w", newline="\n") as index:
    index.write("# DataReader fixtures: case=expected Outcome; see generate_fixtures.py\n")
    for name, outcome, data, expected in CASES:
        with open(name + ".input", "wb") as f:
            f.write(data)
        with open(name + ".expected", "wb") as f:
            f.write(expected)
        index.write(f"{name}={outcome}\n")
