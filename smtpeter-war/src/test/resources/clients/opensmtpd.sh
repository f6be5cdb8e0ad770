#!/bin/sh
# Sends a message file through OpenSMTPD as a relay client: an instance of its own (own config,
# run in the foreground for this one message), "relay host smtp+tls://" (STARTTLS required) or
# "smtps://" with "auth <secrets>"; the message goes in through its sendmail (smtpctl).
# OpenSMTPD's client uses AUTH PLAIN whenever the server offers it (LOGIN only where it is not).
# SMTPD, SMTPCTL, SENDMAIL: its binaries (default: on the PATH).
# It uses OpenSMTPD's compiled-in queue (/var/spool/smtpd) and socket, so only one runs at a time.
# Arguments: host port starttls|smtps PLAIN user password from to message-file
set -eu
host=$1 port=$2 tls=$3 mechanism=$4 user=$5 password=$6 from=$7 to=$8 file=$9
smtpd=${SMTPD:-smtpd} smtpctl=${SMTPCTL:-smtpctl} sendmail=${SENDMAIL:-sendmail}
[ "$mechanism" = PLAIN ] || { echo "OpenSMTPD cannot be told to use AUTH $mechanism" >&2; exit 2; }
if [ "$tls" = smtps ]; then scheme=smtps; else scheme=smtp+tls; fi
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait; rm -rf "$work"' EXIT
umask 077
echo "matrix $user:$password" > "$work/secrets"
cat > "$work/smtpd.conf" <<CONFIG
table secrets file:$work/secrets
# no-verify: the test relay's certificate is self-signed; in production leave it out.
action "relay" relay host $scheme://matrix@$host:$port auth <secrets> tls no-verify helo opensmtpd-client.test
match from local for any action "relay"
CONFIG
"$smtpd" -n -f "$work/smtpd.conf"
"$smtpd" -d -f "$work/smtpd.conf" > "$work/log" 2>&1 &
pid=$!
for _ in $(seq 1 50); do "$smtpctl" show status >/dev/null 2>&1 && break; sleep 0.1; done
"$sendmail" -oi -f "$from" "$to" < "$file"
for _ in $(seq 1 300); do
    if grep -q 'result="Ok"' "$work/log"; then cat "$work/log"; exit 0; fi
    if grep -q 'result="PermFail"\|result="TempFail"' "$work/log"; then break; fi
    sleep 0.1
done
cat "$work/log" >&2
exit 1
