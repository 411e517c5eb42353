#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: reachability
short_description: Check that many devices answer their management protocol, in one controller-side task
version_added: 0.1.0
description:
  - Probes every host in O(targets) concurrently from the controller and returns one inspection per host,
    each with one C(reach.<protocol>) item (see the inspection item contract in docs/inspection-item.md).
  - Each probe speaks the real protocol, because an open TCP port does not prove that a service answers.
    C(ssh) reads the SSH identification string; C(postgresql) and C(mysql) log in and read the server version;
    C(snmp) GETs sysDescr, sysObjectID and sysName (v2c or v3 USM); C(redfish) reads the service root and
    lists Systems with HTTP basic authentication; C(ipmi) sends an RMCP/ASF presence ping to UDP 623 (no login;
    M(medops.itops.bmc_inspect) logs in); C(tcp) only connects.
  - A device that does not answer becomes a C(critical) item marked as a fault (an outage, graded by the
    host's C(itops_impact)); one that answers but rejects the credentials becomes C(critical) without the
    fault mark. One broken device never aborts the task.
  - Address, port and credentials come from each target's variables, listed under I(targets).
  - This is an action plugin; it runs on the controller and never connects to the targets with Ansible.
options:
  targets:
    description:
      - Inventory host names to probe, for example C("{{ groups['postgresql'] }}").
      - "Variables read per host: C(ansible_host); for C(ssh) C(ansible_port); for C(postgresql) and C(mysql)
        C(itops_db_host), C(itops_db_port), C(itops_db_user), C(itops_db_password), C(itops_db_name);
        for C(snmp) C(itops_snmp_version) (C(2c) or C(3)), C(itops_snmp_port), C(itops_snmp_community),
        C(itops_snmp_user), C(itops_snmp_auth_proto), C(itops_snmp_auth_key), C(itops_snmp_priv_proto),
        C(itops_snmp_priv_key); for C(redfish) C(itops_bmc_port), C(itops_bmc_user), C(itops_bmc_password),
        C(itops_bmc_validate_certs), and a host with C(itops_bmc_protocol=ipmi) (an old BMC without Redfish) is
        probed with C(ipmi) on C(itops_ipmi_port) instead; C(itops_device_class) sets the class of SNMP devices."
    type: list
    elements: str
    required: true
  protocol:
    description: The management protocol to probe.
    type: str
    required: true
    choices: [ssh, tcp, postgresql, mysql, snmp, redfish, ipmi]
  port:
    description:
      - Port used when the host has no port variable of its own.
      - Defaults to the protocol's well-known port (22, 5432, 3306, 161, 443, 623); required for C(tcp).
    type: int
  device_class:
    description:
      - Device class of the returned inspections. Defaults to the class the protocol implies
        (C(linux_server), C(postgresql), C(mysql), C(bmc)); SNMP devices use their C(itops_device_class).
    type: str
  timeout:
    description: Seconds to wait for each probe (each SNMP try).
    type: float
    default: 5
  retries:
    description: SNMP retries after a timeout.
    type: int
    default: 1
  concurrency:
    description: How many probes run at the same time.
    type: int
    default: 50
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Read-only; it changes nothing on any device.
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
    details: Runs on the controller only.
author:
  - medops.itops developers (@medops)
'''

EXAMPLES = r'''
- name: Check that every database server accepts the monitoring login
  medops.itops.reachability:
    targets: "{{ groups['postgresql'] }}"
    protocol: postgresql
  run_once: true
  delegate_to: localhost

- name: Check that every switch answers SNMP (credentials from group_vars)
  medops.itops.reachability:
    targets: "{{ groups['switches'] }}"
    protocol: snmp
    timeout: 2
    retries: 1
  run_once: true
'''

RETURN = r'''
inspections:
  description: One inspection per target, in the order of I(targets).
  returned: always
  type: list
  elements: dict
  sample:
    - target: pg-db-01
      device_class: postgresql
      collected_at: "2026-11-25T08:00:00+08:00"
      facts: {version: "15.14 (Debian 15.14-0+deb12u1)"}
      metrics: {}
      items:
        - id: reach.postgresql
          subject: "10.77.0.21:5432"
          value: 12.4
          unit: ms
          status: ok
          detail: PostgreSQL 15.14 (Debian 15.14-0+deb12u1)
answered:
  description: How many targets answered and accepted the credentials.
  returned: always
  type: int
  sample: 11
total:
  description: How many targets were probed.
  returned: always
  type: int
  sample: 12
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.medops.itops.plugins.module_utils.reach.argspec import ARGUMENT_SPEC


def main():
    # The work happens in the action plugin of the same name on the controller.
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    module.fail_json(msg='medops.itops.reachability runs on the controller as an action plugin; call it as a task, not as a module')


if __name__ == '__main__':
    main()
