# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""medops.itops.tomcat_inspect / http_probe / custom_checks against the lab: Tomcat 10 behind
mw-app-01's HTTPS front end and the interface engine on ie-app-01 (its `ie` database on pg-db-01).
Every planted middleware and interface condition is found with its status and grade, healthy
Tomcat and interfaces show nothing, a stopped Tomcat becomes a fault while the run completes, and a
malformed custom check fails with a message naming it."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re
import subprocess
import time

import pytest

from playbook_runner import run_playbook, task_results

from ansible_collections.medops.itops.plugins.module_utils.inspection.grading import DEFAULT_POLICY, grade_item

pytestmark = pytest.mark.integration

PLAYBOOK = 'tests/integration/targets/middleware/middleware.yml'
TASKS = ("Read each Tomcat's manager status and JMX pools through its front end",
         'Probe the HTTP(S) and TCP services every host declares',
         "Run the host's user-defined checks")
HOSTS = {'mw-app-01': 'hospital', 'ie-app-01': 'hospital'}
ITEM_PREFIXES = ('tomcat.', 'http.', 'tls.', 'tcp.', 'custom.')


def inspections(result):
    """target -> all items of the three tasks."""
    found = {}
    for task in TASKS:
        for res in task_results(result, task):
            for ins in res.get('inspections', []) + ([res['inspection']] if 'inspection' in res else []):
                found.setdefault(ins['target'], []).extend(ins['items'])
    return found


def test_planted_middleware_and_interface_conditions_found_and_nothing_else(lab):
    started = time.monotonic()
    _rc, result = run_playbook(PLAYBOOK)
    took = time.monotonic() - started
    found = inspections(result)
    assert sorted(found) == sorted(HOSTS), sorted(found)
    planted = [p for p in lab if p['host'] in HOSTS and p['expect']['id'].startswith(ITEM_PREFIXES)]
    assert len(planted) >= 3
    expected = set()
    for plant in planted:
        exp = plant['expect']
        items = [i for i in found[plant['host']] if i['id'] == exp['id'] and i['subject'] == exp['subject']]
        seen = [(i['id'], i['subject'], i['status']) for i in found[plant['host']]]
        assert items, '%s: no %s item for %s in %s' % (plant['host'], exp['id'], exp['subject'], seen)
        assert items[0]['status'] == exp['status'], items[0]
        _kind, grade, level, _r, _rr = grade_item(items[0], HOSTS[plant['host']], DEFAULT_POLICY)
        assert (grade or level) == (exp.get('grade') or exp.get('level')), items[0]
        expected.add((plant['host'], exp['id'], exp['subject']))
    others = [(t, i['id'], i['subject'], i['status'], i.get('detail')) for t, items in found.items() for i in items
              if i['status'] != 'ok' and (t, i['id'], i['subject']) not in expected]
    assert others == []
    # The healthy interfaces are there, measured, and silent.
    ages = dict((i['subject'], i) for i in found['ie-app-01'] if i['id'] == 'custom.interface.last_success_age_min')
    assert len(ages) == 6 and sum(1 for i in ages.values() if i['status'] == 'ok') == 5
    tomcat = dict((i['id'], i) for i in found['mw-app-01'])
    for item_id in ('tomcat.reach', 'tomcat.heap.used_pct', 'tomcat.threads.busy_pct', 'tomcat.jdbc.active_pct'):
        assert tomcat[item_id]['status'] == 'ok', tomcat[item_id]
    assert tomcat['tomcat.jdbc.active_pct']['subject'] == '/app:jdbc/his'
    # TLS days left of the planted certificate (10 days when planted).
    tls = [i for i in found['mw-app-01'] if i['id'] == 'tls.days_left']
    assert len(tls) == 1 and 0 < tls[0]['value'] <= 10, tls
    assert re.match(r'^[0-9a-f]{64}$', tls[0]['cert_sha256']), tls      # the identity that folds it with the file's
    assert took < 60, took


def test_tomcat_stopped_is_a_fault_and_the_run_completes(lab):
    subprocess.run(['podman', 'exec', 'mlab-mw-app-01', 'systemctl', 'stop', 'tomcat10'], check=True)
    try:
        _rc, result = run_playbook(PLAYBOOK)
    finally:
        subprocess.run(['podman', 'exec', 'mlab-mw-app-01', 'systemctl', 'start', 'tomcat10'], check=True)
    found = inspections(result)
    reach = [i for i in found['mw-app-01'] if i['id'] == 'tomcat.reach']
    assert reach and reach[0]['status'] == 'critical' and reach[0].get('fault'), reach
    _kind, grade, _level, _r, _rr = grade_item(reach[0], 'hospital', DEFAULT_POLICY)
    assert grade == 'P1'
    web = [i for i in found['mw-app-01'] if i['id'] == 'http.status' and i['subject'] == 'his-web']
    assert web and web[0]['status'] == 'critical' and web[0]['value'] == 502 and web[0].get('fault'), web
    # The rest of the run went on: the interface checks still ran.
    assert any(i['id'] == 'custom.interface.backlog' for i in found['ie-app-01'])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        probe = subprocess.run(['curl', '-sk', '-o', '/dev/null', '-w', '%{http_code}', 'https://10.77.0.31/app/'],
                               stdout=subprocess.PIPE, text=True, check=False).stdout
        if probe == '200':
            break
        time.sleep(1)


def test_malformed_custom_check_names_the_check(lab):
    bad = [{'name': 'interface.broken', 'kind': 'sql', 'connection': 'ie', 'qurey': 'SELECT 1'}]
    rc, result = run_playbook(PLAYBOOK, '-e', json.dumps({'extra_custom_checks': bad}), '--limit', 'localhost,ie-app-01',
                              check=False)
    assert rc != 0
    failed = [r for r in task_results(result, TASKS[2]) if r.get('failed')]
    assert failed and "custom check 'interface.broken'" in failed[0]['msg'] and 'qurey' in failed[0]['msg'], failed
