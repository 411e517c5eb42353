# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller-side HTTP(S)/TCP probes of many hosts in one task (see the module doc)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.errors import AnsibleError
from ansible.plugins.action import ActionBase

from ansible_collections.medops.itops.plugins.plugin_utils.redaction import redacting
from ansible_collections.medops.itops.plugins.module_utils.inspection import validate
from ansible_collections.medops.itops.plugins.module_utils.middleware.argspec import HTTP_PROBE_ARGUMENT_SPEC
from ansible_collections.medops.itops.plugins.module_utils.middleware.inspect import probe_many, probe_specs
from ansible_collections.medops.itops.plugins.module_utils.middleware.probes import ProbeError, normalize


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True

    @redacting
    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        _validation, args = self.validate_argument_spec(argument_spec=HTTP_PROBE_ARGUMENT_SPEC)
        hostvars = (task_vars or {}).get('hostvars', {})
        try:   # the task's own probes are the task's, not a host's: a bad one fails the task
            for index, probe in enumerate(args['probes'] or []):
                normalize(probe, index)
        except ProbeError as exc:
            raise AnsibleError('http_probe: probes: %s' % exc)
        # A host with an unusable probe (a URL never falls back) is not inspected, with the reason.
        groups, broken, warnings = probe_specs(args['targets'], hostvars, templar=self._templar, extra=args['probes'])
        inspections = list(broken)
        # Thresholds are per host: one probe round per distinct itops_thresholds (usually one).
        by_overrides = {}
        for group in groups:
            by_overrides.setdefault(repr(sorted(group['thresholds'].items())), (group['thresholds'], []))[1].append(group['group'])
        for overrides, chunk in by_overrides.values():
            inspections += probe_many(chunk, overrides, args['concurrency'])
        result.update(changed=False, inspections=inspections, total=len(inspections),
                      probes=sum(len(g['group'][2]) for g in groups))
        return validate.add_warnings(result, warnings)
