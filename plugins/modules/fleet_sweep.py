#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: fleet_sweep
short_description: Sweep thousands of thin-client addresses from the controller and report each department's online share
version_added: 0.1.0
description:
  - Takes the fleet as the DHCP plan (one row per department with its address range), not as inventory hosts, connects
    to every address concurrently and returns ONE inspection per department (target = department, class C(thin_client)).
  - Items C(fleet.online_pct) (share of addresses that answered, judged by thresholds, lower is worse) and
    C(fleet.offline) (how many are silent; the detail lists them, bounded by I(max_listed), each with when it was last
    seen according to the history store). Metrics C(fleet.online_pct), C(fleet.online), C(fleet.offline), C(fleet.total)
    feed trends, and C(fleet.seen.<address>) is recorded for each online address so that later runs can say when an
    offline client was last seen.
  - C(tcp) connects to the client's port; a refused connection also counts as online (the machine answered).
    C(icmp) runs the system C(ping) per address; when C(ping) is missing TCP is used and the details say so.
  - This is an action plugin; it runs on the controller. A malformed row becomes a C(fleet.range) item with status
    C(unknown); it never aborts the sweep.
options:
  fleet:
    description:
      - "The departments: each a dict with C(department) (required, the inspection target), C(range) (required:
        C(10.77.8.10-10.77.8.69), C(10.77.8.10-69), C(10.77.8.0/26), one address, or several comma separated),
        C(site), C(label) and C(port) (defaults to I(port))."
    type: list
    elements: dict
    required: true
  method:
    description: How an address is judged online.
    type: str
    default: tcp
    choices: [tcp, icmp]
  port:
    description: TCP port of a row without C(port) (22 for Linux-based thin clients; 3389 for Windows-based ones).
    type: int
    default: 22
  timeout:
    description: Seconds to wait for each address.
    type: float
    default: 1.0
  concurrency:
    description: How many addresses are probed at the same time.
    type: int
    default: 256
  max_listed:
    description: How many offline addresses each department's detail lists (and looks up in the history).
    type: int
    default: 50
  history:
    description:
      - History store to read "last seen" from (a SQLite file or a PostgreSQL DSN); C(off) disables it.
      - Defaults to C(ITOPS_HISTORY), else C(<ITOPS_REPORTS_DIR or reports>/history.sqlite), as the inspection callback.
    type: str
  thresholds:
    description: Threshold overrides by item id or C(id@department), like C(itops_thresholds).
    type: dict
    default: {}
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Read-only; it only opens and closes TCP connections (or sends pings).
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
- name: Sweep the thin clients of every department
  medops.itops.fleet_sweep:
    fleet:
      - {site: 门诊楼, department: opd-billing, label: 门诊收费处, range: 10.77.8.10-10.77.8.69, port: 22}
      - {site: 住院楼, department: ward-nursing, label: 住院护士站, range: 10.77.9.10-10.77.9.129}
    timeout: 1
  run_once: true
  delegate_to: localhost
'''

RETURN = r'''
inspections:
  description: One inspection per department, in the order of I(fleet) (unusable rows last).
  returned: always
  type: list
  elements: dict
  sample:
    - target: ward-nursing
      device_class: thin_client
      collected_at: "2026-11-25T08:00:00+08:00"
      facts: {site: 住院楼, label: 住院护士站, range: 10.77.9.10-10.77.9.129, port: 22, method: tcp, offline_addresses: [10.77.9.19]}
      metrics: {fleet.online_pct: 73.3, fleet.online: 88, fleet.offline: 32, fleet.total: 120, fleet.seen.10.77.9.10: 1}
      items:
        - {id: fleet.online_pct, subject: ward-nursing, value: 73.3, unit: "%", status: critical}
        - {id: fleet.offline, subject: ward-nursing, value: 32, status: critical, detail: "10.77.9.19 (last seen 2026-11-18T08:00:03+08:00), ..."}
stats:
  description: Addresses swept, how many answered, the method used, seconds taken and whether the history was read.
  returned: always
  type: dict
  sample: {addresses: 610, online: 563, method: tcp, seconds: 1.3, history: read}
'''
