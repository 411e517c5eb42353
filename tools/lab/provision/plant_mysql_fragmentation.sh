#!/bin/sh
# Planted condition: a fragmented InnoDB table (free space left inside its tablespace by a large
# DELETE, reported as information_schema.TABLES.DATA_FREE, reclaimed only by OPTIMIZE TABLE).
# Creates PLANT_TABLE (schema.table) with PLANT_ROWS rows of ~300 bytes and deletes the first
# PLANT_DELETE_PERCENT % of them by primary key. Written with sql_log_bin=0: a replica does not get it.
# Idempotent: nothing is done while the table exists with at least 25 % of its space free.
# env: PLANT_TABLE (schema.table), PLANT_ROWS (default 120000), PLANT_DELETE_PERCENT (default 55)
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$here/lib.sh"

require_root
require_env PLANT_TABLE
rows=${PLANT_ROWS:-120000}
pct=${PLANT_DELETE_PERCENT:-55}
require_uint PLANT_ROWS "$rows"
require_uint PLANT_DELETE_PERCENT "$pct"
case $PLANT_TABLE in
    *[!a-z0-9_.]* | .* | *. | *.*.*) die "PLANT_TABLE must be schema.table (a-z, 0-9, _), got $PLANT_TABLE" ;;
    *.*) ;;
    *) die "PLANT_TABLE must be schema.table, got $PLANT_TABLE" ;;
esac
schema=${PLANT_TABLE%.*}
table=${PLANT_TABLE#*.}
wait_for mariadb-admin --protocol=socket ping || die "MariaDB does not answer on its socket"
sql() { mariadb --protocol=socket -N -B -e "$1"; }

free_pct() {
    sql "SELECT COALESCE(FLOOR(100 * data_free / NULLIF(data_length + index_length + data_free, 0)), 0)
         FROM information_schema.tables WHERE table_schema = '$schema' AND table_name = '$table'"
}
sql "ANALYZE LOCAL TABLE $schema.$table" >/dev/null 2>&1 || true
have=$(free_pct)
if [ -n "$have" ] && [ "$have" -ge 25 ]; then
    say "$PLANT_TABLE already has $have % of its space free"
else
    cut=$((rows * pct / 100))
    sql "SET SESSION sql_log_bin = 0;
         CREATE DATABASE IF NOT EXISTS $schema;
         USE $schema;
         DROP TABLE IF EXISTS $schema.$table;
         CREATE TABLE $schema.$table (id INT PRIMARY KEY, result_text VARCHAR(400) NOT NULL) ENGINE=InnoDB;
         INSERT INTO $schema.$table SELECT seq, CONCAT('archived result ', seq, ' ', REPEAT('x', 280)) FROM seq_1_to_$rows;
         DELETE FROM $schema.$table WHERE id <= $cut;"
    # Purge frees the deleted rows' pages in the background; the statistics follow ANALYZE.
    i=0
    while [ "$i" -lt 30 ]; do
        sleep 1
        sql "ANALYZE LOCAL TABLE $schema.$table" >/dev/null
        i=$((i + 1))
        [ "$(free_pct)" -lt 25 ] || break
    done
    say "created $PLANT_TABLE ($rows rows, first $cut deleted): $(free_pct) % of its space free"
fi
