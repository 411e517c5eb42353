# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Storage array specs from inventory variables.

Per host: ansible_host; itops_storage_vendor (oceanstor | storwize); for the REST API
itops_storage_port (8088), itops_storage_user, itops_storage_password, itops_storage_validate_certs
(false); itops_thresholds. Storwize arrays are reached over SSH with the host's own connection.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.storage.argspec import VENDORS
from ansible_collections.medops.itops.plugins.module_utils.inspection import specs, validate
from ansible_collections.medops.itops.plugins.module_utils.inspection.hostvars import hostvar

REST_PORTS = {'oceanstor': 8088}


def storage_specs(targets, all_hostvars, templar=None):
    """(specs, not-inspected inspections, warnings) of targets (the policy of inspection/specs.py)."""
    return specs.build(targets, all_hostvars, storage_spec, 'storage', 'storage', templar)


def storage_spec(name, hostvars, templar=None):
    """One REST array's spec; validate.ConfigError names the variable that cannot be used."""
    vendor = hostvar(hostvars, 'itops_storage_vendor', templar)
    if vendor not in VENDORS:
        raise validate.ConfigError(name, 'itops_storage_vendor', vendor, 'is not one of %s' % ', '.join(VENDORS))
    if vendor not in REST_PORTS:
        raise validate.ConfigError(name, 'itops_storage_vendor', vendor, 'arrays are inspected over SSH by a task on the host itself, not from `targets`')
    port = validate.port(name, 'itops_storage_port', hostvar(hostvars, 'itops_storage_port', templar), REST_PORTS[vendor])
    address = validate.address(name, 'ansible_host', hostvar(hostvars, 'ansible_host', templar) or name)
    user = validate.name(name, 'itops_storage_user', hostvar(hostvars, 'itops_storage_user', templar))
    host_settings, warnings = validate.settings(name, hostvars, templar, only=('thresholds', 'impact'))
    return {'target': name, 'vendor': vendor, 'port': port, 'address': address, 'user': user,
            'password': hostvar(hostvars, 'itops_storage_password', templar),
            'validate_certs': bool(hostvar(hostvars, 'itops_storage_validate_certs', templar)),
            'thresholds': host_settings['thresholds'], 'warnings': warnings}
