# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Grading: faults by impact with the contract's deadlines, risk levels, the health score."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os

import pytest

from ansible_collections.medops.itops.plugins.module_utils.inspection import grading
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_inspection, make_item

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', '..'))


def host(target, impact, items, host_status='ok'):
    inspection = make_inspection(target, 'linux_server', items, collected_at='2026-11-25T08:00:00+08:00')
    inspection.update(impact=impact, system=None, host_status=host_status)
    return inspection


def down(subject='his'):
    return make_item('linux.service.active', subject=subject, value='failed', status='critical', fault=True)


@pytest.mark.parametrize('impact,grade,respond,recover', [
    ('hospital', 'P1', 15, 120), ('department', 'P2', 30, 240), ('individual', 'P3', 120, 1440)])
def test_fault_grade_and_deadlines_follow_impact(impact, grade, respond, recover):
    finding, = grading.build_findings([host('h1', impact, [down()])])
    assert (finding['kind'], finding['grade'], finding['level']) == ('fault', grade, None)
    assert (finding['respond_within_min'], finding['recover_within_min']) == (respond, recover)


def test_full_disk_on_a_departmental_server_is_a_risk_not_a_p1():
    disk = make_item('linux.fs.used_pct', subject='/data', value=99.0, unit='%', status='critical', threshold={'warning': 80, 'critical': 90})
    finding, = grading.build_findings([host('pacs-app-01', 'department', [disk])])
    assert finding['kind'] == 'risk'
    assert finding['grade'] is None and finding['respond_within_min'] is None
    assert finding['level'] == 'high'
    assert (finding['value'], finding['unit'], finding['subject']) == (99.0, '%', '/data')


@pytest.mark.parametrize('status,impact,level', [
    ('critical', 'hospital', 'high'), ('critical', 'department', 'high'), ('critical', 'individual', 'medium'),
    ('warning', 'hospital', 'medium'), ('warning', 'department', 'low'), ('warning', 'individual', 'low'),
    ('unknown', 'hospital', 'low'), ('unknown', 'individual', 'low')])
def test_risk_levels(status, impact, level):
    finding, = grading.build_findings([host('h1', impact, [make_item('linux.cpu.util_pct', value=1, status=status)])])
    assert (finding['kind'], finding['level']) == ('risk', level)


def test_ok_items_are_not_findings_and_order_is_gravest_first():
    items = [make_item('a.ok', status='ok'), make_item('a.warn', status='warning'), down()]
    findings = grading.build_findings([host('h1', 'individual', items), host('h2', 'hospital', [make_item('b.crit', status='critical')])])
    assert [(f['target'], f['id']) for f in findings] == [('h1', 'linux.service.active'), ('h2', 'b.crit'), ('h1', 'a.warn')]


def test_missing_impact_uses_default_impact():
    assert grading.build_findings([host('h1', None, [down()])])[0]['grade'] == 'P2'
    policy = grading.merge_policy({'default_impact': 'hospital'})
    assert grading.build_findings([host('h1', None, [down()])], policy)[0]['grade'] == 'P1'


def test_itops_grading_overrides_deadlines_and_levels():
    policy = grading.merge_policy({'deadlines': {'P1': {'respond_within_min': 10}},
                                   'risk_levels': {'warning': {'department': 'medium'}}})
    assert policy['deadlines']['P1'] == {'respond_within_min': 10, 'recover_within_min': 120}
    findings = grading.build_findings([host('h1', 'hospital', [down()]), host('h2', 'department', [make_item('x.y', status='warning')])], policy)
    assert findings[0]['respond_within_min'] == 10
    assert findings[1]['level'] == 'medium'
    # Partial overrides given straight to build_findings are merged too.
    assert grading.build_findings([host('h1', 'hospital', [down()])], {'fault_grades': {'hospital': 'P2'}})[0]['grade'] == 'P2'


