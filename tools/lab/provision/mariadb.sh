#!/bin/sh
# LIS database server (my-db-01): MariaDB listening on LAB_ADDRESS:3306 (and 127.0.0.1) with
# performance_schema and the slow query log on, the monitoring user itops_monitor@'%' (PROCESS,
# REPLICATION CLIENT, SLAVE MONITOR, SHOW VIEW, SELECT on performance_schema), the application user
# lis_app and the database `lis` with generated data (see lis_schema.sql).
# It is also the GTID primary of my-db-02 (mariadb_replica.sh): binary log on (server_id 1, ROW),
# and the user replicator@'%' (REPLICATION SLAVE, plus what mariadb-dump needs to seed the replica).
# env: LAB_ADDRESS, LAB_DB_MONITOR_PASSWORD (default lab-monitor-pass-01),
#      LAB_DB_APP_PASSWORD (default lab-lis-app-pass-01), LAB_DB_REPL_PASSWORD (default lab-repl-pass-01)
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"

require_root
require_systemd
LAB_ADDRESS=${LAB_ADDRESS:-}
mon_pw=${LAB_DB_MONITOR_PASSWORD:-lab-monitor-pass-01}
app_pw=${LAB_DB_APP_PASSWORD:-lab-lis-app-pass-01}
repl_pw=${LAB_DB_REPL_PASSWORD:-lab-repl-pass-01}
command -v mariadb >/dev/null 2>&1 || die "mariadb is not installed in the image"
[ -s "$here/lis_schema.sql" ] || die "$here/lis_schema.sql is missing"

bind=127.0.0.1
[ -z "$LAB_ADDRESS" ] || [ "$LAB_ADDRESS" = 0.0.0.0 ] || bind="$LAB_ADDRESS,127.0.0.1"

ensure_dir /var/log/mysql 2750 mysql:adm
put_file /etc/mysql/mariadb.conf.d/60-medops-lab.cnf 644 root:root <<EOT
# medops lab LIS database (written by tools/lab/provision/mariadb.sh)
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
server_id               = 1
log_bin                 = mariadb-bin
binlog_format           = ROW
expire_logs_days        = 7

[client]
default-character-set   = utf8mb4
EOT
changed=$FILE_CHANGED

# Socket activation would hold 3306 on every address; the service binds its own addresses.
ensure_stopped_disabled mariadb.socket
ensure_enabled mariadb.service
ensure_restarted_if "$changed" mariadb.service
wait_for mariadb-admin --protocol=socket ping || die "MariaDB does not answer on its socket"

sql() { mariadb --protocol=socket --default-character-set=utf8mb4 -N -B "$@"; }
sql_quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/\\\\/\\\\\\\\/g; s/'/''/g")"; }

# ensure_user NAME PASSWORD: create NAME@'%' or reset its password when it does not log in.
ensure_user() {
    if [ "$(sql -e "SELECT COUNT(*) FROM mysql.user WHERE User = '$1' AND Host = '%'")" = 0 ]; then
        sql -e "CREATE USER '$1'@'%' IDENTIFIED BY $(sql_quote "$2")"
        say "created user $1@'%'"
    elif ! MYSQL_PWD=$2 mariadb --protocol=tcp -h 127.0.0.1 -u "$1" -N -B -e 'SELECT 1' >/dev/null 2>&1; then
        sql -e "ALTER USER '$1'@'%' IDENTIFIED BY $(sql_quote "$2")"
        say "reset the password of $1@'%'"
    else
        say "user $1@'%' logs in with its password"
    fi
}
ensure_user itops_monitor "$mon_pw"
ensure_user lis_app "$app_pw"
ensure_user replicator "$repl_pw"
sql -e "CREATE DATABASE IF NOT EXISTS lis CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci"
# GRANT adds nothing when the privilege is already held.
sql <<'EOT'
GRANT PROCESS, REPLICATION CLIENT, SLAVE MONITOR, SHOW VIEW ON *.* TO 'itops_monitor'@'%';
GRANT SELECT ON performance_schema.* TO 'itops_monitor'@'%';
GRANT ALL PRIVILEGES ON lis.* TO 'lis_app'@'%';
GRANT REPLICATION SLAVE, BINLOG MONITOR, RELOAD, SELECT, LOCK TABLES, SHOW VIEW, EVENT, TRIGGER ON *.* TO 'replicator'@'%';
EOT
say "grants: $(sql -e "SHOW GRANTS FOR 'itops_monitor'@'%'" | sed 's/ IDENTIFIED BY PASSWORD .*//' | tr '\n' ';')"

schema_ver=$(sed -n 's/^-- schema_version: *//p' "$here/lis_schema.sql")
have=
if [ "$(sql -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'lis' AND table_name = 'schema_version'")" = 1 ]; then
    have=$(sql lis -e 'SELECT MAX(version) FROM schema_version')
fi
if [ "$have" = "$schema_ver" ]; then
    say "database lis already at schema version $have"
else
    [ -z "$have" ] || [ "$have" = NULL ] || die "database lis holds schema version '$have', expected '$schema_ver'; drop it to reload"
    # DDL commits implicitly in MariaDB: an incomplete earlier load (no schema_version row) is
    # dropped and loaded again.
    start=$(date +%s)
    sql -e 'DROP DATABASE lis; CREATE DATABASE lis CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci'
    sql lis <"$here/lis_schema.sql" || die "loading the lis schema failed"
    say "loaded database lis (schema version $schema_ver) in $(( $(date +%s) - start )) s"
fi
say "lis row counts: $(sql lis -e "SELECT CONCAT_WS(' ',
    CONCAT('instruments=', (SELECT COUNT(*) FROM instruments)),
    CONCAT('test_items=', (SELECT COUNT(*) FROM test_items)),
    CONCAT('lab_orders=', (SELECT COUNT(*) FROM lab_orders)),
    CONCAT('specimens=', (SELECT COUNT(*) FROM specimens)),
    CONCAT('results=', (SELECT COUNT(*) FROM results)))")"
