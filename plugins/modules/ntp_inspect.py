#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: ntp_inspect
short_description: Query many NTP clocks from the controller and judge reachability, stratum and offset
version_added: 0.1.0
description:
  - Sends one SNTP client request (RFC 4330, NTPv4 mode 3) to every clock in I(targets) concurrently and returns
    one inspection per clock with the items C(ntp.reach), C(ntp.stratum) and C(ntp.offset_ms).
  - C(ntp.reach) is C(critical) and marked as a fault when the clock does not answer. C(ntp.stratum) is C(critical)
    when the clock says it is unsynchronised (stratum 16 or leap indicator 3), else judged by thresholds.
    C(ntp.offset_ms) is the absolute offset between the clock and the controller's clock, judged by thresholds
    (override with C(itops_thresholds)); the signed offset is kept in the metrics.
  - The controller's own clock is the reference, so keep it synchronised (the Linux inspection checks it).
  - Variables read per host are C(ansible_host), C(itops_ntp_port) and C(itops_thresholds).
  - This is an action plugin; it runs on the controller. A clock that does not answer never aborts the task.
options:
  targets:
    description: Inventory host names of the clocks, for example C("{{ groups['ntp_clocks'] }}").
    type: list
    elements: str
    required: true
  port:
    description: UDP port used when a host has no C(itops_ntp_port).
    type: int
    default: 123
  timeout:
    description: Seconds to wait for each answer.
    type: float
    default: 2
  retries:
    description: Requests sent again after a timeout.
    type: int
    default: 1
  concurrency:
    description: How many clocks are queried at the same time.
    type: int
    default: 64
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Read-only; it only sends NTP client requests.
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
- name: Check the hospital's time sources
  medops.itops.ntp_inspect:
    targets: "{{ groups['ntp_clocks'] }}"
    timeout: 2
  run_once: true
  delegate_to: localhost
'''

RETURN = r'''
inspections:
  description: One inspection per clock, in the order of I(targets) (hosts with unusable variables last).
  returned: always
  type: list
  elements: dict
  sample:
    - target: ntp-gps-02
      device_class: ntp
      collected_at: "2026-11-25T08:00:00+08:00"
      facts: {stratum: 1, refid: GPS, version: 4, root_dispersion_ms: 0.5}
      metrics: {ntp.offset_ms: 3000.2, ntp.delay_ms: 0.4, ntp.stratum: 1}
      items:
        - {id: ntp.reach, subject: "10.77.0.142:123", value: 0.4, unit: ms, status: ok}
        - {id: ntp.stratum, subject: ntp-gps-02, value: 1, status: ok}
        - {id: ntp.offset_ms, subject: ntp-gps-02, value: 3000.2, unit: ms, status: critical}
answered:
  description: How many clocks answered.
  returned: always
  type: int
  sample: 2
total:
  description: How many inspections were returned.
  returned: always
  type: int
  sample: 2
'''
