#!/bin/sh
# HIS database standby (pg-db-02): a PostgreSQL 15 hot standby of LAB_PRIMARY (pg-db-01) by
# streaming replication through the physical slot pg_db_02, as the role `replicator` that
# postgresql.sh creates on the primary. Listens on LAB_ADDRESS and 127.0.0.1 with the primary's
# settings (pg_stat_statements, scram-sha-256, itops_monitor from the lab network), so the
# inspection sees a real standby. Roles and databases come from the primary by replication.
# The lab provisions servers in parallel: this script waits (up to 240 s) for the primary to accept
# the replication login. It clones the primary only when the data directory is not yet a standby
# of it, by settings and system identifier (a second run changes nothing).
# env: LAB_ADDRESS, LAB_PRIMARY (default pg-db-01), LAB_DB_REPL_PASSWORD (default lab-repl-pass-01)
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"

require_root
require_systemd
LAB_ADDRESS=${LAB_ADDRESS:-}
primary=${LAB_PRIMARY:-pg-db-01}
repl_pw=${LAB_DB_REPL_PASSWORD:-lab-repl-pass-01}
slot=pg_db_02
ver=15
cluster=main
etc=/etc/postgresql/$ver/$cluster
data=/var/lib/postgresql/$ver/$cluster
unit=postgresql@$ver-$cluster.service
[ -d "$etc" ] || die "PostgreSQL $ver cluster $cluster is not installed ($etc missing)"

listen=127.0.0.1
[ -z "$LAB_ADDRESS" ] || [ "$LAB_ADDRESS" = 0.0.0.0 ] || listen="$LAB_ADDRESS,127.0.0.1"

changed=0
put_file "$etc/conf.d/50-medops-lab.conf" 644 postgres:postgres <<EOT
# medops lab HIS database standby (written by tools/lab/provision/postgresql_replica.sh)
listen_addresses = '$listen'
port = 5432
max_connections = 100
password_encryption = 'scram-sha-256'
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.max = 5000
pg_stat_statements.track = all
track_io_timing = on
track_functions = 'pl'
log_min_duration_statement = 2000
log_checkpoints = on
log_connections = off
log_line_prefix = '%m [%p] %q%u@%d '
wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
hot_standby = on
EOT
[ "$FILE_CHANGED" = 0 ] || changed=1
put_file "$etc/pg_hba.conf" 640 postgres:postgres <<'EOT'
# medops lab HIS database standby (written by tools/lab/provision/postgresql_replica.sh)
# TYPE  DATABASE        USER            ADDRESS                 METHOD
local   all             postgres                                peer
local   all             all                                     peer
host    all             all             127.0.0.1/32            scram-sha-256
host    all             all             ::1/128                 scram-sha-256
host    all             itops_monitor   samenet                 scram-sha-256
host    his             his_app         samenet                 scram-sha-256
local   replication     all                                     peer
EOT
[ "$FILE_CHANGED" = 0 ] || changed=1

# repl_psql SQL: a replication-protocol session on the primary as `replicator`.
repl_psql() {
    PGPASSWORD=$repl_pw PGCONNECT_TIMEOUT=3 psql -X -q -At \
        "host=$primary port=5432 user=replicator dbname=replication replication=true" -c "$1"
}

wait_primary() {
    _i=0
    until repl_psql 'IDENTIFY_SYSTEM' >/dev/null 2>&1; do
        _i=$((_i + 1))
        [ "$_i" -lt 120 ] || return 1
        sleep 2
    done
}
wait_primary || die "the primary $primary does not accept the replication login of replicator (waited 240 s)"

# A primary made anew (its container recreated, this one kept) lacks the slot, and its WAL is behind
# what this standby replayed; another cluster has another system identifier: either way the old
# standby never streams again (CI of stop 26), so check the primary's side too, not only settings.
primary_system_id=$(repl_psql 'IDENTIFY_SYSTEM' | cut -d'|' -f1)
local_system_id() {
    "/usr/lib/postgresql/$ver/bin/pg_controldata" "$data" 2>/dev/null | sed -n 's/^Database system identifier: *//p'
}
primary_has_slot() {    # READ_REPLICATION_SLOT gives a row of empty fields for a missing slot
    [ "$(repl_psql "READ_REPLICATION_SLOT $slot" | cut -d'|' -f1)" = physical ]
}
is_standby_of_primary() {
    [ -f "$data/standby.signal" ] && grep -q "primary_slot_name = '$slot'" "$data/postgresql.auto.conf" 2>/dev/null \
        && [ "$(local_system_id)" = "$primary_system_id" ] && primary_has_slot
}

if is_standby_of_primary; then
    say "$data is already a standby of $primary (slot $slot, system $primary_system_id)"
else
    systemctl stop "$unit" 2>/dev/null || true
    # A slot left from an earlier clone of this standby would hold WAL for nothing; start afresh.
    repl_psql "DROP_REPLICATION_SLOT $slot" >/dev/null 2>&1 || true
    rm -rf "$data"
    install -d -m 700 -o postgres -g postgres "$data"
    start=$(date +%s)
    runuser -u postgres -- env PGPASSWORD="$repl_pw" pg_basebackup -h "$primary" -p 5432 -U replicator \
        -D "$data" -X stream -R -C -S "$slot" -c fast -w \
        || die "pg_basebackup from $primary failed"
    say "cloned $primary into $data with slot $slot in $(( $(date +%s) - start )) s"
    changed=1
fi

ensure_enabled postgresql.service
if [ "$changed" = 1 ]; then
    systemctl restart "$unit" || {
        systemctl status --no-pager "$unit" >&2 || true
        die "cannot restart PostgreSQL $ver/$cluster"
    }
    say "restarted $unit"
fi
ensure_started postgresql.service
ensure_started "$unit"
wait_for pg_isready -q -h 127.0.0.1 -p 5432 || die "PostgreSQL does not accept connections on 127.0.0.1:5432"

query() { runuser -u postgres -- psql -X -q -At -d postgres -c "$1"; }
[ "$(query 'SELECT pg_is_in_recovery()')" = t ] || die "the server is not in recovery (not a standby)"
wait_for sh -c "[ \"\$(runuser -u postgres -- psql -X -q -At -d postgres -c 'SELECT status FROM pg_stat_wal_receiver')\" = streaming ]" \
    || die "the standby does not stream from $primary"
say "standby of $primary: $(query "SELECT status || ' from ' || sender_host || ', slot ' || coalesce(slot_name, '-') FROM pg_stat_wal_receiver")"
