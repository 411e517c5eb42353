# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Per-host collection from CLI arrays (Storwize) through a `run(command)` callable.

The action plugin passes run = its connection's low-level command execution, unwrapped (the
array's restricted shell has no /bin/sh): run(cmd) -> (rc, stdout, stderr). One command per
call, because the Storwize CLI runs exactly one command per SSH exec request. A command the CLI
refuses (not on this code level, or failed) is named by an unknown item; the array still answered,
so storage.reach stays ok and lists what was not read.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.storage import lists, storwize
from ansible_collections.medops.itops.plugins.module_utils.storage.items import items_from_model, silent_inspection


def _refused(rc, text):
    return rc != 0 or text.strip().startswith(storwize.ERROR_PREFIX)


def _problem(command, rc, out, err):
    """'lsdrive: exit 1 CMMVC5707E ...': the command, its exit status and the first line it printed."""
    message = (err or out or '').strip().splitlines()
    return said('storage.cli.refused', '{command}: exit {rc} {message!q}', command=command.split()[0], rc=rc,
                message=message[0][:200] if message else '')


def collect_storwize(target, run, overrides=None):
    """The array's inspection; a refused command becomes the unknown item of what it would have shown."""
    outputs, failures = {}, {}
    for key, command in storwize.COMMANDS:
        rc, out, err = run(command)
        text = out or ''
        if _refused(rc, text) and key in storwize.FALLBACKS:
            first = _problem(command, rc, text, err)
            rc, out, err = run(storwize.FALLBACKS[key])
            text = out or ''
            if _refused(rc, text):
                second = _problem(storwize.FALLBACKS[key], rc, text, err).params
                failures[key] = said('storage.cli.refused_twice', '{command}: exit {rc} {message!q}; {command2}: exit {rc2} {message2!q}',
                                     command2=second['command'], rc2=second['rc'], message2=second['message'], **first.params)
                continue
        elif _refused(rc, text):
            failures[key] = _problem(command, rc, text, err)
            if key == 'system':
                return silent_inspection(target, said('storage.cli.system_refused', 'the Storwize CLI refused lssystem: {command}: exit {rc} {message!q}',
                                                      **failures[key].params), fault=False)
            continue
        outputs[key] = text
    detail = lists.storwize_reach([failures[key] for key, _c in storwize.COMMANDS if key in failures])
    return items_from_model(target, storwize.model_from_outputs(outputs, failures), overrides=overrides, reach_detail=detail)
