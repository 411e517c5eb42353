# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller-side BMC hardware health inspection of many BMCs in one task (see the module doc)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.plugins.action import ActionBase

from ansible_collections.medops.itops.plugins.module_utils.inspection import validate
from ansible_collections.medops.itops.plugins.module_utils.bmc.argspec import ARGUMENT_SPEC
from ansible_collections.medops.itops.plugins.module_utils.bmc.collect import inspect_many
from ansible_collections.medops.itops.plugins.module_utils.bmc.targets import bmc_specs
from ansible_collections.medops.itops.plugins.plugin_utils.redaction import redacting


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False

    @redacting
    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        _validation, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        specs, broken, warnings = bmc_specs(args['targets'], (task_vars or {}).get('hostvars', {}), templar=self._templar)
        inspections = broken + inspect_many(specs, timeout=args['timeout'], concurrency=args['concurrency'])
        result.update(changed=False, inspections=inspections, total=len(inspections),
                      answered=sum(1 for i in inspections if i['items'][0]['status'] == 'ok'))
        return validate.add_warnings(result, warnings)
