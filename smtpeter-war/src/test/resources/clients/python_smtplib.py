"""Sends a message file with Python's smtplib: STARTTLS (587) or implicit TLS (465).

Arguments: [--as-bytes] host port starttls|smtps PLAIN|LOGIN user password from to message-file
Without --as-bytes it uses send_message(), which writes CRLF line ends. With it, it sends as many
applications do: sendmail() with the bytes of email.message.as_bytes(), whose lines end in a bare LF.
"""
import smtplib
import ssl
import sys
from email import policy
from email.parser import BytesParser

as_bytes = sys.argv[1] == "--as-bytes"
host, port, tls, mechanism, user, password, sender, recipient, path = sys.argv[2 if as_bytes else 1:]
with open(path, "rb") as file:
    message = BytesParser(policy=policy.default).parse(file)

context = ssl.create_default_context()
# The test relay's certificate is self-signed; in production keep the default checks.
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE

if tls == "smtps":
    smtp = smtplib.SMTP_SSL(host, int(port), context=context, timeout=30)
else:
    smtp = smtplib.SMTP(host, int(port), timeout=30)
    smtp.starttls(context=context)
with smtp:
    # login() picks PLAIN when the server offers it; the matrix asks for each mechanism by name.
    smtp.user, smtp.password = user, password
    smtp.ehlo_or_helo_if_needed()
    smtp.auth(mechanism, getattr(smtp, "auth_" + mechanism.lower()))
    if as_bytes:
        smtp.sendmail(sender, [recipient], message.as_bytes())
    else:
        smtp.send_message(message, from_addr=sender, to_addrs=[recipient])
