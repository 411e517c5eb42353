# -*- coding: utf-8 -*-
"""The quarterly inspection reaches every device of the lab, and a broken one becomes a finding."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from conftest import run_playbook, task_results

pytestmark = pytest.mark.integration

PROBE_TASK = 'Probe each device group over its management protocol'


def _inspections(result):
    return [insp for res in task_results(result, PROBE_TASK) for insp in res.get('inspections', [])]


def test_every_lab_device_answers(lab):
    _rc, result = run_playbook('playbooks/quarterly_inspection.yml')
    by_item = dict(((i['target'], i['items'][0]['id']), i['items'][0]) for i in _inspections(result))
    # Every class of lab device is reached over its own protocol.
    for key in [('his-app-01', 'reach.ssh'), ('fin-app-01', 'reach.ssh'), ('pg-db-01', 'reach.postgresql'),
                ('my-db-01', 'reach.mysql'), ('core-sw-01', 'reach.snmp'), ('bmc-his-01', 'reach.redfish')]:
        assert key in by_item, 'no %s item for %s' % (key[1], key[0])
    not_ok = dict((k, v['detail']) for k, v in by_item.items() if v['status'] != 'ok')
    assert not not_ok


def test_wrong_password_and_dead_device_become_findings(lab):
    """A rejected login and a device that does not answer are findings; the run completes."""
    _rc, result = run_playbook('playbooks/quarterly_inspection.yml',
                               '-e', '{"inspect_reachability_timeout": 1}',
                               '-e', 'itops_db_password=wrong-password',
                               '-e', 'itops_snmp_auth_key=wrong-auth-key-99',
                               '-e', 'itops_bmc_port=4443')
    items = dict((i['target'], i['items'][0]) for i in _inspections(result) if i['device_class'] != 'linux_server')
    assert items['pg-db-01']['status'] == 'critical'
    assert 'credentials rejected' in items['pg-db-01']['detail']
    assert not items['pg-db-01'].get('fault')          # the database answered: not an outage
    assert items['my-db-01']['status'] == 'critical'
    assert items['core-sw-01']['status'] == 'critical' and items['core-sw-01'].get('fault')
    assert 'no response' in items['core-sw-01']['detail']
    assert items['bmc-his-01']['status'] == 'critical' and items['bmc-his-01'].get('fault')
    assert 'wrong-password' not in str(result)
