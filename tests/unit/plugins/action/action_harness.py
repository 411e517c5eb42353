# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shared harness of the action plugin tests: a real ActionModule of plugins/action/<name>.py.

The task, connection and templar are stand-ins (the templar renders nothing); the transport is
replaced only where a test says so (replace_transport), so everything else an action does runs
for real.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib

from unittest.mock import MagicMock

from ansible.playbook.play_context import PlayContext


def make_action(name, args):
    """A real ActionModule of plugins/action/<name>.py for a task with these args."""
    module = importlib.import_module('ansible_collections.medops.itops.plugins.action.%s' % name)
    task = MagicMock()
    task.args = dict(args)
    task.async_val = 0
    task.check_mode = False
    task.environment = None
    connection = MagicMock()
    connection._shell.tmpdir = None
    action = module.ActionModule(task, connection, PlayContext(), loader=MagicMock(), templar=MagicMock(), shared_loader_obj=None)
    action._templar.template.side_effect = lambda value, **kw: value
    return action


def replace_transport(action, execute):
    """Answer the action's raw commands with execute(cmd); returns the list of (cmd, sudoable) calls."""
    calls = []

    def low_level(cmd, sudoable=True, **kwargs):
        calls.append((cmd, sudoable))
        return execute(cmd)
    action._low_level_execute_command = low_level
    return calls
