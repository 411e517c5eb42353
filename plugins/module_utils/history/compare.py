# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What changed between two runs: new, resolved and worsened findings.

Findings are matched by (target, id, subject). A finding is worse when it became graver:
a risk that became a fault, a higher grade or level, or a more severe status.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.inspection.grading import finding_key, finding_rank
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import SEVERITY

CHANGE_KEYS = ('target', 'id', 'subject', 'status', 'kind', 'grade', 'level')


def _findings(run_or_findings):
    if run_or_findings is None:
        return []
    if isinstance(run_or_findings, dict):
        return run_or_findings.get('findings') or []
    return list(run_or_findings)


def _brief(finding, previous=None, status=None):
    brief = dict((key, finding.get(key)) for key in CHANGE_KEYS)
    if status is not None:  # resolved: the status now, and what it was
        brief['status'], brief['previous_status'] = status, finding.get('status')
    if previous is not None:
        brief['previous_status'] = previous.get('status')
        brief['previous_grade'] = previous.get('grade')
        brief['previous_level'] = previous.get('level')
    return brief


def _status_now(inspected, key):
    """The status of a resolved finding's item in the new run: ok when the check is no longer reported."""
    if inspected is None:
        return 'ok'
    for item in inspected.get(key[0]) or []:
        if (item.get('id'), item.get('subject')) == key[1:]:
            return item.get('status') or 'ok'
    return 'ok'


def _gravity(finding):
    return (finding_rank(finding), SEVERITY.get(finding.get('status'), 1))


def compare_runs(old, new):
    """{new, resolved, worsened}: lists of brief findings; old/new are run records or finding lists.

    When `new` is a run record, findings of targets it did not inspect are not called resolved.
    """
    old_by_key = dict((finding_key(f), f) for f in _findings(old))
    new_by_key = dict((finding_key(f), f) for f in _findings(new))
    changes = {'new': [], 'resolved': [], 'worsened': []}
    for key, finding in new_by_key.items():
        previous = old_by_key.get(key)
        if previous is None:
            changes['new'].append(_brief(finding))
        elif _gravity(finding) > _gravity(previous):
            changes['worsened'].append(_brief(finding, previous))
    inspected = None
    if isinstance(new, dict) and new.get('inspections') is not None:
        inspected = dict((inspection.get('target'), inspection.get('items') or []) for inspection in new['inspections'])
    for key, finding in old_by_key.items():
        # A host left out of the new run (--limit, another slice) resolved nothing.
        if key not in new_by_key and (inspected is None or key[0] in inspected):
            changes['resolved'].append(_brief(finding, status=_status_now(inspected, key)))
    for entries in changes.values():
        entries.sort(key=lambda f: (str(f['target']), str(f['id']), str(f['subject'])))
    return changes


def run_changes(previous_run, run):
    """The `changes` block of a run record, or None when there is no previous run."""
    if not previous_run:
        return None
    changes = compare_runs(previous_run, run)
    changes['previous_run_id'] = previous_run.get('run_id')
    return changes
