#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: storage_inspect
short_description: Inspect storage arrays (Huawei OceanStor over REST, IBM Storwize over the SSH CLI)
version_added: 0.1.0
description:
  - With O(targets), runs on the controller and inspects every listed array that speaks a REST API
    (C(itops_storage_vendor=oceanstor)) concurrently, returning one inspection per array under RV(inspections).
    OceanStor is read through the DeviceManager REST API (login session with C(iBaseToken); system, storage pools,
    disks and current alarms).
  - Without O(targets), inspects the current host, an IBM Storwize / FlashSystem array
    (C(itops_storage_vendor=storwize)), over the host's own SSH connection by running C(lssystem), C(lsenclosure),
    C(lsmdiskgrp), C(lsdrive), C(lseventlog), C(lsmdisk), C(lsnodecanister) (C(lsnode) where it is refused),
    C(lsenclosurebattery), C(lsenclosurepsu) and C(lsquorum) with C(-delim :), one command per SSH exec request and
    without a shell wrapper (the array's restricted shell has none); returns RV(inspection).
    The ibm.storage_virtualize modules are not used because they need the REST API on port 7443, which many
    hospital arrays keep closed; the CLI is what every Storwize answers.
  - "Items: C(storage.reach), C(storage.system.health), C(storage.pool.used_pct) (one per pool, with metrics
    C(pool.<name>.capacity_bytes) and C(pool.<name>.used_bytes) for the days-to-full forecast), C(storage.disk.state),
    C(storage.alarm); for Storwize also C(storage.mdisk.state), C(storage.node.state), C(storage.battery.state),
    C(storage.psu.state), C(storage.quorum.state). A command or endpoint that gives no usable answer is one
    C(unknown) item naming it. Facts: vendor, model (OceanStor: named from its product mode code when the array
    sends no model string), serial, firmware, name."
  - An array that does not answer is a critical C(storage.reach) fault; refused credentials are critical without the
    fault mark. One broken array never aborts the task.
  - This is an action plugin; REST arrays are never connected to with Ansible.
options:
  targets:
    description:
      - Inventory host names of REST arrays to inspect from the controller, for example C("{{ groups['oceanstor'] }}").
      - "Variables read per host: C(ansible_host), C(itops_storage_vendor), C(itops_storage_port) (default 8088),
        C(itops_storage_user), C(itops_storage_password), C(itops_storage_validate_certs) (default false),
        C(itops_thresholds)."
      - Leave unset to inspect the current host (a Storwize array) over its SSH connection.
    type: list
    elements: str
  timeout:
    description: Seconds to wait for each REST request.
    type: float
    default: 10
  concurrency:
    description: REST arrays inspected at the same time.
    type: int
    default: 16
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Read-only; runs the same in check mode.
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
author:
  - medops.itops developers (@medops)
'''

EXAMPLES = r'''
- name: Inspect the OceanStor arrays from the controller
  medops.itops.storage_inspect:
    targets: "{{ groups['oceanstor'] }}"
  delegate_to: localhost
  run_once: true

- name: Inspect a Storwize array over its SSH CLI, in a play on the storwize group (ansible_user superuser)
  medops.itops.storage_inspect:
'''

RETURN = r'''
inspections:
  description: One inspection per target (controller mode), see docs/inspection-item.md.
  returned: when targets is set
  type: list
  elements: dict
  sample: [{target: san-his-01, device_class: storage, facts: {model: OceanStor 5500 V5}, metrics: {}, items: []}]
inspection:
  description: The inspection of the current host (Storwize CLI mode).
  returned: when targets is not set
  type: dict
  sample: {target: san-lis-01, device_class: storage, facts: {model: IBM Storwize V5030}, metrics: {}, items: []}
total:
  description: Number of inspections returned in controller mode.
  returned: when targets is set
  type: int
  sample: 2
answered:
  description: Arrays whose storage.reach item is not critical (controller mode).
  returned: when targets is set
  type: int
  sample: 2
'''

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.medops.itops.plugins.module_utils.storage.argspec import ARGUMENT_SPEC


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    module.fail_json(msg='medops.itops.storage_inspect is an action plugin; it runs on the controller')


if __name__ == '__main__':
    main()
