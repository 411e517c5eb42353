# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller-side HTTP(S)/TCP probes of many hosts in one task (see the module doc)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.errors import AnsibleError
from ansible.plugins.action import ActionBase

from ansible_collections.medops.itops.plugins.module_utils.inspection.redact import redacting
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import ThresholdError
from ansible_collections.medops.itops.plugins.module_utils.middleware.argspec import HTTP_PROBE_ARGUMENT_SPEC
from ansible_collections.medops.itops.plugins.module_utils.middleware.inspect import probe_many, probe_specs
from ansible_collections.medops.itops.plugins.module_utils.middleware.probes import ProbeError


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True

    @redacting
    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        _validation, args = self.validate_argument_spec(argument_spec=HTTP_PROBE_ARGUMENT_SPEC)
        hostvars = (task_vars or {}).get('hostvars', {})
        try:
            groups = probe_specs(args['targets'], hostvars, templar=self._templar, extra=args['probes'])
        except (ValueError, ProbeError) as exc:
            raise AnsibleError('http_probe: %s' % exc)
        inspections = []
        # Thresholds are per host: one probe round per distinct itops_thresholds (usually one).
        by_overrides = {}
        for group in groups:
            overrides = self._templar.template(hostvars[group[0]].get('itops_thresholds') or {})
            by_overrides.setdefault(repr(sorted(overrides.items())), (overrides, []))[1].append(group)
        try:
            for overrides, chunk in by_overrides.values():
                inspections += probe_many(chunk, overrides, args['concurrency'])
        except ThresholdError as exc:
            raise AnsibleError('http_probe: %s' % exc)
        result.update(changed=False, inspections=inspections, total=len(inspections),
                      probes=sum(len(g[2]) for g in groups))
        return result
