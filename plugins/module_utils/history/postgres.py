# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""History in PostgreSQL (psycopg 3), for AWX clusters where several nodes write one history.

The history option takes a libpq DSN (`postgresql://itops@db/itops` or `host=db dbname=itops`).
Writers of one run (the slices of a sliced AWX job) are serialised by a transaction-scoped
advisory lock on the run_id; migrations by an advisory lock on the schema.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
import zlib

try:
    import psycopg
    HAS_PSYCOPG = True
except ImportError:
    psycopg = None
    HAS_PSYCOPG = False

from ansible_collections.medops.itops.plugins.module_utils.history.base import HistoryError, HistoryStore

MIGRATION_LOCK = 0x17095  # advisory lock key serialising schema migrations


def is_dsn(location):
    """True for what looks like a PostgreSQL connection string rather than a file path."""
    location = str(location or '')
    return location.startswith(('postgresql://', 'postgres://')) or bool(re.match(r'^\s*(host|dbname|service)=', location))


def safe_dsn(dsn):
    """The DSN without its password, for messages."""
    dsn = re.sub(r'(://[^:/@]+):[^@]*@', r'\1:********@', dsn)
    return re.sub(r'(password\s*=\s*)\S+', r'\1********', dsn)


class PostgresStore(HistoryStore):
    PLACEHOLDER = '%s'
    REAL = 'DOUBLE PRECISION'

    def __init__(self, dsn, migrate=True, connect_timeout=10):
        super(PostgresStore, self).__init__()
        self.location = safe_dsn(dsn)
        if not HAS_PSYCOPG:
            raise HistoryError('history %s: the psycopg Python library is needed for a PostgreSQL history (pip install psycopg[binary])'
                               % self.location)
        try:
            self._conn = psycopg.connect(dsn, connect_timeout=connect_timeout, autocommit=True)
        except psycopg.Error as exc:
            raise HistoryError('history %s: cannot connect (%s); check the DSN and that the database accepts this user'
                               % (self.location, ' '.join(str(exc).split())))
        if migrate:
            self.migrate()

    def execute(self, sql, params=()):
        try:
            return super(PostgresStore, self).execute(sql, params)
        except psycopg.Error as exc:
            raise HistoryError('history %s: %s' % (self.location, exc))

    def _begin(self):
        self.execute('BEGIN')

    def _commit(self):
        self.execute('COMMIT')

    def _rollback(self):
        try:
            self.execute('ROLLBACK')
        except HistoryError:
            pass

    def _lock_schema(self):
        self.execute('SELECT pg_advisory_xact_lock(?)', (MIGRATION_LOCK,))

    def _lock_run(self, run_id):
        self.execute('SELECT pg_advisory_xact_lock(?)', (zlib.crc32(run_id.encode('utf-8')),))
