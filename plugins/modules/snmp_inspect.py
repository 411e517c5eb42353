#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: snmp_inspect
short_description: Inspect many SNMP devices (switches, firewalls, UPS, air conditioning, sensors) in one controller-side task
version_added: 0.1.0
description:
  - Polls every host in O(targets) concurrently from the controller (asyncio; v1/v2c with aiosnmp, v3 USM
    authNoPriv/authPriv with pysnmp) and returns one inspection per host (docs/inspection-item.md).
  - What is read and which items it makes comes from a device profile, a YAML file in the collection's
    C(profiles/snmp/) directory or in O(profile_dirs) (docs/snmp.md describes the format and how to add a
    device model by writing only a profile). The profile of a host is its C(itops_snmp_profile) variable, else
    O(profile), else the profile whose C(match) rules fit the device's sysObjectID (and sysDescr) if the device
    answers that profile's C(requires) OIDs, else the first profile whose C(capability) OID answers (one GET;
    UPS-MIB gives C(ups_rfc1628), HOST-RESOURCES-MIB C(host_resources), IF-MIB C(generic_snmp)), else
    O(fallback_profile). A device read only by a capability or fallback profile gets the warning item
    C(snmp.profile.generic) naming its sysObjectID (docs/snmp.md, "Detection").
  - Items include C(snmp.cpu.util_pct), C(snmp.mem.used_pct), C(snmp.temperature.c), C(snmp.fan.state),
    C(snmp.power.state), C(snmp.board.state), C(if.oper_status), C(if.errors.rate), C(if.discards.rate),
    C(if.util_pct), C(ups.on_battery), C(ups.battery.charge_pct), C(ups.battery.runtime_min), C(ups.load_pct),
    C(ups.battery.status), C(ups.alarms), C(env.temperature.c), C(env.humidity.pct), C(env.water_leak),
    C(env.smoke), C(vrrp.state), C(stack.member.state), C(ospf.neighbor.state) and C(snmp.reach).
  - A device that does not answer within O(timeout) x (O(retries) + 1) seconds (device down, ACL, wrong
    community or v3 keys) becomes a C(snmp.reach) critical fault; a v3 agent that reports our user or keys
    as wrong becomes C(snmp.reach) critical. Garbage answers (noSuchObject, wrong types, absurd values,
    missing tables) become C(unknown) items with the reason. One broken device never aborts the task.
  - Rates (interface errors, discards, utilisation) come from two samples O(sample_interval) seconds apart
    (O(samples=2)), or with O(samples=1) from the previous run's sample kept in O(state_file); counter wrap at
    2^32 and 2^64 is handled, a restarted device (sysUpTime went back) gives C(unknown).
  - "Variables read per host: C(ansible_host), C(itops_snmp_version) (C(1), C(2c) or C(3)), C(itops_snmp_port),
    C(itops_snmp_community), C(itops_snmp_user), C(itops_snmp_auth_proto), C(itops_snmp_auth_key),
    C(itops_snmp_priv_proto), C(itops_snmp_priv_key), C(itops_snmp_profile), C(itops_snmp_uplinks) (ifNames
    whose loss is an outage), C(itops_snmp_must_be_up) (ifNames judged like uplinks), C(itops_device_class),
    C(itops_thresholds)."
  - This is an action plugin; it runs on the controller and never connects to the targets with Ansible.
