# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""MariaDB / MySQL results (see mysql_queries) -> inspection items, facts and metrics. Pure functions.

Rates (aborted connects, slow queries) are averages per hour since the server started: the
counters are cumulative and the inspection runs once, so this is what one visit can measure.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.db.common import (MARIADB_EOL, MYSQL_EOL, eol_status, guarded,
                                                                             info_item, judged, options_with_defaults, pct)
from ansible_collections.medops.itops.plugins.module_utils.db.mysql_queries import flavour
from ansible_collections.medops.itops.plugins.module_utils.db.results import mask_sql, num, records
from ansible_collections.medops.itops.plugins.module_utils.report.fmt import format_bytes
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_item, unknown_item

# MySQL 8.0.22+ renamed the replication status columns; the checks read the old names.
_RENAMES = (('Replica_IO_Running', 'Slave_IO_Running'), ('Replica_SQL_Running', 'Slave_SQL_Running'),
            ('Seconds_Behind_Source', 'Seconds_Behind_Master'), ('Source_Host', 'Master_Host'),
            ('Source_Port', 'Master_Port'))
SYSTEM_SCHEMAS = ('mysql', 'information_schema', 'performance_schema', 'sys')


def build(results, options=None, overrides=None, today=None):
    """(items, facts, metrics) from {query name: result set}; never raises on odd rows."""
    opts = options_with_defaults(options)
    items, facts, metrics = [], {}, {}
    server_rows = records(results.get('server'))
    if not server_rows:
        err = (results.get('server') or {}).get('error') or 'no server row'
        return [unknown_item('mysql.version', None, 'server query: %s' % err)], facts, metrics
    srv = server_rows[0]
    kind, version = flavour(srv)
    facts.update(version=srv.get('version'), flavour=kind, read_only=srv.get('read_only') == '1')
    eol = (MARIADB_EOL if kind == 'mariadb' else MYSQL_EOL).get('%d.%d' % version[:2])
    status, note = eol_status(eol, today)
    items.append(info_item('mysql.version', 'server', srv.get('version'), status=status,
                           detail='%s %s%s' % ('MariaDB' if kind == 'mariadb' else 'MySQL', srv.get('version'),
                                               ' (%s)' % note if note else '')))
    _status(items, results.get('status'), srv, opts, overrides)
    _replica(items, facts, results.get('replica'), overrides)
    _tables(items, metrics, results.get('tables'), opts, overrides)
    _binlogs(items, results.get('binlogs'), overrides)
    _statements(items, results.get('statements'), opts)
    return items, facts, metrics


def _status(items, res, srv, opts, overrides):
    if not guarded(items, 'mysql.connections.used_pct', 'server', res, 'SHOW GLOBAL STATUS'):
        return
    st = dict((r.get('Variable_name', '').lower(), num(r.get('Value'))) for r in records(res))
    uptime = st.get('uptime')
    if uptime is None:
        items.append(unknown_item('mysql.connections.used_pct', 'server', 'SHOW GLOBAL STATUS returned no Uptime'))
        return
    items.append(judged('mysql.uptime.days', round(uptime / 86400.0, 2), 'server', overrides, unit='d'))
    max_conn = num(srv.get('max_connections'))
    connected = st.get('threads_connected')
    items.append(judged('mysql.connections.used_pct', pct(connected, max_conn), 'server', overrides, unit='%',
                        detail='%s of max_connections %s connected (peak %s)' % (
                            connected, srv.get('max_connections'), st.get('max_used_connections'))))
    hours = max(uptime / 3600.0, 1.0)
    for item_id, key, what in (('mysql.aborted_connects.rate', 'aborted_connects', 'failed connection attempts'),
                               ('mysql.slow_queries.rate', 'slow_queries', 'slow queries')):
        count = st.get(key)
        if count is None:
            items.append(unknown_item(item_id, 'server', 'status variable %s missing' % key))
            continue
        items.append(judged(item_id, round(count / hours, 2), 'server', overrides, unit='/h',
                            detail='%d %s in %.1f h since the server started' % (count, what, uptime / 3600.0)))
    requests, reads = st.get('innodb_buffer_pool_read_requests'), st.get('innodb_buffer_pool_reads')
    if requests is None or reads is None:
        return
    ratio = round(100.0 * (1 - float(reads) / requests), 2) if requests else None
    if requests < opts['cache_min_blocks'] * 10:
        items.append(info_item('mysql.innodb.buffer_pool_hit_pct', 'server', ratio, unit='%',
                               detail='only %d page requests since the server started: too few to judge' % requests))
        return
    items.append(judged('mysql.innodb.buffer_pool_hit_pct', ratio, 'server', overrides, unit='%',
                        detail='%d of %d page requests read from disk' % (reads, requests)))


