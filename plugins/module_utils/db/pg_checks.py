# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PostgreSQL results (see pg_queries) -> inspection items, facts and metrics. Pure functions.

Table-level checks report each table past its threshold (subject `database.schema.table`); when
none is, one ok item for the database carries the worst value, so a healthy server with two
thousand tables does not fill the inspection record.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import math

from ansible_collections.medops.itops.plugins.module_utils.db.common import (PG_EOL, eol_status, error_text, guarded, info_item, judged,
                                                                             options_with_defaults, pct, version_detail)
from ansible_collections.medops.itops.plugins.module_utils.db.results import mask_sql, num, records
from ansible_collections.medops.itops.plugins.module_utils.report.fmt import format_bytes
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_item, unknown_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said

WRAPAROUND = 2 ** 31
SELF_APPS = ('medops.itops',)


def build(results, options=None, overrides=None, today=None):
    """(items, facts, metrics) from {query name: result set}; never raises on odd rows."""
    opts = options_with_defaults(options)
    items, facts, metrics = [], {}, {}
    server_rows = records(results.get('server'))
    if not server_rows:
        err = (results.get('server') or {}).get('error')
        reason = (said('db.server_query.failed', 'server query: {error!q}', error=err) if err
                  else said('db.server_query.no_row', 'server query: no server row'))
        return [unknown_item('pg.version', None, reason)], facts, metrics
    srv = server_rows[0]
    db = srv.get('database') or 'postgres'
    standby = srv.get('in_recovery') == '1'
    facts.update(version=srv.get('version'), role='standby' if standby else 'primary',
                 pg_stat_statements=srv.get('has_pgss') not in (None, '0'), data_directory=srv.get('data_directory') or None)
    _version(items, srv, today)
    uptime_s = num(srv.get('uptime_s'))
    if uptime_s is not None:
        items.append(judged('pg.uptime.days', round(uptime_s / 86400.0, 2), 'server', overrides, unit='d'))
    _activity(items, results.get('activity'), srv, opts, overrides, db)
    _xid(items, results.get('xid'), overrides)
    if standby:
        _standby(items, results.get('standby'), overrides)
    else:
        _replication(items, results.get('replication'), results.get('slots'), overrides)
    _cache(items, results.get('cache'), opts, overrides)
    _tables(items, metrics, results.get('tables'), srv, opts, overrides, db, standby)
    _bloat(items, facts, results.get('bloat'), opts, overrides, db)
    _indexes(items, results.get('unused_indexes'), results.get('duplicate_indexes'), opts, overrides, db)
    _statements(items, results.get('statements'), opts)
    _locks(items, results.get('locks'), opts, overrides)
    _checkpoints(items, results.get('checkpoints'), opts, overrides)
    for row in records(results.get('databases')):
        size = num(row.get('bytes'))
        if size is not None:
            metrics['db.%s.size_bytes' % row.get('datname')] = size
    return items, facts, metrics


