#!/usr/bin/env bash
# Stores the relay's secrets as password aliases of the running domain: encrypted with the
# domain's master password, never written to domain.xml. Payara reads an alias named like a
# MicroProfile Config key as that key's value, and the JDBC pool refers to its password as
# ${ALIAS=smtpeter.db.password} (10-database.asadmin).
#
# Values come from these environment variables; unset ones are left as they are:
#   SMTPETER_DB_PASSWORD            -> smtpeter.db.password
#   SMTPETER_ADMIN_TOKEN            -> smtpeter.admin.token (bearer token of the REST API)
#   SMTPETER_TRACKING_SECRET        -> smtpeter.tracking.secret (signs tracking links; 16 bytes or more)
#   SMTPETER_TLS_KEYSTORE_PASSWORD  -> smtpeter.tls.keystore-password
#   SMTPETER_DOMAINS_KEY_ENCRYPTION_KEY -> smtpeter.domains.key-encryption-key (encrypts DKIM private keys; 16 bytes or more)
#   SMTPETER_DELIVERY_SMARTHOST_PASSWORD -> smtpeter.delivery.smarthost.password (AUTH at the smart host)
# Arguments go to asadmin (for example --port 4848); ASADMIN names the asadmin to use, and a
# domain with an admin password needs AS_ADMIN_PASSWORD set as well. Example:
#   ASADMIN=/opt/payara6/bin/asadmin SMTPETER_ADMIN_TOKEN=$(openssl rand -hex 32) \
#   SMTPETER_TRACKING_SECRET=$(openssl rand -hex 32) SMTPETER_DB_PASSWORD=... ./password-aliases.sh
# The domain reads them at the next start or deployment.
set -euo pipefail

asadmin=${ASADMIN:-asadmin}
umask 077
passwords=$(mktemp)
trap 'rm -f "$passwords"' EXIT

# The admin password, when the domain has one, goes into the same password file as each alias.
admin_password() {
    if [ -n "${AS_ADMIN_PASSWORD:-}" ]; then
        printf 'AS_ADMIN_PASSWORD=%s\n' "${AS_ADMIN_PASSWORD//\\/\\\\}"
    fi
}
admin_password > "$passwords"
existing=$("$asadmin" "$@" --passwordfile "$passwords" list-password-aliases)
for pair in smtpeter.db.password=SMTPETER_DB_PASSWORD \
            smtpeter.admin.token=SMTPETER_ADMIN_TOKEN \
            smtpeter.tracking.secret=SMTPETER_TRACKING_SECRET \
            smtpeter.tls.keystore-password=SMTPETER_TLS_KEYSTORE_PASSWORD \
            smtpeter.domains.key-encryption-key=SMTPETER_DOMAINS_KEY_ENCRYPTION_KEY \
            smtpeter.delivery.smarthost.password=SMTPETER_DELIVERY_SMARTHOST_PASSWORD; do
    name=${pair%%=*}
    variable=${pair#*=}
    value=${!variable:-}
    [ -n "$value" ] || continue
    # The password file is read as Java properties: a backslash must be doubled.
    { printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "${value//\\/\\\\}"; admin_password; } > "$passwords"
    if grep -qxF "$name" <<< "$existing"; then
        "$asadmin" "$@" --passwordfile "$passwords" update-password-alias "$name"
    else
        "$asadmin" "$@" --passwordfile "$passwords" create-password-alias "$name"
    fi
done
