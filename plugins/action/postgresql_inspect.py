# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Inspect PostgreSQL servers (see the module doc); mysql_inspect reuses this class.

transport=network: on the controller, one psycopg/PyMySQL connection per server, the servers of
`targets` (or the task's host) concurrently. transport=ssh: the task's host runs its own
psql/mysql client through the host's Ansible connection (two round trips). The SQL, parsing and
checks live in module_utils/db/.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.errors import AnsibleConnectionFailure
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase

from ansible_collections.medops.itops.plugins.module_utils.db.argspec import ARGUMENT_SPEC
from ansible_collections.medops.itops.plugins.module_utils.db.inspect import check_options, inspect_network, inspect_ssh, not_inspected, spec_for
from ansible_collections.medops.itops.plugins.module_utils.inspection import specs as inspection_specs
from ansible_collections.medops.itops.plugins.module_utils.inspection import validate
from ansible_collections.medops.itops.plugins.plugin_utils.redaction import redacting
from ansible_collections.medops.itops.plugins.module_utils.inspection.text import decode_device_text


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _supports_check_mode = True
    ENGINE = 'postgresql'

    @redacting
    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        result['changed'] = False
        _validation, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        me = task_vars.get('inventory_hostname')
        self._text_encoding = self._templar.template(task_vars.get('itops_text_encoding') or 'auto')
        warnings = []
        # None: each target's own itops_thresholds apply.
        overrides = args['thresholds']
        if overrides is not None:
            overrides, warnings = validate.thresholds(me, overrides, key='thresholds')
        try:
            options = check_options(args['options'])
            if args['transport'] == 'ssh' and args['targets'] and args['targets'] != [me]:
                raise ValueError('transport ssh inspects the task host itself; leave targets unset and run the task on the database hosts')
        except ValueError as exc:
            result.update(failed=True, msg='%s_inspect: %s' % (self.ENGINE, exc))
            return result
        if args['transport'] == 'ssh':
            try:
                spec = spec_for(me, task_vars, args, self.ENGINE, self._templar)
            except validate.ConfigError as exc:
                result.update(inspection=not_inspected(self.ENGINE, me, exc))
                return validate.add_warnings(result, warnings)
            inspection, stats = inspect_ssh(self.ENGINE, spec, self._run_remote, args['ssh_auth'], args['timeout'], options, overrides)
            result.update(inspection=inspection, stats=stats)
            return validate.add_warnings(result, warnings + spec['warnings'])
        hostvars = task_vars.get('hostvars', {})
        names = args['targets'] if args['targets'] is not None else [me]
        # The task's own host is known from task_vars even where hostvars lacks it.
        known = dict((n, hostvars.get(n, task_vars if n == me else None)) for n in names)
        specs, broken, spec_warnings = inspection_specs.build(
            names, dict((n, v) for n, v in known.items() if v is not None),
            lambda name, hv, templar: spec_for(name, hv, args, self.ENGINE, templar), self.ENGINE, self.ENGINE, self._templar)
        done = inspect_network(self.ENGINE, specs, args['timeout'], args['concurrency'], options, overrides)
        result.update(inspections=broken + [d[0] for d in done], stats=dict((d[0]['target'], d[1]) for d in done))
        return validate.add_warnings(result, warnings + spec_warnings)

    def _run_remote(self, command, stdin_text):
        res = self._low_level_execute_command(command, sudoable=True, in_data=stdin_text)
        if res.get('rc') == 255 and not res.get('stdout'):
            raise AnsibleConnectionFailure('ssh: %s' % to_text(res.get('stderr'))[:300])
        return res.get('rc'), decode_device_text(res.get('stdout'), getattr(self, '_text_encoding', 'auto'))
