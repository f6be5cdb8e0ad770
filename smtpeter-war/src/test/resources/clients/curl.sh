#!/bin/sh
# Sends a message file with curl: smtp:// with --ssl-reqd is STARTTLS, smtps:// is implicit TLS.
# Arguments: host port starttls|smtps PLAIN|LOGIN user password from to message-file
set -eu
host=$1 port=$2 tls=$3 mechanism=$4 user=$5 password=$6 from=$7 to=$8 file=$9
if [ "$tls" = smtps ]; then scheme=smtps; else scheme=smtp; fi
# --insecure: the test relay's certificate is self-signed; in production leave it out.
exec curl --silent --show-error --insecure --ssl-reqd \
    --url "$scheme://$host:$port" --login-options "AUTH=$mechanism" --user "$user:$password" \
    --mail-from "$from" --mail-rcpt "$to" --upload-file "$file"
