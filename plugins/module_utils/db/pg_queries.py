# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The PostgreSQL inspection's SQL, as data: named queries, each returning rows.

`SERVER` runs first; `plan(server)` then picks the rest by server version (PostgreSQL 10 and
later), role (primary or standby) and whether pg_stat_statements is installed. Every query
returns numbers and single-line text only (ages as seconds, booleans as 0/1, statement text
with whitespace folded), so the rows read the same through psycopg and through `psql -A`.
Needs the pg_monitor role (PostgreSQL 10+) or a superuser.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

# data_directory sets the databases against the filesystem holding them; pg_monitor includes
# pg_read_all_settings, without it the column is empty (never an error).
SERVER = ('server', """
SELECT current_setting('server_version_num')::int AS version_num,
       current_setting('server_version') AS version,
       floor(extract(epoch FROM now() - pg_postmaster_start_time()))::bigint AS uptime_s,
       pg_is_in_recovery()::int AS in_recovery,
       (SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements') AS has_pgss,
       current_setting('max_connections')::int AS max_connections,
       current_setting('superuser_reserved_connections')::int AS reserved_connections,
       current_database() AS database,
       current_user AS login,
       CASE WHEN pg_has_role('pg_read_all_settings', 'USAGE') OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
            THEN current_setting('data_directory') END AS data_directory
""")

ACTIVITY = ('activity', """
SELECT coalesce(datname, '') AS datname, coalesce(usename, '') AS usename,
       coalesce(application_name, '') AS application_name, coalesce(state, '') AS state,
       coalesce(floor(extract(epoch FROM now() - query_start)), 0)::bigint AS query_s,
       coalesce(floor(extract(epoch FROM now() - state_change)), 0)::bigint AS state_s,
       coalesce(floor(extract(epoch FROM now() - xact_start)), 0)::bigint AS xact_s,
       (pid = pg_backend_pid())::int AS self
FROM pg_stat_activity
WHERE backend_type = 'client backend'
LIMIT 5000
""")

XID = ('xid', """
SELECT datname, age(datfrozenxid)::bigint AS xid_age FROM pg_database ORDER BY 2 DESC
""")

REPLICATION = ('replication', """
SELECT coalesce(application_name, '') AS application_name,
       coalesce(host(client_addr), 'local') AS client_addr,
       coalesce(state, '') AS state, coalesce(sync_state, '') AS sync_state,
       coalesce(extract(epoch FROM replay_lag), 0)::numeric(12, 1) AS replay_lag_s,
       coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), 0)::bigint AS replay_lag_bytes
FROM pg_stat_replication
""")

SLOTS = ('slots', """
SELECT slot_name, slot_type, active::int AS active,
       coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0)::bigint AS retained_bytes
FROM pg_replication_slots
""")

STANDBY = ('standby', """
SELECT coalesce((SELECT status FROM pg_stat_wal_receiver), 'stopped') AS status,
       coalesce((SELECT regexp_replace(conninfo, '.*host=([^ ]+).*', '\\1') FROM pg_stat_wal_receiver), '') AS upstream,
       coalesce((SELECT slot_name FROM pg_stat_wal_receiver), '') AS slot_name,
       CASE WHEN pg_last_wal_receive_lsn() IS NULL OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END::numeric(12, 1) AS lag_s,
       coalesce(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), 0)::bigint AS replay_pending_bytes
""")

CACHE = ('cache', """
SELECT coalesce(sum(blks_hit), 0)::bigint AS blks_hit, coalesce(sum(blks_read), 0)::bigint AS blks_read FROM pg_stat_database
""")

TABLES = ('tables', """
SELECT s.schemaname || '.' || s.relname AS name, s.n_live_tup AS live, s.n_dead_tup AS dead,
       floor(extract(epoch FROM now() - greatest(s.last_vacuum, s.last_autovacuum)))::bigint AS vacuum_age_s,
       pg_total_relation_size(s.relid) AS total_bytes
FROM pg_stat_user_tables s
ORDER BY pg_total_relation_size(s.relid) DESC
LIMIT 1000
""")

# Bloat estimate from the planner statistics (pg_stats: only the columns the login may read).
BLOAT = ('bloat', """
SELECT n.nspname || '.' || c.relname AS name, c.relpages AS pages, c.reltuples::bigint AS tuples,
       current_setting('block_size')::int AS block_size,
       coalesce((SELECT substring(o FROM 'fillfactor=([0-9]+)') FROM unnest(c.reloptions) o
                 WHERE o LIKE 'fillfactor=%'), '100')::int AS fillfactor,
       (SELECT sum((1 - s.null_frac) * s.avg_width) FROM pg_stats s
        WHERE s.schemaname = n.nspname AND s.tablename = c.relname)::numeric(12, 1) AS row_width,
       (SELECT count(*) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
       (SELECT count(*) FROM pg_stats s WHERE s.schemaname = n.nspname AND s.tablename = c.relname) AS columns_with_stats
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
ORDER BY c.relpages DESC
LIMIT 200
""")