@pytest.mark.parametrize('overrides,message', [
    ({'nonsense': 1}, 'itops_grading.nonsense'),
    ({'fault_grades': {'hospital': 'P0'}}, 'fault_grades.hospital'),
    ({'deadlines': {'P1': {'respond_within_min': 'soon'}}}, 'deadlines.P1.respond_within_min'),
    ({'risk_levels': {'warning': {'hospital': 'severe'}}}, 'risk_levels.warning.hospital'),
    ({'score': {'penalties': {'P1': -1}}}, 'score.penalties.P1'),
    ({'default_impact': 'city'}, 'default_impact'),
    ({'deadlines': 5}, 'itops_grading.deadlines must be a mapping'),
    ('P1', 'must be a mapping'),
])
def test_bad_policy_is_named(overrides, message):
    with pytest.raises(grading.GradingError, match=message.replace('.', r'\.')):
        grading.merge_policy(overrides)


def test_score_is_100_for_healthy_and_floored_at_zero():
    assert grading.health_score([host('h1', 'hospital', [make_item('a.b', status='ok')])], []) == 100
    assert grading.health_score([], []) == 100
    many = [make_item('a.b', subject=str(n), status='critical') for n in range(10)]
    inspections = [host('h1', 'hospital', many)]
    assert grading.health_score(inspections, grading.build_findings(inspections)) == 0


def test_score_weights_hosts_by_impact():
    inspections = [host('core', 'hospital', [down()]), host('pc', 'individual', [])]
    # core: 0 (P1 costs 100) weight 5, pc: 100 weight 1 -> 100 / 6
    assert grading.health_score(inspections, grading.build_findings(inspections)) == 17
    inspections = [host('core', 'hospital', []), host('pc', 'individual', [down()])]
    # pc: 100 - 60 (P3) = 40, weight 1 -> (500 + 40) / 6
    assert grading.health_score(inspections, grading.build_findings(inspections)) == 90


def test_summarize_shape():
    inspections = [host('h1', 'hospital', [make_item('a.b', status='ok'), make_item('a.c', status='warning')]),
                   host('h2', 'department', [make_item('host.unreachable', status='critical', fault=True)], host_status='unreachable'),
                   host('h3', 'individual', [make_item('host.failed', status='critical', fault=True)], host_status='failed')]
    findings = grading.build_findings(inspections)
    summary = grading.summarize(inspections, findings)
    assert summary == {
        'hosts_total': 3, 'hosts_ok': 1, 'hosts_unreachable': 1, 'items_total': 4,
        'hosts_not_inspected': 2, 'hosts_by_status': {'ok': 1, 'unreachable': 1, 'failed': 1},
        'by_status': {'ok': 1, 'warning': 1, 'critical': 2, 'unknown': 0},
        'faults_by_grade': {'P1': 0, 'P2': 1, 'P3': 1}, 'risks_by_level': {'high': 0, 'medium': 1, 'low': 0},
        # h1 90 (medium risk -10) x5, h2 20 (P2 -80) x2, h3 40 (P3 -60) x1: 530 / 8 = 66.25
        'score': 66, 'score_cap': None,    # below the P2 cap of 79 already
        'deadlines': grading.DEFAULT_POLICY['deadlines'],
    }


def _his_down_among(healthy):
    return [host('his-app-01', 'hospital', [down()])] + [host('pc%d' % n, 'hospital', []) for n in range(healthy)]


def test_an_open_p1_caps_the_score_at_59_and_says_so():
    inspections = _his_down_among(30)        # (0 + 30 x 100) x5 / 155 = 97 before the cap
    summary = grading.summarize(inspections, grading.build_findings(inspections))
    assert summary['score'] == 59
    assert summary['score_cap'] == {'grade': 'P1', 'cap': 59, 'faults': 1, 'uncapped': 97}


def test_an_open_p2_caps_at_79_and_the_gravest_fault_decides():
    p2 = [host('lis', 'department', [down()])] + [host('pc%d' % n, 'department', []) for n in range(9)]
    summary = grading.summarize(p2, grading.build_findings(p2))
    assert (summary['score'], summary['score_cap']['grade']) == (79, 'P2')
    both = p2 + _his_down_among(0)
    assert grading.summarize(both, grading.build_findings(both))['score_cap']['grade'] == 'P1'


