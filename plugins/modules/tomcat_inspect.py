#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: tomcat_inspect
short_description: Read Tomcat pressure (threads, heap, errors, JDBC pools) from its manager, for many servers in one task
version_added: 0.1.0
description:
  - Reads C(/manager/status?XML=true) of every target (the manager's documented XML status) through the URL in
    C(itops_tomcat_url), usually the HTTPS front end, and returns one inspection per target with the items
    C(tomcat.reach), C(tomcat.threads.busy_pct) (per connector), C(tomcat.heap.used_pct),
    C(tomcat.requests.error_pct) (per connector) and C(tomcat.jdbc.active_pct) (per JNDI DataSource).
  - JDBC pools and garbage collector counts are not in the status XML; they are read from the manager's JMX
    proxy (C(/manager/jmxproxy?qry=Catalina:type=DataSource,*)), which needs the C(manager-jmx) role.
    Only the pool counters are kept; the JMX proxy also shows DataSource passwords, so restrict it to the
    monitor user and, behind a front end, refuse its C(set) and C(invoke) operations.
  - A Tomcat that does not answer (connection refused, timeout, 502/503/504 from its front end) becomes a critical
    C(tomcat.reach) item marked as a fault; refused credentials a critical item without the fault mark.
    One broken server never aborts the task.
  - This is an action plugin; it runs on the controller.
options:
  targets:
    description:
      - Inventory host names, for example C("{{ groups['middleware'] }}").
      - "Variables read per host: C(itops_tomcat_url) (required, e.g. C(https://10.77.0.31)), C(itops_tomcat_user),
        C(itops_tomcat_password) (a user with the C(manager-status) role, and C(manager-jmx) for pools),
        C(itops_tomcat_validate_certs), C(itops_tomcat_ca_path), C(itops_thresholds), C(itops_device_class)."
    type: list
    elements: str
    required: true
  timeout:
    description: Seconds to wait for each request.
    type: float
    default: 10
  sample_seconds:
    description:
      - Seconds between two reads of the status; the error rate is then the errors of that window.
      - C(0) uses the counters since Tomcat started.
    type: float
    default: 0
  min_requests:
    description: Fewer requests than this in the window give no error rate (an C(ok) item saying so).
    type: int
    default: 20
  jdbc:
    description: Read JDBC pools and garbage collectors through the JMX proxy.
    type: bool
    default: true
  concurrency:
    description: Servers read at the same time.
    type: int
    default: 20
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Read-only; it changes nothing on any server.
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
- name: Read every Tomcat's manager status through its front end
  medops.itops.tomcat_inspect:
    targets: "{{ groups['middleware'] }}"
    sample_seconds: 5
  run_once: true
'''

RETURN = r'''
inspections:
  description: One inspection per target, in the order of I(targets).
  returned: always
  type: list
  elements: dict
  sample:
    - target: mw-app-01
      device_class: middleware
      collected_at: "2026-11-25T08:00:00+08:00"
      facts: {tomcat_connectors: [http-nio-127.0.0.1-8080]}
      metrics: {tomcat.heap.used_pct: 7.9}
      items:
        - {id: tomcat.reach, subject: manager, value: 200, status: ok, detail: status read in 12.5 ms}
        - {id: tomcat.jdbc.active_pct, subject: "/app:jdbc/his", value: 0.0, unit: "%", status: ok}
answered:
  description: How many targets returned their status.
  returned: always
  type: int
  sample: 1
total:
  description: How many targets were inspected.
  returned: always
  type: int
  sample: 1
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.medops.itops.plugins.module_utils.middleware.argspec import TOMCAT_ARGUMENT_SPEC


def main():
    # The work happens in the action plugin of the same name on the controller.
    module = AnsibleModule(argument_spec=TOMCAT_ARGUMENT_SPEC, supports_check_mode=True)
    module.fail_json(msg='medops.itops.tomcat_inspect runs on the controller as an action plugin; call it as a task, not as a module')


if __name__ == '__main__':
    main()
