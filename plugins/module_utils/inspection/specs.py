# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one spec builder: inventory hosts -> target specs, with the target policy of every job.

A many-target task names hosts (`targets`); each host's variables become one spec through the
area's build_one(name, hostvars, templar). The policy lives here, once:
- a name that is not a host of the inventory is "not inspected", with that reason;
- a host whose connection variables are unusable (build_one raises validate.ConfigError naming
  host, variable and value) is "not inspected" with the reason; the other hosts go on;
- build_one returning None means the host has nothing to inspect in this task (no probes);
- wrong settings are warnings in spec['warnings'] (gathered for the task's result).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.inspection.validate import ConfigError, not_inspected


def build(targets, all_hostvars, build_one, device_class, check, templar=None):
    """(specs, not_inspected inspections, warnings) of targets, in target order.

    `device_class` (of a not-inspected host) is a class name or a function of the host name;
    `check` is the subject of its inspection.config item.
    """
    specs, broken, warnings = [], [], []
    for name in targets:
        hostvars = all_hostvars.get(name)
        try:
            if hostvars is None:
                raise ConfigError(name, None, None, 'is not a host of this inventory')
            spec = build_one(name, hostvars, templar)
        except ConfigError as exc:
            klass = device_class(name) if callable(device_class) else device_class
            broken.append(not_inspected(name, klass, check, str(exc)))
            continue
        if spec is not None:
            warnings += spec.get('warnings') or []
            specs.append(spec)
    return specs, broken, warnings
