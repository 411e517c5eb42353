# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""medops.itops.postgresql_inspect / mysql_inspect against the lab's databases (pg-db-01 and its
standby pg-db-02, my-db-01 and its GTID replica my-db-02), over the network and through the hosts'
own clients: every planted database condition is found with its status and grade, the replicas
show healthy replication, and a wrong password or a stopped server becomes a finding while the
run completes."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import subprocess
import time

import pytest

from playbook_runner import run_playbook, task_results

from ansible_collections.medops.itops.plugins.module_utils.inspection.grading import DEFAULT_POLICY, grade_item

pytestmark = pytest.mark.integration

PLAYBOOK = 'tests/integration/targets/databases/databases.yml'
TASKS = ('Inspect PostgreSQL servers (one connection and a bounded list of queries each)',
         'Inspect MariaDB/MySQL servers (one connection and a bounded list of queries each)')
DB_HOSTS = {'pg-db-01': 'hospital', 'pg-db-02': 'hospital', 'my-db-01': 'department', 'my-db-02': 'department'}


def inspections(result):
    found = {}
    for task in TASKS:
        for res in task_results(result, task):
            for ins in res.get('inspections', []) + ([res['inspection']] if 'inspection' in res else []):
                found[ins['target']] = ins
    return found


def wait_for_planted_idle_session(seconds=60):
    """The planted idle-in-transaction session counts once older than idle_in_transaction_s (60 s)."""
    age = subprocess.run(['podman', 'exec', 'mlab-pg-db-01', 'runuser', '-u', 'postgres', '--', 'psql', '-X', '-At', '-d', 'his', '-c',
                          "SELECT coalesce(max(extract(epoch FROM now() - state_change))::int, 0) FROM pg_stat_activity "
                          "WHERE application_name = 'lab-plant-idle-xact'"],
                         stdout=subprocess.PIPE, text=True, check=False).stdout.strip()
    if age.isdigit() and int(age) <= seconds:
        time.sleep(seconds + 2 - int(age))


@pytest.mark.parametrize('transport', ['network', 'ssh'])
def test_planted_database_conditions_found_and_nothing_else(lab, transport):
    wait_for_planted_idle_session()
    _rc, result = run_playbook(PLAYBOOK, '-e', 'db_transport=%s' % transport)
    found = inspections(result)
    assert sorted(found) == sorted(DB_HOSTS)
    planted = [p for p in lab if p['host'] in DB_HOSTS]
    assert len(planted) >= 3
    expected = set()
    for plant in planted:
        exp = plant['expect']
        items = [i for i in found[plant['host']]['items'] if i['id'] == exp['id'] and i['subject'] == exp['subject']]
        seen = [(i['id'], i['subject'], i['status']) for i in found[plant['host']]['items']]
        assert items, '%s: no %s item for %s in %s' % (plant['host'], exp['id'], exp['subject'], seen)
        assert items[0]['status'] == exp['status'], items[0]
        _kind, grade, level, _r, _rr = grade_item(items[0], DB_HOSTS[plant['host']], DEFAULT_POLICY)
        assert (grade or level) == (exp.get('grade') or exp.get('level')), items[0]
        expected.add((plant['host'], exp['id'], exp['subject']))
    others = [(t, i['id'], i['subject'], i['status'], i.get('detail')) for t, ins in found.items() for i in ins['items']
              if i['status'] != 'ok' and (t, i['id'], i['subject']) not in expected]
    assert others == []


def test_replicas_show_healthy_replication_and_bounded_queries(lab):
    _rc, result = run_playbook(PLAYBOOK)
    found = inspections(result)
    standby = dict((i['id'], i) for i in found['pg-db-02']['items'])
    assert standby['pg.replication.state']['value'] == 'streaming' and standby['pg.replication.state']['subject'] == 'upstream pg-db-01'
    assert standby['pg.replication.lag_s']['status'] == 'ok'
    senders = [i for i in found['pg-db-01']['items'] if i['id'] == 'pg.replication.state']
    assert senders and all(i['status'] == 'ok' for i in senders)
    replica = dict((i['id'], i) for i in found['my-db-02']['items'])
    assert replica['mysql.replication.io_running']['value'] == 'Yes' and replica['mysql.replication.sql_running']['value'] == 'Yes'
    assert replica['mysql.replication.lag_s']['status'] == 'ok'
    stats = {}
    for task in TASKS:
        for res in task_results(result, task):
            stats.update(res.get('stats') or {})
    assert all(s['connections'] == 1 and s['queries'] <= 16 for s in stats.values()), stats


def test_wrong_password_is_a_finding_and_the_run_completes(lab):
    rc, result = run_playbook(PLAYBOOK, '-e', 'itops_db_password=wrong-password-42')
    assert rc == 0
    found = inspections(result)
    for host in DB_HOSTS:
        reach = found[host]['items'][0]
        assert reach['id'] in ('pg.reach', 'mysql.reach') and reach['status'] == 'critical' and not reach.get('fault'), reach
        assert 'refused' in reach['detail']
    assert 'wrong-password-42' not in str(result)


def _pg_db_02(action):
    subprocess.run(['podman', 'exec', 'mlab-pg-db-02', 'systemctl', action, 'postgresql@15-main.service', 'postgresql.service'],
                   check=True, timeout=60)


def test_database_down_is_a_fault_and_the_run_completes(lab):
    _pg_db_02('stop')
    try:
        rc, result = run_playbook(PLAYBOOK)
        assert rc == 0
        found = inspections(result)
        reach = found['pg-db-02']['items'][0]
        assert reach['id'] == 'pg.reach' and reach['status'] == 'critical' and reach['fault'] is True, reach
        assert grade_item(reach, 'hospital', DEFAULT_POLICY)[1] == 'P1'
        assert found['pg-db-01']['items'][0]['status'] == 'ok'
    finally:
        _pg_db_02('start')
        for _i in range(60):
            state = subprocess.run(['podman', 'exec', 'mlab-pg-db-02', 'runuser', '-u', 'postgres', '--', 'psql', '-X', '-At', '-c',
                                    'SELECT status FROM pg_stat_wal_receiver'], stdout=subprocess.PIPE, text=True, check=False).stdout
            if state.strip() == 'streaming':
                break
            time.sleep(0.5)
