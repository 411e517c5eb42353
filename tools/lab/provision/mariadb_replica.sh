#!/bin/sh
# LIS database replica (my-db-02): MariaDB 10.11 replicating from LAB_PRIMARY (my-db-01) with
# GTID (MASTER_USE_GTID=slave_pos) as replicator@'%' (created by mariadb.sh on the primary);
# read_only, server_id 2, listening on LAB_ADDRESS:3306 and 127.0.0.1 with the primary's settings.
# Seeded once from a consistent mariadb-dump of the primary's `lis` (with its GTID position); the
# users itops_monitor, lis_app and replicator are created locally with the primary's grants (they
# are not in the dump, and GRANTs replicated from the primary must find them).
# The lab provisions servers in parallel: this script waits (up to 240 s) for the primary.
# A second run changes nothing while both replication threads run.
# env: LAB_ADDRESS, LAB_PRIMARY (default my-db-01), LAB_DB_MONITOR_PASSWORD (default lab-monitor-pass-01),
#      LAB_DB_APP_PASSWORD (default lab-lis-app-pass-01), LAB_DB_REPL_PASSWORD (default lab-repl-pass-01)
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"

require_root
require_systemd
LAB_ADDRESS=${LAB_ADDRESS:-}
primary=${LAB_PRIMARY:-my-db-01}
mon_pw=${LAB_DB_MONITOR_PASSWORD:-lab-monitor-pass-01}
app_pw=${LAB_DB_APP_PASSWORD:-lab-lis-app-pass-01}
repl_pw=${LAB_DB_REPL_PASSWORD:-lab-repl-pass-01}
command -v mariadb >/dev/null 2>&1 || die "mariadb is not installed in the image"

bind=127.0.0.1
[ -z "$LAB_ADDRESS" ] || [ "$LAB_ADDRESS" = 0.0.0.0 ] || bind="$LAB_ADDRESS,127.0.0.1"

ensure_dir /var/log/mysql 2750 mysql:adm
put_file /etc/mysql/mariadb.conf.d/60-medops-lab.cnf 644 root:root <<EOT
# medops lab LIS database replica (written by tools/lab/provision/mariadb_replica.sh)
[mariadbd]
bind-address            = $bind
port                    = 3306
skip-name-resolve       = ON
max_connections         = 151
innodb_buffer_pool_size = 128M
character-set-server    = utf8mb4
collation-server        = utf8mb4_general_ci
performance_schema      = ON
slow_query_log          = ON
slow_query_log_file     = /var/log/mysql/mariadb-slow.log
long_query_time         = 2
server_id               = 2
relay_log               = relay-bin
read_only               = ON

[client]
default-character-set   = utf8mb4
EOT
changed=$FILE_CHANGED

ensure_stopped_disabled mariadb.socket
ensure_enabled mariadb.service
ensure_restarted_if "$changed" mariadb.service
wait_for mariadb-admin --protocol=socket ping || die "MariaDB does not answer on its socket"

sql() { mariadb --protocol=socket --default-character-set=utf8mb4 -N -B "$@"; }
sql_quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/\\\\/\\\\\\\\/g; s/'/''/g")"; }

# The primary's users, created here without binary logging (the replica logs nothing anyway).
ensure_user() {
    if [ "$(sql -e "SELECT COUNT(*) FROM mysql.user WHERE User = '$1' AND Host = '%'")" = 0 ]; then
        sql -e "CREATE USER '$1'@'%' IDENTIFIED BY $(sql_quote "$2")"
        say "created user $1@'%'"
    elif ! MYSQL_PWD=$2 mariadb --protocol=tcp -h 127.0.0.1 -u "$1" -N -B -e 'SELECT 1' >/dev/null 2>&1; then
        sql -e "ALTER USER '$1'@'%' IDENTIFIED BY $(sql_quote "$2")"
        say "reset the password of $1@'%'"
    fi
}
ensure_user itops_monitor "$mon_pw"
ensure_user lis_app "$app_pw"
ensure_user replicator "$repl_pw"
sql <<'EOT'
GRANT PROCESS, REPLICATION CLIENT, SLAVE MONITOR, SHOW VIEW ON *.* TO 'itops_monitor'@'%';
GRANT SELECT ON performance_schema.* TO 'itops_monitor'@'%';
GRANT ALL PRIVILEGES ON lis.* TO 'lis_app'@'%';
GRANT REPLICATION SLAVE, BINLOG MONITOR, RELOAD, SELECT, LOCK TABLES, SHOW VIEW, EVENT, TRIGGER ON *.* TO 'replicator'@'%';
EOT

# One field of SHOW SLAVE STATUS (vertical output keeps the field names only without -N).
status_field() {
    mariadb --protocol=socket -e 'SHOW SLAVE STATUS\G' | sed -n "s/^ *$1: //p"
}

if [ "$(status_field Master_Host)" = "$primary" ] && [ "$(status_field Using_Gtid)" = Slave_Pos ]; then
    say "already a replica of $primary (GTID)"
else
    _i=0
    until MYSQL_PWD=$repl_pw mariadb -h "$primary" -u replicator --connect-timeout=3 -N -B \
            -e "SELECT 1 FROM information_schema.tables WHERE table_schema = 'lis' AND table_name = 'schema_version'" 2>/dev/null | grep -q 1; do
        _i=$((_i + 1))
        [ "$_i" -lt 120 ] || die "the primary $primary does not serve database lis to replicator (waited 240 s)"
        sleep 2
    done
    start=$(date +%s)
    dump=$(mktemp)
    trap 'rm -f "$dump"' EXIT
    MYSQL_PWD=$repl_pw mariadb-dump -h "$primary" -u replicator --single-transaction --gtid --master-data=2 \
        --routines --triggers --events --databases lis >"$dump" || die "mariadb-dump of $primary failed"
    gtid=$(sed -n "s/^-- SET GLOBAL gtid_slave_pos='\([^']*\)'.*/\1/p" "$dump" | head -n 1)
    [ -n "$gtid" ] || die "the dump of $primary carries no GTID position (is log_bin on there?)"
    sql -e 'STOP SLAVE' 2>/dev/null || true
    sql -e 'RESET SLAVE ALL' 2>/dev/null || true
    sql -e 'DROP DATABASE IF EXISTS lis'
    sql <"$dump" || die "loading the dump of $primary failed"
    sql -e "STOP SLAVE; RESET SLAVE ALL; SET GLOBAL gtid_slave_pos = '$gtid';
        CHANGE MASTER TO MASTER_HOST = '$primary', MASTER_PORT = 3306, MASTER_USER = 'replicator',
            MASTER_PASSWORD = $(sql_quote "$repl_pw"), MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 5;
        START SLAVE"
    say "seeded from $primary at GTID $gtid and started replication in $(( $(date +%s) - start )) s"
fi

if [ "$(status_field Slave_IO_Running)" != Yes ] || [ "$(status_field Slave_SQL_Running)" != Yes ]; then
    sql -e 'START SLAVE' || true
fi
# Both threads must run (the IO thread may need a few retries while the primary restarts).
i=0
until [ "$(status_field Slave_IO_Running)" = Yes ] && [ "$(status_field Slave_SQL_Running)" = Yes ]; do
    i=$((i + 1))
    [ "$i" -lt 60 ] || die "replication from $primary does not run: $(status_field Last_IO_Error) $(status_field Last_SQL_Error)"
    sleep 1
done
say "replica of $primary: IO $(status_field Slave_IO_Running), SQL $(status_field Slave_SQL_Running), $(status_field Seconds_Behind_Master) s behind, GTID $(status_field Gtid_IO_Pos)"
