# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The history schema and its migrations (docs/history.md).

`schema_version` holds one row per applied migration. Migrations are applied in order, each
inside the transaction that opens the store, so a file is either at the old version or the new
one. The SQL is written for both SQLite and PostgreSQL: `{real}` is replaced by the dialect's
floating point type and `?` by the driver's placeholder.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

V1 = (
    'CREATE TABLE runs (run_id TEXT PRIMARY KEY, job TEXT NOT NULL, period TEXT, slice TEXT,'
    ' started_at TEXT, finished_at TEXT, meta TEXT, summary TEXT, saved_at TEXT)',
    'CREATE INDEX runs_job ON runs (job, run_id)',
    'CREATE TABLE inspections (run_id TEXT NOT NULL, target TEXT NOT NULL, slice TEXT, device_class TEXT,'
    ' impact TEXT, system TEXT, host_status TEXT, collected_at TEXT, data TEXT, PRIMARY KEY (run_id, target))',
    'CREATE TABLE items (run_id TEXT NOT NULL, target TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT, subject TEXT,'
    ' status TEXT, value TEXT, unit TEXT, fault INTEGER, data TEXT, PRIMARY KEY (run_id, target, seq))',
    'CREATE TABLE findings (run_id TEXT NOT NULL, target TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT, subject TEXT,'
    ' status TEXT, kind TEXT, grade TEXT, level TEXT, data TEXT, PRIMARY KEY (run_id, target, seq))',
)

V2 = (
    'CREATE TABLE metrics (run_id TEXT NOT NULL, target TEXT NOT NULL, key TEXT NOT NULL, value {real},'
    ' collected_at TEXT, PRIMARY KEY (run_id, target, key))',
    'CREATE INDEX metrics_series ON metrics (target, key, collected_at)',
    'CREATE INDEX items_id ON items (id, status)',
)


def numeric(value):
    """A metric value as float, or None for what is not a number (bool, text, None)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _v1(store):
    for statement in V1:
        store.execute(statement)


def _v2(store):
    """Metrics get their own table for trends; rows are back-filled from the stored inspections."""
    for statement in V2:
        store.execute(statement.format(real=store.REAL))
    rows = store.execute('SELECT run_id, target, collected_at, data FROM inspections').fetchall()
    for run_id, target, collected_at, data in rows:
        metrics = (json.loads(data or '{}') or {}).get('metrics') or {}
        for key, value in sorted(metrics.items()):
            if numeric(value) is not None:
                store.execute('INSERT INTO metrics (run_id, target, key, value, collected_at) VALUES (?, ?, ?, ?, ?)',
                              (run_id, target, key, numeric(value), collected_at))


# (version, function): applied in order to bring a store from version N-1 to N.
MIGRATIONS = ((1, _v1), (2, _v2))
LATEST = MIGRATIONS[-1][0]
