#!/bin/sh
# Sends a message file with swaks: --tls is STARTTLS, --tls-on-connect is implicit TLS.
# Arguments: host port starttls|smtps PLAIN|LOGIN user password from to message-file
set -eu
host=$1 port=$2 tls=$3 mechanism=$4 user=$5 password=$6 from=$7 to=$8 file=$9
if [ "$tls" = smtps ]; then tls_option=--tls-on-connect; else tls_option=--tls; fi
exec swaks --server "$host:$port" "$tls_option" --auth "$mechanism" \
    --auth-user "$user" --auth-password "$password" --from "$from" --to "$to" --data "@$file"
