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
from ansible_collections.medops.itops.plugins.module_utils.inspection import validate
from ansible_collections.medops.itops.plugins.module_utils.inspection.hostvars import hostvar

REST_PORTS = {'oceanstor': 8088}


def storage_specs(targets, all_hostvars, templar=None):
    """(specs, problems): problems are (target, reason) for hosts whose variables cannot be used."""
    specs, problems = [], []
    for name in targets:
        hostvars = all_hostvars.get(name)
        if hostvars is None:
            problems.append((name, '%s is not a host of this inventory' % name))
            continue
        vendor = hostvar(hostvars, 'itops_storage_vendor', templar)
        if vendor not in VENDORS:
            problems.append((name, 'itops_storage_vendor must be one of %s, got %r' % (', '.join(VENDORS), vendor)))
            continue
        if vendor not in REST_PORTS:
            problems.append((name, '%s arrays are inspected over SSH by a task on the host itself, not from `targets`' % vendor))
            continue
        try:
            port = validate.port(name, 'itops_storage_port', hostvar(hostvars, 'itops_storage_port', templar), REST_PORTS[vendor])
            address = validate.address(name, 'ansible_host', hostvar(hostvars, 'ansible_host', templar) or name)
            user = validate.name(name, 'itops_storage_user', hostvar(hostvars, 'itops_storage_user', templar))
        except validate.ConfigError as exc:
            problems.append((name, str(exc)))
            continue
        host_settings, warnings = validate.settings(name, hostvars, templar, only=('thresholds', 'impact'))
        specs.append({'target': name, 'vendor': vendor, 'port': port, 'address': address, 'user': user,
                      'password': hostvar(hostvars, 'itops_storage_password', templar),
                      'validate_certs': bool(hostvar(hostvars, 'itops_storage_validate_certs', templar)),
                      'thresholds': host_settings['thresholds'], 'warnings': warnings})
    return specs, problems