def _replica(items, facts, res, overrides):
    if not guarded(items, 'mysql.replication.io_running', 'replication', res, 'replica status'):
        return
    rows = records(res)
    facts['replica'] = bool(rows)
    for row in rows:
        for new, old in _RENAMES:
            if new in row and old not in row:
                row[old] = row[new]
        name = row.get('Connection_name')
        subject = '%s%s:%s' % ('%s ' % name if name else '', row.get('Master_Host'), row.get('Master_Port'))
        for item_id, key, err_key in (('mysql.replication.io_running', 'Slave_IO_Running', 'Last_IO_Error'),
                                      ('mysql.replication.sql_running', 'Slave_SQL_Running', 'Last_SQL_Error')):
            state = row.get(key)
            running = state == 'Yes'
            detail = '%s: %s' % (key, state)
            if not running and row.get(err_key):
                detail += ' (%s)' % row[err_key][:200]
            items.append(make_item(item_id, subject=subject, value=state, status='ok' if running else 'critical',
                                   fault=not running, detail=detail))
        lag = num(row.get('Seconds_Behind_Master'))
        if lag is None:
            items.append(unknown_item('mysql.replication.lag_s', subject, 'Seconds_Behind_Master is NULL: the SQL thread does not run'))
        else:
            gtid = row.get('Gtid_IO_Pos') or row.get('Retrieved_Gtid_Set') or ''
            items.append(judged('mysql.replication.lag_s', lag, subject, overrides, unit='s',
                                detail='GTID %s' % gtid[:120] if gtid else None))


def _tables(items, metrics, res, opts, overrides):
    if not guarded(items, 'mysql.table.fragmentation_pct', 'tables', res, 'information_schema.tables'):
        return
    judged_rows, schemas = [], {}
    for row in records(res):
        name = '%s.%s' % (row.get('table_schema'), row.get('table_name'))
        data, index, free = (num(row.get(k)) or 0 for k in ('data_length', 'index_length', 'data_free'))
        schemas[row.get('table_schema')] = schemas.get(row.get('table_schema'), 0) + data + index
        if len([k for k in metrics if k.startswith('table.')]) < 20:
            metrics['table.%s.size_bytes' % name] = data + index
        if free < opts['fragmentation_min_free_bytes']:
            continue
        judged_rows.append(judged('mysql.table.fragmentation_pct', pct(free, data + index + free), name, overrides, unit='%',
                                  detail='%s free inside %s (%s); OPTIMIZE TABLE reclaims it' % (
                                      format_bytes(free), format_bytes(data + index + free), row.get('engine'))))
    for schema, size in schemas.items():
        metrics['db.%s.size_bytes' % schema] = size
    bad = [i for i in judged_rows if i['status'] != 'ok']
    if bad:
        items.extend(bad)
    else:
        worst = max((i['value'] for i in judged_rows if i['value'] is not None), default=0)
        items.append(info_item('mysql.table.fragmentation_pct', 'tables', worst, unit='%',
                               detail='%d tables checked, none with much free space inside' % len(records(res))))


def _binlogs(items, res, overrides):
    if not guarded(items, 'mysql.binlog.size_bytes', 'binlog', res, 'SHOW BINARY LOGS'):
        return
    rows = records(res)
    total = sum(num(r.get('File_size')) or 0 for r in rows)
    items.append(judged('mysql.binlog.size_bytes', total, 'binlog', overrides, unit='B',
                        detail='%d binary log files, %s' % (len(rows), format_bytes(total))))


def _statements(items, res, opts):
    if res is None:
        return
    if res.get('error'):
        items.append(unknown_item('mysql.statements.top', 'performance_schema', res['error']))
        return
    for rank, row in enumerate(records(res)[:opts['top_statements']], 1):
        items.append(info_item('mysql.statements.top', '#%d' % rank, num(row.get('total_ms')), unit='ms',
                               detail='%s calls, mean %s ms, schema %s: %s' % (
                                   row.get('calls'), row.get('mean_ms'), row.get('schema_name') or '-',
                                   mask_sql(row.get('query'), mysql=True))))
