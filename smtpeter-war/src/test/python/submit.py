#!/usr/bin/env python3
"""Submits mail to the relay with Python's smtplib, as a Python application would.

Used by org.smtpeter.clients.PythonSmtplibIT. Standard library only. Prints one JSON object on
stdout describing every SMTP exchange (reply codes and texts, queued message ids), so that the
Java test can make its assertions on what the server really answered.

Exit codes: 0 when the scenario ran to its end; 2 when the server refused something and smtplib
raised an SMTP error (described under "error" in the JSON); anything else is a crash (traceback
on stderr).
"""

import argparse
import base64
import json
import re
import smtplib
import ssl
import sys

QUEUED = re.compile(r"^2\.0\.0 OK: queued as (\S+)$")


def text(reply):
    if isinstance(reply, bytes):
        return reply.decode("utf-8", errors="replace")
    return str(reply)


def _strip(value):
    # smtplib keeps the AUTH parameters with a leading blank (" PLAIN LOGIN").
    return value.strip() if isinstance(value, str) else value


def step(code, reply, **extra):
    result = {"code": code, "text": text(reply)}
    result.update(extra)
    return result


class Recording:
    """Mixin that records the reply to every command smtplib sends on our behalf."""

    def _record(self, name, entry):
        self.transcript.append(dict(entry, command=name))

    def ehlo(self, name=""):
        code, reply = super().ehlo(name)
        self._record("EHLO", step(code, reply, features=sorted(self.esmtp_features.keys()),
                                  auth=_strip(self.esmtp_features.get("auth"))))
        return code, reply

    def starttls(self, *args, **kwargs):
        code, reply = super().starttls(*args, **kwargs)
        self._record("STARTTLS", step(code, reply))
        return code, reply

    def auth(self, mechanism, authobject, *, initial_response_ok=True):
        try:
            code, reply = super().auth(mechanism, authobject, initial_response_ok=initial_response_ok)
        except smtplib.SMTPAuthenticationError as e:
            self._record("AUTH", step(e.smtp_code, e.smtp_error, mechanism=mechanism))
            raise
        self._record("AUTH", step(code, reply, mechanism=mechanism))
        return code, reply

    def mail(self, sender, options=()):
        code, reply = super().mail(sender, options)
        self._record("MAIL", step(code, reply, options=list(options)))
        return code, reply

    def rcpt(self, recip, options=()):
        code, reply = super().rcpt(recip, options)
        self._record("RCPT", step(code, reply, recipient=recip, options=list(options)))
        return code, reply

    def data(self, msg):
        try:
            code, reply = super().data(msg)
        except smtplib.SMTPDataError as e:
            self._record("DATA", step(e.smtp_code, e.smtp_error))
            raise
        entry = step(code, reply)
        match = QUEUED.match(entry["text"])
        if code == 250 and match:
            entry["queuedId"] = match.group(1)
            self.queued.append(match.group(1))
        self._record("DATA", entry)
        return code, reply


class RecordingSMTP(Recording, smtplib.SMTP):
    def __init__(self, *args, **kwargs):
        self.transcript = []
        self.queued = []
        super().__init__(*args, **kwargs)


class RecordingSMTP_SSL(Recording, smtplib.SMTP_SSL):
    def __init__(self, *args, **kwargs):
        self.transcript = []
        self.queued = []
        super().__init__(*args, **kwargs)


def tls_context():
    # The development certificate is self-signed: encrypt, but do not verify it.
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def connect(args):
    source = (args.source_address, 0) if args.source_address else None
    if args.tls == "implicit":
        s = RecordingSMTP_SSL(args.host, args.port, timeout=args.timeout, source_address=source,
                              context=tls_context())
    else:
        s = RecordingSMTP(args.host, args.port, timeout=args.timeout, source_address=source)
    s.ehlo("python-smtplib.test")
    if args.tls == "starttls":
        s.starttls(context=tls_context())
        s.ehlo("python-smtplib.test")
    return s


def tls_version(s):
    return s.sock.version() if isinstance(s.sock, ssl.SSLSocket) else None


def login(s, args):
    if args.auth == "none":
        return
    if args.auth == "login":
        # Offer smtplib only LOGIN, so that login() uses it instead of its preferred PLAIN.
        s.esmtp_features["auth"] = "LOGIN"
    s.login(args.user, args.password)


def read_message(args):
    with open(args.message_file, "rb") as f:
        return f.read()


def scenario_sendmail(s, args, result):
    """smtplib's high-level API: login() and sendmail(), as most applications use it."""
    login(s, args)
    refused = s.sendmail(args.sender, args.to, read_message(args),
                         mail_options=args.mail_option, rcpt_options=args.rcpt_option)
    result["refused"] = {k: [v[0], text(v[1])] for k, v in refused.items()}


