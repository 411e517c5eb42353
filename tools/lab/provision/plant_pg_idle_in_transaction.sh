#!/bin/sh
# Planted condition: a PostgreSQL session left "idle in transaction" (an application that began a
# transaction and never ended it: it holds its snapshot and locks and keeps vacuum from cleaning).
# A transient systemd unit keeps a psql session open with BEGIN and one SELECT, then waits forever.
# Idempotent: nothing is done while the unit runs. A reboot of the host ends it; `lab up` plants it again.
# env: PLANT_DATABASE (default his), PLANT_TABLE (a table the transaction reads, default departments)
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"

require_root
require_systemd
db=${PLANT_DATABASE:-his}
table=${PLANT_TABLE:-departments}
case $db$table in
    *[!a-z0-9_.]*) die "PLANT_DATABASE and PLANT_TABLE may hold only a-z, 0-9, _ and ." ;;
esac
unit=medops-plant-pg-idle-xact
wait_for pg_isready -q -h 127.0.0.1 -p 5432 || die "PostgreSQL does not accept connections"

idle_sessions() {
    runuser -u postgres -- psql -X -At -d "$db" -c \
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'lab-plant-idle-xact' AND state = 'idle in transaction'"
}
if systemctl is-active --quiet "$unit" && [ "$(idle_sessions)" = 1 ]; then
    say "$unit already holds a transaction open"
else
    # A restart of PostgreSQL ends the session while the unit's sleep lives on: start afresh.
    systemctl stop "$unit" 2>/dev/null || true
    systemctl reset-failed "$unit" 2>/dev/null || true
    systemd-run --quiet --unit="$unit" --uid=postgres \
        --description='medops lab planted condition: a session idle in transaction' \
        --setenv=PGAPPNAME=lab-plant-idle-xact \
        /bin/sh -c "{ printf 'BEGIN;\nSELECT count(*) FROM $table;\n'; exec sleep infinity; } | exec psql -X -q -d $db >/dev/null" \
        || die "cannot start $unit"
    say "started $unit"
fi
i=0
until [ "$(idle_sessions)" = 1 ] || [ "$i" -ge 30 ]; do
    sleep 0.5
    i=$((i + 1))
done
if [ "$(idle_sessions)" = 1 ]; then
    say "a session of $db is idle in transaction (application_name lab-plant-idle-xact)"
else
    die "the planted session is not idle in transaction"
fi
