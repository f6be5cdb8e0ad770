#!/usr/bin/python3
"""Verifies every DKIM-Signature of a message with python3-dkim (dkimpy), an implementation
independent of the relay's, resolving the key records through the test's own DNS server.

usage: verify.py MESSAGE_FILE DNS_HOST:PORT
prints one line per signature, top down: "<index> <d> <s> <a> pass|fail"
"""
import sys

import dkim
import dns.message
import dns.query
import dns.rdatatype


def main():
    path, server = sys.argv[1], sys.argv[2]
    host, port = server.rsplit(":", 1)

    def dnsfunc(name, timeout=5):
        query = dns.message.make_query(name.decode("ascii") if isinstance(name, bytes) else name, dns.rdatatype.TXT)
        answer = dns.query.udp(query, host, port=int(port), timeout=timeout)
        for rrset in answer.answer:
            for record in rrset:
                if record.rdtype == dns.rdatatype.TXT:
                    return b"".join(record.strings)
        return None

    with open(path, "rb") as f:
        message = f.read()
    checker = dkim.DKIM(message)
    count = sum(1 for name, _ in checker.headers if name.lower() == b"dkim-signature")
    for index in range(count):
        try:
            ok = checker.verify(idx=index, dnsfunc=dnsfunc)
        except dkim.DKIMException:  # e.g. a body hash mismatch: a failed signature
            ok = False
        tags = checker.signature_fields
        print(index, tags.get(b"d", b"").decode(), tags.get(b"s", b"").decode(), tags.get(b"a", b"").decode(),
              "pass" if ok else "fail")
    if count == 0:
        print("none")


if __name__ == "__main__":
    main()
