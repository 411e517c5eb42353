# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller-side sweep of a thin-client fleet, reported per department (see the module doc)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from ansible.plugins.action import ActionBase

from ansible_collections.medops.itops.plugins.module_utils.fleet.argspec import ARGUMENT_SPEC
from ansible_collections.medops.itops.plugins.module_utils.fleet.history import open_history
from ansible_collections.medops.itops.plugins.module_utils.fleet.inspect import inspect_fleet
from ansible_collections.medops.itops.plugins.plugin_utils.redaction import redacting


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False

    @redacting
    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        _validation, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        store, why = open_history(args['history'])
        started = time.monotonic()
        try:
            inspections, stats = inspect_fleet(args['fleet'], method=args['method'], timeout=args['timeout'],
                                               concurrency=args['concurrency'], default_port=args['port'],
                                               overrides=args['thresholds'], store=store, max_listed=args['max_listed'])
        finally:
            if store is not None:
                store.close()
        stats['seconds'] = round(time.monotonic() - started, 2)
        stats['history'] = why or 'read'
        result.update(changed=False, inspections=inspections, stats=stats)
        return result
