#!/bin/sh
# Sends a message file with msmtp, configured as its users do: an account in a config file.
# Arguments: host port starttls|smtps PLAIN|LOGIN user password from to message-file
set -eu
host=$1 port=$2 tls=$3 mechanism=$4 user=$5 password=$6 from=$7 to=$8 file=$9
if [ "$tls" = smtps ]; then starttls=off; else starttls=on; fi
config=$(mktemp)
trap 'rm -f "$config"' EXIT
# msmtp reads only a config file that nobody else can read.
chmod 600 "$config"
cat > "$config" <<CONFIG
account relay
host $host
port $port
tls on
tls_starttls $starttls
# The test relay's certificate is self-signed; in production use tls_trust_file instead.
tls_certcheck off
auth $(echo "$mechanism" | tr 'A-Z' 'a-z')
user $user
password $password
from $from
account default : relay
CONFIG
msmtp --file="$config" "$to" < "$file"
