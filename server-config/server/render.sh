#!/usr/bin/env bash
# Fills in the @key@ placeholders of the *.asadmin files next to this script with the values of a
# settings file (key=value lines, # comments; see smtpeter-server.properties) and writes the
# results, ready for "asadmin multimode --file", to an output directory:
#   server-config/server/render.sh my.properties /tmp/smtpeter-asadmin
# Fails, naming file and line, when a placeholder has no value.
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 <settings.properties> <output directory>" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
settings=$1
out=$2
if [ ! -r "$settings" ]; then
    echo "$0: cannot read $settings" >&2
    exit 2
fi
mkdir -p "$out"

failed=0
for template in "$here"/*.asadmin; do
    # Plain string replacement (no regular expressions, no sed): values may contain any character.
    awk -v settings="$settings" '
        BEGIN {
            while ((getline line < settings) > 0) {
                sub(/\r$/, "", line)
                if (line ~ /^[ \t]*(#|$)/ || index(line, "=") == 0) continue
                key = substr(line, 1, index(line, "=") - 1)
                value = substr(line, index(line, "=") + 1)
                gsub(/^[ \t]+|[ \t]+$/, "", key)
                gsub(/^[ \t]+|[ \t]+$/, "", value)
                values[key] = value
            }
        }
        {
            done = ""
            rest = $0
            while (match(rest, /@[A-Za-z0-9._-]+@/)) {
                key = substr(rest, RSTART + 1, RLENGTH - 2)
                if (key in values) {
                    done = done substr(rest, 1, RSTART - 1) values[key]
                } else {
                    printf "%s:%d: no value for @%s@ in %s\n", FILENAME, FNR, key, settings > "/dev/stderr"
                    missing = 1
                    done = done substr(rest, 1, RSTART + RLENGTH - 1)
                }
                rest = substr(rest, RSTART + RLENGTH)
            }
            print done rest
        }
        END { exit missing }' "$template" > "$out/$(basename "$template")" || failed=1
done
if [ "$failed" -ne 0 ]; then
    exit 1
fi
echo "rendered $(ls "$here"/*.asadmin | wc -l | tr -d ' ') files into $out"