options:
  targets:
    description: Inventory host names to inspect, for example C("{{ groups['snmp_devices'] }}").
    type: list
    elements: str
    required: true
  profile:
    description: Profile for hosts without C(itops_snmp_profile); unset means detection by sysObjectID, then by capability.
    type: str
  profile_dirs:
    description: Directories with the user's own profiles, searched before the collection's C(profiles/snmp/).
    type: list
    elements: path
    default: []
  fallback_profile:
    description: Profile of a device that no profile matches and whose standard MIBs answer no capability probe.
    type: str
    default: generic_snmp
  timeout:
    description: Seconds to wait for each SNMP request try.
    type: float
    default: 5
  retries:
    description: Retries of a request after a timeout.
    type: int
    default: 1
  concurrency:
    description: How many devices are polled at the same time.
    type: int
    default: 64
  per_device:
    description: How many requests are in flight towards one device at the same time.
    type: int
    default: 4
  max_repetitions:
    description: GETBULK max-repetitions of the table walks.
    type: int
    default: 25
  samples:
    description:
      - C(2) reads the counters twice O(sample_interval) seconds apart; C(1) reads them once and computes rates
        from the previous run's sample in O(state_file).
    type: int
    default: 2
    choices: [1, 2]
  sample_interval:
    description: Seconds between the two counter samples.
    type: float
    default: 5
  device_timeout:
    description: Upper bound in seconds of the whole poll of one device.
    type: float
    default: 120
  state_file:
    description:
      - JSON file keeping each device's last counter sample and interface states between runs (an interface up in
        the previous run and down now is a finding).
      - Defaults to C(snmp_counters.json) in C($ITOPS_REPORTS_DIR) or C(reports).
    type: path
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Read-only; it changes nothing on any device (the counter state file is still written).
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
    details: Runs on the controller only.
requirements:
  - aiosnmp (SNMP v1/v2c) and pysnmp >= 7 (SNMP v3) on the controller
  - PyYAML
author:
  - medops.itops developers (@medops)
'''

EXAMPLES = r'''
- name: Inspect every SNMP device of the inventory (credentials and profiles from group_vars)
  medops.itops.snmp_inspect:
    targets: "{{ groups['snmp_devices'] }}"
  run_once: true
  delegate_to: localhost

- name: Inspect the UPS units with a site profile directory and one sample per run
  medops.itops.snmp_inspect:
    targets: "{{ groups['ups'] }}"
    profile_dirs: ["{{ inventory_dir }}/snmp_profiles"]
    samples: 1
    timeout: 2
  run_once: true
'''

RETURN = r'''
inspections:
  description: One inspection per target; hosts whose variables are unusable come first.
  returned: always
  type: list
  elements: dict
  sample:
    - target: core-sw-01
      device_class: switch
      collected_at: "2026-11-25T08:00:00+08:00"
      facts: {model: S5720-28X-LI-AC, serial: 2102359811DMJ7000412, firmware: "Version 5.170 (S5720 V200R011C10SPC600)",
              snmp_profile: huawei_vrp_switch, sysObjectID: 1.3.6.1.4.1.2011.2.23.395}
      metrics: {"cpu.util_pct.S5720-28X-LI-AC 0": 9, "if.util_pct.XGigabitEthernet0/0/1": 1.2}
      items:
        - {id: snmp.reach, subject: "10.77.0.101:161", value: 8.1, unit: ms, status: ok}
        - {id: snmp.cpu.util_pct, subject: S5720-28X-LI-AC 0, value: 9, unit: "%", status: ok, threshold: {warning: 80, critical: 90}}
        - {id: if.oper_status, subject: XGigabitEthernet0/0/1, value: down, status: critical, fault: true,
           detail: "admin up, oper down (uplink)"}
answered:
  description: How many targets answered SNMP with our credentials.
  returned: always
  type: int
  sample: 11
total:
  description: How many targets were inspected.
  returned: always
  type: int
  sample: 12
requests:
  description: SNMP requests sent (GET and GETBULK, retries not counted).
  returned: always
  type: int
  sample: 740
varbinds:
  description: Variable bindings received.
  returned: always
  type: int
  sample: 18200
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.medops.itops.plugins.module_utils.snmp.argspec import ARGUMENT_SPEC


def main():
    # The work happens in the action plugin of the same name on the controller.
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    module.fail_json(msg='medops.itops.snmp_inspect runs on the controller as an action plugin; call it as a task, not as a module')


if __name__ == '__main__':
    main()
