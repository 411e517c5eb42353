#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: custom_checks
short_description: Run user-defined checks (SQL, HTTP, log pattern, command) of a host as inspection items
version_added: 0.1.0
description:
  - Turns check definitions (data, usually C(itops_custom_checks) in group or host vars) into items with the id
    C(custom.<name>), one per subject, with thresholds from the definition, the collection defaults or
    C(itops_thresholds).
  - "Kinds: C(sql) (a query returning one number, or rows of subject and value; PostgreSQL or MySQL/MariaDB through a
    named connection of C(itops_custom_connections) or the host's C(itops_db_*) variables; read-only transaction on
    PostgreSQL), C(http) (a URL and a JMESPath expression over its JSON body), C(log) (lines matching a pattern
    among the last N lines of a file on the host) and C(command) (the first number a shell command prints on the host)."
  - C(sql) and C(http) checks run on the controller concurrently; C(log) and C(command) checks run on the host in one
    POSIX sh round trip, without Python there.
  - A malformed definition fails the task with a message naming the check and the key; a check that cannot run
    gives an C(unknown) item with the reason (C(critical) and a fault for an unanswered C(http) check marked C(fault)).
  - The format of a definition is documented in docs/custom-checks.md; playbooks/vars/interface_checks.yml ships
    the interface checks (age of the last acknowledged message, backlog, error rate, log errors).
options:
  checks:
    description: The check definitions.
    type: list
    elements: raw
    required: true
  connections:
    description:
      - Named database connections (C(engine), C(host), C(port), C(user), C(password), C(database)).
      - Defaults to the host's C(itops_custom_connections).
    type: dict
  device_class:
    description: Class of the returned inspection; defaults to C(itops_device_class) or C(linux_server).
    type: str
  thresholds:
    description: Threshold overrides by item id or C(id@subject); defaults to C(itops_thresholds).
    type: dict
  concurrency:
    description: SQL and HTTP checks running at the same time.
    type: int
    default: 8
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Runs the checks in check mode too; they must be read-only (SQL runs in a read-only transaction on PostgreSQL).
  diff_mode:
    support: none
  platform:
    support: full
    platforms: posix
author:
  - medops.itops developers (@medops)
'''

EXAMPLES = r'''
- name: Check the interfaces of the engine
  medops.itops.custom_checks:
    checks:
      - name: interface.backlog
        kind: sql
        connection: ie
        query: SELECT interface, count(*) FROM interface_messages WHERE status = 'pending' GROUP BY 1
        thresholds: {warning: 20, critical: 50}
      - name: ie.log_errors
        kind: log
        path: /var/log/ie/messages.log
        pattern: " ERROR "
        lines: 2000
'''

RETURN = r'''
inspection:
  description: The host's inspection with one item per check and subject.
  returned: success
  type: dict
  sample:
    target: ie-app-01
    device_class: linux_server
    collected_at: "2026-11-25T08:00:00+08:00"
    facts: {}
    metrics: {}
    items:
      - {id: custom.interface.backlog, subject: "HIS->医保 医保结算", value: 185, status: critical,
         threshold: {warning: 20, critical: 50}}
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.medops.itops.plugins.module_utils.custom.argspec import ARGUMENT_SPEC


def main():
    # The work happens in the action plugin of the same name.
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    module.fail_json(msg='medops.itops.custom_checks runs as an action plugin; call it as a task, not as a module')


if __name__ == '__main__':
    main()
