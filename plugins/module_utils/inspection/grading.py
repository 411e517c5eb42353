# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Grading: findings (faults P1/P2/P3, risks high/medium/low) and the health score of a run.

A finding is every item whose status is not ok. It is a *fault* (an outage) when the item says
so (`fault: true`, which the callback also sets on its host.unreachable / host.failed /
host.timeout items) and a *risk* (a threshold finding) otherwise. Faults take their grade from the
host's `itops_impact`; risks take their level from the item status and the impact.
Every number and mapping here can be changed with the `itops_grading` variable (docs/grading.md).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

from ansible_collections.medops.itops.plugins.module_utils.inspection.item import SEVERITY

IMPACTS = ('hospital', 'department', 'individual')
GRADES = ('P1', 'P2', 'P3')
LEVELS = ('high', 'medium', 'low')

DEFAULT_POLICY = {
    # A host without itops_impact (or with a value outside IMPACTS) is graded as this.
    'default_impact': 'department',
    # Faults: the grade by the scope of business affected, and the contract's deadlines.
    'fault_grades': {'hospital': 'P1', 'department': 'P2', 'individual': 'P3'},
    'deadlines': {
        'P1': {'respond_within_min': 15, 'recover_within_min': 120},
        'P2': {'respond_within_min': 30, 'recover_within_min': 240},
        'P3': {'respond_within_min': 120, 'recover_within_min': 1440},
    },
    # Risks: level by item status, then by impact.
    'risk_levels': {
        'critical': {'hospital': 'high', 'department': 'high', 'individual': 'medium'},
        'warning': {'hospital': 'medium', 'department': 'low', 'individual': 'low'},
        'unknown': {'hospital': 'low', 'department': 'low', 'individual': 'low'},
    },
    # Health score: each host starts at 100 and loses these points per finding (floored at 0);
    # the run score is the mean of host scores weighted by impact, and at most `caps` of the
    # gravest open fault: a run with the HIS down is not "fair" because 30 other hosts are fine.
    'score': {
        'penalties': {'P1': 100, 'P2': 80, 'P3': 60, 'high': 25, 'medium': 10, 'low': 3},
        'host_weights': {'hospital': 5, 'department': 2, 'individual': 1},
        'caps': {'P1': 59, 'P2': 79},
    },
}

# Score bands: (lowest score of the band, band, status of its colour), best first. The health
# report's label of the run score (catalog summary.score_<band>) and its score ring use them.
SCORE_BANDS = ((90, 'good', 'ok'), (70, 'fair', 'warning'), (0, 'poor', 'critical'))

# Order findings by: faults P1..P3, then risks high..low.
_RANK = {'P1': 7, 'P2': 6, 'P3': 5, 'high': 3, 'medium': 2, 'low': 1}


class GradingError(ValueError):
    """An `itops_grading` value that cannot be used; the message names the key."""


def merge_policy(overrides=None):
    """DEFAULT_POLICY with `itops_grading` merged over it (mappings merged key by key)."""
    policy = copy.deepcopy(DEFAULT_POLICY)
    if not overrides:
        return policy
    if not isinstance(overrides, dict):
        raise GradingError('itops_grading must be a mapping, got %r' % (overrides,))
    _merge(policy, overrides, 'itops_grading')
    _validate(policy)
    return policy


def _merge(base, overrides, path):
    for key, value in overrides.items():
        where = '%s.%s' % (path, key)
        if key not in base:
            raise GradingError('%s is not a known grading setting (known: %s)' % (where, ', '.join(sorted(base))))
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise GradingError('%s must be a mapping, got %r' % (where, value))
            for sub_key, sub_value in value.items():
                if isinstance(base[key].get(sub_key), dict) and isinstance(sub_value, dict):
                    base[key][sub_key].update(sub_value)
                else:
                    base[key][sub_key] = sub_value
        else:
            base[key] = value