def test_caps_follow_the_policy():
    inspections = _his_down_among(30)
    findings = grading.build_findings(inspections)
    assert grading.capped_score(inspections, findings, {'score': {'caps': {'P1': 40}}}) == \
        (40, {'grade': 'P1', 'cap': 40, 'faults': 1, 'uncapped': 97})
    assert grading.capped_score(inspections, findings, {'score': {'caps': {'P1': None}}}) == (97, None)


@pytest.mark.parametrize('caps, key', [({'P4': 50}, 'score.caps.P4'), ({'P1': 101}, 'score.caps.P1'), ({'P2': 'low'}, 'score.caps.P2')])
def test_bad_caps_name_the_key(caps, key):
    with pytest.raises(grading.GradingError, match=key.replace('.', r'\.')):
        grading.merge_policy({'score': {'caps': caps}})


def test_the_deadlines_in_the_summary_are_the_runs_policy():
    inspections = _his_down_among(1)
    policy = {'deadlines': {'P1': {'respond_within_min': 5, 'recover_within_min': 60}}}
    deadlines = grading.summarize(inspections, grading.build_findings(inspections, policy), policy)['deadlines']
    assert deadlines['P1'] == {'respond_within_min': 5, 'recover_within_min': 60}
    assert deadlines['P3'] == grading.DEFAULT_POLICY['deadlines']['P3']


def test_fixture_run_validates_with_our_findings_and_summary():
    schema = pytest.importorskip('jsonschema')
    with open(os.path.join(ROOT, 'tests', 'unit', 'fixtures', 'runs', 'quarterly_zh.json'), encoding='utf-8') as handle:
        run = json.load(handle)
    with open(os.path.join(ROOT, 'docs', 'run-record.schema.json'), encoding='utf-8') as handle:
        validator = schema.Draft202012Validator(json.load(handle))
    run['findings'] = grading.build_findings(run['inspections'])
    run['summary'] = grading.summarize(run['inspections'], run['findings'])
    assert not list(validator.iter_errors(run))
    assert run['summary']['faults_by_grade'] == {'P1': 0, 'P2': 1, 'P3': 0}


@pytest.mark.parametrize('score, band', [(100, ('good', 'ok')), (90, ('good', 'ok')), (89.9, ('fair', 'warning')), (70, ('fair', 'warning')),
                                         (69, ('poor', 'critical')), (0, ('poor', 'critical')), (None, ('poor', 'critical'))])
def test_score_bands(score, band):
    assert grading.score_band(score) == band


def test_the_report_and_its_ring_use_the_score_bands():
    from ansible_collections.medops.itops.plugins.module_utils.report import model, svg
    from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog
    catalog = load_catalog('en')
    for score, label, status in ((95, 'Good', 'ok'), (75, 'Fair', 'warning'), (40, 'Poor', 'critical')):
        assert model.health_model({'summary': {'score': score}}, catalog)['score_label'] == label
        assert svg.COLOURS[status] in svg.score_ring(score)


def test_one_certificate_on_two_servers_is_one_finding_the_gravest_kept():
    def cert(days, status):
        item = make_item('linux.cert.days_left', subject='/etc/pki/tls/certs/wildcard.crt', value=days, unit='d', status=status)
        item['cert_sha256'] = 'ab' * 32
        return item
    other = make_item('linux.cert.days_left', subject='/etc/pki/tls/certs/other.crt', value=20, unit='d', status='warning')
    inspections = [host('his-app-01', 'hospital', [cert(20, 'warning'), other]), host('his-app-02', 'hospital', [cert(5, 'critical')])]
    findings = grading.build_findings(inspections)
    assert [(f['target'], f['subject'], f['status']) for f in findings] == [
        ('his-app-02', '/etc/pki/tls/certs/wildcard.crt', 'critical'), ('his-app-01', '/etc/pki/tls/certs/other.crt', 'warning')]
    assert findings[0]['also_seen'] == [{'target': 'his-app-01', 'id': 'linux.cert.days_left', 'subject': '/etc/pki/tls/certs/wildcard.crt',
                                         'status': 'warning', 'value': 20}]
    assert 'also_seen' not in findings[1] and 'cert_sha256' not in findings[1]
