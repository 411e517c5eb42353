# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Storage array inspection (see the module doc): REST arrays from the controller, CLI arrays per host."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.plugins.action import ActionBase

from ansible_collections.medops.itops.plugins.module_utils.inspection import validate
from ansible_collections.medops.itops.plugins.plugin_utils.redaction import redacting
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.inspection.text import decode_device_text
from ansible_collections.medops.itops.plugins.module_utils.storage.argspec import ARGUMENT_SPEC
from ansible_collections.medops.itops.plugins.module_utils.storage.cli import collect_storwize
from ansible_collections.medops.itops.plugins.module_utils.storage.items import silent_inspection
from ansible_collections.medops.itops.plugins.module_utils.storage.rest import inspect_many
from ansible_collections.medops.itops.plugins.module_utils.storage.targets import storage_specs


class ActionModule(ActionBase):
    TRANSFERS_FILES = False

    @redacting
    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super(ActionModule, self).run(tmp, task_vars)
        _validation, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        result['changed'] = False
        if args['targets'] is not None:
            specs, broken, warnings = storage_specs(args['targets'], task_vars.get('hostvars', {}), templar=self._templar)
            inspections = broken + inspect_many(specs, timeout=args['timeout'], concurrency=args['concurrency'])
            result.update(inspections=inspections, total=len(inspections),
                          answered=sum(1 for i in inspections if i['items'][0]['status'] != 'critical'))
            return validate.add_warnings(result, warnings)
        target = task_vars.get('inventory_hostname')
        vendor = self._templar.template(task_vars.get('itops_storage_vendor'))
        if vendor != 'storwize':
            result['inspection'] = silent_inspection(target, said('storage.not_storwize', 'per-host inspection speaks the Storwize CLI; itops_storage_vendor '
                                                                  'is {vendor} (REST arrays are inspected with `targets` from the controller)',
                                                                  vendor=repr(vendor)), fault=False)
            return result

        encoding = self._templar.template(task_vars.get('itops_text_encoding') or 'auto')

        def run_cli(command):
            raw = self._low_level_execute_command(command, sudoable=False, executable=False)
            return raw.get('rc'), decode_device_text(raw.get('stdout'), encoding), decode_device_text(raw.get('stderr'), encoding)

        host_settings, warnings = validate.settings(target, task_vars, self._templar, only=('thresholds', 'impact'))
        result['inspection'] = collect_storwize(target, run_cli, overrides=host_settings['thresholds'])
        return validate.add_warnings(result, warnings)
