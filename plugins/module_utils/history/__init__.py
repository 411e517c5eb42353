# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The history store of run records (docs/history.md).

    store = open_store('reports/history.sqlite')   # or a PostgreSQL DSN
    store.save_run(run); store.load_run(run_id); store.list_runs(job)
    store.previous_run(job, run_id); store.metric_series(target, key)
    compare_runs(old_run, new_run) -> {new, resolved, worsened}
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible_collections.medops.itops.plugins.module_utils.history.base import HistoryError, HistoryStore
from ansible_collections.medops.itops.plugins.module_utils.history.compare import compare_runs, run_changes
from ansible_collections.medops.itops.plugins.module_utils.history.postgres import PostgresStore, is_dsn
from ansible_collections.medops.itops.plugins.module_utils.history.sqlite import SQLiteStore

__all__ = ('HistoryError', 'HistoryStore', 'SQLiteStore', 'PostgresStore', 'open_store', 'default_location',
           'compare_runs', 'run_changes')

DEFAULT_FILE = 'history.sqlite'


def default_location(reports_dir):
    return os.path.join(reports_dir, DEFAULT_FILE)


def open_store(location=None, reports_dir='reports'):
    """A PostgresStore for a DSN, else a SQLiteStore on the file (default <reports_dir>/history.sqlite)."""
    location = location or default_location(reports_dir)
    if is_dsn(location):
        return PostgresStore(location)
    return SQLiteStore(location)
