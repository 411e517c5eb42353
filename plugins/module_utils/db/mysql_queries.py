# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The MariaDB / MySQL inspection's SQL, as data: named queries, each returning rows.

`SERVER` runs first; `plan(server)` picks the rest by flavour and version: MariaDB 10.3+
(`SHOW ALL SLAVES STATUS`, one row per replication connection), MySQL 8.0.22+ (`SHOW REPLICA
STATUS`, Source/Replica column names) and older MySQL 5.7/8.0 (`SHOW SLAVE STATUS`); binary logs
only when log_bin is on, statement digests only when performance_schema is on.
Privileges: PROCESS, REPLICATION CLIENT (MariaDB: BINLOG MONITOR, SLAVE MONITOR), SHOW VIEW on *.*
and SELECT on performance_schema.*.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

SERVER = ('server', """
SELECT VERSION() AS version, @@version_comment AS version_comment, @@max_connections AS max_connections,
       @@read_only AS read_only, @@log_bin AS log_bin, @@performance_schema AS performance_schema, @@datadir AS data_directory
""")

STATUS_NAMES = ('Uptime', 'Threads_connected', 'Max_used_connections', 'Connections', 'Aborted_connects',
                'Slow_queries', 'Questions', 'Innodb_buffer_pool_read_requests', 'Innodb_buffer_pool_reads')
STATUS = ('status', "SHOW GLOBAL STATUS WHERE Variable_name IN (%s)" % ', '.join("'%s'" % n for n in STATUS_NAMES))

REPLICA_MARIADB = ('replica', 'SHOW ALL SLAVES STATUS')
REPLICA_MYSQL_8022 = ('replica', 'SHOW REPLICA STATUS')
REPLICA_MYSQL = ('replica', 'SHOW SLAVE STATUS')

TABLES = ('tables', """
SELECT table_schema, table_name, engine, data_length, index_length, data_free
FROM information_schema.tables
WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
ORDER BY data_length + index_length + data_free DESC
LIMIT 1000
""")

BINLOGS = ('binlogs', 'SHOW BINARY LOGS')

# The slowest statements of the applications: not utility statements (DDL, maintenance, grants,
# transaction control, SHOW/SET) and not the catalogue queries of monitoring tools, the inspector's
# own included (digests carry no user; they are the ones reading performance_schema/information_schema).
UTILITY_WORDS = ('CREATE', 'DROP', 'ALTER', 'RENAME', 'TRUNCATE', 'GRANT', 'REVOKE', 'ANALYZE', 'OPTIMIZE', 'REPAIR', 'CHECK',
                 'CHECKSUM', 'FLUSH', 'RESET', 'PURGE', 'SET', 'SHOW', 'USE', 'BEGIN', 'START', 'COMMIT', 'ROLLBACK', 'SAVEPOINT',
                 'RELEASE', 'LOCK', 'UNLOCK', 'KILL', 'INSTALL', 'UNINSTALL', 'CHANGE', 'STOP', 'EXPLAIN', 'DESCRIBE', 'DESC',
                 'HELP', 'LOAD', 'CACHE', 'PREPARE', 'DEALLOCATE', 'EXECUTE', 'XA')
STATEMENTS = ('statements', """
SELECT COALESCE(SCHEMA_NAME, '') AS schema_name, LEFT(DIGEST_TEXT, 400) AS query, COUNT_STAR AS calls,
       ROUND(SUM_TIMER_WAIT / 1000000000, 1) AS total_ms, ROUND(AVG_TIMER_WAIT / 1000000000, 2) AS mean_ms,
       SUM_ROWS_SENT AS rows_sent
FROM performance_schema.events_statements_summary_by_digest
WHERE DIGEST_TEXT IS NOT NULL
  AND UPPER(DIGEST_TEXT) NOT REGEXP '^(%s)( |$)'
  AND LOWER(DIGEST_TEXT) NOT LIKE '%%performance_schema%%' AND LOWER(DIGEST_TEXT) NOT LIKE '%%information_schema%%'
ORDER BY SUM_TIMER_WAIT DESC
LIMIT 5
""" % '|'.join(UTILITY_WORDS))


def flavour(server):
    """('mariadb' | 'mysql', (major, minor, patch)) from SELECT VERSION() / @@version_comment."""
    text = '%s %s' % (server.get('version') or '', server.get('version_comment') or '')
    match = re.match(r'(\d+)\.(\d+)\.(\d+)', server.get('version') or '')
    version = tuple(int(g) for g in match.groups()) if match else (0, 0, 0)
    return ('mariadb' if 'mariadb' in text.lower() else 'mysql'), version


def plan(server):
    """The queries to run after SERVER, given its record (text values)."""
    kind, version = flavour(server)
    if kind == 'mariadb':
        replica = REPLICA_MARIADB
    elif version >= (8, 0, 22):
        replica = REPLICA_MYSQL_8022
    else:
        replica = REPLICA_MYSQL
    queries = [STATUS, replica, TABLES]
    if str(server.get('log_bin')) == '1':
        queries.append(BINLOGS)
    if str(server.get('performance_schema')) == '1':
        queries.append(STATEMENTS)
    return queries
