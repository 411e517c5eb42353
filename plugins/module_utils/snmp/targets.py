# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SNMP poll specs from inventory hosts: address and credentials as for reachability
(reach/targets.py), plus the SNMP inspection's own host variables:

  itops_snmp_profile   profile name (else detected from sysObjectID)
  itops_snmp_uplinks   ifNames whose loss is an outage (critical fault instead of a warning)
  itops_snmp_must_be_up  ifNames that must be up (same judgement as an uplink; e.g. a PACS link)
  itops_thresholds     threshold overrides by item id or id@subject
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.inspection import specs, validate
from ansible_collections.medops.itops.plugins.module_utils.reach.targets import spec_for
from ansible_collections.medops.itops.plugins.module_utils.inspection.hostvars import hostvar


def snmp_specs(targets, all_hostvars, templar=None, profile_names=None):
    """(specs, inspections for hosts whose variables are unusable): a bad host never stops the others.

    Connection variables that cannot be used make the host "not inspected" (validate.ConfigError);
    a wrong itops_snmp_profile (not in profile_names) or threshold is a warning in spec['warnings']
    and falls back (profile detected from sysObjectID, threshold defaults).
    """
    found, broken, _warnings = specs.build(
        targets, all_hostvars, lambda name, hv, templar: _spec(name, hv, templar, profile_names),
        lambda name: (all_hostvars.get(name) or {}).get('itops_device_class') or 'switch', 'snmp', templar)
    return found, broken


def _spec(name, hv, templar, profile_names):
    spec = spec_for(name, hv, 'snmp', port=161, templar=templar)
    host_settings, warnings = validate.settings(name, hv, templar, only=('thresholds', 'impact'))
    spec['profile'] = hostvar(hv, 'itops_snmp_profile', templar)
    if spec['profile'] and profile_names is not None:
        spec['profile'], found = validate.snmp_profile(name, spec['profile'], profile_names)
        warnings += found
    for key, var in (('uplinks', 'itops_snmp_uplinks'), ('must_be_up', 'itops_snmp_must_be_up')):
        names = hostvar(hv, var, templar) or []
        spec[key] = [str(u) for u in names] if isinstance(names, list) else [str(names)]
    spec['thresholds'] = host_settings['thresholds']
    spec['warnings'] = warnings
    if not hv.get('itops_device_class'):
        spec['device_class'] = None     # from the profile
    return spec
