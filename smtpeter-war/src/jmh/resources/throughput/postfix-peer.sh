#!/usr/bin/env bash
# The Postfix peer of the throughput benchmark: a separate Postfix instance set up as the same kind of
# relay as SMTPeter (submission with STARTTLS required and SASL AUTH after TLS, everything handed to one
# smart host, no DNS), so both are driven by the same load against the same sink.
#
#   postfix-peer.sh start   write a fresh instance under $PEER_DIR and start it
#   postfix-peer.sh stop    stop it (and wait until its master is gone)
#
# Environment: PEER_DIR (required; etc/, queue/, data/, log/, tls/ go there), SINK_PORT (required),
# SUBMIT_PORT (3588), PEER_USER/PEER_PASS (bench/benchpass).
# Needs root and Debian's postfix sasl2-bin libsasl2-modules libsasl2-modules-db openssl.
# It never touches /etc/postfix or the default instance; it listens on 127.0.0.1 only.
set -euo pipefail

: "${PEER_DIR:?PEER_DIR must be set}"
SUBMIT_PORT="${SUBMIT_PORT:-3588}"
PEER_USER="${PEER_USER:-bench}"
PEER_PASS="${PEER_PASS:-benchpass}"
PEER_HOSTNAME=peer.bench.test
ETC="$PEER_DIR/etc"

die() { echo "postfix-peer: $*" >&2; exit 1; }

running() { [[ -f "$ETC/main.cf" ]] && postfix -c "$ETC" status >/dev/null 2>&1; }

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$SUBMIT_PORT") 2>/dev/null; }

configure() {
  # From scratch every time: no queue files or settings of an earlier run survive.
  rm -rf "$PEER_DIR"
  mkdir -p "$ETC/sasl" "$PEER_DIR/queue" "$PEER_DIR/data" "$PEER_DIR/log" "$PEER_DIR/tls"
  chmod 755 "$PEER_DIR" "$ETC"

  # A self-signed certificate, as the relay's development certificate is.
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -sha256 -subj "/CN=$PEER_HOSTNAME" \
    -keyout "$PEER_DIR/tls/key.pem" -out "$PEER_DIR/tls/cert.pem" 2>/dev/null
  chmod 600 "$PEER_DIR/tls/key.pem"

  # Cyrus sasldb; smtpd's realm is its myhostname, so clients log in with the bare user name.
  printf '%s' "$PEER_PASS" | saslpasswd2 -p -c -f "$ETC/sasldb2" -u "$PEER_HOSTNAME" "$PEER_USER"
  chown root:postfix "$ETC/sasldb2"
  chmod 640 "$ETC/sasldb2"
  cat >"$ETC/sasl/smtpd.conf" <<CONF
pwcheck_method: auxprop
auxprop_plugin: sasldb
sasldb_path: $ETC/sasldb2
mech_list: PLAIN LOGIN
CONF

  cat >"$ETC/main.cf" <<CONF
# Written by postfix-peer.sh for the throughput benchmark; loopback only, nothing delivered locally.
compatibility_level = 3.6
queue_directory = $PEER_DIR/queue
data_directory = $PEER_DIR/data
maillog_file = $PEER_DIR/log/postfix.log
maillog_file_prefixes = $PEER_DIR/log
myhostname = $PEER_HOSTNAME
mydomain = bench.test
mydestination =
local_recipient_maps =
local_transport = error:5.1.1 no local delivery on the benchmark peer
alias_maps =
alias_database =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
# Loopback clients are not trusted: relaying needs AUTH, as on the relay.
mynetworks = 192.0.2.1/32
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
relayhost = [127.0.0.1]:$SINK_PORT
smtp_tls_security_level = none
smtp_dns_support_level = disabled
disable_dns_lookups = yes
smtp_host_lookup = native
smtpd_tls_cert_file = $PEER_DIR/tls/cert.pem
smtpd_tls_key_file = $PEER_DIR/tls/key.pem
smtpd_sasl_type = cyrus
smtpd_sasl_path = smtpd
cyrus_sasl_config_path = $ETC/sasl
smtpd_sasl_security_options = noanonymous
CONF

  # Only the services a relay needs, none chrooted; process limits are Postfix's defaults.
  cat >"$ETC/master.cf" <<CONF
127.0.0.1:$SUBMIT_PORT inet n - n - - smtpd
  -o syslog_name=throughput-peer/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_tls_auth_only=yes
  -o smtpd_sasl_auth_enable=yes
pickup     unix  n - n 60    1 pickup
cleanup    unix  n - n -     0 cleanup
qmgr       unix  n - n 300   1 qmgr
tlsmgr     unix  - - n 1000? 1 tlsmgr
rewrite    unix  - - n -     - trivial-rewrite
bounce     unix  - - n -     0 bounce
defer      unix  - - n -     0 bounce
trace      unix  - - n -     0 bounce
verify     unix  - - n -     1 verify
flush      unix  n - n 1000? 0 flush
proxymap   unix  - - n -     - proxymap
proxywrite unix  - - n -     1 proxymap
smtp       unix  - - n -     - smtp
relay      unix  - - n -     - smtp
showq      unix  n - n -     - showq
error      unix  - - n -     - error
retry      unix  - - n -     - error
discard    unix  - - n -     - discard
anvil      unix  - - n -     1 anvil
scache     unix  - - n -     1 scache
postlog    unix-dgram n - n - 1 postlogd
CONF
  postfix -c "$ETC" set-permissions >/dev/null 2>&1 || true
  postfix -c "$ETC" check || die "postfix check failed for $ETC"
}

start() {
  [[ $EUID -eq 0 ]] || die "must run as root (the Postfix master)"
  command -v postfix >/dev/null || die "postfix is not installed"
  command -v saslpasswd2 >/dev/null || die "saslpasswd2 is missing (sasl2-bin)"
  : "${SINK_PORT:?SINK_PORT must be set}"
  stop
  if listening; then die "127.0.0.1:$SUBMIT_PORT is taken by another process"; fi
  configure
  postfix -c "$ETC" start
  for _ in $(seq 200); do listening && break; sleep 0.1; done
  listening || die "not listening on 127.0.0.1:$SUBMIT_PORT, see $PEER_DIR/log/postfix.log"
  echo "postfix peer: 127.0.0.1:$SUBMIT_PORT (STARTTLS, AUTH $PEER_USER), relay to [127.0.0.1]:$SINK_PORT, master pid $(tr -d ' ' <"$PEER_DIR/queue/pid/master.pid")"
}

stop() {
  if running; then
    postfix -c "$ETC" stop >/dev/null 2>&1 || true
    for _ in $(seq 200); do running || break; sleep 0.1; done
    running && postfix -c "$ETC" abort >/dev/null 2>&1 || true
  fi
  return 0
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