def _validate(policy):
    if policy['default_impact'] not in IMPACTS:
        raise GradingError('itops_grading.default_impact must be one of %s, got %r' % (', '.join(IMPACTS), policy['default_impact']))
    for impact, grade in policy['fault_grades'].items():
        if grade not in GRADES:
            raise GradingError('itops_grading.fault_grades.%s must be one of %s, got %r' % (impact, ', '.join(GRADES), grade))
    for grade, deadline in policy['deadlines'].items():
        for key in ('respond_within_min', 'recover_within_min'):
            if not isinstance(deadline.get(key), (int, float)) or isinstance(deadline.get(key), bool):
                raise GradingError('itops_grading.deadlines.%s.%s must be a number of minutes, got %r' % (grade, key, deadline.get(key)))
    for status, by_impact in policy['risk_levels'].items():
        for impact, level in by_impact.items():
            if level not in LEVELS:
                raise GradingError('itops_grading.risk_levels.%s.%s must be one of %s, got %r' % (status, impact, ', '.join(LEVELS), level))
    for section in ('penalties', 'host_weights'):
        for key, number in policy['score'][section].items():
            if not isinstance(number, (int, float)) or isinstance(number, bool) or number < 0:
                raise GradingError('itops_grading.score.%s.%s must be a number >= 0, got %r' % (section, key, number))
    for grade, cap in policy['score']['caps'].items():
        if grade not in GRADES:
            raise GradingError('itops_grading.score.caps.%s: caps are set per fault grade (%s)' % (grade, ', '.join(GRADES)))
        if cap is not None and (not isinstance(cap, (int, float)) or isinstance(cap, bool) or not 0 <= cap <= 100):
            raise GradingError('itops_grading.score.caps.%s must be a score 0-100 (or null for no cap), got %r' % (grade, cap))


def as_policy(policy=None):
    """A complete policy: DEFAULT_POLICY for None, a complete policy as is, overrides merged otherwise."""
    if policy is None:
        return DEFAULT_POLICY
    if all(key in policy for key in DEFAULT_POLICY):
        return policy
    return merge_policy(policy)


def impact_of(inspection, policy):
    impact = inspection.get('impact')
    return impact if impact in IMPACTS else policy['default_impact']


def grade_item(item, impact, policy):
    """Classify one non-ok item: (kind, grade, level, respond_within_min, recover_within_min)."""
    if item.get('fault'):
        grade = policy['fault_grades'].get(impact, 'P2')
        deadline = policy['deadlines'].get(grade, {})
        return 'fault', grade, None, deadline.get('respond_within_min'), deadline.get('recover_within_min')
    by_impact = policy['risk_levels'].get(item.get('status'), policy['risk_levels']['unknown'])
    return 'risk', None, by_impact.get(impact, 'low'), None, None


def make_finding(target, item, impact, policy):
    kind, grade, level, respond, recover = grade_item(item, impact, policy)
    finding = {
        'target': target,
        'id': item.get('id'),
        'subject': item.get('subject'),
        'status': item.get('status'),
        'kind': kind,
        'grade': grade,
        'level': level,
        'respond_within_min': respond,
        'recover_within_min': recover,
        'value': item.get('value'),
        'unit': item.get('unit'),
        'detail': item.get('detail'),
        'advice': item.get('advice'),
    }
    if item.get('detail_id'):
        finding['detail_id'] = item['detail_id']
        finding['params'] = dict(item.get('params') or {})
    if item.get('cert_sha256'):
        finding['cert_sha256'] = item['cert_sha256']
    return finding


def finding_rank(finding):
    """A number that grows with the gravity of a finding (P1 > P2 > P3 > high > medium > low)."""
    return _RANK.get(finding.get('grade') or finding.get('level'), 0)


def finding_key(finding):
    """The identity of a finding across runs."""
    return (finding.get('target'), finding.get('id'), finding.get('subject'))


def _sort_key(finding):
    return (-finding_rank(finding), -SEVERITY.get(finding.get('status'), 1), str(finding.get('target')),
            str(finding.get('id')), str(finding.get('subject')))


def fold_certificates(findings):
    """One finding per certificate: a certificate seen both as a file (linux.cert.days_left) and by
    the HTTPS probe (tls.days_left), or on several servers, is one finding; the gravest (first in
    order) is kept and lists the others in `also_seen` ({target, id, subject, status, value})."""
    kept, out = {}, []
    for finding in findings:
        fingerprint = finding.get('cert_sha256')
        if not fingerprint:
            out.append(finding)
        elif fingerprint in kept:
            kept[fingerprint].setdefault('also_seen', []).append(
                dict((key, finding.get(key)) for key in ('target', 'id', 'subject', 'status', 'value')))
        else:
            kept[fingerprint] = finding
            out.append(finding)
    return out


def build_findings(inspections, policy=None):
    """Every item whose status is not ok, graded, gravest first (one per certificate)."""
    policy = as_policy(policy)
    findings = []
    for inspection in inspections:
        impact = impact_of(inspection, policy)
        for item in inspection.get('items') or []:
            if item.get('status', 'unknown') == 'ok':
                continue
            findings.append(make_finding(inspection.get('target'), item, impact, policy))
    findings.sort(key=_sort_key)
    return fold_certificates(findings)


