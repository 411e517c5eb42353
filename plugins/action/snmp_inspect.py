# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller-side SNMP inspection of many devices in one task (see the module doc)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.plugins.action import ActionBase

from ansible_collections.medops.itops.plugins.plugin_utils.redaction import redacting
from ansible_collections.medops.itops.plugins.module_utils.inspection import validate
from ansible_collections.medops.itops.plugins.module_utils.snmp.argspec import ARGUMENT_SPEC
from ansible_collections.medops.itops.plugins.module_utils.snmp.inspect import inspect_many
from ansible_collections.medops.itops.plugins.module_utils.snmp.profiles import Loader
from ansible_collections.medops.itops.plugins.module_utils.snmp.state import default_path
from ansible_collections.medops.itops.plugins.module_utils.snmp.targets import snmp_specs


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False

    @redacting
    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        _validation, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        options = dict(args)
        specs, broken = snmp_specs(args['targets'], (task_vars or {}).get('hostvars', {}), templar=self._templar,
                                   profile_names=Loader(args['profile_dirs']).names())
        options['state_file'] = args['state_file'] or default_path()
        inspections, stats = inspect_many(specs, options)
        inspections = broken + inspections
        if stats.get('state_error'):
            self._display.warning('medops.itops.snmp_inspect: %s' % stats['state_error'])
        result.update(changed=False, inspections=inspections, total=len(inspections),
                      answered=sum(1 for i in inspections if i['items'] and i['items'][0]['id'] == 'snmp.reach' and i['items'][0]['status'] == 'ok'),
                      requests=stats['requests'], varbinds=stats['varbinds'])
        return validate.add_warnings(result, [w for spec in specs for w in spec.get('warnings') or []])
