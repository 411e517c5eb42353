# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller-side Tomcat inspection of many hosts in one task (see the module doc)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.errors import AnsibleError
from ansible.plugins.action import ActionBase

from ansible_collections.medops.itops.plugins.module_utils.inspection.redact import redacting
from ansible_collections.medops.itops.plugins.module_utils.middleware.argspec import TOMCAT_ARGUMENT_SPEC
from ansible_collections.medops.itops.plugins.module_utils.middleware.inspect import inspect_tomcat, tomcat_specs
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import ThresholdError
from concurrent.futures import ThreadPoolExecutor


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True

    @redacting
    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        _validation, args = self.validate_argument_spec(argument_spec=TOMCAT_ARGUMENT_SPEC)
        hostvars = (task_vars or {}).get('hostvars', {})
        try:
            specs = tomcat_specs(args['targets'], hostvars, templar=self._templar)
            overrides = dict((s['target'], self._templar.template(hostvars[s['target']].get('itops_thresholds') or {})) for s in specs)
        except ValueError as exc:
            raise AnsibleError('tomcat_inspect: %s' % exc)

        def one(spec):
            return inspect_tomcat(spec, timeout=args['timeout'], overrides=overrides[spec['target']],
                                  sample_seconds=args['sample_seconds'], jdbc=args['jdbc'], min_requests=args['min_requests'])
        try:
            with ThreadPoolExecutor(max_workers=max(1, min(args['concurrency'], len(specs) or 1))) as pool:
                inspections = list(pool.map(one, specs))
        except ThresholdError as exc:
            raise AnsibleError('tomcat_inspect: %s' % exc)
        result.update(changed=False, inspections=inspections,
                      answered=sum(1 for i in inspections if i['items'][0]['status'] == 'ok'), total=len(inspections))
        return result
