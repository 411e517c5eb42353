# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Probe specs from inventory variables: addresses, ports, credentials and the errors an operator sees."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

import pytest

from ansible_collections.medops.itops.plugins.module_utils.reach.targets import build_specs

HOSTVARS = {
    'pg-db-01': {'ansible_host': '10.77.0.21', 'itops_db_user': 'itops_monitor', 'itops_db_password': 'pw', 'itops_db_name': 'his'},
    'my-db-01': {'ansible_host': '10.77.0.22', 'itops_db_host': '10.77.9.22', 'itops_db_port': '3307', 'itops_db_user': 'm'},
    'core-sw-01': {'ansible_host': '10.77.0.101', 'itops_device_class': 'switch', 'itops_snmp_version': '3', 'itops_snmp_user': 'u',
                   'itops_snmp_auth_key': 'a', 'itops_snmp_priv_key': 'p'},
    'ups-01': {'itops_snmp_community': 'public', 'itops_device_class': 'ups'},
    'his-app-01': {'ansible_host': '10.77.0.11', 'ansible_port': 2222},
}


def specs_of(*args, **kwargs):
    """build_specs() of hosts that are all usable."""
    found, broken, _warnings = build_specs(*args, **kwargs)
    assert broken == []
    return found


def test_database_specs_take_address_port_and_credentials():
    pg, = specs_of(['pg-db-01'], HOSTVARS, 'postgresql', port=5432, device_class='postgresql')
    assert pg == {'target': 'pg-db-01', 'device_class': 'postgresql', 'protocol': 'postgresql', 'address': '10.77.0.21',
                  'port': 5432, 'credentials': {'user': 'itops_monitor', 'password': 'pw', 'database': 'his'}}
    my, = specs_of(['my-db-01'], HOSTVARS, 'mysql', port=3306, device_class='mysql')
    assert (my['address'], my['port'], my['credentials']) == ('10.77.9.22', 3307, {'user': 'm'})


def test_ssh_port_and_name_fallback():
    ssh, = specs_of(['his-app-01'], HOSTVARS, 'ssh', port=22, device_class='linux_server')
    assert (ssh['address'], ssh['port']) == ('10.77.0.11', 2222)
    ups, = specs_of(['ups-01'], HOSTVARS, 'snmp', port=161)
    assert (ups['address'], ups['device_class'], ups['credentials']['version']) == ('ups-01', 'ups', '2c')


def test_snmp_v3_spec():
    sw, = specs_of(['core-sw-01'], HOSTVARS, 'snmp', port=161)
    assert sw['device_class'] == 'switch'
    assert sw['credentials'] == {'version': '3', 'user': 'u', 'auth_key': 'a', 'priv_key': 'p'}


def test_templated_values_are_rendered():
    class Templar(object):
        @staticmethod
        def template(value):
            return value.replace('{{ vault_pw }}', 'from-vault')
    spec, = specs_of(['x'], {'x': {'itops_db_password': '{{ vault_pw }}'}}, 'postgresql', port=5432, templar=Templar())
    assert spec['credentials']['password'] == 'from-vault'


@pytest.mark.parametrize('hostvars, protocol, message', [
    ({}, 'ssh', 'nohost is not a host of this inventory'),
    ({'nohost': {'itops_db_port': 'fivefourthreetwo'}}, 'postgresql', "nohost: itops_db_port = 'fivefourthreetwo' is not a port number"),
    ({'nohost': {}}, 'snmp', 'nohost: itops_snmp_community is required for SNMP v2c'),
    ({'nohost': {'itops_snmp_version': '3'}}, 'snmp', 'nohost: itops_snmp_user is required for SNMP v3'),
    ({'nohost': {'itops_snmp_version': '4', 'itops_snmp_community': 'c'}}, 'snmp', "itops_snmp_version = '4' is not 1, 2c or 3"),
])
def test_unusable_variables_name_the_host(hostvars, protocol, message):
    found, broken, _warnings = build_specs(['nohost'], hostvars, protocol, port=161)
    assert found == [] and [i['target'] for i in broken] == ['nohost']
    assert re.search(message, broken[0]['items'][0]['detail'])


def test_bmc_without_redfish_is_pinged_over_rmcp():
    hostvars = {'bmc-fin-01': {'ansible_host': '10.77.0.153', 'itops_bmc_protocol': 'ipmi', 'itops_bmc_user': 'u'},
                'bmc-his-01': {'ansible_host': '10.77.0.151', 'itops_bmc_port': 8443},
                'bmc-old-02': {'ansible_host': '10.77.0.154', 'itops_bmc_protocol': 'ipmi', 'itops_ipmi_port': 6230}}
    fin, his, old = specs_of(['bmc-fin-01', 'bmc-his-01', 'bmc-old-02'], hostvars, 'redfish', port=443, device_class='bmc')
    assert (fin['protocol'], fin['port'], fin['credentials']) == ('ipmi', 623, {})
    assert (his['protocol'], his['port']) == ('redfish', 8443)
    assert (old['protocol'], old['port'], old['device_class']) == ('ipmi', 6230, 'bmc')