def scenario_explicit(s, args, result):
    """The low-level API: mail(), rcpt(), data(), each with its ESMTP parameters."""
    login(s, args)
    code, reply = s.mail(args.sender, args.mail_option)
    if code != 250:
        raise smtplib.SMTPSenderRefused(code, reply, args.sender)
    for recipient in args.to:
        code, reply = s.rcpt(recipient, args.rcpt_option)
        if code not in (250, 251):
            raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
    s.data(read_message(args))


def scenario_pipelined(s, args, result):
    """RFC 2920: MAIL, every RCPT and DATA in one write, then the replies in order."""
    login(s, args)
    if "pipelining" not in s.esmtp_features:
        raise RuntimeError("server does not advertise PIPELINING")
    commands = ["MAIL FROM:<%s>%s" % (args.sender, "".join(" " + o for o in args.mail_option))]
    commands += ["RCPT TO:<%s>%s" % (r, "".join(" " + o for o in args.rcpt_option)) for r in args.to]
    commands.append("DATA")
    s.send(("\r\n".join(commands) + "\r\n").encode("ascii"))
    replies = []
    for command in commands:
        code, reply = s.getreply()
        replies.append(step(code, reply, command=command))
    result["pipelined"] = replies
    s.transcript.extend(dict(r, command=r["command"].split(":")[0].split(" ")[0]) for r in replies)
    if replies[-1]["code"] != 354:
        raise smtplib.SMTPDataError(replies[-1]["code"], replies[-1]["text"])
    payload = re.sub(br"(?m)^\.", b"..", read_message(args))  # dot-stuffing, RFC 5321 4.5.2
    if not payload.endswith(b"\r\n"):
        payload += b"\r\n"
    s.send(payload + b".\r\n")
    code, reply = s.getreply()
    entry = step(code, reply, command="DATA")
    match = QUEUED.match(entry["text"])
    if code == 250 and match:
        entry["queuedId"] = match.group(1)
        s.queued.append(match.group(1))
    s.transcript.append(entry)


def scenario_auth_before_starttls(s, args, result):
    """AUTH on the plain connection must be refused; after STARTTLS the same credentials work."""
    code, reply = s.docmd("AUTH", "PLAIN " + base64.b64encode(
        ("\0%s\0%s" % (args.user, args.password)).encode("utf-8")).decode("ascii"))
    s.transcript.append(step(code, reply, command="AUTH", before_tls=True))
    result["authBeforeTls"] = step(code, reply)
    s.starttls(context=tls_context())
    s.ehlo("python-smtplib.test")
    result["tls"] = tls_version(s)
    s.login(args.user, args.password)


SCENARIOS = {
    "sendmail": scenario_sendmail,
    "explicit": scenario_explicit,
    "pipelined": scenario_pipelined,
    "auth-before-starttls": scenario_auth_before_starttls,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", choices=sorted(SCENARIOS), default="sendmail")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--tls", choices=["starttls", "implicit", "none"], default="starttls")
    parser.add_argument("--auth", choices=["plain", "login", "none"], default="plain",
                        help="plain: smtplib's default login(); login: force AUTH LOGIN")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--from", dest="sender", required=True)
    parser.add_argument("--to", action="append", required=True)
    parser.add_argument("--message-file", required=True)
    parser.add_argument("--mail-option", action="append", default=[])
    parser.add_argument("--rcpt-option", action="append", default=[])
    parser.add_argument("--source-address", help="local address to connect from (AUTH throttle)")
    parser.add_argument("--timeout", type=float, default=30)
    args = parser.parse_args()
    if args.scenario == "auth-before-starttls" and args.tls != "none":
        parser.error("auth-before-starttls needs --tls none (it does STARTTLS itself)")

    result = {"scenario": args.scenario, "transcript": [], "queuedIds": []}
    s = None
    status = 0
    try:
        s = connect(args)
        result["tls"] = tls_version(s)
        SCENARIOS[args.scenario](s, args, result)
    except smtplib.SMTPRecipientsRefused as e:
        status = 2
        result["error"] = {"type": type(e).__name__,
                           "recipients": {k: [v[0], text(v[1])] for k, v in e.recipients.items()}}
    except smtplib.SMTPResponseException as e:
        status = 2
        result["error"] = {"type": type(e).__name__, "code": e.smtp_code, "text": text(e.smtp_error)}
    finally:
        if s is not None:
            result["transcript"] = s.transcript
            result["queuedIds"] = s.queued
            try:
                s.quit()
            except (smtplib.SMTPException, OSError):
                pass
    print(json.dumps(result, indent=2))
    return status


if __name__ == "__main__":
    sys.exit(main())
