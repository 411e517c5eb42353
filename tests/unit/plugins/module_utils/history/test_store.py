# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SQLite history store: round trip, slices, trends, migrations, broken files."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import sqlite3
import stat

import pytest

from ansible_collections.medops.itops.plugins.module_utils.history import HistoryError, SQLiteStore, open_store, schema
from ansible_collections.medops.itops.plugins.module_utils.history.base import HistoryStore

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', '..'))


@pytest.fixture
def store(tmp_path):
    with open_store(reports_dir=str(tmp_path)) as opened:
        yield opened


def validate(run):
    jsonschema = pytest.importorskip('jsonschema')
    with open(os.path.join(ROOT, 'docs', 'run-record.schema.json'), encoding='utf-8') as handle:
        errors = list(jsonschema.Draft202012Validator(json.load(handle)).iter_errors(run))
    assert not errors, [e.message for e in errors]


def test_default_file_is_created_0640_at_latest_version(tmp_path, store):
    path = str(tmp_path / 'history.sqlite')
    assert store.location == path
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert store.schema_version() == schema.LATEST


def test_round_trip_rebuilds_the_run_record(store, runs):
    run = runs['make_run']('20261125T080000-aaaa', [runs['inspection']('h1', used=95.0, status='critical'), runs['inspection']('h2')])
    store.save_run(run)
    loaded = store.load_run(run['run_id'])
    for key in ('run_id', 'job', 'period', 'slice', 'started_at', 'finished_at', 'meta', 'inspections', 'findings', 'summary'):
        assert loaded[key] == run[key], key
    assert loaded['changes'] is None
    validate(loaded)


def test_list_previous_and_changes(store, runs):
    first = runs['make_run']('20261025T080000-1a2b',
                             [runs['inspection']('h1', used=85.0, status='warning'), runs['inspection']('h2', used=85.0, status='warning')],
                             started='2026-10-25T08:00:00+08:00')
    second = runs['make_run']('20261125T080000-3f2a', [runs['inspection']('h1', used=95.0, status='critical'), runs['inspection']('h2'),
                                                       runs['inspection']('h3', used=91.0, status='critical')])
    other = runs['make_run']('20261126T080000-0000', [runs['inspection']('h1')], job='monthly_inspection', started='2026-11-26T08:00:00+08:00')
    for run in (first, second, other):
        store.save_run(run)
    assert [r['run_id'] for r in store.list_runs()] == ['20261126T080000-0000', '20261125T080000-3f2a', '20261025T080000-1a2b']
    assert [r['run_id'] for r in store.list_runs('quarterly_inspection')] == ['20261125T080000-3f2a', '20261025T080000-1a2b']
    assert store.list_runs()[1]['summary']['hosts_total'] == 3
    assert store.previous_run('quarterly_inspection', second['run_id'])['run_id'] == first['run_id']
    assert store.previous_run('quarterly_inspection', first['run_id']) is None
    changes = store.load_run(second['run_id'])['changes']
    assert changes['previous_run_id'] == first['run_id']
    assert [(c['target'], c['status']) for c in changes['new']] == [('h3', 'critical')]
    assert [(c['target'], c['status'], c['previous_status']) for c in changes['resolved']] == [('h2', 'ok', 'warning')]
    assert [(c['target'], c['status'], c['previous_status']) for c in changes['worsened']] == [('h1', 'critical', 'warning')]
    validate(store.load_run(second['run_id']))


def test_metric_series_keeps_numbers_oldest_first(store, runs):
    store.save_run(runs['make_run']('20261125T080000-bbbb', [runs['inspection']('h1', used=70.0)]))
    store.save_run(runs['make_run']('20261025T080000-aaaa', [runs['inspection']('h1', used=60.0, collected_at='2026-10-25T08:00:00+08:00')],
                                    started='2026-10-25T08:00:00+08:00'))
    series = store.metric_series('h1', 'fs./data.used_pct')
    assert [(p['run_id'], p['value']) for p in series] == [('20261025T080000-aaaa', 60.0), ('20261125T080000-bbbb', 70.0)]
    assert store.metric_series('h1', 'note') == []


