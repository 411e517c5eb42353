# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The coverage table: which check inspects a host, why one is not inspected, and that the table
agrees with the shipped roles and playbooks."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import os
import re

import pytest
import yaml

from ansible_collections.medops.itops.plugins.module_utils.history.record import device_class_of
from ansible_collections.medops.itops.plugins.module_utils.inspection import coverage

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', '..'))


@pytest.mark.parametrize('groups, variables, checks', [
    (['linux_servers', 'postgresql'], {}, ['linux', 'postgresql']),
    (['snmp_devices', 'switches'], {}, ['snmp']),
    (['storwize'], {}, ['storage']),
    (['middleware'], {'itops_tomcat_url': 'http://x/'}, ['middleware']),
    (['middleware'], {}, []),
    (['windows_servers'], {'itops_http_probes': [{'tcp': 3389}]}, ['middleware']),
    ([], {}, []),
])
def test_host_checks(groups, variables, checks):
    assert coverage.host_checks(groups, variables) == checks


@pytest.mark.parametrize('device_class, groups, variables, reason', [
    ('windows_server', ['windows_servers'], {}, 'no check for device class windows_server'),
    ('oracle', ['oracle'], {}, 'no check for device class oracle'),
    ('storage', ['storage'], {}, 'not in group oceanstor or snmp_devices or storwize (the storage/snmp check reads those groups)'),
    ('bmc', ['ipmi'], {}, 'not in group bmcs (the bmc check reads that group)'),
    ('middleware', ['middleware'], {}, 'in group middleware but itops_tomcat_url is not set (the middleware check needs it)'),
    (None, ['somewhere'], {}, coverage.REASON_NO_CLASS),
    ('linux_server', ['linux_servers'], {}, None),
])
def test_uncovered_reason_names_what_is_missing(device_class, groups, variables, reason):
    assert coverage.uncovered_reason(device_class, groups, variables) == reason


def test_coverage_table_leaves_out_hosts_marked_not_to_inspect():
    hosts = {'b-win': (['windows_servers'], {}), 'a-lin': (['linux_servers'], {}),
             'jump': (['linux_servers'], {'itops_inspect': False}), 'ctl': ([], {'itops_inspect': 'no'})}
    rows = coverage.coverage_table(hosts, device_class_of)
    assert [(r['target'], r['device_class'], r['checks'], r['reason']) for r in rows] == [
        ('a-lin', 'linux_server', ['linux'], None),
        ('b-win', 'windows_server', [], 'no check for device class windows_server')]


def test_the_part_of_an_inspected_host_no_check_reads_is_a_gap():
    rows = coverage.coverage_table({'his-db-01': (['linux_servers', 'oracle'], {}), 'web-01': (['linux_servers', 'nginx'], {}),
                                    'web-02': (['linux_servers', 'nginx'], {'itops_http_probes': [{'url': 'https://x/'}]})},
                                   device_class_of)
    assert [(r['target'], r['reason'], r['gaps']) for r in rows] == [
        ('his-db-01', None, ['no check for Oracle databases']),
        ('web-01', None, ['no check for nginx (declare itops_http_probes to probe it)']),
        ('web-02', None, [])]


def test_check_of_action():
    assert coverage.check_of_action('medops.itops.snmp_inspect') == 'snmp'
    assert coverage.check_of_action('linux_inspect') == 'linux'
    assert coverage.check_of_action('ansible.builtin.debug') is None
    assert coverage.check_of_action(None) is None


def _check_groups():
    return set(g for _n, groups, _c, _a in coverage.CHECKS for g in groups)


def test_every_role_default_group_is_in_the_table():
    """A role that reads another group by default would make the coverage table lie."""
    found = {}
    for path in glob.glob(os.path.join(ROOT, 'roles', '*', 'defaults', 'main.yml')):
        with open(path, encoding='utf-8') as handle:
            defaults = yaml.safe_load(handle) or {}
        for key, value in defaults.items():
            if re.match(r'inspect_\w+_group$', key) or re.match(r'inspect_\w+_rest_group$', key):
                found[key] = value
            elif re.match(r'inspect_\w+_groups$', key) and isinstance(value, list):
                found.update(('%s:%s' % (key, g), g) for g in value)
        for key, value in defaults.items():
            if key.endswith('_targets') and isinstance(value, str):
                found.update(('%s:%s' % (key, g), g) for g in re.findall(r"groups\['(\w+)'\]", value))
    assert found, 'no role default names a group: the test reads the wrong files'
    missing = dict((k, v) for k, v in found.items() if v not in _check_groups())
    assert not missing, 'role defaults read groups the coverage table does not know: %s' % missing


def _plays(path):
    """The plays of a playbook, its import_playbook entries followed (relative to the playbook)."""
    with open(path, encoding='utf-8') as handle:
        entries = yaml.safe_load(handle) or []
    plays = []
    for entry in entries:
        imported = entry.get('ansible.builtin.import_playbook') or entry.get('import_playbook')
        plays.extend(_plays(os.path.join(os.path.dirname(path), imported)) if imported else [entry])
    return plays


def test_the_period_playbooks_are_the_one_inspection_playbook_at_their_depth():
    for period in ('weekly', 'monthly', 'quarterly'):
        with open(os.path.join(ROOT, 'playbooks', '%s_inspection.yml' % period), encoding='utf-8') as handle:
            entry, = yaml.safe_load(handle)
        assert entry['ansible.builtin.import_playbook'] == 'inspection.yml' and entry['vars'] == {'itops_period': period}
    assert not [p for p in _plays(os.path.join(ROOT, 'playbooks', 'inspection.yml')) if 'itops_period' in (p.get('vars') or {})]


def test_every_inspection_play_targets_a_group_of_the_table():
    patterns = set()
    for path in glob.glob(os.path.join(ROOT, 'playbooks', '*inspection.yml')):
        for play in _plays(path):
            patterns.update(p.strip() for p in str(play.get('hosts', '')).split(':') if p.strip())
    assert 'linux_servers' in patterns
    unknown = patterns - _check_groups() - {'localhost'}
    assert not unknown, 'inspection plays target groups the coverage table does not know: %s' % sorted(unknown)
