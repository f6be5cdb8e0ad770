#!/bin/sh
# The crash soak (issue 14): two relays on one PostgreSQL database, N times one of them killed
# with kill -9 under load and started again; prints acknowledged, delivered, lost, duplicated and
# the time until the queue was empty again, per kill and in total. Needs PostgreSQL as the
# PostgreSQL pass of the suite does (127.0.0.1:5432, database test; -Dsmtpeter.it.db.* to change).
# The code is CrashSoak in src/test/java/org/smtpeter/instances/boundary.
#
#   smtpeter-war/src/jmh/crash-soak.sh [kills] [connections] [load-seconds per kill] [extra mvn args]
#
# e.g. smtpeter-war/src/jmh/crash-soak.sh 5 8 5 -o
set -e
cd "$(dirname "$0")/../../.."
kills=${1:-5}
connections=${2:-8}
load=${3:-5}
if [ $# -ge 3 ]; then shift 3; else shift $#; fi
exec mvn -B -pl smtpeter-war -am verify -Ppostgresql -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=CrashSoak -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dsoak.kills="$kills" -Dsoak.connections="$connections" -Dsoak.load-seconds="$load" "$@"
