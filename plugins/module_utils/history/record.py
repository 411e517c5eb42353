# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Assembling a run record from task results (redaction: module_utils/inspection/redact.py).

The `inspection` callback feeds a RunCollector with what each hook receives; the collector
knows nothing about Ansible objects, so the unit tests and the bench drive it directly.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import binascii
import datetime
import os
import re

from ansible_collections.medops.itops.plugins.module_utils.inspection.grading import build_findings, summarize
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import DEVICE_CLASSES, SEVERITY, make_item, now_iso
from ansible_collections.medops.itops.plugins.module_utils.inspection.said import said
from ansible_collections.medops.itops.plugins.module_utils.inspection.validate import CONFIG_ITEM

PERIODS = ('weekly', 'monthly', 'quarterly', 'adhoc')
HOST_PROBLEMS = {
    # host_status: (item id, precedence when a host had several problems)
    'failed': ('host.failed', 1),
    'timeout': ('host.timeout', 2),
    'auth_failed': ('host.auth_failed', 3),
    'unreachable': ('host.unreachable', 4),
}
DETAIL_MAX = 500


def new_run_id(when=None):
    """Sortable and unique: 20261125T080000-3f2a (local time, 4 random hex digits)."""
    when = when or datetime.datetime.now()
    return '%s-%s' % (when.strftime('%Y%m%dT%H%M%S'), binascii.hexlify(os.urandom(2)).decode('ascii'))


def period_of(job):
    """The period a playbook name suggests (quarterly_inspection -> quarterly), else adhoc."""
    for period in PERIODS:
        if period in (job or ''):
            return period
    return 'adhoc'


def device_class_of(host_vars, groups=()):
    """itops_device_class of the host, else the first group named after a device class."""
    declared = (host_vars or {}).get('itops_device_class')
    if declared in DEVICE_CLASSES:
        return declared
    for group in groups or ():
        for name in (group, group[:-1], group[:-2]):  # linux_servers, switches
            if name in DEVICE_CLASSES:
                return name
    return None


def extract_inspections(result):
    """The `inspection` / `inspections` of a result dict, including those of loop results."""
    found = []
    if not isinstance(result, dict):
        return found
    if isinstance(result.get('inspection'), dict):
        found.append(result['inspection'])
    if isinstance(result.get('inspections'), list):
        found.extend(i for i in result['inspections'] if isinstance(i, dict))
    if isinstance(result.get('results'), list):
        for loop_result in result['results']:
            if isinstance(loop_result, dict) and ('inspection' in loop_result or 'inspections' in loop_result):
                found.extend(extract_inspections(dict(loop_result, results=None)))
    return found


# A failed task whose message says the device could not be reached is an unreachable host: action
# plugins that connect themselves (raw collectors, SNMP, APIs) often report it as a failure.
UNREACHABLE_MESSAGE = re.compile(r'failed to connect to the host|connection refused|no route to host|network is unreachable|'
                                 r'could not resolve hostname|name or service not known|host is down', re.IGNORECASE)


# The device answered but refused our credentials: a finding that needs action, not an outage.
AUTH_MESSAGE = re.compile(r'permission denied \(|authentication fail|invalid credentials|access denied|login incorrect|'
                          r'too many authentication failures|no supported authentication methods', re.IGNORECASE)


def problem_of(result, unreachable=False):
    """host_status of a failed or unreachable result: timeout, auth_failed, unreachable or failed."""
    result = result or {}
    if is_timeout(result):
        return 'timeout'
    if AUTH_MESSAGE.search(str(result.get('msg') or '')):
        return 'auth_failed'
    if unreachable or result.get('unreachable') or UNREACHABLE_MESSAGE.search(str(result.get('msg') or '')):
        return 'unreachable'
    return 'failed'


def is_timeout(result):
    message = str((result or {}).get('msg') or '')
    return bool((result or {}).get('timedout')) or 'timed out' in message.lower()


