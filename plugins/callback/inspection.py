# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
name: inspection
type: aggregate
short_description: Collect inspection items into a run record, store it in the history and render the reports
description:
  - Collects the C(inspection) and C(inspections) keys of task results (loop results included) into one run record
    (docs/run-record.md), adds a critical fault item for every unreachable, failed or timed-out host, grades the findings
    (P1/P2/P3 faults, high/medium/low risks, docs/grading.md), compares them with the previous run of the same job,
    saves the run in the history store (docs/history.md) and renders the reports into I(reports_dir)/<run_id>/.
  - Runs beside any stdout callback, including the one of AWX / ansible-runner.
  - Report metadata can also come from play, group or extra vars C(itops_report_hospital), C(itops_report_vendor),
    C(itops_report_inspector), C(itops_report_reviewer), C(itops_report_language), C(itops_report_period); they win over the options.
    C(itops_period) (set by the inspection playbooks, playbooks/inspection.yml, and the depth of their checks) is the run's period
    when C(itops_report_period) is not set.
    C(itops_run_id) and C(itops_slice) (extra vars) set the run id and slice number, so that the slices of a sliced AWX job
    are merged into one run (a template is rendered, for example C(itops_run_id=awx-{{ awx_workflow_job_id }})); C(itops_grading)
    changes the grading policy (docs/grading.md).
  - A failure inside the callback is shown as a warning; it never fails the play nor stops later hooks.
  - Enable it with C(callbacks_enabled = medops.itops.inspection) in ansible.cfg or C(ANSIBLE_CALLBACKS_ENABLED).
version_added: 0.1.0
author: medops.itops contributors (@medops)
requirements:
  - enable in configuration (callbacks_enabled)
