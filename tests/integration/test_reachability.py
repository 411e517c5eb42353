# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""medops.itops.reachability over the lab: every device answers its management protocol, and a
rejected login or a silent device becomes a finding while the run completes."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from playbook_runner import run_playbook, task_results

pytestmark = pytest.mark.integration

PROBE_TASK = 'Probe each device group over its management protocol'
PLAYBOOK = 'tests/integration/targets/reachability/reach_all.yml'


def _items(result):
    return dict(((i['target'], i['items'][0]['id']), i['items'][0])
                for res in task_results(result, PROBE_TASK) for i in res.get('inspections', []))


def test_every_lab_device_answers(lab):
    _rc, result = run_playbook(PLAYBOOK)
    items = _items(result)
    for key in [('his-app-01', 'reach.ssh'), ('fin-app-01', 'reach.ssh'), ('pg-db-01', 'reach.postgresql'),
                ('my-db-01', 'reach.mysql'), ('core-sw-01', 'reach.snmp'), ('bmc-his-01', 'reach.redfish')]:
        assert key in items, 'no %s item for %s' % (key[1], key[0])
    assert dict((k, v['detail']) for k, v in items.items() if v['status'] != 'ok') == {}


def test_wrong_credentials_and_silent_devices_become_findings(lab):
    _rc, result = run_playbook(PLAYBOOK, '-e', '{"inspect_reachability_timeout": 1}', '-e', 'itops_db_password=wrong-password-42',
                               '-e', 'itops_snmp_auth_key=wrong-auth-key-99', '-e', 'itops_bmc_port=4443', '-e', 'ansible_port=2222')
    items = dict((target, item) for (target, _id), item in _items(result).items())
    assert items['pg-db-01']['status'] == 'critical' and 'credentials rejected' in items['pg-db-01']['detail']
    assert not items['pg-db-01'].get('fault')          # the database answered: not an outage
    assert items['my-db-01']['status'] == 'critical' and 'credentials rejected' in items['my-db-01']['detail']
    assert items['core-sw-01']['status'] == 'critical'
    assert items['bmc-his-01']['status'] == 'critical' and items['bmc-his-01'].get('fault')
    assert items['his-app-01']['status'] == 'critical' and items['his-app-01'].get('fault')
    assert 'wrong-password-42' not in str(result)
