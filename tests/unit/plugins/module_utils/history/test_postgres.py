# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The PostgreSQL history store against a throw-away PostgreSQL cluster on loopback.

Skipped when the PostgreSQL server binaries (PG_BIN, default the newest /usr/lib/postgresql/*/bin; bindep.txt [test]) or the
psycopg library are missing. The cluster runs as the `postgres` user when the tests run as root.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


import pytest

from ansible_collections.medops.itops.plugins.module_utils.history import HistoryError, open_store
from ansible_collections.medops.itops.plugins.module_utils.history.postgres import HAS_PSYCOPG, PostgresStore, is_dsn, safe_dsn
from ansible_collections.medops.itops.tests.unit.local_servers import free_port, local_postgresql


def test_dsn_detection_and_masking():
    assert is_dsn('postgresql://itops@db/itops') and is_dsn('host=db dbname=itops') and not is_dsn('reports/history.sqlite')
    assert safe_dsn('postgresql://itops:s3cr3t@db/itops') == 'postgresql://itops:********@db/itops'
    assert safe_dsn('host=db password=s3cr3t dbname=x') == 'host=db password=******** dbname=x'


@pytest.fixture(scope='module')
def dsn():
    if not HAS_PSYCOPG:
        pytest.skip('psycopg not available')
    with local_postgresql(user='itops') as port:
        yield 'postgresql://itops@127.0.0.1:%d/postgres' % port


def test_postgres_round_trip_slices_and_series(dsn, runs):
    with open_store(dsn) as store:
        assert isinstance(store, PostgresStore) and store.schema_version() == 2
        first = runs['make_run']('20261025T080000-1a2b', [runs['inspection']('h1', used=85.0, status='warning')],
                                 started='2026-10-25T08:00:00+08:00')
        store.save_run(first)
        slice0 = runs['make_run']('20261125T080000-awx9', [runs['inspection']('h1', used=95.0, status='critical')], slice_=0)
        slice1 = runs['make_run']('20261125T080000-awx9', [runs['inspection']('h2')], slice_=1)
        store.save_run(slice0)
        store.save_run(slice1)
        run = store.load_run('20261125T080000-awx9')
        assert [i['target'] for i in run['inspections']] == ['h1', 'h2'] and run['meta']['slices'] == [0, 1]
        assert run['inspections'][0] == slice0['inspections'][0]
        assert run['changes']['previous_run_id'] == first['run_id']
        assert [c['previous_status'] for c in run['changes']['worsened']] == ['warning']
        assert [r['run_id'] for r in store.list_runs('quarterly_inspection')] == ['20261125T080000-awx9', '20261025T080000-1a2b']
        assert [p['value'] for p in store.metric_series('h1', 'fs./data.used_pct')] == [85.0, 95.0]
    with open_store(dsn) as again:  # migrations are not applied twice
        assert again.schema_version() == 2


def test_postgres_unreachable_server_is_a_history_error():
    if not HAS_PSYCOPG:
        pytest.skip('psycopg not available')
    with pytest.raises(HistoryError, match=r'itops:[*]{8}@127.0.0.1.*cannot connect'):
        open_store('postgresql://itops:pw@127.0.0.1:%d/none?connect_timeout=2' % free_port())
