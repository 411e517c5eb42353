# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller-side NTP check of many clocks in one task (see the module doc)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.plugins.action import ActionBase

from ansible_collections.medops.itops.plugins.plugin_utils.redaction import redacting
from ansible_collections.medops.itops.plugins.module_utils.inspection import validate
from ansible_collections.medops.itops.plugins.module_utils.ntp.argspec import ARGUMENT_SPEC
from ansible_collections.medops.itops.plugins.module_utils.ntp.inspect import build_specs, inspect_many


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False

    @redacting
    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        _validation, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        hostvars = (task_vars or {}).get('hostvars', {})
        specs, broken = build_specs(args['targets'], hostvars, port=args['port'], templar=self._templar)
        inspections = inspect_many(specs, timeout=args['timeout'], retries=args['retries'], concurrency=args['concurrency'])
        inspections = inspections + broken
        result.update(changed=False, inspections=inspections, total=len(inspections),
                      answered=sum(1 for i in inspections if i['items'][0]['status'] == 'ok'))
        return validate.add_warnings(result, [w for spec in specs for w in spec.get('warnings') or []])