def test_two_slices_of_one_job_merge_into_one_run(store, runs):
    slice0 = runs['make_run']('awx-wf-77', [runs['inspection']('h1', used=95.0, status='critical')], slice_=0)
    slice1 = runs['make_run']('awx-wf-77', [runs['inspection']('h2', impact='hospital', host_status='unreachable')], slice_=1,
                              started='2026-11-25T08:00:30+08:00')
    slice1['inspections'][0]['items'] = [{'id': 'host.unreachable', 'subject': None, 'value': None, 'unit': None, 'status': 'critical', 'fault': True}]
    from ansible_collections.medops.itops.plugins.module_utils.inspection.grading import build_findings
    slice1['findings'] = build_findings(slice1['inspections'])
    store.save_run(slice0)
    store.save_run(slice1)
    run = store.load_run('awx-wf-77')
    assert [i['target'] for i in run['inspections']] == ['h1', 'h2']
    assert run['slice'] is None and run['meta']['slices'] == [0, 1]
    assert run['summary']['hosts_total'] == 2 and run['summary']['hosts_unreachable'] == 1
    assert run['summary']['faults_by_grade']['P1'] == 1 and run['summary']['risks_by_level']['high'] == 1
    assert [f['grade'] or f['level'] for f in run['findings']] == ['P1', 'high']
    assert run['started_at'] == '2026-11-25T08:00:00+08:00'
    assert len(store.list_runs()) == 1
    # A slice run again replaces its own rows only.
    slice0['inspections'][0]['items'][0].update(value=50.0, status='ok')
    slice0['findings'] = []
    store.save_run(slice0)
    run = store.load_run('awx-wf-77')
    assert [f['target'] for f in run['findings']] == ['h2']
    assert run['summary']['risks_by_level']['high'] == 0
    validate(run)


def test_save_without_findings_grades_the_run(store, runs):
    run = runs['make_run']('20261125T080000-cccc', [runs['inspection']('h1', used=95.0, status='critical')])
    del run['findings']
    store.save_run(run)
    assert store.load_run(run['run_id'])['findings'][0]['level'] == 'high'


def test_unknown_run_is_a_clear_error(store):
    with pytest.raises(HistoryError, match='has no run nope'):
        store.load_run('nope')