UNUSED_INDEXES = ('unused_indexes', """
SELECT s.schemaname || '.' || s.indexrelname AS name, s.schemaname || '.' || s.relname AS table_name,
       pg_relation_size(s.indexrelid) AS bytes
FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid
WHERE s.idx_scan = 0 AND NOT i.indisunique AND NOT i.indisprimary
ORDER BY 3 DESC
LIMIT 100
""")

DUPLICATE_INDEXES = ('duplicate_indexes', """
SELECT min(ct.relname) AS table_name, string_agg(n.nspname || '.' || ci.relname, ', ' ORDER BY ci.relname) AS indexes,
       sum(pg_relation_size(i.indexrelid))::bigint AS bytes
FROM pg_index i
JOIN pg_class ci ON ci.oid = i.indexrelid
JOIN pg_class ct ON ct.oid = i.indrelid
JOIN pg_namespace n ON n.oid = ci.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
GROUP BY i.indrelid, i.indkey::text, i.indclass::text, i.indcollation::text,
         coalesce(pg_get_expr(i.indexprs, i.indrelid), ''), coalesce(pg_get_expr(i.indpred, i.indrelid), '')
HAVING count(*) > 1
LIMIT 100
""")

# The slowest statements of the applications: not the inspector's own (its login) and not utility
# statements (DDL, maintenance, grants, transaction control), which a restore or a migration leaves
# at the top without saying anything about the application's queries.
UTILITY_WORDS = ('CREATE', 'DROP', 'ALTER', 'ANALYZE', 'VACUUM', 'GRANT', 'REVOKE', 'TRUNCATE', 'COPY', 'REINDEX',
                 'CLUSTER', 'CHECKPOINT', 'SET', 'SHOW', 'RESET', 'DISCARD', 'BEGIN', 'START', 'COMMIT', 'END', 'ROLLBACK',
                 'SAVEPOINT', 'RELEASE', 'EXPLAIN', 'COMMENT', 'LOCK', 'LISTEN', 'UNLISTEN', 'NOTIFY', 'LOAD', 'SECURITY',
                 'REFRESH', 'DEALLOCATE', 'PREPARE', 'IMPORT')
_STATEMENTS = """
SELECT coalesce(d.datname, '') AS datname, left(regexp_replace(s.query, '\\s+', ' ', 'g'), 400) AS query,
       s.calls, round(s.{total}::numeric, 1) AS total_ms, round(s.{mean}::numeric, 2) AS mean_ms, s.rows
FROM pg_stat_statements s LEFT JOIN pg_database d ON d.oid = s.dbid
WHERE s.userid <> (SELECT oid FROM pg_roles WHERE rolname = current_user)
  AND s.query !~* '^\\s*({utility})\\M'
ORDER BY s.{total} DESC
LIMIT 5
"""
STATEMENTS_13 = ('statements', _STATEMENTS.format(total='total_exec_time', mean='mean_exec_time', utility='|'.join(UTILITY_WORDS)))
STATEMENTS_10 = ('statements', _STATEMENTS.format(total='total_time', mean='mean_time', utility='|'.join(UTILITY_WORDS)))

LOCKS = ('locks', """
SELECT l.locktype, coalesce(a.datname, '') AS datname,
       coalesce(floor(extract(epoch FROM now() - a.state_change)), 0)::bigint AS wait_s
FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
WHERE NOT l.granted
LIMIT 1000
""")

CHECKPOINTS_10 = ('checkpoints', """
SELECT checkpoints_timed AS timed, checkpoints_req AS requested FROM pg_stat_bgwriter
""")
CHECKPOINTS_17 = ('checkpoints', """
SELECT num_timed AS timed, num_requested AS requested FROM pg_stat_checkpointer
""")

DATABASES = ('databases', """
SELECT datname, pg_database_size(oid) AS bytes FROM pg_database WHERE datallowconn AND NOT datistemplate ORDER BY 1
""")


def plan(server):
    """The queries to run after SERVER, given its record (text values as from results.records())."""
    version = int(server.get('version_num') or 0)
    standby = str(server.get('in_recovery')) == '1'
    queries = [ACTIVITY, XID]
    queries += [STANDBY] if standby else [REPLICATION, SLOTS]
    queries += [CACHE, TABLES, BLOAT]
    if not standby:
        # On a standby, index use counts only its own read queries: not a verdict on the index.
        queries.append(UNUSED_INDEXES)
    queries.append(DUPLICATE_INDEXES)
    if str(server.get('has_pgss')) not in ('0', '', 'None'):
        queries.append(STATEMENTS_13 if version >= 130000 else STATEMENTS_10)
    queries += [LOCKS, CHECKPOINTS_17 if version >= 170000 else CHECKPOINTS_10, DATABASES]
    return queries