def _version(items, srv, today):
    version_num = num(srv.get('version_num')) or 0
    major = int(version_num // 10000) if version_num >= 100000 else None
    status, eol = eol_status(PG_EOL.get(major), today)
    detail = version_detail('PostgreSQL', srv.get('version'), status, eol)
    items.append(info_item('pg.version', 'server', srv.get('version'), detail=detail, status=status))


def _activity(items, res, srv, opts, overrides, db):
    if not guarded(items, 'pg.connections.used_pct', 'server', res, 'pg_stat_activity'):
        return
    rows = records(res)
    max_conn = num(srv.get('max_connections'))
    used = len(rows)
    items.append(judged('pg.connections.used_pct', pct(used, max_conn), 'server', overrides, unit='%',
                        detail=said('pg.connections.used', '{used:d} of max_connections {max_connections} client connections',
                                    used=used, max_connections=srv.get('max_connections'))))
    others = [r for r in rows if r.get('self') != '1' and r.get('application_name') not in SELF_APPS]
    databases = sorted(set([db] + [r.get('datname') for r in others if r.get('datname')]))
    for item_id, state, limit_key, age_key in (
            ('pg.sessions.long_running', 'active', 'long_running_s', 'query_s'),
            ('pg.sessions.idle_in_transaction', 'idle in transaction', 'idle_in_transaction_s', 'state_s')):
        limit = opts[limit_key]
        for name in databases:
            hits = [r for r in others if r.get('datname') == name and r.get('state', '').startswith(state)
                    and (num(r.get(age_key)) or 0) > limit]
            detail = None
            if hits:
                oldest = max(num(r.get(age_key)) or 0 for r in hits)
                apps = sorted(set(r.get('application_name') or r.get('usename') or '?' for r in hits))
                detail = said('pg.sessions.over_limit', '{count:d} session(s) {state!w} for more than {limit:d} s (oldest {oldest:d} s): {apps}',
                              count=len(hits), state=state, limit=int(limit), oldest=int(oldest), apps=', '.join(apps[:5]))
            items.append(judged(item_id, len(hits), name, overrides, detail=detail))


def _xid(items, res, overrides):
    if not guarded(items, 'pg.xid_age.pct', 'server', res, 'pg_database'):
        return
    rows = [(r.get('datname'), num(r.get('xid_age'))) for r in records(res)]
    rows = [r for r in rows if r[1] is not None]
    if not rows:
        items.append(unknown_item('pg.xid_age.pct', 'server', said('pg.xid.no_ages', 'pg_database returned no transaction ID ages')))
        return
    name, age = max(rows, key=lambda r: r[1])
    items.append(judged('pg.xid_age.pct', pct(age, WRAPAROUND, 2), 'server', overrides, unit='%',
                        detail=said('pg.xid.oldest', 'oldest unfrozen transaction ID age {age:d} in database {database} (wraparound at 2^31)',
                                    age=int(age), database=name)))


def _replication(items, res, slots_res, overrides):
    rows = records(res) if guarded(items, 'pg.replication.state', 'replicas', res, 'pg_stat_replication') else []
    for row in rows:
        subject = row.get('application_name') or row.get('client_addr')
        if row.get('client_addr') and row.get('application_name'):
            subject = '%s (%s)' % (row['application_name'], row['client_addr'])
        state = row.get('state')
        ok = state == 'streaming'
        items.append(make_item('pg.replication.state', subject=subject, value=state, status='ok' if ok else 'critical',
                               fault=not ok, detail=said('pg.replication.sender', 'WAL sender {state!w}, {sync_state!w}',
                                                         state=state, sync_state=row.get('sync_state'))))
        lag_bytes = num(row.get('replay_lag_bytes')) or 0
        items.append(judged('pg.replication.lag_s', num(row.get('replay_lag_s')), subject, overrides, unit='s',
                            detail=said('pg.replication.replay_behind', 'replay {lag} behind', lag=format_bytes(lag_bytes))))
    if slots_res is None or not guarded(items, 'pg.replication.state', 'slots', slots_res, 'pg_replication_slots'):
        return
    for row in records(slots_res):
        if row.get('active') == '1':
            continue
        items.append(make_item(
            'pg.replication.state', subject='slot %s' % row.get('slot_name'), value='inactive', status='warning',
            detail=said('pg.replication.slot_inactive',
                        '{slot_type!w} slot inactive: its standby or consumer is disconnected while the primary keeps {retained} of WAL for it',
                        slot_type=row.get('slot_type'), retained=format_bytes(num(row.get('retained_bytes'))))))


def _standby(items, res, overrides):
    if not guarded(items, 'pg.replication.state', 'upstream', res, 'pg_stat_wal_receiver'):
        return
    rows = records(res)
    if not rows:
        items.append(unknown_item('pg.replication.state', 'upstream', said('pg.standby.no_receiver', 'no WAL receiver row')))
        return
    row = rows[0]
    subject = 'upstream %s' % row['upstream'] if row.get('upstream') else 'upstream'
    streaming = row.get('status') == 'streaming'
    if row.get('slot_name'):
        detail = said('pg.standby.receiver_slot', 'standby WAL receiver {status!w}, slot {slot}', status=row.get('status'), slot=row['slot_name'])
    else:
        detail = said('pg.standby.receiver', 'standby WAL receiver {status!w}', status=row.get('status'))
    items.append(make_item('pg.replication.state', subject=subject, value=row.get('status'),
                           status='ok' if streaming else 'critical', fault=not streaming, detail=detail))
    items.append(judged('pg.replication.lag_s', num(row.get('lag_s')), subject, overrides, unit='s',
                        detail=said('pg.standby.replay_pending', '{pending} received but not replayed',
                                    pending=format_bytes(num(row.get('replay_pending_bytes'))))))


def _cache(items, res, opts, overrides):
    if not guarded(items, 'pg.cache_hit_pct', 'server', res, 'pg_stat_database'):
        return
    rows = records(res)
    hit = num(rows[0].get('blks_hit')) if rows else None
    read = num(rows[0].get('blks_read')) if rows else None
    if hit is None or read is None:
        items.append(unknown_item('pg.cache_hit_pct', 'server', said('pg.cache.no_counts', 'pg_stat_database returned no block counts')))
        return
    ratio = pct(hit, hit + read, 2)
    if hit + read < opts['cache_min_blocks']:
        items.append(info_item('pg.cache_hit_pct', 'server', ratio, unit='%',
                               detail=said('pg.cache.too_few', 'only {accesses:d} block accesses since the statistics reset: too few to judge',
                                           accesses=int(hit + read))))
        return
    items.append(judged('pg.cache_hit_pct', ratio, 'server', overrides, unit='%',
                        detail=said('pg.cache.hits_reads', '{hits} hits, {reads} reads since the statistics reset', hits=hit, reads=read)))


def _worst_or_ok(items, item_id, db, judged_rows, unit, what):
    """Items for the tables past the threshold; else one ok item for the database with the worst value."""
    bad = [i for i in judged_rows if i['status'] != 'ok']
    if bad:
        items.extend(bad)
        return
    worst = max((i['value'] for i in judged_rows if i['value'] is not None), default=None)
    if what == 'tables with dead rows':
        detail = said('pg.tables.dead_rows_none_past', '{count:d} tables with dead rows checked, none past the threshold', count=len(judged_rows))
    else:
        detail = said('pg.tables.none_past', '{count:d} tables checked, none past the threshold', count=len(judged_rows))
    items.append(info_item(item_id, db, worst, unit=unit, detail=detail))


def _tables(items, metrics, res, srv, opts, overrides, db, standby):
    if not guarded(items, 'pg.table.dead_tuples_pct', db, res, 'pg_stat_user_tables'):
        return
    rows = records(res)
    uptime_days = (num(srv.get('uptime_s')) or 0) / 86400.0
    dead_items, vacuum_items = [], []
    for row in rows:
        name = '%s.%s' % (db, row.get('name'))
        live, dead = num(row.get('live')) or 0, num(row.get('dead')) or 0
        size = num(row.get('total_bytes'))
        if size is not None and len(metrics) < 20:
            metrics['table.%s.size_bytes' % name] = size
        if standby or live + dead < opts['min_table_rows']:
            continue
        dead_items.append(judged('pg.table.dead_tuples_pct', pct(dead, live + dead), name, overrides, unit='%',
                                 detail=said('pg.table.dead_rows', '{dead:d} dead of {total:d} row versions', dead=int(dead), total=int(live + dead))))
        if dead * 10 >= live and dead >= opts['min_table_rows']:
            # Only tables with work waiting for vacuum are judged on when it last ran.
            age_s = num(row.get('vacuum_age_s'))
            days = round(age_s / 86400.0, 1) if age_s is not None else round(uptime_days, 1)
            if age_s is not None:
                detail = said('pg.table.vacuum_ago', 'last (auto)vacuum {days:.1f} days ago', days=days)
            else:
                detail = said('pg.table.vacuum_never', 'last (auto)vacuum never since the statistics reset')
            vacuum_items.append(judged('pg.table.vacuum_age_days', days, name, overrides, unit='d', detail=detail))
    if standby:
        return
    _worst_or_ok(items, 'pg.table.dead_tuples_pct', db, dead_items, '%', 'tables')
    if vacuum_items:
        _worst_or_ok(items, 'pg.table.vacuum_age_days', db, vacuum_items, 'd', 'tables with dead rows')


def _bloat(items, facts, res, opts, overrides, db):
    if not guarded(items, 'pg.table.bloat_pct', db, res, 'bloat estimate'):
        return
    estimates = []
    without_stats = 0
    for row in records(res):
        pages, tuples, block = num(row.get('pages')), num(row.get('tuples')), num(row.get('block_size')) or 8192
        width, fill = num(row.get('row_width')), num(row.get('fillfactor')) or 100
        if not pages or pages * block < opts['table_min_bytes'] or tuples is None or tuples < 0:
            continue
        if width is None or row.get('columns_with_stats') in (None, '0'):
            without_stats += 1
            continue
        # Heap tuple header (23 bytes, aligned to 24) + data + 4-byte line pointer; 24-byte page header.
        per_page = max(1, int(math.floor((block - 24) * fill / 100.0 / (24 + width + 4))))
        expected = int(math.ceil(tuples / per_page)) if tuples else 1
        bloat = max(0.0, round(100.0 * (pages - expected) / pages, 1))
        detail = said('pg.table.bloat', '{pages:d} pages, about {expected:d} expected for {rows:d} rows (estimate from planner statistics)',
                      pages=int(pages), expected=int(expected), rows=int(tuples))
        estimates.append(judged('pg.table.bloat_pct', bloat, '%s.%s' % (db, row.get('name')), overrides, unit='%', detail=detail))
    if without_stats and not estimates:
        facts['bloat_estimate'] = ('not available: the login cannot read pg_stats of %d table(s) over the size limit '
                                   '(grant pg_read_all_data or SELECT, or use transport ssh)' % without_stats)
        return
    if estimates:
        _worst_or_ok(items, 'pg.table.bloat_pct', db, estimates, '%', 'tables')


def _indexes(items, unused_res, dup_res, opts, overrides, db):
    if unused_res is not None and guarded(items, 'pg.index.unused', db, unused_res, 'pg_stat_user_indexes'):
        big = [r for r in records(unused_res) if (num(r.get('bytes')) or 0) >= opts['unused_index_min_bytes']]
        detail = None
        if big:
            detail = said('pg.index.never_scanned', 'never scanned since the statistics reset ({size}): {indexes}',
                          size=format_bytes(sum(num(r.get('bytes')) or 0 for r in big)), indexes=', '.join(r.get('name') for r in big[:5]))
        items.append(judged('pg.index.unused', len(big), db, overrides, detail=detail))
    if dup_res is not None and guarded(items, 'pg.index.duplicate', db, dup_res, 'pg_index'):
        sets = records(dup_res)
        names = '; '.join('%s: %s' % (r.get('table_name'), r.get('indexes')) for r in sets[:5])
        detail = said('pg.index.duplicate_sets', '{sets}', sets=names) if names else None
        items.append(judged('pg.index.duplicate', len(sets), db, overrides, detail=detail))


def _statements(items, res, opts):
    if res is None:
        return
    if res.get('error'):
        items.append(unknown_item('pg.statements.top', 'pg_stat_statements', error_text(res['error'])))
        return
    for rank, row in enumerate(records(res)[:opts['top_statements']], 1):
        items.append(info_item('pg.statements.top', '#%d' % rank, num(row.get('total_ms')), unit='ms',
                               detail=said('pg.statements.top', '{calls} calls, mean {mean_ms} ms, db {database}: {statement!q}',
                                           calls=row.get('calls'), mean_ms=row.get('mean_ms'), database=row.get('datname') or '?',
                                           statement=mask_sql(row.get('query')))))


def _locks(items, res, opts, overrides):
    if not guarded(items, 'pg.locks.waiting', 'server', res, 'pg_locks'):
        return
    rows = records(res)
    long_waits = [r for r in rows if (num(r.get('wait_s')) or 0) > opts['lock_wait_s']]
    detail = None
    if rows:
        detail = said('pg.locks.waiting', '{waiting:d} lock request(s) waiting, {long:d} for more than {limit:d} s',
                      waiting=len(rows), long=len(long_waits), limit=int(opts['lock_wait_s']))
    items.append(judged('pg.locks.waiting', len(long_waits), 'server', overrides, detail=detail))


def _checkpoints(items, res, opts, overrides):
    if not guarded(items, 'pg.checkpoints.requested_pct', 'server', res, 'checkpoint statistics'):
        return
    rows = records(res)
    timed = num(rows[0].get('timed')) if rows else None
    requested = num(rows[0].get('requested')) if rows else None
    if timed is None or requested is None:
        items.append(unknown_item('pg.checkpoints.requested_pct', 'server', said('pg.checkpoints.no_counters', 'no checkpoint counters')))
        return
    total = timed + requested
    share = pct(requested, total)
    if total < opts['checkpoints_min']:
        items.append(info_item('pg.checkpoints.requested_pct', 'server', share, unit='%',
                               detail=said('pg.checkpoints.too_few', '{requested} requested, {timed} timed since the statistics reset: too few to judge',
                                           requested=requested, timed=timed)))
        return
    items.append(judged('pg.checkpoints.requested_pct', share, 'server', overrides, unit='%',
                        detail=said('pg.checkpoints.counts', '{requested} requested, {timed} timed since the statistics reset',
                                    requested=requested, timed=timed)))
