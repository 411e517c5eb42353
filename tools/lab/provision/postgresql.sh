#!/bin/sh
# HIS database server (pg-db-01): PostgreSQL 15 cluster "main" listening on LAB_ADDRESS and
# 127.0.0.1 with scram-sha-256 password authentication, pg_stat_statements preloaded, the
# monitoring user itops_monitor (pg_monitor), the application user his_app and the database
# `his` with a hospital schema and deterministic generated data (see his_schema.sql).
# It is also the primary of pg-db-02 (postgresql_replica.sh): the role `replicator` (REPLICATION)
# may connect for replication from the lab network.
# env: LAB_ADDRESS, LAB_DB_MONITOR_PASSWORD (default lab-monitor-pass-01),
#      LAB_DB_APP_PASSWORD (default lab-his-app-pass-01), LAB_DB_REPL_PASSWORD (default lab-repl-pass-01)
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"

require_root
require_systemd
LAB_ADDRESS=${LAB_ADDRESS:-}
mon_pw=${LAB_DB_MONITOR_PASSWORD:-lab-monitor-pass-01}
app_pw=${LAB_DB_APP_PASSWORD:-lab-his-app-pass-01}
repl_pw=${LAB_DB_REPL_PASSWORD:-lab-repl-pass-01}
ver=15
cluster=main
etc=/etc/postgresql/$ver/$cluster
[ -d "$etc" ] || die "PostgreSQL $ver cluster $cluster is not installed ($etc missing)"
[ -s "$here/his_schema.sql" ] || die "$here/his_schema.sql is missing"

listen=127.0.0.1
[ -z "$LAB_ADDRESS" ] || [ "$LAB_ADDRESS" = 0.0.0.0 ] || listen="$LAB_ADDRESS,127.0.0.1"

changed=0
put_file "$etc/conf.d/50-medops-lab.conf" 644 postgres:postgres <<EOT
# medops lab HIS database (written by tools/lab/provision/postgresql.sh)
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
EOT
[ "$FILE_CHANGED" = 0 ] || changed=1
put_file "$etc/pg_hba.conf" 640 postgres:postgres <<'EOT'
# medops lab HIS database (written by tools/lab/provision/postgresql.sh)
# TYPE  DATABASE        USER            ADDRESS                 METHOD
local   all             postgres                                peer
local   all             all                                     peer
host    all             all             127.0.0.1/32            scram-sha-256
host    all             all             ::1/128                 scram-sha-256
# the lab network: clients and the inspection controller
host    all             itops_monitor   samenet                 scram-sha-256
host    his             his_app         samenet                 scram-sha-256
# the interface engine on ie-app-01 (interface_engine.sh) writes its message table in `ie` (ie_database.sh)
host    ie              ie_app          samenet                 scram-sha-256
local   replication     all                                     peer
host    replication     all             127.0.0.1/32            scram-sha-256
# the standby pg-db-02 (postgresql_replica.sh)
host    replication     replicator      samenet                 scram-sha-256
EOT
[ "$FILE_CHANGED" = 0 ] || changed=1

ensure_enabled postgresql.service
if [ "$changed" = 1 ]; then
    systemctl restart "postgresql@$ver-$cluster.service" || {
        systemctl status --no-pager "postgresql@$ver-$cluster.service" >&2 || true
        die "cannot restart PostgreSQL $ver/$cluster"
    }
    say "restarted postgresql@$ver-$cluster (configuration changed)"
fi
ensure_started postgresql.service
ensure_started "postgresql@$ver-$cluster.service"
wait_for pg_isready -q -h 127.0.0.1 -p 5432 || die "PostgreSQL does not accept connections on 127.0.0.1:5432"

psql_su() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 "$@"; }
query() { psql_su -At -d "${2:-postgres}" -c "$1"; }

# ensure_login ROLE PASSWORD EXTRA_SQL: create the role or fix its password when it does not log in.
ensure_login() {
    if [ "$(query "SELECT 1 FROM pg_roles WHERE rolname = '$1'")" != 1 ]; then
        printf 'CREATE ROLE %s LOGIN PASSWORD :%s;\n' "$1" "'pw'" | psql_su -d postgres -v pw="$2"
        say "created role $1"
    elif ! PGPASSWORD=$2 psql -X -q -h 127.0.0.1 -U "$1" -d postgres -Atc 'SELECT 1' >/dev/null 2>&1; then
        printf 'ALTER ROLE %s LOGIN PASSWORD :%s;\n' "$1" "'pw'" | psql_su -d postgres -v pw="$2"
        say "reset the password of role $1"
    else
        say "role $1 logs in with its password"
    fi
}
ensure_login itops_monitor "$mon_pw"
if [ "$(query "SELECT pg_has_role('itops_monitor', 'pg_monitor', 'member')")" != t ]; then
    query 'GRANT pg_monitor TO itops_monitor' >/dev/null
    say "granted pg_monitor to itops_monitor"
fi
ensure_login his_app "$app_pw"
ensure_login replicator "$repl_pw"
if [ "$(query "SELECT rolreplication FROM pg_roles WHERE rolname = 'replicator'")" != t ]; then
    query 'ALTER ROLE replicator REPLICATION' >/dev/null
    say "gave role replicator the REPLICATION attribute"
fi

if [ "$(query "SELECT 1 FROM pg_database WHERE datname = 'his'")" != 1 ]; then
    query "CREATE DATABASE his OWNER his_app ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0" >/dev/null
    say "created database his"
fi
for db in postgres his; do
    if [ "$(query "SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'" "$db")" != 1 ]; then
        query 'CREATE EXTENSION pg_stat_statements' "$db" >/dev/null
        say "created extension pg_stat_statements in $db"
    fi
done

# The data: loaded in one transaction as his_app; schema_version marks a complete load.
schema_ver=$(sed -n 's/^-- schema_version: *//p' "$here/his_schema.sql")
have=
if [ "$(query "SELECT to_regclass('public.schema_version') IS NOT NULL" his)" = t ]; then
    have=$(query 'SELECT max(version) FROM schema_version' his)
fi
if [ "$have" = "$schema_ver" ]; then
    say "database his already at schema version $have"
else
    [ -z "$have" ] || die "database his holds schema version '$have', expected '$schema_ver'; drop it to reload"
    start=$(date +%s)
    psql_su -d his -1 -c 'SET LOCAL log_min_duration_statement = -1' -c 'SET ROLE his_app' \
        -f - <"$here/his_schema.sql" \
        || die "loading the his schema failed (rolled back)"
    query 'ANALYZE' his >/dev/null
    say "loaded database his (schema version $schema_ver) in $(( $(date +%s) - start )) s"
fi
say "his row counts: $(query "SELECT string_agg(t || '=' || n, ' ' ORDER BY t) FROM (
    SELECT 'departments' t, count(*) n FROM departments UNION ALL SELECT 'staff', count(*) FROM staff
    UNION ALL SELECT 'patients', count(*) FROM patients UNION ALL SELECT 'visits', count(*) FROM visits
    UNION ALL SELECT 'orders', count(*) FROM orders UNION ALL SELECT 'lab_results', count(*) FROM lab_results) c" his)"
