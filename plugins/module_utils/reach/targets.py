# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Turn inventory hosts into probe specs: address, port and credentials from their variables.

Variables read per host (see docs/variables.md):
  ansible_host, ansible_port                      address; SSH port
  itops_device_class                              overrides the class the protocol implies
  itops_db_host/port/user/password/name           postgresql, mysql
  itops_snmp_version (2c|3), itops_snmp_port, itops_snmp_community,
  itops_snmp_user, itops_snmp_auth_proto, itops_snmp_auth_key,
  itops_snmp_priv_proto, itops_snmp_priv_key      snmp
  itops_bmc_port/user/password/validate_certs     redfish
  itops_bmc_protocol: ipmi, itops_ipmi_port       a BMC without Redfish in a redfish sweep is pinged over
                                                  RMCP (UDP 623) instead, as bmc_inspect reads it over IPMI
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.inspection import specs, validate
from ansible_collections.medops.itops.plugins.module_utils.inspection.hostvars import hostvar

CREDENTIAL_VARS = {
    'postgresql': {'user': 'itops_db_user', 'password': 'itops_db_password', 'database': 'itops_db_name'},
    'mysql': {'user': 'itops_db_user', 'password': 'itops_db_password'},
    'snmp': {'version': 'itops_snmp_version', 'community': 'itops_snmp_community', 'user': 'itops_snmp_user',
             'auth_proto': 'itops_snmp_auth_proto', 'auth_key': 'itops_snmp_auth_key',
             'priv_proto': 'itops_snmp_priv_proto', 'priv_key': 'itops_snmp_priv_key'},
    'redfish': {'user': 'itops_bmc_user', 'password': 'itops_bmc_password', 'validate_certs': 'itops_bmc_validate_certs'},
}
# Well-known ports, used when neither the task nor the host names one.
DEFAULT_PORTS = {'ssh': 22, 'tcp': None, 'postgresql': 5432, 'mysql': 3306, 'snmp': 161, 'redfish': 443, 'ipmi': 623}
PORT_VARS = {'ssh': 'ansible_port', 'postgresql': 'itops_db_port', 'mysql': 'itops_db_port',
             'snmp': 'itops_snmp_port', 'redfish': 'itops_bmc_port', 'ipmi': 'itops_ipmi_port'}
ADDRESS_VARS = {'postgresql': 'itops_db_host', 'mysql': 'itops_db_host'}


def build_specs(targets, all_hostvars, protocol, port, device_class=None, templar=None):
    """(specs, not-inspected inspections, warnings) of targets (the policy of inspection/specs.py)."""
    return specs.build(targets, all_hostvars, lambda name, hv, tpl: spec_for(name, hv, protocol, port, device_class, tpl),
                       device_class or 'switch', 'reach.%s' % protocol, templar)


def spec_for(name, hv, protocol, port, device_class=None, templar=None):
    """The probe spec of one host; raises validate.ConfigError (a ValueError) naming the host, the
    variable and the value for an unusable address, port or SNMP credential."""
    if protocol == 'redfish' and hostvar(hv, 'itops_bmc_protocol', templar) == 'ipmi':
        protocol, port = 'ipmi', DEFAULT_PORTS['ipmi']
    return _spec(name, hv, protocol, port, device_class, templar)


def _spec(name, hv, protocol, port, device_class, templar):
    """The probe spec of one host."""
    address_var = ADDRESS_VARS.get(protocol, 'ansible_host')
    if not hostvar(hv, address_var, templar):
        address_var = 'ansible_host'
    address = validate.address(name, address_var, hostvar(hv, address_var, templar) or name)
    host_port = hostvar(hv, PORT_VARS.get(protocol, ''), templar) if protocol in PORT_VARS else None
    host_port = validate.port(name, PORT_VARS.get(protocol, 'port') if host_port not in (None, '') else 'port', host_port, port)
    creds = {}
    for key, var in CREDENTIAL_VARS.get(protocol, {}).items():
        value = hostvar(hv, var, templar)
        if value is not None:
            creds[key] = value
    if protocol == 'snmp':
        _check_snmp(name, creds)
    spec = {
        'target': name,
        'device_class': hostvar(hv, 'itops_device_class', templar) if protocol == 'snmp' else device_class,
        'protocol': protocol,
        'address': str(address),
        'port': host_port,
        'credentials': creds,
    }
    if not spec['device_class']:
        spec['device_class'] = device_class or 'switch'
    return spec


def _check_snmp(name, creds):
    version = str(creds.get('version') or '2c')
    creds['version'] = version
    if version in ('1', '2c') and not creds.get('community'):
        raise validate.ConfigError(name, 'itops_snmp_community', creds.get('community'), 'is required for SNMP v%s' % version)
    if version == '3' and not creds.get('user'):
        raise validate.ConfigError(name, 'itops_snmp_user', creds.get('user'), 'is required for SNMP v3')
    if version not in ('1', '2c', '3'):
        raise validate.ConfigError(name, 'itops_snmp_version', version, 'is not 1, 2c or 3')