def test_a_v1_file_is_upgraded_with_its_metrics_backfilled(tmp_path, runs):
    path = str(tmp_path / 'old.sqlite')
    old = SQLiteStore(path, migrate=False)
    assert old.migrate(target=1) == 1
    run = runs['make_run']('20261025T080000-aaaa', [runs['inspection']('h1', used=61.0)])
    # What a v1 collection wrote: runs, inspections, items and findings, no metrics table.
    with old.transaction():
        old.execute('INSERT INTO runs (run_id, job, period, slice, started_at, finished_at, meta, summary, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
                    (run['run_id'], run['job'], run['period'], '[]', run['started_at'], run['finished_at'], json.dumps(run['meta']),
                     json.dumps(run['summary']), run['finished_at']))
        data = dict((k, v) for k, v in run['inspections'][0].items() if k != 'items')
        old.execute('INSERT INTO inspections (run_id, target, data, collected_at) VALUES (?, ?, ?, ?)',
                    (run['run_id'], 'h1', json.dumps(data), data['collected_at']))
    tables = [r[0] for r in old.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert 'metrics' not in tables
    old.close()
    with SQLiteStore(path) as upgraded:
        assert upgraded.schema_version() == 2
        assert [r[0] for r in upgraded.execute('SELECT version FROM schema_version ORDER BY version')] == [1, 2]
        assert [p['value'] for p in upgraded.metric_series('h1', 'fs./data.used_pct')] == [61.0]
        assert upgraded.load_run(run['run_id'])['inspections'][0]['target'] == 'h1'


def test_a_failing_migration_leaves_the_file_untouched(tmp_path, monkeypatch):
    path = str(tmp_path / 'h.sqlite')
    SQLiteStore(path, migrate=False).close()

    def broken(store):
        store.execute('CREATE TABLE half_done (x INTEGER)')
        raise RuntimeError('boom')
    monkeypatch.setattr(schema, 'MIGRATIONS', schema.MIGRATIONS + ((3, broken),))
    monkeypatch.setattr(schema, 'LATEST', 3)
    with pytest.raises(RuntimeError):
        SQLiteStore(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name IN ('half_done', 'runs')").fetchone()[0] == 0
    conn.close()


def test_a_newer_file_is_refused(tmp_path):
    path = str(tmp_path / 'h.sqlite')
    with SQLiteStore(path) as current:
        with current.transaction():
            current.execute('INSERT INTO schema_version (version, applied_at) VALUES (99, ?)', ('2030-01-01T00:00:00+08:00',))
    with pytest.raises(HistoryError, match='newer than this medops.itops'):
        SQLiteStore(path)


@pytest.mark.parametrize('content', [b'this is not a database at all' * 10, b'SQLite format 3\x00' + b'\xff' * 4000])
def test_a_corrupt_file_names_the_file_and_what_to_do(tmp_path, content):
    path = tmp_path / 'history.sqlite'
    path.write_bytes(content)
    with pytest.raises(HistoryError) as caught:
        open_store(str(path))
    assert str(path) in str(caught.value) and 'move it aside' in str(caught.value)


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(HistoryError, match='is a directory'):
        open_store(str(tmp_path))


def test_the_interface_is_abstract():
    store = HistoryStore()
    for hook in (store._begin, store._commit, store._rollback):
        with pytest.raises(NotImplementedError):
            hook()


def test_a_limited_run_is_never_the_baseline_of_a_wider_one(store, runs):
    # Before: a --limit run of one host became the next full run's baseline (its other hosts' findings all "new").
    both = [runs['inspection']('h1', used=95.0, status='critical'), runs['inspection']('h2', used=95.0, status='critical')]
    full = runs['make_run']('20261001T080000-full', both, started='2026-10-01T08:00:00+08:00')
    limited = runs['make_run']('20261015T080000-lim', [runs['inspection']('h1')], started='2026-10-15T08:00:00+08:00')
    limited['meta']['scope'] = {'limit': 'h1'}
    again = runs['make_run']('20261101T080000-full', both, started='2026-11-01T08:00:00+08:00')
    again['meta']['scope'] = {'limit': None}
    for run in (full, limited, again):
        store.save_run(run)
    changes = store.load_run('20261101T080000-full')['changes']
    assert changes['previous_run_id'] == '20261001T080000-full' and changes['new'] == []
    assert store.load_run('20261015T080000-lim')['changes'] is None      # no earlier run of that limit


def test_a_stored_run_id_is_refused_unless_it_is_a_slice_of_the_same_job(store, runs):
    from ansible_collections.medops.itops.plugins.module_utils.history.base import RunIdTaken
    store.save_run(runs['make_run']('r-1', [runs['inspection']('h1')]))
    with pytest.raises(RunIdTaken, match='run id r-1 is already stored'):
        store.save_run(runs['make_run']('r-1', [runs['inspection']('h2')]))
    store.save_run(runs['make_run']('s-1', [runs['inspection']('h1')], slice_=0))
    store.save_run(runs['make_run']('s-1', [runs['inspection']('h1', used=60.0)], slice_=0))    # a slice run again
    with pytest.raises(RunIdTaken):
        store.save_run(runs['make_run']('s-1', [runs['inspection']('h3')], slice_=1, job='patch'))
    assert [i['target'] for i in store.load_run('r-1')['inspections']] == ['h1']
