#!/bin/sh
# Sends a message with s-nail, as from a shell script: a text body, a custom header and an
# attachment (s-nail writes no HTML part). The password is given as s-nail's password-USER@HOST:PORT.
# Arguments: host port starttls|smtps PLAIN|LOGIN user password from to attachment-file
set -eu
host=$1 port=$2 tls=$3 mechanism=$4 user=$5 password=$6 from=$7 to=$8 file=$9
if [ "$tls" = smtps ]; then
    mta="smtps://$user@$host:$port" starttls=
else
    mta="smtp://$user@$host:$port" starttls=smtp-use-starttls
fi
# tls-verify=ignore: the test relay's certificate is self-signed; in production leave it out.
echo "Hello from the client matrix." | s-nail -: / -S v15-compat -S sendwait -S nosave -S ttycharset=utf-8 \
    -S mta="$mta" ${starttls:+-S $starttls} -S tls-verify=ignore \
    -S smtp-auth="$(echo "$mechanism" | tr 'A-Z' 'a-z')" -S "password-$user@$host:$port=$password" \
    -r "$from" -C "X-SMTPeter-Tags: client-matrix" -s "Client matrix" -a "$file" "$to"
