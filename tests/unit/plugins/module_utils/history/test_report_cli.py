# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""tools/report/itops-report over a history with two runs."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib.machinery
import importlib.util
import io
import json
import os

import pytest

from ansible_collections.medops.itops.plugins.module_utils.history import open_store

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', '..'))
OLD, NEW = '20261025T080000-1a2b', '20261125T080000-3f2a'


@pytest.fixture(scope='module')
def cli():
    path = os.path.join(ROOT, 'tools', 'report', 'itops-report')
    loader = importlib.machinery.SourceFileLoader('itops_report', path)
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader('itops_report', loader))
    loader.exec_module(module)
    return module


@pytest.fixture
def reports(tmp_path, runs):
    with open_store(reports_dir=str(tmp_path)) as store:
        store.save_run(runs['make_run'](OLD, [runs['inspection']('h1', used=85.0, status='warning')], started='2026-10-25T08:00:00+08:00'))
        store.save_run(runs['make_run'](NEW, [runs['inspection']('h1', used=95.0, status='critical'), runs['inspection']('h2', used=91.0, status='critical')]))
    return str(tmp_path)


def run(cli, reports, *argv):
    out = io.StringIO()
    rc = cli.main(['--reports-dir', reports] + list(argv), out=out)
    return rc, out.getvalue()


def test_list_and_show(cli, reports):
    rc, out = run(cli, reports, 'list')
    assert rc == 0 and out.index(NEW) < out.index(OLD)
    rc, out = run(cli, reports, 'list', '--json', '--job', 'quarterly_inspection')
    assert [r['run_id'] for r in json.loads(out)] == [NEW, OLD]
    rc, out = run(cli, reports, 'show', NEW)
    assert rc == 0 and 'hosts 2 (inspected 2, not inspected 0)' in out and 'since %s: 1 new, 0 resolved, 1 worsened' % OLD in out
    rc, out = run(cli, reports, 'show', NEW, '--json')
    assert json.loads(out)['summary']['risks_by_level']['high'] == 2


def test_compare(cli, reports):
    rc, out = run(cli, reports, 'compare', OLD, NEW, '--json')
    changes = json.loads(out)
    assert rc == 0 and [c['target'] for c in changes['new']] == ['h2'] and [c['target'] for c in changes['worsened']] == ['h1']
    rc, out = run(cli, reports, 'compare', OLD, NEW)
    assert 'new: 1' in out and 'worsened: 1' in out and '(was warning)' in out


def test_render_in_english(cli, reports, tmp_path):
    rc, out = run(cli, reports, 'render', NEW, '--language', 'en', '--out', str(tmp_path / 'en'), '--formats', 'json,md')
    assert rc == 0 and sorted(os.listdir(str(tmp_path / 'en'))) == ['health_report.md', 'run.json']
    with open(str(tmp_path / 'en' / 'run.json'), encoding='utf-8') as handle:
        assert json.load(handle)['meta']['language'] == 'en'


def test_errors_are_one_line(cli, reports, capsys):
    assert run(cli, reports, 'show', 'nope')[0] == 1
    assert 'has no run nope' in capsys.readouterr().err
    bad = os.path.join(reports, 'bad.sqlite')
    with open(bad, 'w') as handle:
        handle.write('not sqlite' * 20)
    assert cli.main(['--history', bad, 'list'], out=io.StringIO()) == 1
    assert 'move it aside' in capsys.readouterr().err