options:
  reports_dir:
    description: Directory under which the reports of each run are written (C(<reports_dir>/<run_id>/)); relative to the working directory.
    type: path
    default: reports
    env:
      - name: ITOPS_REPORTS_DIR
    ini:
      - section: callback_inspection
        key: reports_dir
  history:
    description:
      - The history store, a SQLite file path or a PostgreSQL DSN (C(postgresql://user@host/db)).
      - Defaults to C(<reports_dir>/history.sqlite). C(off) disables the history (no comparison with the previous run).
    type: str
    env:
      - name: ITOPS_HISTORY
    ini:
      - section: callback_inspection
        key: history
  language:
    description: Language of the reports.
    type: str
    default: zh_CN
    choices: [zh_CN, en]
    env:
      - name: ITOPS_REPORT_LANGUAGE
    ini:
      - section: callback_inspection
        key: language
  formats:
    description: Report formats to render; empty means every format the report renderer knows.
    type: list
    elements: str
    default: []
    env:
      - name: ITOPS_REPORT_FORMATS
    ini:
      - section: callback_inspection
        key: formats
  hospital:
    description: Name of the hospital, printed on the reports.
    type: str
    env:
      - name: ITOPS_REPORT_HOSPITAL
    ini:
      - section: callback_inspection
        key: hospital
  vendor:
    description: Name of the service vendor, printed on the reports.
    type: str
    env:
      - name: ITOPS_REPORT_VENDOR
    ini:
      - section: callback_inspection
        key: vendor
  inspector:
    description: Engineer who ran the inspection.
    type: str
    env:
      - name: ITOPS_REPORT_INSPECTOR
    ini:
      - section: callback_inspection
        key: inspector
  reviewer:
    description: Engineer who reviews the reports.
    type: str
    env:
      - name: ITOPS_REPORT_REVIEWER
    ini:
      - section: callback_inspection
        key: reviewer
  period:
    description:
      - Period of the run when neither C(itops_report_period) nor C(itops_period) (play, group or extra vars) sets it.
      - Without any of them the period is taken from the playbook name (C(quarterly_inspection) is quarterly), else C(adhoc).
    type: str
    choices: [weekly, monthly, quarterly, adhoc]
    env:
      - name: ITOPS_REPORT_PERIOD
    ini:
      - section: callback_inspection
        key: period
  redact:
    description:
      - Mask secrets before anything is stored or displayed. The values of every variable whose name looks secret
        (password, passwd, secret, token, key, community, auth, priv, vault) in the hosts' variables are replaced by C(********)
        wherever they appear in the items, and string values under secret-looking keys are masked.
    type: bool
    default: true
    env:
      - name: ITOPS_REDACT
    ini:
      - section: callback_inspection
        key: redact
  progress:
    description: Show one compact line per inspected host and a summary block at the end.
    type: bool
    default: true
    env:
      - name: ITOPS_PROGRESS
    ini:
      - section: callback_inspection
        key: progress
'''

import os
import re
import traceback

from ansible.plugins.callback import CallbackBase

from ansible_collections.medops.itops.plugins.module_utils.forecast import analysis
from ansible_collections.medops.itops.plugins.module_utils.history import HistoryError, open_store
from ansible_collections.medops.itops.plugins.module_utils.history.base import RunIdTaken
from ansible_collections.medops.itops.plugins.module_utils.history.base import dumps
from ansible_collections.medops.itops.plugins.module_utils.history.compare import run_changes
from ansible_collections.medops.itops.plugins.module_utils.history.record import (
    PERIODS, RunCollector, device_class_of, new_run_id, problem_of, worst)
from ansible_collections.medops.itops.plugins.module_utils.inspection import coverage, validate
from ansible_collections.medops.itops.plugins.module_utils.inspection.coverage import check_of_action
from ansible_collections.medops.itops.plugins.module_utils.inspection.grading import IMPACTS, GradingError, merge_policy
from ansible_collections.medops.itops.plugins.module_utils.inspection.redact import Redactor
from ansible_collections.medops.itops.plugins.plugin_utils.redaction import is_vaulted

# The exit code of a play whose inspection ran but whose reports could not be written.
EXIT_REPORTS_NOT_WRITTEN = 3
RUN_ID = re.compile(r'^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$')
META_KEYS = ('hospital', 'vendor', 'inspector', 'reviewer')
# How the health report's device chapter is grouped (itops_report_group_by): by device class or business system.
GROUP_BY = ('class', 'system')
RUN_VARS = ('itops_run_id', 'itops_slice', 'itops_grading', 'itops_forecast', 'itops_period') + \
    tuple('itops_report_%s' % k for k in META_KEYS + ('language', 'period', 'group_by'))


def _result_parts(result):
    """(Host, task, result dict) of a CallbackTaskResult (2.19) or an older TaskResult."""
    host = getattr(result, 'host', None) or getattr(result, '_host', None)
    task = getattr(result, 'task', None) or getattr(result, '_task', None)
    # ansible-core 2.19 gives every callback its own copy of a result and converts it to native
    # types on first access of `.result` (about 10 ms for a linux_inspect result): 2 s of a
    # 200-host run. The inspection keys come from our own plugins as plain data, so read the
    # raw return data when it is there and convert only when it is not.
    data = getattr(result, '_return_data', None)
    if not isinstance(data, dict):
        data = getattr(result, 'result', None)
    if data is None:
        data = getattr(result, '_result', None) or {}
    return host, task, data


def _inventory_vars(host):
    """Group and host variables from the Host object itself: the fallback when there is no play."""
    from ansible.inventory.helpers import get_group_vars
    from ansible.utils.vars import combine_vars
    return combine_vars(get_group_vars(host.get_groups()), host.get_vars())


def _task_name(task):
    try:
        return task.get_name() if task is not None else None
    except Exception:  # pylint: disable=broad-except
        return None


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'medops.itops.inspection'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, display=None, options=None):
        super(CallbackModule, self).__init__(display=display, options=options)
        self.collector = RunCollector()
        self.opts = {}
        self.job = 'adhoc'
        self.play = None
        self.play_vars = {}
        self.host_cache = {}
        self.hosts = {}
        self.run = None
        self.out_dir = None
        self.errors = []

    def set_options(self, task_keys=None, var_options=None, direct=None):
        super(CallbackModule, self).set_options(task_keys=task_keys, var_options=var_options, direct=direct)
        self.opts = dict((key, self.get_option(key)) for key in (
            'reports_dir', 'history', 'language', 'formats', 'period', 'redact', 'progress') + META_KEYS)

    # -- hooks: each hands off to one function, guarded ---------------------------------------------
    def v2_playbook_on_start(self, playbook):
        self._guarded('playbook_on_start', self.on_playbook_start, playbook)

    def v2_playbook_on_play_start(self, play):
        self._guarded('playbook_on_play_start', self.on_play_start, play)

    def v2_runner_on_ok(self, result):
        self._guarded('runner_on_ok', self.on_result, result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._guarded('runner_on_failed', self.on_failed, result, ignore_errors)

    def v2_runner_on_unreachable(self, result):
        self._guarded('runner_on_unreachable', self.on_unreachable, result)

    def v2_playbook_on_stats(self, stats):
        if not self._guarded('playbook_on_stats', self.on_stats, stats):
            # The run is assembled and written here: a failure now would lose it with exit code 0.
            self._display.error('medops.itops.inspection: the run was not written (see the warning above)')
            raise SystemExit(EXIT_REPORTS_NOT_WRITTEN)

    def _guarded(self, hook, function, *args):
        """True when function(*args) ran; a failure is a warning and never breaks the play nor later hooks."""
        try:
            function(*args)
            return True
        except Exception as exc:  # pylint: disable=broad-except  # never break the play nor later hooks
            self.errors.append('%s: %s' % (hook, exc))
            self._display.warning('medops.itops.inspection: %s failed: %s: %s' % (hook, type(exc).__name__, exc))
            self._display.vvv(traceback.format_exc())
            return False

    # -- the work ----------------------------------------------------------------------------------
    def on_playbook_start(self, playbook):
        name = getattr(playbook, '_file_name', None) or 'adhoc'
        self.job = os.path.splitext(os.path.basename(name))[0] or 'adhoc'

    def on_play_start(self, play):
        self.play = play
        for key, value in (play.get_vars() or {}).items():
            if key in RUN_VARS:
                self.play_vars[key] = value

    def _host_name(self, host):
        if host is None:
            return 'localhost'
        self.hosts.setdefault(host.get_name(), host)
        return host.get_name()

    def on_result(self, result):
        host, task, data = _result_parts(result)
        host = self._host_name(host)
        targets = self.collector.add_result(host, data, check_of_action(getattr(task, 'action', None)))
        self._progress(targets)

    def on_failed(self, result, ignore_errors=False):
        host, task, data = _result_parts(result)
        host = self._host_name(host)
        # partial results of a failed module count too
        targets = self.collector.add_result(host, data, check_of_action(getattr(task, 'action', None)))
        if not ignore_errors:
            self.collector.add_problem(host, problem_of(data), _task_name(task), data.get('msg'))
            targets.append(host)
        self._progress(targets)

    def on_unreachable(self, result):
        host, task, data = _result_parts(result)
        host = self._host_name(host)
        self.collector.add_problem(host, problem_of(data, unreachable=True), _task_name(task), data.get('msg'))
        self._progress([host])

    def _progress(self, targets):
        if not self.opts.get('progress', True):
            return
        for target in sorted(set(targets)):
            inspection = self.collector.inspections[target]
            count, status = worst(inspection['items'])
            problem = self.collector.problems.get(target)
            if problem:
                status = '%s, %s' % (problem[0], status if count else 'no items')
            self._display.display('itops | %s | %d items | %s' % (target, count, status))

    def on_stats(self, stats):
        if not self.collector.targets():
            self._display.display('itops | no inspection items in this run: no report written')
            return
        first = self._host_vars(self.collector.targets()[0])
        self._account_for_scope()
        run_vars = dict((k, first[k]) for k in RUN_VARS if first.get(k) is not None)
        run_vars.update(self.play_vars)
        run_vars.update(self._extra_vars())
        run_vars = self._render_vars(run_vars, first)
        meta = dict((key, _text(run_vars.get('itops_report_%s' % key, self.opts.get(key)))) for key in META_KEYS)
        language, warnings = validate.language('this run', run_vars.get('itops_report_language'))
        for text in warnings:   # a wrong language is a setting: warned about, the reports are still written
            self._display.warning('medops.itops.inspection: %s' % text)
        meta['language'] = language or self.opts.get('language') or 'zh_CN'
        group_by = _text(run_vars.get('itops_report_group_by')) or 'class'
        if group_by not in GROUP_BY:
            self._display.warning('medops.itops.inspection: itops_report_group_by: %r is not one of %s; the health report groups '
                                  'devices by class' % (group_by, ', '.join(GROUP_BY)))
            group_by = 'class'
        meta['group_by'] = group_by
        # The run's scope: a --limit run is compared only with earlier runs of the same limit (docs/history.md).
        meta['scope'] = {'limit': _limit()}
        period = run_vars.get('itops_report_period') or run_vars.get('itops_period') or self.opts.get('period')
        slice_ = run_vars.get('itops_slice')
        run_id = str(run_vars.get('itops_run_id') or '').strip()
        if run_id and not RUN_ID.match(run_id):
            self._display.warning('medops.itops.inspection: itops_run_id %r is not usable as a directory name (letters, digits, . _ -); '
                                  'a new run id is used' % run_id)
            run_id = ''
        run_id = run_id or new_run_id()
        policy = self._policy(run_vars.get('itops_grading'))
        host_info = dict((target, self._host_info(target)) for target in self.collector.targets())
        redactor = self._redactor() if self.opts.get('redact', True) else None
        self.run = self.collector.build(run_id, self.job, meta, host_info, policy, period=period if period in PERIODS else None,
                                        slice_=int(slice_) if slice_ not in (None, '') else None, redactor=redactor)
        self.run, stored = self._store(self.run, policy, _native(run_vars.get('itops_forecast')))
        self.out_dir = os.path.join(self.opts.get('reports_dir') or 'reports', self.run['run_id'])
        try:
            self._render(self.run)
        except ReportsNotWritten as exc:
            self._fail_run(self.run, exc, stored)
        self._summary(self.run)

    def _account_for_scope(self):
        """Every inventory host of the run's scope (--limit applies) that produced nothing is listed as
        not inspected, with the reason the coverage table gives (docs/coverage.md)."""
        manager = self._variable_manager()
        inventory = getattr(manager, '_inventory', None)
        if inventory is None:
            return
        for host in inventory.get_hosts('all', ignore_restrictions=True):
            name = host.get_name()
            variables = self._host_vars(name)
            groups = variables.get('group_names') or [group.name for group in host.get_groups()]
            row = coverage.host_coverage(groups, variables, device_class_of)
            if row is None:
                continue
            inspection = self.collector.inspections.get(name)
            if (inspection and inspection['items']) or name in self.collector.problems:
                for group, reason in row['gaps']:
                    self.collector.add_gap(name, group, reason)
                continue
            self.hosts.setdefault(name, host)
            self.collector.add_not_inspected(name, row['reason'] or coverage.no_result_reason(row['checks']))

    def _policy(self, overrides):
        try:
            return merge_policy(_native(overrides))
        except GradingError as exc:
            self._display.warning('medops.itops.inspection: %s; graded with the default policy (docs/grading.md)' % exc)
            return merge_policy()

    def _store(self, run, policy, forecast=None):
        """(run as stored, stored?): saved in the history and read back with its changes."""
        location = self.opts.get('history')
        if location is not None and str(location).strip().lower() in ('off', 'false', 'no'):
            self._analyse(None, run, forecast)
            return run, False
        try:
            with open_store(location, reports_dir=self.opts.get('reports_dir') or 'reports') as store:
                try:
                    store.save_run(run, policy)
                except RunIdTaken as exc:
                    # Never replace another run: this one is kept under a new id, and the user is told.
                    run['run_id'] = new_run_id()
                    self._display.warning('medops.itops.inspection: %s; this run is stored as %s instead' % (exc, run['run_id']))
                    store.save_run(run, policy)
                stored = store.load_run(run['run_id'])
                self._analyse(store, stored, forecast)
                return stored, True
        except HistoryError as exc:
            self._display.warning('medops.itops.inspection: history not updated, the reports are still written: %s' % exc)
            run['changes'] = run_changes(None, run)
            self._analyse(None, run, forecast)
            return run, False

    def _analyse(self, store, run, forecast):
        """Capacity forecasts and performance baselines from the history (docs/forecast.md)."""
        for warning in analysis.attach(store, run, forecast):
            self._display.warning('medops.itops.inspection: %s' % warning)

    def _render(self, run):
        """render_all() into <reports_dir>/<run_id>/; raises ReportsNotWritten naming the path and the cause.

        Nothing half-written stays behind (render_all stages every file and removes what it staged).
        """
        render_all, error = _renderer()
        if render_all is not None:
            kwargs = {'language': run['meta'].get('language') or 'zh_CN'}
            if self.opts.get('formats'):
                kwargs['formats'] = tuple(self.opts['formats'])
            try:
                return render_all(run, self.out_dir, **kwargs)
            except Exception as exc:  # pylint: disable=broad-except  # reported as one error below
                error = exc
        raise ReportsNotWritten('the reports of run %s could not be written to %s: %s: %s'
                                % (run['run_id'], os.path.abspath(self.out_dir), type(error).__name__, error))

    def _fail_run(self, run, error, stored):
        """The play ends with an error: reports missing must never look like a successful inspection."""
        if stored:
            where = 'the run is kept in the history (%s): `itops-report render %s` writes the reports once the cause is fixed' % (
                self._history_location(), run['run_id'])
        else:
            where = 'the history is not available either: the run record was saved to %s' % self._save_aside(run)
        self._display.error('medops.itops.inspection: %s; %s' % (error, where))
        raise SystemExit(EXIT_REPORTS_NOT_WRITTEN)

    def _history_location(self):
        return self.opts.get('history') or os.path.join(self.opts.get('reports_dir') or 'reports', 'history.sqlite')

    @staticmethod
    def _save_aside(run):
        """Last resort when neither the reports directory nor the history can take the run: a private temp file."""
        import tempfile
        fd, path = tempfile.mkstemp(prefix='itops-run-%s-' % run['run_id'], suffix='.json')
        with os.fdopen(fd, 'w') as handle:
            handle.write(dumps(run))
        return path

    def _summary(self, run):
        if not self.opts.get('progress', True):
            return
        summary = run['summary']
        faults = ', '.join('%s %d' % kv for kv in sorted(summary['faults_by_grade'].items()))
        risks = ', '.join('%s %d' % (level, summary['risks_by_level'][level]) for level in ('high', 'medium', 'low'))
        lines = [
            'itops | run %s (%s, %s)' % (run['run_id'], run['job'], run['period']),
            'itops | hosts %d: inspected %d, not inspected %d (%s) | items %d | score %s'
            % (summary['hosts_total'], summary['hosts_ok'], summary['hosts_total'] - summary['hosts_ok'],
               ', '.join('%s %d' % kv for kv in sorted((summary.get('hosts_by_status') or {}).items()) if kv[0] != 'ok') or 'none',
               summary['items_total'], summary['score']),
            'itops | faults: %s | risks: %s' % (faults, risks),
        ]
        changes = run.get('changes')
        if changes:
            lines.append('itops | since %s: %d new, %d resolved, %d worsened'
                         % (changes['previous_run_id'], len(changes['new']), len(changes['resolved']), len(changes['worsened'])))
        lines.append('itops | reports: %s' % os.path.abspath(self.out_dir))
        self._display.banner('INSPECTION SUMMARY')
        for line in lines:
            self._display.display(line)

    # -- variables of the hosts --------------------------------------------------------------------
    def _variable_manager(self):
        return self.play.get_variable_manager() if self.play is not None else None

    def _extra_vars(self):
        manager = self._variable_manager()
        extra = getattr(manager, 'extra_vars', None) or {}
        return dict((k, v) for k, v in extra.items() if k in RUN_VARS)

    def _host_vars(self, name):
        """All variables of an inventory host as tasks see them (group_vars, host_vars, play vars); cached."""
        if name in self.host_cache:
            return self.host_cache[name]
        host_vars = {}
        manager = self._variable_manager()
        inventory = getattr(manager, '_inventory', None)
        host = inventory.get_host(name) if inventory is not None else self.hosts.get(name)
        if host is not None:
            try:
                host_vars = manager.get_vars(play=self.play, host=host, include_hostvars=False)
            except Exception:  # pylint: disable=broad-except  # fall back to the inventory's own variables
                host_vars = dict(_inventory_vars(host))
            host_vars['group_names'] = [group.name for group in host.get_groups()]
        self.host_cache[name] = host_vars
        return host_vars

    def _host_info(self, name):
        host_vars = self._host_vars(name)
        impact = host_vars.get('itops_impact')
        return {
            'impact': str(impact) if impact in IMPACTS else None,
            'system': _text(host_vars.get('itops_system')),
            'system_description': _text(host_vars.get('itops_system_description')),
            'device_class': device_class_of(host_vars, host_vars.get('group_names') or ()),
        }

    def _redactor(self):
        # Host names are never masked in free text, even when a secret equals one (docs/redaction.md).
        inventory = getattr(self._variable_manager(), '_inventory', None)
        redactor = Redactor(keep=list(getattr(inventory, 'hosts', None) or ()) + self.collector.targets())
        redactor.add(Redactor.secret_values(self._extra_vars_all(), vaulted=is_vaulted))
        for name in self.collector.targets():
            host_vars = self._host_vars(name)
            secrets = Redactor.secret_values(dict((k, v) for k, v in host_vars.items() if k not in ('hostvars', 'vars')), vaulted=is_vaulted)
            redactor.add(self._templated(secrets, host_vars))
        return redactor

    def _extra_vars_all(self):
        manager = self._variable_manager()
        return dict(getattr(manager, 'extra_vars', None) or {})

    def _render_vars(self, run_vars, host_vars):
        """Run variables given as templates (itops_run_id: "{{ awx_workflow_job_id }}") are rendered with the first host's vars."""
        rendered = {}
        templar = None
        for key, value in run_vars.items():
            if isinstance(value, str) and '{{' in value:
                try:
                    if templar is None:
                        from ansible.template import Templar, trust_as_template
                        templar = Templar(loader=getattr(self._variable_manager(), '_loader', None), variables=host_vars)
                    value = templar.template(trust_as_template(value))
                except Exception as exc:  # pylint: disable=broad-except  # keep the literal, say why
                    self._display.warning('medops.itops.inspection: %s could not be rendered: %s' % (key, exc))
            rendered[key] = value
        return rendered

    def _templated(self, secrets, host_vars):
        """Secrets given as templates ('{{ vault_db_password }}') are resolved to the value they mask."""
        plain = [s for s in secrets if '{{' not in s]
        templates = [s for s in secrets if '{{' in s]
        if not templates:
            return plain
        from ansible.template import Templar, trust_as_template
        templar = Templar(loader=getattr(self._variable_manager(), '_loader', None), variables=host_vars)
        for template in templates:
            try:
                plain.append(str(templar.template(trust_as_template(template))))
            except Exception:  # pylint: disable=broad-except  # an undefined secret is simply not masked
                continue
        return plain


class ReportsNotWritten(Exception):
    """The reports of a run could not be written; the message names the path and the cause."""


def _renderer():
    """(render_all, None), or (None, why): the renderer is imported when needed; without it the run fails (ReportsNotWritten)."""
    try:
        from ansible_collections.medops.itops.plugins.module_utils import report
        render_all = getattr(report, 'render_all', None)
        if render_all is None:
            from ansible_collections.medops.itops.plugins.module_utils.report import render
            render_all = render.render_all
        return render_all, None
    except Exception as exc:  # pylint: disable=broad-except
        return None, exc


def _limit():
    """The --limit of this ansible-playbook run (AWX passes a job template's limit the same way), or None."""
    try:
        from ansible import context
        limit = context.CLIARGS.get('subset')
    except Exception:  # pylint: disable=broad-except  # no CLI (unit tests, embedding): the whole inventory
        return None
    return str(limit) if limit else None


def _text(value):
    return None if value is None else str(value)


def _native(value):
    """Tagged (2.19) values as plain Python containers."""
    if isinstance(value, dict):
        return dict((str(k), _native(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [_native(v) for v in value]
    return value
