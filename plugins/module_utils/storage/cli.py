# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Per-host collection from CLI arrays (Storwize) through a `run(command)` callable.

The action plugin passes run = its connection's low-level command execution, unwrapped (the
array's restricted shell has no /bin/sh): run(cmd) -> (rc, stdout, stderr). One command per
call, because the Storwize CLI runs exactly one command per SSH exec request.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.storage import storwize
from ansible_collections.medops.itops.plugins.module_utils.storage.items import items_from_model, silent_inspection


def collect_storwize(target, run, overrides=None):
    outputs, problems = {}, []
    for key, command in storwize.COMMANDS:
        rc, out, err = run(command)
        text = out or ''
        if rc != 0 or text.strip().startswith(storwize.ERROR_PREFIX):
            message = (err or text or '').strip().splitlines()
            problems.append('%s: exit %s %s' % (command.split()[0], rc, message[0][:200] if message else ''))
            if key == 'system':
                return silent_inspection(target, 'the Storwize CLI refused lssystem: %s' % problems[-1], fault=False)
            continue
        outputs[key] = text
    inspection = items_from_model(target, storwize.model_from_outputs(outputs), overrides=overrides, reach_detail='Storwize CLI over SSH')
    if problems:
        inspection['items'][0]['status'] = 'warning'
        inspection['items'][0]['detail'] += '; incomplete: ' + '; '.join(problems)
    return inspection