def host_scores(inspections, findings, policy=None):
    """{target: 0-100}: 100 minus the penalties of the host's findings, floored at 0."""
    policy = as_policy(policy)
    penalties = policy['score']['penalties']
    scores = dict((inspection.get('target'), 100.0) for inspection in inspections)
    for finding in findings:
        target = finding.get('target')
        penalty = penalties.get(finding.get('grade') or finding.get('level'), 0)
        scores[target] = max(0.0, scores.get(target, 100.0) - penalty)
    return scores


def health_score(inspections, findings, policy=None):
    """0-100: the impact-weighted mean of host scores, rounded (100 for an empty run)."""
    policy = as_policy(policy)
    weights = policy['score']['host_weights']
    scores = host_scores(inspections, findings, policy)
    impacts = dict((inspection.get('target'), impact_of(inspection, policy)) for inspection in inspections)
    total_weight = 0.0
    weighted = 0.0
    for target, score in scores.items():
        weight = weights.get(impacts.get(target, policy['default_impact']), 1)
        total_weight += weight
        weighted += weight * score
    if not total_weight:
        return 100
    return int(round(weighted / total_weight))


def score_cap(findings, policy=None):
    """The cap the gravest open fault sets: {'grade', 'cap', 'faults'} (faults of that grade), or None."""
    caps = as_policy(policy)['score'].get('caps') or {}
    found = None
    for grade in GRADES:
        count = sum(1 for f in findings if f.get('kind') == 'fault' and f.get('grade') == grade)
        cap = caps.get(grade)
        if count and cap is not None and (found is None or cap < found['cap']):
            found = {'grade': grade, 'cap': cap, 'faults': count}
    return found


def capped_score(inspections, findings, policy=None):
    """(score, cap): the health score, lowered to the cap of the gravest open fault; cap is the
    score_cap() that lowered it, or None when none did."""
    score = health_score(inspections, findings, policy)
    cap = score_cap(findings, policy)
    if cap is None or score <= cap['cap']:
        return score, None
    return int(cap['cap']), dict(cap, uncapped=score)


def score_band(score):
    """(band, status) of a 0-100 score: 95 -> ('good', 'ok'), 87 -> ('fair', 'warning'), 12 -> ('poor', 'critical')."""
    value = score if isinstance(score, (int, float)) and not isinstance(score, bool) else 0
    for lowest, band, status in SCORE_BANDS:
        if value >= lowest:
            return band, status
    return SCORE_BANDS[-1][1], SCORE_BANDS[-1][2]


def summarize(inspections, findings, policy=None):
    """The `summary` block of the run record (docs/run-record.md)."""
    by_status = dict((status, 0) for status in ('ok', 'warning', 'critical', 'unknown'))
    hosts_ok = hosts_unreachable = items_total = 0
    by_host_status = {}
    for inspection in inspections:
        host_status = inspection.get('host_status', 'ok')
        by_host_status[host_status] = by_host_status.get(host_status, 0) + 1
        if host_status == 'ok':
            hosts_ok += 1
        elif host_status in ('unreachable', 'timeout'):
            hosts_unreachable += 1
        for item in inspection.get('items') or []:
            items_total += 1
            status = item.get('status', 'unknown')
            by_status[status if status in by_status else 'unknown'] += 1
    score, cap = capped_score(inspections, findings, policy)
    faults = dict((grade, 0) for grade in GRADES)
    risks = dict((level, 0) for level in LEVELS)
    for finding in findings:
        if finding.get('kind') == 'fault':
            faults[finding['grade']] = faults.get(finding['grade'], 0) + 1
        else:
            risks[finding['level']] = risks.get(finding['level'], 0) + 1
    return {
        'hosts_total': len(inspections),
        'hosts_ok': hosts_ok,
        'hosts_unreachable': hosts_unreachable,
        # Every host whose status is not ok was not inspected: unreachable, timed out, failed,
        # refused our credentials, or no check covered it (docs/run-record.md).
        'hosts_not_inspected': len(inspections) - hosts_ok,
        'hosts_by_status': by_host_status,
        'items_total': items_total,
        'by_status': by_status,
        'faults_by_grade': faults,
        'risks_by_level': risks,
        'score': score,
        # Set when an open fault capped the score: the report prints it beside the score.
        'score_cap': cap,
        # The contract's deadlines this run was graded with (the report's deadline table).
        'deadlines': copy.deepcopy(as_policy(policy)['deadlines']),
    }
