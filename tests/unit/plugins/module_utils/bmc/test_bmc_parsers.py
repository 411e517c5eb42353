# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""BMC items from recorded Redfish documents and ipmitool outputs (lab), and written ipmitool outputs."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os

import pytest

from ansible_collections.medops.itops.plugins.module_utils.bmc import ipmi, redfish
from ansible_collections.medops.itops.plugins.module_utils.bmc.items import items_from_model
from ansible_collections.medops.itops.plugins.module_utils.bmc.targets import bmc_specs

FIXTURES = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', 'fixtures'))


def replay(name):
    """A getter answering from a recorded walk; paths not recorded fail as a 404 would."""
    with open(os.path.join(FIXTURES, 'redfish', name)) as handle:
        documents = json.load(handle)

    def get(path):
        if path not in documents:
            raise ValueError('HTTP 404')
        return documents[path]
    return get


def _ipmi(name):
    outputs = {}
    for key, _args in ipmi.COMMANDS:
        with open(os.path.join(FIXTURES, 'ipmi', name, key + '.txt')) as handle:
            outputs[key] = handle.read()
    return outputs


def _by(inspection):
    return dict(((i['id'], i['subject']), i) for i in inspection['items'])


def test_recorded_mockup_bmc_with_failed_psu():
    inspection = items_from_model('bmc-pacs-01', redfish.model_from_documents(redfish.collect_documents(replay('bmc-pacs-01.json'))))
    items = _by(inspection)
    assert items[('bmc.psu.state', 'PSU2')]['status'] == 'critical'
    assert items[('bmc.psu.state', 'PSU1')]['status'] == 'ok'
    assert items[('bmc.health', 'system')]['status'] == 'ok'             # the system itself; the PSU is its own item
    assert items[('bmc.temperature.c', 'Inlet Temp')]['threshold'] == {'warning': 42, 'critical': 46}
    assert items[('bmc.drive.state', 'Disk0')]['status'] == 'ok'
    assert '447.1 GiB (480103981056 B)' in items[('bmc.drive.state', 'Disk0')]['detail']
    assert items[('bmc.temperature.c', 'Inlet Temp')]['unit'] == '°C'
    assert items[('bmc.log.critical', 'SEL')]['value'] == 0
    assert [k for k, v in items.items() if v['status'] != 'ok'] == [('bmc.psu.state', 'PSU2')]
    assert inspection['facts'] == {'manufacturer': 'Huawei', 'model': '2288H V5', 'serial': '2102311TXB10K9000123', 'bios': '2.57',
                                   'firmware': '3.63'}
    assert inspection['metrics']['temperature.Inlet Temp'] == 23


def test_recorded_sushy_bmc_is_healthy_and_missing_resources_are_noted():
    docs = redfish.collect_documents(replay('bmc-his-01.json'))
    inspection = items_from_model('bmc-his-01', redfish.model_from_documents(docs))
    assert [i for i in inspection['items'] if i['status'] != 'ok'] == []
    assert not [i for i in inspection['items'] if i['id'] == 'bmc.psu.state']      # sushy serves no Power resource
    assert docs['problems']                                                          # its Storage link answers 404


def test_user_thresholds_win_over_the_bmc_thresholds():
    model = redfish.model_from_documents(redfish.collect_documents(replay('bmc-pacs-01.json')))
    items = _by(items_from_model('b', model, overrides={'bmc.temperature.c@CPU1 Core Rem': {'warning': 50, 'critical': 60}}))
    assert items[('bmc.temperature.c', 'CPU1 Core Rem')]['status'] == 'warning'
    assert items[('bmc.temperature.c', 'CPU2 Core Rem')]['status'] == 'ok'