class RunCollector(object):
    """Inspections per target, and the host problems (unreachable, failed, timeout) of one run."""

    def __init__(self):
        self.started_at = now_iso()
        self.inspections = {}
        self.order = []
        self.problems = {}
        self.checks = {}
        self.not_inspected = {}
        self.gaps = {}

    def _inspection(self, target):
        if target not in self.inspections:
            self.inspections[target] = {'target': target, 'device_class': None, 'collected_at': None,
                                        'facts': {}, 'metrics': {}, 'items': []}
            self.order.append(target)
        return self.inspections[target]

    def add_result(self, host, result, check=None):
        """Collect the inspections of one task result; returns the targets they were about."""
        targets = []
        for found in extract_inspections(result):
            target = str(found.get('target') or host)
            inspection = self._inspection(target)
            if check:
                self.checks.setdefault(target, set()).add(check)
            for key, value in found.items():
                if key == 'items':
                    inspection['items'].extend(i for i in value or [] if isinstance(i, dict))
                elif key in ('facts', 'metrics'):
                    inspection[key].update(value or {})
                elif key != 'target' and (inspection.get(key) is None or key not in ('device_class', 'collected_at')):
                    inspection[key] = value
            if inspection.get('collected_at') is None:
                inspection['collected_at'] = now_iso()
            targets.append(target)
        return targets

    def add_problem(self, host, host_status, task_name=None, message=None):
        """A host that could not be inspected: one critical fault item, the gravest problem wins."""
        item_id, precedence = HOST_PROBLEMS[host_status]
        previous = self.problems.get(host)
        if previous and HOST_PROBLEMS[previous[0]][1] >= precedence:
            return
        text = ' '.join(str(message or '').split())[:DETAIL_MAX]
        detail = said('host.problem', '{message!q}', message=text) if text else None   # Ansible's own words
        self.problems[host] = (host_status, make_item(item_id, subject=task_name or None, status='critical', detail=detail,
                                                      fault=host_status != 'auth_failed'))
        inspection = self._inspection(host)
        if inspection.get('collected_at') is None:
            inspection['collected_at'] = now_iso()

    def add_not_inspected(self, host, reason):
        """A host of the play's scope that no check covered: listed, with the reason, never dropped."""
        if host in self.inspections and (self.inspections[host]['items'] or host in self.problems):
            return
        self.not_inspected[host] = reason
        inspection = self._inspection(host)
        if inspection.get('collected_at') is None:
            inspection['collected_at'] = now_iso()

    def add_gap(self, host, part, reason):
        """A part of an inspected host that no check reads (its Oracle database): one warning item, not hidden."""
        self.gaps.setdefault(host, []).append(make_item('host.not_inspected', subject=part, status='warning', detail=reason))

    def targets(self):
        return list(self.order)

    def _host_status(self, target, items):
        """(host_status, extra item or None) of a target: its task problem, else what its items say."""
        if target in self.problems:
            return self.problems[target]
        if not items:
            reason = self.not_inspected.get(target) or said('host.no_items', 'no check returned items for this host')
            # warning, not unknown: a device of the contract that nobody inspected needs action.
            return 'not_inspected', make_item('host.not_inspected', status='warning', detail=reason)
        return status_of_items(items), None

    def inspections_list(self, host_info=None):
        """The run record's inspections: items plus the host problem, impact/system from host_info."""
        host_info = host_info or {}
        inspections = []
        for target in sorted(self.order):
            inspection = dict(self.inspections[target])
            info = host_info.get(target) or {}
            inspection['items'] = list(inspection['items'])
            inspection['host_status'], item = self._host_status(target, inspection['items'])
            if item is not None:
                inspection['items'].append(item)
            inspection['items'].extend(self.gaps.get(target, ()))
            inspection['checks'] = sorted(self.checks.get(target, ()))
            for key in ('impact', 'system', 'system_description'):  # the inventory is authoritative for these
                if info.get(key) is not None or key not in inspection:
                    inspection[key] = info.get(key)
            if inspection.get('device_class') is None:
                inspection['device_class'] = info.get('device_class')
            inspections.append(inspection)
        return inspections

    def build(self, run_id, job, meta, host_info=None, policy=None, period=None, slice_=None, redactor=None):
        """The run record (docs/run-record.md) without `changes`; redacted when a redactor is given."""
        inspections = self.inspections_list(host_info)
        if redactor is not None:
            inspections = redactor(inspections)
            meta = redactor(meta)
        findings = build_findings(inspections, policy)
        return {
            'schema_version': 1,
            'run_id': run_id,
            'job': job,
            'period': period if period in PERIODS else period_of(job),
            'slice': slice_,
            'started_at': self.started_at,
            'finished_at': now_iso(),
            'meta': meta,
            'inspections': inspections,
            'findings': findings,
            'summary': summarize(inspections, findings, policy),
            'changes': None,
        }


def is_reach_item(item):
    """The item that says whether a protocol answered (snmp.reach, postgresql.reach, reach.ssh ...)."""
    item_id = str(item.get('id') or '')
    return item_id.endswith('.reach') or item_id.startswith('reach.')


def status_of_items(items):
    """ok when any check read the device; else why not, from its reach items.

    A target whose only items are failed reach items was not inspected: unreachable when one is a
    fault (no answer), auth_failed when it answered and refused us, failed when the check broke.
    A device that answered one protocol and not another (the server is up, its Tomcat is down) was
    inspected: the failed reach is one of its findings. A target whose inventory variables could
    not be used (host.config_invalid, module_utils/inspection/validate.py) was not inspected.
    """
    if not items or not all((is_reach_item(i) or i.get('id') == CONFIG_ITEM) and i.get('status') != 'ok' for i in items):
        return 'ok'
    if any(i.get('fault') for i in items):
        return 'unreachable'
    if any(i.get('id') == CONFIG_ITEM for i in items):
        return 'not_inspected'
    if any(i.get('status') == 'critical' for i in items):
        return 'auth_failed'
    return 'failed'


def worst(items):
    """(count, worst status) of a list of items, for the per-host progress line."""
    status = 'ok'
    for item in items:
        if SEVERITY.get(item.get('status'), 1) > SEVERITY[status]:
            status = item.get('status')
    return len(items), status
