# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""MariaDB / MySQL results (see mysql_queries) -> inspection items, facts and metrics. Pure functions.

Rates (aborted connects, slow queries) are averages per hour since the server started: the
counters are cumulative and the inspection runs once, so this is what one visit can measure.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.db.common import (MARIADB_EOL, MYSQL_EOL, eol_status, error_text, guarded,
                                                                             info_item, judged, options_with_defaults, pct, version_detail)
from ansible_collections.medops.itops.plugins.module_utils.db.mysql_queries import flavour
from ansible_collections.medops.itops.plugins.module_utils.db.results import mask_sql, num, records
from ansible_collections.medops.itops.plugins.module_utils.report.fmt import format_bytes
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_item, unknown_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said

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
        err = (results.get('server') or {}).get('error')
        reason = (said('db.server_query.failed', 'server query: {error!q}', error=err) if err
                  else said('db.server_query.no_row', 'server query: no server row'))
        return [unknown_item('mysql.version', None, reason)], facts, metrics
    srv = server_rows[0]
    kind, version = flavour(srv)
    facts.update(version=srv.get('version'), flavour=kind, read_only=srv.get('read_only') == '1',
                 data_directory=srv.get('data_directory') or None)
    eol = (MARIADB_EOL if kind == 'mariadb' else MYSQL_EOL).get('%d.%d' % version[:2])
    status, eol = eol_status(eol, today)
    items.append(info_item('mysql.version', 'server', srv.get('version'), status=status,
                           detail=version_detail('MariaDB' if kind == 'mariadb' else 'MySQL', srv.get('version'), status, eol)))
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
        items.append(unknown_item('mysql.connections.used_pct', 'server', said('mysql.status.no_uptime', 'SHOW GLOBAL STATUS returned no Uptime')))
        return
    items.append(judged('mysql.uptime.days', round(uptime / 86400.0, 2), 'server', overrides, unit='d'))
    max_conn = num(srv.get('max_connections'))
    connected = st.get('threads_connected')
    items.append(judged('mysql.connections.used_pct', pct(connected, max_conn), 'server', overrides, unit='%',
                        detail=said('mysql.connections.used', '{connected} of max_connections {max_connections} connected (peak {peak})',
                                    connected=connected, max_connections=srv.get('max_connections'), peak=st.get('max_used_connections'))))
    hours = max(uptime / 3600.0, 1.0)
    for item_id, key in (('mysql.aborted_connects.rate', 'aborted_connects'), ('mysql.slow_queries.rate', 'slow_queries')):
        count = st.get(key)
        if count is None:
            items.append(unknown_item(item_id, 'server', said('mysql.status.missing', 'status variable {variable} missing', variable=key)))
            continue
        if key == 'aborted_connects':
            detail = said('mysql.aborted_connects.count', '{count:d} failed connection attempts in {hours:.1f} h since the server started',
                          count=int(count), hours=uptime / 3600.0)
        else:
            detail = said('mysql.slow_queries.count', '{count:d} slow queries in {hours:.1f} h since the server started',
                          count=int(count), hours=uptime / 3600.0)
        items.append(judged(item_id, round(count / hours, 2), 'server', overrides, unit='/h', detail=detail))
    requests, reads = st.get('innodb_buffer_pool_read_requests'), st.get('innodb_buffer_pool_reads')
    if requests is None or reads is None:
        return
    ratio = round(100.0 * (1 - float(reads) / requests), 2) if requests else None
    if requests < opts['cache_min_blocks'] * 10:
        items.append(info_item('mysql.innodb.buffer_pool_hit_pct', 'server', ratio, unit='%',
                               detail=said('mysql.innodb.too_few', 'only {requests:d} page requests since the server started: too few to judge',
                                           requests=int(requests))))
        return
    items.append(judged('mysql.innodb.buffer_pool_hit_pct', ratio, 'server', overrides, unit='%',
                        detail=said('mysql.innodb.disk_reads', '{reads:d} of {requests:d} page requests read from disk',
                                    reads=int(reads), requests=int(requests))))


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
            if not running and row.get(err_key):
                detail = said('mysql.replication.thread_error', '{thread}: {state!w} ({error!q})', thread=key, state=state, error=row[err_key][:200])
            else:
                detail = said('mysql.replication.thread', '{thread}: {state!w}', thread=key, state=state)
            items.append(make_item(item_id, subject=subject, value=state, status='ok' if running else 'critical',
                                   fault=not running, detail=detail))
        lag = num(row.get('Seconds_Behind_Master'))
        if lag is None:
            items.append(unknown_item('mysql.replication.lag_s', subject,
                                      said('mysql.replication.lag_null', 'Seconds_Behind_Master is NULL: the SQL thread does not run')))
        else:
            gtid = row.get('Gtid_IO_Pos') or row.get('Retrieved_Gtid_Set') or ''
            items.append(judged('mysql.replication.lag_s', lag, subject, overrides, unit='s',
                                detail=said('mysql.replication.gtid', 'GTID {gtid}', gtid=gtid[:120]) if gtid else None))


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
                                  detail=said('mysql.table.free_inside', '{free} free inside {size} ({engine}); OPTIMIZE TABLE reclaims it',
                                              free=format_bytes(free), size=format_bytes(data + index + free), engine=row.get('engine'))))
    for schema, size in schemas.items():
        metrics['db.%s.size_bytes' % schema] = size
    bad = [i for i in judged_rows if i['status'] != 'ok']
    if bad:
        items.extend(bad)
    else:
        worst = max((i['value'] for i in judged_rows if i['value'] is not None), default=0)
        items.append(info_item('mysql.table.fragmentation_pct', 'tables', worst, unit='%',
                               detail=said('mysql.tables.none_fragmented', '{count:d} tables checked, none with much free space inside',
                                           count=len(records(res)))))


def _binlogs(items, res, overrides):
    if not guarded(items, 'mysql.binlog.size_bytes', 'binlog', res, 'SHOW BINARY LOGS'):
        return
    rows = records(res)
    total = sum(num(r.get('File_size')) or 0 for r in rows)
    items.append(judged('mysql.binlog.size_bytes', total, 'binlog', overrides, unit='B',
                        detail=said('mysql.binlog.files', '{count:d} binary log files, {size}', count=len(rows), size=format_bytes(total))))


def _statements(items, res, opts):
    if res is None:
        return
    if res.get('error'):
        items.append(unknown_item('mysql.statements.top', 'performance_schema', error_text(res['error'])))
        return
    for rank, row in enumerate(records(res)[:opts['top_statements']], 1):
        items.append(info_item('mysql.statements.top', '#%d' % rank, num(row.get('total_ms')), unit='ms',
                               detail=said('mysql.statements.top', '{calls} calls, mean {mean_ms} ms, schema {schema}: {statement!q}',
                                           calls=row.get('calls'), mean_ms=row.get('mean_ms'), schema=row.get('schema_name') or '-',
                                           statement=mask_sql(row.get('query'), mysql=True))))
