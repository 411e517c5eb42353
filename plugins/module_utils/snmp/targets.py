# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SNMP poll specs from inventory hosts: address and credentials as for reachability
(reach/targets.py), plus the SNMP inspection's own host variables:

  itops_snmp_profile   profile name (else detected from sysObjectID)
  itops_snmp_uplinks   ifNames whose loss is an outage (critical fault instead of a warning)
  itops_thresholds     threshold overrides by item id or id@subject
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_inspection, make_item
from ansible_collections.medops.itops.plugins.module_utils.reach.targets import build_specs
from ansible_collections.medops.itops.plugins.module_utils.inspection.hostvars import hostvar


def snmp_specs(targets, all_hostvars, templar=None):
    """(specs, inspections for hosts whose variables are unusable): a bad host never stops the others."""
    specs, broken = [], []
    for name in targets:
        try:
            spec = build_specs([name], all_hostvars, 'snmp', port=161, templar=templar)[0]
        except ValueError as exc:
            hv = all_hostvars.get(name, {})
            broken.append(make_inspection(name, hv.get('itops_device_class') or 'switch', [
                make_item('snmp.reach', subject=name, status='unknown', detail='cannot poll: %s' % exc)]))
            continue
        hv = all_hostvars[name]
        spec['profile'] = hostvar(hv, 'itops_snmp_profile', templar)
        uplinks = hostvar(hv, 'itops_snmp_uplinks', templar) or []
        spec['uplinks'] = [str(u) for u in uplinks] if isinstance(uplinks, list) else [str(uplinks)]
        thresholds = hostvar(hv, 'itops_thresholds', templar)
        spec['thresholds'] = thresholds if isinstance(thresholds, dict) else {}
        if not hv.get('itops_device_class'):
            spec['device_class'] = None     # from the profile
        specs.append(spec)
    return specs, broken
