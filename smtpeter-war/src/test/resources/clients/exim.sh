#!/bin/sh
# Sends a message file through Exim as a smart-host client: an instance of its own (own config,
# spool and log in a temporary directory), manualroute to the relay, AUTH from a plaintext
# authenticator, "protocol = smtps" for implicit TLS. exim -odi delivers in the foreground.
# EXIM: the exim binary (default exim4 on the PATH).
# Arguments: host port starttls|smtps PLAIN|LOGIN user password from to message-file
set -eu
host=$1 port=$2 tls=$3 mechanism=$4 user=$5 password=$6 from=$7 to=$8 file=$9
exim=$(command -v "${EXIM:-exim4}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ "$tls" = smtps ]; then protocol="protocol = smtps"; else protocol=; fi
if [ "$mechanism" = PLAIN ]; then
    send="client_send = ^$user^$password"
else
    send="client_send = : $user : $password"
fi
cat > "$work/exim.conf" <<CONFIG
primary_hostname = exim-client.test
# Exim runs itself again for each delivery, from here.
exim_path = $exim
spool_directory = $work/spool
log_file_path = $work/log/%slog
exim_user = Debian-exim
exim_group = Debian-exim
keep_environment =

begin routers
smarthost:
  driver = manualroute
  route_list = * $host
  # The relay may be on this very machine.
  self = send
  transport = relay
  no_more

begin transports
relay:
  driver = smtp
  port = $port
  $protocol
  hosts_require_tls = *
  hosts_require_auth = *
  # The test relay's certificate is self-signed; in production verify it (tls_verify_certificates).
  tls_verify_certificates =

begin retry
* * F,1m,1m

begin authenticators
client:
  driver = plaintext
  public_name = $mechanism
  $send
CONFIG
# Exim refuses a config file that others can write; its own user writes the spool and the logs.
chmod 711 "$work"
mkdir "$work/spool" "$work/log"
chown Debian-exim:Debian-exim "$work/spool" "$work/log"
status=0
"$exim" -C "$work/exim.conf" -odi -oi -f "$from" "$to" < "$file" || status=$?
# Exim notes in its panic log that the delivery it runs again with -C does so without root; that
# is harmless here. It accepts the message before it delivers: success is an empty queue and a "=>" in the log.
if [ "$status" != 0 ] || [ "$("$exim" -C "$work/exim.conf" -bpc)" != 0 ] || ! grep -q ' => ' "$work/log/mainlog"; then
    cat "$work/log/mainlog" >&2
    exit 1
fi
cat "$work/log/mainlog"
