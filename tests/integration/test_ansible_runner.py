# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inspection callback under ansible-runner (the way AWX runs a job) and under ansible-playbook.

One small inspection of this machine (medops.itops.linux_inspect over ansible_connection=local)
plus one host that refuses connections runs once through ansible_runner.run() with a
private_data_dir, and once through ansible-playbook; both must leave the same reports and the same
history rows.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import sqlite3
import subprocess
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
BIN = os.path.dirname(sys.executable)

pytestmark = pytest.mark.integration

INVENTORY = """\
[linux_server]
localhost ansible_connection=local itops_impact=hospital itops_system="HIS 医院信息系统" ansible_python_interpreter={python}
ghost ansible_host=127.0.0.1 ansible_port=9 ansible_connection=ssh itops_impact=department
[all:vars]
canary_password=Canary-7d1e-not-in-reports
"""
PLAYBOOK = """\
- name: Quarterly inspection (integration test)
  hosts: all
  gather_facts: false
  vars:
    itops_report_hospital: 测试医院
    itops_report_inspector: 张工
  tasks:
    - name: Inspect the Linux server
      medops.itops.linux_inspect:
"""
REPORT_FILES = ['health_report.html', 'health_report.md', 'inspection_record.html', 'inspection_record.xlsx', 'run.json']


def _envvars(reports_dir):
    return {
        'ANSIBLE_CALLBACKS_ENABLED': 'medops.itops.inspection',
        'ANSIBLE_COLLECTIONS_PATH': os.path.join(ROOT, '.build'),
        'ANSIBLE_HOST_KEY_CHECKING': 'False',
        'ANSIBLE_TIMEOUT': '5',
        'ITOPS_REPORTS_DIR': reports_dir,
        'PATH': BIN + os.pathsep + os.environ.get('PATH', ''),
    }


@pytest.fixture(scope='module')
def project(tmp_path_factory):
    base = tmp_path_factory.mktemp('runner')
    (base / 'project').mkdir()
    (base / 'inventory').mkdir()
    (base / 'env').mkdir()
    (base / 'project' / 'quarterly_inspection.yml').write_text(PLAYBOOK, encoding='utf-8')
    (base / 'inventory' / 'hosts').write_text(INVENTORY.format(python=sys.executable), encoding='utf-8')
    return base


def _run_with_runner(project):
    ansible_runner = pytest.importorskip('ansible_runner')
    reports = str(project / 'reports-runner')
    old_path = os.environ.get('PATH', '')
    os.environ['PATH'] = BIN + os.pathsep + old_path  # ansible-runner looks ansible-playbook up on PATH
    try:
        runner = ansible_runner.run(private_data_dir=str(project), playbook='quarterly_inspection.yml', envvars=_envvars(reports),
                                    quiet=True, timeout=600)
    finally:
        os.environ['PATH'] = old_path
    return runner, reports


def _run_with_ansible_playbook(project):
    reports = str(project / 'reports-playbook')
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, 'ansible.cfg'), **_envvars(reports))
    proc = subprocess.run([os.path.join(BIN, 'ansible-playbook'), '-i', str(project / 'inventory' / 'hosts'),
                           str(project / 'project' / 'quarterly_inspection.yml')],
                          cwd=str(project), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600, check=False)
    return proc, reports


def _single_run(reports):
    run_ids = [name for name in os.listdir(reports) if os.path.isdir(os.path.join(reports, name))]
    assert len(run_ids) == 1, run_ids
    out_dir = os.path.join(reports, run_ids[0])
    with open(os.path.join(out_dir, 'run.json'), encoding='utf-8') as handle:
        return json.load(handle), sorted(os.listdir(out_dir))


def _history(reports):
    conn = sqlite3.connect(os.path.join(reports, 'history.sqlite'))
    try:
        counts = dict((table, conn.execute('SELECT count(*) FROM %s' % table).fetchone()[0])
                      for table in ('runs', 'inspections', 'items', 'findings', 'metrics'))
        hosts = sorted(conn.execute('SELECT target, host_status FROM inspections').fetchall())
        item_ids = sorted(set(conn.execute('SELECT target, id FROM items').fetchall()))
    finally:
        conn.close()
    return counts, hosts, item_ids


def _shape(run):
    return {
        'job': run['job'], 'period': run['period'], 'meta': run['meta'],
        'hosts': [(i['target'], i['host_status'], i['impact'], i['device_class']) for i in run['inspections']],
        'item_ids': sorted(set((i['target'], item['id']) for i in run['inspections'] for item in i['items'])),
        'faults': run['summary']['faults_by_grade'],
    }


def test_runner_and_ansible_playbook_leave_the_same_reports_and_history(project):
    runner, runner_reports = _run_with_runner(project)
    proc, playbook_reports = _run_with_ansible_playbook(project)
    # The ghost host cannot be reached (rc 4, or 2 when the action plugin reports it as a failure),
    # and the play went on for localhost.
    assert runner.rc in (2, 4), runner.stdout.read()[-3000:]
    assert proc.returncode == runner.rc, proc.stdout[-3000:]
    assert 'INSPECTION SUMMARY' in proc.stdout

    run_a, files_a = _single_run(runner_reports)
    run_b, files_b = _single_run(playbook_reports)
    assert files_a == files_b == REPORT_FILES
    assert _shape(run_a) == _shape(run_b)

    shape = _shape(run_a)
    assert shape['job'] == 'quarterly_inspection' and shape['period'] == 'quarterly'
    assert shape['meta']['hospital'] == '测试医院' and shape['meta']['inspector'] == '张工'
    assert ('ghost', 'unreachable', 'department', 'linux_server') in shape['hosts']
    assert ('localhost', 'ok', 'hospital', 'linux_server') in shape['hosts']
    assert shape['faults']['P2'] == 1
    assert any(target == 'localhost' and item_id.startswith('linux.') for target, item_id in shape['item_ids'])

    history_a, history_b = _history(runner_reports), _history(playbook_reports)
    assert history_a[0]['runs'] == 1 and history_a[0]['inspections'] == 2 and history_a[0]['items'] > 1
    assert history_a[1:] == history_b[1:]
    assert history_a[0]['runs'] == history_b[0]['runs'] and history_a[0]['inspections'] == history_b[0]['inspections']

    for reports in (runner_reports, playbook_reports):
        for dirpath, dummy, names in os.walk(reports):
            for name in names:
                with open(os.path.join(dirpath, name), 'rb') as handle:
                    assert b'Canary-7d1e-not-in-reports' not in handle.read(), name