def test_redfish_garbage_documents():
    with pytest.raises(ValueError):
        redfish.collect_documents(lambda path: [1, 2])
    docs = {'systems': [{'Status': 'garbage'}], 'power': [{'PowerSupplies': ['x', {'Status': {'State': 'Absent'}},
                                                                             {'Name': 'P3', 'Status': {'State': 'UnavailableOffline'}}]}],
            'thermal': [{'Fans': [{'Status': {'Health': 'Warning', 'State': 'Enabled'}}],
                         'Temperatures': [{'Name': 'T', 'ReadingCelsius': 'hot', 'Status': {'Health': 'OK', 'State': 'Enabled'}},
                                          {'Name': 'U', 'ReadingCelsius': 30, 'Status': {'Health': 'Critical', 'State': 'Enabled'}}]}],
            'drives': [{'Id': 'd1', 'FailurePredicted': True, 'Status': {'Health': 'OK', 'State': 'Enabled'}}],
            'managers': [], 'log_entries': [{'Severity': 'Critical', 'Message': 'x' * 300}, 'junk']}
    items = _by(items_from_model('b', redfish.model_from_documents(docs)))
    assert items[('bmc.health', 'system')]['status'] == 'unknown'
    assert items[('bmc.psu.state', 'P3')]['status'] == 'critical'
    assert items[('bmc.fan.state', 'Fan1')]['status'] == 'warning'
    assert items[('bmc.temperature.c', 'T')]['status'] == 'unknown'
    assert items[('bmc.temperature.c', 'U')]['status'] == 'critical'       # the BMC says so, even below the default
    assert items[('bmc.drive.state', 'd1')]['status'] == 'warning'
    assert items[('bmc.log.critical', 'SEL')]['status'] == 'warning'


def test_recorded_ipmi_bmc_with_failed_psu_and_sel_entry():
    inspection = items_from_model('bmc-fin-01', ipmi.model_from_outputs(_ipmi('bmc-fin-01')))
    items = _by(inspection)
    assert items[('bmc.psu.state', 'PS2 Status')]['status'] == 'critical'
    assert items[('bmc.psu.state', 'PS1 Status')]['status'] == 'ok'
    assert items[('bmc.log.critical', 'SEL')]['status'] == 'warning'
    assert ('bmc.health', 'system') not in items
    assert sorted(k for k, v in items.items() if v['status'] != 'ok') == [('bmc.log.critical', 'SEL'), ('bmc.psu.state', 'PS2 Status')]
    assert inspection['facts'] == {'manufacturer': 'Huawei', 'model': 'RH2288 V2', 'serial': '2102310QLH10E4001234', 'firmware': '5.12'}
    assert items[('bmc.temperature.c', 'CPU1 Temp')]['value'] == 52.0


def test_written_ilo3_outputs():
    model = ipmi.model_from_outputs(_ipmi('written_ilo3'))
    items = _by(items_from_model('ilo', model))
    assert items[('bmc.temperature.c', 'Temp 2')]['status'] == 'critical'
    assert items[('bmc.temperature.c', 'Temp 3')]['status'] == 'warning'
    assert items[('bmc.fan.state', 'Fan 2')]['status'] == 'critical'
    assert items[('bmc.psu.state', 'Power Supply 2')]['status'] == 'critical'
    assert items[('bmc.drive.state', 'HDD 1')]['status'] == 'critical'
    assert ('bmc.fan.state', 'UID Light') not in items
    assert items[('bmc.log.critical', 'SEL')]['value'] == 3               # asserted critical events only
    assert model['system'] == {'manufacturer': 'HP', 'model': 'ProLiant DL380 G7', 'serial': 'CZ1234ABCD', 'firmware': None}


def test_ipmi_parsers_on_garbage():
    assert ipmi.parse_sdr('garbage\n|||\n') == ([], [], [], [])
    assert ipmi.parse_sel(None) == []
    model = ipmi.model_from_outputs({'sdr': None})
    assert model['log_read'] is False and model['psus'] == []


def test_run_ipmitool_missing_binary_and_password_in_environment():
    rc, _out, err = ipmi.run_ipmitool({'address': '127.0.0.1', 'port': 623, 'user': 'u', 'password': 'p'}, ['sdr'], 1,
                                      binary='/nonexistent/ipmitool')
    assert rc == 127 and 'nonexistent' in err


def test_bmc_specs():
    hostvars = {'r': {'ansible_host': '10.0.0.5', 'itops_bmc_user': 'u', 'itops_bmc_password': 'p', 'itops_bmc_port': 8443},
                'i': {'itops_bmc_protocol': 'ipmi', 'itops_bmc_port': 443},
                'x': {'itops_bmc_protocol': 'snmp'}, 'y': {'itops_bmc_port': 'abc'}}
    specs, broken, _warnings = bmc_specs(['r', 'i', 'x', 'y', 'z'], hostvars)
    assert [(s['target'], s['protocol'], s['port']) for s in specs] == [('r', 'redfish', 8443), ('i', 'ipmi', 623)]
    assert [i['target'] for i in broken] == ['x', 'y', 'z']
    reasons = [i['items'][0]['detail'] for i in broken]
    assert "itops_bmc_protocol = 'snmp' is not one of" in reasons[0] and 'z is not a host of this inventory' in reasons[2]
