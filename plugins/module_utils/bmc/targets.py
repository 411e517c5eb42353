# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""BMC specs from inventory variables.

Per host: ansible_host; itops_bmc_protocol (redfish | ipmi, default redfish); itops_bmc_port
(443 for Redfish, 623 for IPMI); itops_bmc_user, itops_bmc_password, itops_bmc_validate_certs;
itops_thresholds.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.bmc.argspec import PROTOCOLS
from ansible_collections.medops.itops.plugins.module_utils.inspection import specs, validate
from ansible_collections.medops.itops.plugins.module_utils.inspection.hostvars import hostvar

PORTS = {'redfish': 443, 'ipmi': 623}


def bmc_specs(targets, all_hostvars, templar=None):
    """(specs, not-inspected inspections, warnings) of targets (the policy of inspection/specs.py)."""
    return specs.build(targets, all_hostvars, bmc_spec, 'bmc', 'bmc', templar)


def bmc_spec(name, hostvars, templar=None):
    """One BMC's spec; validate.ConfigError names the variable that cannot be used."""
    protocol = hostvar(hostvars, 'itops_bmc_protocol', templar) or 'redfish'
    if protocol not in PROTOCOLS:
        raise validate.ConfigError(name, 'itops_bmc_protocol', protocol, 'is not one of %s' % ', '.join(PROTOCOLS))
    port_var = 'itops_bmc_port' if protocol == 'redfish' else 'itops_ipmi_port'
    port = validate.port(name, port_var, hostvar(hostvars, port_var, templar), PORTS[protocol])
    address = validate.address(name, 'ansible_host', hostvar(hostvars, 'ansible_host', templar) or name)
    user = validate.name(name, 'itops_bmc_user', hostvar(hostvars, 'itops_bmc_user', templar))
    host_settings, warnings = validate.settings(name, hostvars, templar, only=('thresholds', 'impact'))
    return {'target': name, 'protocol': protocol, 'port': port, 'address': address,
            'user': user, 'password': hostvar(hostvars, 'itops_bmc_password', templar),
            'validate_certs': bool(hostvar(hostvars, 'itops_bmc_validate_certs', templar)),
            'thresholds': host_settings['thresholds'], 'warnings': warnings}
