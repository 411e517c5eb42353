# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller-side import of a filled manual inspection form (see the module doc)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.errors import AnsibleError
from ansible.plugins.action import ActionBase

from ansible_collections.medops.itops.plugins.module_utils.history.record import device_class_of
from ansible_collections.medops.itops.plugins.plugin_utils.redaction import redacting
from ansible_collections.medops.itops.plugins.module_utils.manual.argspec import ARGUMENT_SPEC
from ansible_collections.medops.itops.plugins.module_utils.manual.form import FormError, load_checks
from ansible_collections.medops.itops.plugins.module_utils.manual.importer import import_rows, read_form


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False

    @redacting
    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        _validation, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        task_vars = task_vars or {}
        hostvars = task_vars.get('hostvars', {})
        groups = task_vars.get('groups', {})
        try:
            classes = load_checks(args['checks'])
            rows = read_form(args['form'])
        except FormError as exc:
            raise AnsibleError('manual_items: %s' % exc)
        member_of = {}
        for group, hosts in groups.items():
            for host in hosts or []:
                member_of.setdefault(host, []).append(group)
        device_classes = dict((host, device_class_of(hostvars.get(host) or {}, member_of.get(host, []))) for host in hostvars)
        known = set(hostvars) if args['inventory_only'] else None
        inspections, errors = import_rows(rows, classes, device_classes, known)
        for error in errors[:50]:
            self._display.warning('manual_items %s: %s' % (args['form'], error))
        result.update(changed=False, inspections=inspections, errors=errors, rows=len(rows),
                      imported=sum(len(i['items']) for i in inspections))
        return result
