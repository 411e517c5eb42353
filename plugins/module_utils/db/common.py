# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Helpers shared by the PostgreSQL and MySQL checks: options, end-of-life dates, item guards."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_item, unknown_item
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import evaluate

# Tunables of the checks (not thresholds: these say what is counted, thresholds judge the count).
DEFAULT_OPTIONS = {
    'long_running_s': 300,            # an active statement running longer than this is long-running
    'idle_in_transaction_s': 60,      # a session idle inside a transaction longer than this is counted
    'lock_wait_s': 30,                # a lock waited for longer than this is counted
    'min_table_rows': 1000,           # dead-tuple / vacuum checks skip smaller tables
    'table_min_bytes': 8388608,       # bloat checks skip smaller tables (8 MiB)
    'fragmentation_min_free_bytes': 16777216,   # InnoDB keeps a few extents (4-7 MiB) free in any tablespace
    'unused_index_min_bytes': 8388608,
    'cache_min_blocks': 10000,        # hit ratios need this many block reads + hits to mean anything
    'checkpoints_min': 10,            # the requested-checkpoint share needs this many checkpoints
    'top_statements': 5,
}

# End of community support (PostgreSQL versioning policy; MariaDB and MySQL release pages).
PG_EOL = {10: '2022-11-10', 11: '2023-11-09', 12: '2024-11-21', 13: '2025-11-13', 14: '2026-11-12',
          15: '2027-11-11', 16: '2028-11-09', 17: '2029-11-08'}
MARIADB_EOL = {'10.3': '2023-05-25', '10.4': '2024-06-18', '10.5': '2025-06-24', '10.6': '2026-07-06',
               '10.11': '2028-02-16', '11.4': '2029-05-29'}
MYSQL_EOL = {'5.6': '2021-02-01', '5.7': '2023-10-21', '8.0': '2026-04-30', '8.4': '2032-04-30'}


def options_with_defaults(options):
    merged = dict(DEFAULT_OPTIONS)
    merged.update(dict((k, v) for k, v in (options or {}).items() if v is not None))
    return merged


def eol_status(eol, today=None):
    """('warning', eol) when the release is past its end of support, else ('ok', eol or None)."""
    if not eol:
        return 'ok', None
    today = today or datetime.date.today()
    return ('warning' if today.isoformat() >= eol else 'ok'), eol


def version_detail(product, version, status, eol):
    """The detail of a version item: the server's version string and, when known, its end of support."""
    if not eol:
        return said('db.version', '{product} {version!q}', product=product, version=version)
    if status == 'warning':
        return said('db.version.ended', '{product} {version!q} (community support ended {eol}: no more security fixes)',
                    product=product, version=version, eol=eol)
    return said('db.version.supported', '{product} {version!q} (supported until {eol})', product=product, version=version, eol=eol)


def guarded(items, item_id, subject, res, what):
    """Append an unknown item when a query failed; return True when its rows can be used.

    `what` names the view (pg_locks) or the query (SHOW BINARY LOGS, bloat estimate: words of the glossary).
    """
    if res is None:
        return False
    if res.get('error'):
        items.append(unknown_item(item_id, subject, query_failed(what, res['error'])))
        return False
    return True


def query_failed(what, error):
    """The reason of an unknown item whose query failed: the server's (or client's) error text, or ours (results.no_rows)."""
    ours = getattr(error, 'detail_id', None)
    if ours == 'db.result.none_printed':
        return said('db.query.none_printed', '{what!w}: no result printed', what=what)
    if ours == 'db.result.no_output':
        return said('db.query.no_output', '{what!w}: no output for this query', what=what)
    return said('db.query.failed', '{what!w}: {error!q}', what=what, error=error)


def error_text(error):
    """A query's error as the whole reason of an unknown item: ours as said, the server's quoted."""
    if getattr(error, 'detail_id', None) in ('db.result.none_printed', 'db.result.no_output'):
        return error
    return said('db.error', '{error!q}', error=error)


def info_item(item_id, subject, value, unit=None, detail=None, status='ok'):
    return make_item(item_id, subject=subject, value=value, unit=unit, status=status, detail=detail)


def judged(item_id, value, subject, overrides, unit=None, detail=None):
    return evaluate(item_id, value, subject=subject, overrides=overrides, unit=unit, detail=detail)


def pct(part, whole, digits=1):
    if part is None or not whole:
        return None
    return round(100.0 * part / whole, digits)
