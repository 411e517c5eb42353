# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Inspect a Linux server without Python on it: one POSIX sh collector, one round trip.

The collector script (module_utils/linux/collector_script.py) is executed the way `raw` runs a
command; its sectioned output is parsed here on the controller by module_utils/linux/inspect.py,
the same code the unit tests feed with recorded outputs. See plugins/modules/linux_inspect.py.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextvars
import threading
import time

from ansible.errors import AnsibleConnectionFailure
from ansible.plugins.action import ActionBase
from ansible.utils.display import Display

from ansible_collections.medops.itops.plugins.plugin_utils.redaction import redacting
from ansible_collections.medops.itops.plugins.module_utils.inspection.text import decode_device_text
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import ThresholdError
from ansible_collections.medops.itops.plugins.module_utils.inspection.validate import add_warnings, settings
from ansible_collections.medops.itops.plugins.module_utils.linux.collector_script import build_command
from ansible_collections.medops.itops.plugins.module_utils.linux.inspect import assemble
from ansible_collections.medops.itops.plugins.module_utils.linux.options import ARGUMENT_SPEC, OptionError, normalize

display = Display()
# Seconds the controller waits beyond `timeout` before giving up on the connection itself.
CONTROLLER_GRACE = 15


def run_bounded(func, seconds):
    """Run func() in a daemon thread; (finished, value or exception). The thread keeps the
    caller's context variables, which ansible-core's templating relies on."""
    outcome = {}
    context = contextvars.copy_context()

    def target():
        try:
            outcome['value'] = context.run(func)
        except Exception as exc:  # handed back to the caller, raised nowhere else
            outcome['error'] = exc

    worker = threading.Thread(target=target, name='linux_inspect', daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        return False, None
    if 'error' in outcome:
        return True, outcome['error']
    return True, outcome.get('value')


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _supports_check_mode = True

    @redacting
    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        result['changed'] = False
        _validation, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        if args.get('thresholds') is None and task_vars.get('itops_thresholds') is not None:
            args['thresholds'] = self._templar.template(task_vars['itops_thresholds'])
        if args.get('text_encoding') is None and task_vars.get('itops_text_encoding') is not None:
            args['text_encoding'] = self._templar.template(task_vars['itops_text_encoding'])
        target = task_vars.get('inventory_hostname') or self._play_context.remote_addr
        try:
            options = normalize(args, host=target)
        except OptionError as exc:
            result.update(failed=True, msg='inspect %s: %s' % (target, exc))
            return result
        # Wrong settings are warnings (their defaults apply): the host is still inspected.
        config_warnings = options.pop('warnings') + settings(target, task_vars, self._templar, only=('impact', 'language'))[1]

        command = build_command(options)
        started = time.time()
        finished, outcome = run_bounded(lambda: self._execute_quietly(command),
                                        options['timeout'] + CONTROLLER_GRACE)
        seconds = round(time.time() - started, 2)
        result['collector_seconds'] = seconds
        if not finished:
            result.update(failed=True, msg='inspect %s: timed out: no answer from the collector within %d s (timeout %d s + %d s grace)'
                          % (target, options['timeout'] + CONTROLLER_GRACE, options['timeout'], CONTROLLER_GRACE))
            return result
        if isinstance(outcome, AnsibleConnectionFailure):
            # Let ansible-core mark the host unreachable, as for any other task: the callback
            # turns that into a host.unreachable fault graded by the host's impact.
            raise outcome
        if isinstance(outcome, Exception):
            result.update(failed=True, msg='inspect %s: running the collector failed: %s' % (target, outcome))
            return result
        return add_warnings(self.finish(result, outcome, options, target), config_warnings)

    def _execute_quietly(self, command):
        """The raw collector run without the connection's -vvv dump of the server's raw output: log lines
        are only printed once parsed and redacted (docs/redaction.md).

        Not no_log: the ssh plugin would then also censor its connection errors, and "Permission denied"
        (auth_failed) or "No route to host" (unreachable) would become "<error censored due to no log>".
        The dump is a display.vvv() in this worker process, so the worker's verbosity is capped at -vv
        for the length of the command.
        """
        verbosity = display.verbosity
        display.verbosity = min(verbosity, 2)
        try:
            return self._low_level_execute_command(command, sudoable=True)
        finally:
            display.verbosity = verbosity

    @staticmethod
    def finish(result, raw, options, target):
        """Turn a _low_level_execute_command() answer into the task result (unit-tested directly)."""
        # Bytes that are not UTF-8 arrive as surrogate escapes: decoded here, once, on purpose.
        encoding = options.get('text_encoding') or 'auto'
        stdout, stderr = decode_device_text(raw.get('stdout'), encoding), decode_device_text(raw.get('stderr'), encoding)
        try:
            inspection, info, warnings = assemble(stdout, options, target, stderr=stderr)
        except ThresholdError as exc:
            result.update(failed=True, msg='inspect %s: %s' % (target, exc))
            return result
        info['rc'] = raw.get('rc')
        info['stdout_bytes'] = len(stdout)
        result['collector'] = info
        if info['version'] is None:
            first = ' '.join((stderr or stdout).strip().splitlines()[:3])[:300]
            result.update(failed=True, collector=info,
                          msg='inspect %s: the collector printed nothing usable (rc %s): %s' % (target, raw.get('rc'), first or 'no output'))
            return result
        result['inspection'] = inspection
        if warnings:
            result['warnings'] = warnings
        return result
