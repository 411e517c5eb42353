# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller-side reachability sweep of many inventory hosts in one task (see the module doc)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.plugins.action import ActionBase

from ansible_collections.medops.itops.plugins.plugin_utils.redaction import redacting
from ansible_collections.medops.itops.plugins.module_utils.reach.argspec import ARGUMENT_SPEC
from ansible_collections.medops.itops.plugins.module_utils.reach.sweep import DEFAULT_CLASS, sweep
from ansible_collections.medops.itops.plugins.module_utils.reach.targets import DEFAULT_PORTS, build_specs


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False

    @redacting
    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        _validation, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        hostvars = (task_vars or {}).get('hostvars', {})
        device_class = args['device_class'] or DEFAULT_CLASS.get(args['protocol'])
        # A host whose address or port is unusable is not inspected, with the reason; the others are swept.
        specs, broken, _warnings = build_specs(args['targets'], hostvars, args['protocol'], port=args['port'] or DEFAULT_PORTS[args['protocol']],
                                               device_class=device_class, templar=self._templar)
        inspections = broken + sweep(specs, timeout=args['timeout'], retries=args['retries'], concurrency=args['concurrency'])
        result.update(changed=False, inspections=inspections,
                      answered=sum(1 for i in inspections if i['items'][0]['status'] == 'ok'),
                      total=len(inspections))
        return result
