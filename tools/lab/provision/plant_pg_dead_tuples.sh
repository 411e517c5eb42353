#!/bin/sh
# Planted condition: a PostgreSQL table full of dead row versions that autovacuum will not clean.
# Turns autovacuum off for PLANT_TABLE (also stops autoanalyze there), refreshes its statistics
# (ANALYZE, so n_live_tup is right), then updates PLANT_PERCENT % of its rows in one transaction:
# n_dead_tup becomes PERCENT % of the live rows (40 % -> 28.6 % of all row versions).
# Idempotent: nothing is done while the table already holds that share of dead rows.
# env: PLANT_DATABASE (default his), PLANT_TABLE (schema.table), PLANT_PERCENT (rows updated, 1-100)
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"

require_root
require_env PLANT_TABLE PLANT_PERCENT
require_uint PLANT_PERCENT "$PLANT_PERCENT"
db=${PLANT_DATABASE:-his}
table=$PLANT_TABLE
case $table in
    *.*) ;;
    *) die "PLANT_TABLE must be schema.table, got $table" ;;
esac
case $table in
    *[!a-z0-9_.]*) die "PLANT_TABLE may hold only a-z, 0-9, _ and ., got $table" ;;
esac
if [ "$PLANT_PERCENT" -lt 1 ] || [ "$PLANT_PERCENT" -gt 100 ]; then die "PLANT_PERCENT must be 1-100"; fi

query() { runuser -u postgres -- psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }
wait_for pg_isready -q -h 127.0.0.1 -p 5432 || die "PostgreSQL does not accept connections"
[ "$(query "SELECT to_regclass('$table') IS NOT NULL")" = t ] || die "table $table does not exist in $db"

# Share of dead rows (percent of live rows) the table holds now, as the statistics say.
dead_share() {
    query "SELECT coalesce(floor(100.0 * n_dead_tup / nullif(n_live_tup, 0)), 0)::int
           FROM pg_stat_user_tables WHERE relid = '$table'::regclass"
}
have=$(dead_share)
if [ "$have" -ge $((PLANT_PERCENT - 2)) ]; then
    say "$db.$table already holds dead rows for $have % of its live rows"
else
    query "ALTER TABLE $table SET (autovacuum_enabled = false)" >/dev/null
    query "ANALYZE $table" >/dev/null
    key=$(query "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                 WHERE i.indrelid = '$table'::regclass AND i.indisprimary")
    [ -n "$key" ] || die "table $table has no primary key"
    # A no-op update of a non-key column in every row whose key falls in the chosen share.
    n=$(query "WITH u AS (UPDATE $table SET $key = $key WHERE abs(hashint8($key::bigint)) % 100 < $PLANT_PERCENT RETURNING 1)
               SELECT count(*) FROM u")
    # The statistics reach the shared stats on the next flush (at most a second or so).
    sleep 2
    say "updated $n rows of $db.$table with autovacuum off: dead rows now $(dead_share) % of live rows"
fi
