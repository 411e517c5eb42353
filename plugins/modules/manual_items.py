#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: manual_items
short_description: Import a filled manual (physical) inspection form as inspection items
version_added: 0.1.0
description:
  - Reads the manual inspection form that C(tools/report/itops-report manual-form) wrote and the engineer filled in
    (XLSX or YAML; columns device, device_class, check_id, check, result, value, note, checked_by, reviewed_by, checked_at)
    and returns one inspection per device with one C(manual.<check_id>) item per row.
  - "Results: C(正常)/C(ok) -> ok, C(异常)/C(fault) -> warning (critical for checks marked critical in
    reports_templates/manual_checks.yml), C(未检)/C(not_checked) -> unknown. Items carry C(checked_by) and C(reviewed_by)."
  - "Every row is validated on its own. A malformed row (unknown result, empty device, missing checked_by, bad date,
    a device not in the inventory) gives one error naming its row (for example
    C(row 7: result must be one of 正常/异常/未检/ok/fault/not_checked)), shown as a warning; the other rows are kept."
  - A missing or unreadable form fails the task with a message naming the file.
  - This is an action plugin; it runs on the controller and reads a file on the controller.
options:
  form:
    description: Path of the filled form on the controller (C(.xlsx), C(.yml) or C(.yaml)).
    type: path
    required: true
  checks:
    description: The catalog of checks per device class (which checks are critical). Defaults to the collection's
      reports_templates/manual_checks.yml.
    type: path
  inventory_only:
    description: Reject rows whose device is not an inventory host.
    type: bool
    default: true
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    support: full
    details: Read-only.
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
- name: Import the physical checks the engineers filled in
  medops.itops.manual_items:
    form: "{{ itops_manual_form }}"
  run_once: true
  when: itops_manual_form is defined
'''

RETURN = r'''
inspections:
  description: One inspection per device of the form, in the order of the form.
  returned: always
  type: list
  elements: dict
  sample:
    - target: ups-01
      device_class: ups
      collected_at: "2026-11-25T10:30:00+08:00"
      facts: {}
      metrics: {}
      items:
        - id: manual.battery_swelling
          subject: null
          value: null
          unit: null
          status: critical
          detail: 第 3 节电池鼓包
          checked_by: 张工
          reviewed_by: 李工
errors:
  description: One message per rejected row, naming the row.
  returned: always
  type: list
  elements: str
  sample: ["row 7: result must be one of 正常/异常/未检/ok/fault/not_checked, got '好'"]
rows:
  description: How many rows the form has.
  returned: always
  type: int
  sample: 48
imported:
  description: How many rows became items.
  returned: always
  type: int
  sample: 47
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.medops.itops.plugins.module_utils.manual.argspec import ARGUMENT_SPEC


def main():
    # The work happens in the action plugin of the same name on the controller.
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    module.fail_json(msg='medops.itops.manual_items runs on the controller as an action plugin; call it as a task, not as a module')


if __name__ == '__main__':
    main()
