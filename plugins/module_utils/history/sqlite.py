# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The default history store: one SQLite file, created 0640, next to the reports."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

try:
    import sqlite3
    HAS_SQLITE = True
except ImportError:  # pragma: no cover - Python built without sqlite3
    sqlite3 = None
    HAS_SQLITE = False

from ansible_collections.medops.itops.plugins.module_utils.history.base import HistoryError, HistoryStore

SQLITE_MAGIC = b'SQLite format 3\x00'


def _not_a_store(path, cause):
    return HistoryError('history file %s is not a usable SQLite database (%s): move it aside (mv %s %s.broken) and run again; '
                        'a new history is started and the old file can be inspected with sqlite3' % (path, cause, path, path))


class SQLiteStore(HistoryStore):
    """History in a SQLite file; writers queue on the file lock (busy timeout `timeout` seconds)."""

    def __init__(self, path, timeout=60.0, migrate=True):
        super(SQLiteStore, self).__init__()
        if not HAS_SQLITE:
            raise HistoryError('history %s: this Python has no sqlite3 module; use a PostgreSQL DSN for the history option' % path)
        self.location = path = os.path.abspath(os.path.expanduser(path))
        self._check_file(path)
        try:
            self._conn = sqlite3.connect(path, timeout=timeout, isolation_level=None)
            self.execute('SELECT count(*) FROM sqlite_master').fetchone()
            if migrate:
                self.migrate()
        except sqlite3.DatabaseError as exc:
            self.close()
            raise _not_a_store(path, exc)

    @staticmethod
    def _check_file(path):
        if os.path.isdir(path):
            raise HistoryError('history %s is a directory; give the path of a file (for example %s/history.sqlite)' % (path, path))
        if os.path.exists(path):
            if os.path.getsize(path) == 0:
                return
            with open(path, 'rb') as handle:
                magic = handle.read(len(SQLITE_MAGIC))
            if magic != SQLITE_MAGIC:
                raise _not_a_store(path, 'no SQLite header')
            return
        directory = os.path.dirname(path)
        if directory and not os.path.isdir(directory):
            os.makedirs(directory, 0o750)
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o640))

    def _begin(self):
        self.execute('BEGIN IMMEDIATE')

    def _commit(self):
        self.execute('COMMIT')

    def _rollback(self):
        if self._conn is not None and self._conn.in_transaction:
            self.execute('ROLLBACK')

    def execute(self, sql, params=()):
        try:
            return super(SQLiteStore, self).execute(sql, params)
        except sqlite3.DatabaseError as exc:
            message = str(exc)
            if 'malformed' in message or 'not a database' in message:
                raise _not_a_store(self.location, exc)
            if 'locked' in message or 'busy' in message:
                raise HistoryError('history file %s stayed locked by another writer (%s): retry when the other run has finished'
                                   % (self.location, exc))
            raise HistoryError('history file %s: %s' % (self.location, exc))
