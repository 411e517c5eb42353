# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller-side Tomcat inspection of many hosts in one task (see the module doc)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.plugins.action import ActionBase

from ansible_collections.medops.itops.plugins.plugin_utils.redaction import redacting
from ansible_collections.medops.itops.plugins.module_utils.middleware.argspec import TOMCAT_ARGUMENT_SPEC
from ansible_collections.medops.itops.plugins.module_utils.middleware.inspect import inspect_many, tomcat_specs
from ansible_collections.medops.itops.plugins.module_utils.inspection import validate


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True

    @redacting
    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        _validation, args = self.validate_argument_spec(argument_spec=TOMCAT_ARGUMENT_SPEC)
        hostvars = (task_vars or {}).get('hostvars', {})
        # A host whose URL or user is unusable is not inspected, with the reason; the others are.
        specs, broken, warnings = tomcat_specs(args['targets'], hostvars, templar=self._templar)
        # Each server with its own thresholds; one server's crash is its own finding.
        inspections = broken + inspect_many(specs, args['concurrency'], timeout=args['timeout'], sample_seconds=args['sample_seconds'],
                                            jdbc=args['jdbc'], min_requests=args['min_requests'])
        result.update(changed=False, inspections=inspections,
                      answered=sum(1 for i in inspections if i['items'][0]['status'] == 'ok'), total=len(inspections))
        return validate.add_warnings(result, warnings)
