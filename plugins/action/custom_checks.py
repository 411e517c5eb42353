# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""User-defined checks of one host (see the module doc): sql/http from the controller, log/command
on the host in one round trip (no Python needed there)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.errors import AnsibleConnectionFailure, AnsibleError
from ansible.plugins.action import ActionBase

from ansible_collections.medops.itops.plugins.module_utils.custom.argspec import ARGUMENT_SPEC
from ansible_collections.medops.itops.plugins.module_utils.custom.definitions import CheckError, normalize_all
from ansible_collections.medops.itops.plugins.module_utils.custom.run import (build_host_script, controller_items, failure_item,
                                                                              host_items, parse_host_output)
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_inspection
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.plugin_utils.redaction import redacting
from ansible_collections.medops.itops.plugins.module_utils.inspection.text import decode_device_text
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import ThresholdError
from ansible_collections.medops.itops.plugins.module_utils.inspection import validate

DB_VARS = {'host': 'itops_db_host', 'port': 'itops_db_port', 'user': 'itops_db_user', 'password': 'itops_db_password',
           'database': 'itops_db_name'}


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _supports_check_mode = True

    def _var(self, task_vars, name):
        value = task_vars.get(name)
        return self._templar.template(value) if value is not None else None

    @redacting
    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        result['changed'] = False
        _validation, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        target = task_vars.get('inventory_hostname') or self._play_context.remote_addr
        connections = args['connections'] if args['connections'] is not None else (self._var(task_vars, 'itops_custom_connections') or {})
        overrides = args['thresholds'] if args['thresholds'] is not None else (self._var(task_vars, 'itops_thresholds') or {})
        # A wrong threshold is a warning and its default applies (custom.<name> ids are known ids).
        overrides, warnings = validate.thresholds(target, overrides, 'thresholds' if args['thresholds'] is not None else 'itops_thresholds')
        self._text_encoding = self._var(task_vars, 'itops_text_encoding') or 'auto'
        try:
            checks = normalize_all(args['checks'], connections)
        except CheckError as exc:
            result.update(failed=True, msg='custom checks of %s: %s' % (target, exc))
            return result
        db_vars = dict((k, self._var(task_vars, v)) for k, v in DB_VARS.items())
        if not db_vars['host']:
            db_vars['host'] = self._var(task_vars, 'ansible_host') or target
        try:
            items = controller_items(checks, connections, db_vars, overrides, args['concurrency'])
            on_host = [c for c in checks if c['kind'] in ('log', 'command')]
            if on_host:
                items += self._host_items(checks, on_host, overrides)
        except ThresholdError as exc:
            raise AnsibleError('custom checks of %s: %s' % (target, exc))
        device_class = args['device_class'] or self._var(task_vars, 'itops_device_class') or 'linux_server'
        result['inspection'] = make_inspection(target, device_class, items)
        return validate.add_warnings(result, warnings)

    def _host_items(self, checks, on_host, overrides):
        script = build_host_script(checks)
        try:
            res = self._low_level_execute_command(script, sudoable=True)
        except (AnsibleConnectionFailure, AnsibleError) as exc:
            return [failure_item(c, said('custom.host.unreachable', '{kind!w}: cannot run on the host: {error!q}', kind=c['kind'],
                                         error=str(exc).splitlines()[0][:200])) for c in on_host]
        return host_items(checks, parse_host_output(decode_device_text(res.get('stdout'), getattr(self, '_text_encoding', 'auto'))), overrides)
