# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Redaction of log samples, option normalisation and the section splitter."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.medops.itops.plugins.module_utils.linux.options import OptionError, normalize
from ansible_collections.medops.itops.plugins.module_utils.linux.redact import redact, redact_lines
from ansible_collections.medops.itops.plugins.module_utils.linux.sections import Sections, pct, to_float, to_int


@pytest.mark.parametrize('line,hidden,shown', [
    ('login password=Hx9!2026 user=his', 'Hx9!2026', 'password=***'),
    ('{"user": "his", "password": "p@ss word"}', 'p@ss word', '"password": "***"'),
    ("db_pwd = 'abc123' host=x", 'abc123', 'pwd = ***'),
    ('api_key: 9f8e7d6c5b4a', '9f8e7d6c5b4a', 'api_key: ***'),
    ('Authorization: Bearer eyJhbGciOi.eyJzdWIi.sig', 'eyJhbGciOi', 'Authorization: ***'),
    ('url=http://svc:Pa55w0rd@10.0.0.1/api', 'Pa55w0rd', 'svc:***@'),
    ('jdbc:oracle:thin:his/S3cr3t@10.1.1.1:1521/HIS', 'S3cr3t', 'his/***@'),
    ('patient 11010519880615123X admitted', '11010519880615123X', '[ID-REDACTED]'),
    ('patient 110105198806151234 admitted', '110105198806151234', '[ID-REDACTED]'),
    ('call 13812345678 now', '13812345678', '[PHONE-REDACTED]'),
    ('call +86 13812345678 now', '13812345678', '[PHONE-REDACTED]'),
    ('tel 010-62345678', '62345678', '[PHONE-REDACTED]'),
    ('密码=秘密123 ok', '秘密123', '密码=***'),
])
def test_redaction(line, hidden, shown):
    result = redact(line)
    assert hidden not in result and shown in result


def test_redaction_leaves_ordinary_text():
    line = '2026-11-25 08:00:01 ERROR order 20261125000123 failed after 3 retries (port 1521)'
    assert redact(line) == line
    assert redact('') == ''
    assert redact_lines(['x' * 400])[0].endswith('...') and len(redact_lines(['x' * 400])[0]) == 160


def test_options_defaults_and_shapes():
    opts = normalize({'critical_services': ['sshd', {'name': 'his', 'process': 'java', 'port': '8080'}],
                      'logs': [{'path': '/var/log/a'}]})
    assert opts['critical_services'] == [{'name': 'sshd', 'process': None, 'port': None},
                                         {'name': 'his', 'process': 'java', 'port': 8080}]
    assert opts['logs'] == [{'path': '/var/log/a', 'pattern': 'ERROR|CRIT|FATAL|panic|Traceback',
                             'since_minutes': 1440, 'max_lines': 100000}]
    assert opts['timeout'] == 60 and opts['sample_seconds'] == 1 and opts['thresholds'] == {}
    assert opts['expected_ports'] is None and opts['ntp'] is True


@pytest.mark.parametrize('params,message', [
    ({'critical_services': [{'process': 'x'}]}, 'each entry must be a name'),
    ({'critical_services': [{'name': 'a', 'bogus': 1}]}, 'unknown keys bogus'),
    ({'critical_services': [{'name': 'a', 'port': 'http'}]}, 'port must be an integer'),
    ({'critical_services': [{'name': 'a', 'port': 70000}]}, 'out of range'),
    ({'logs': [{'path': ''}]}, 'needs a path'),
    ({'logs': [{'path': '/x', 'since_minutes': 0}]}, 'must be positive'),
    ({'timeout': 0}, 'timeout must be'),
    ({'sample_seconds': 10, 'timeout': 5}, 'sample_seconds'),
    ({'auth_since_minutes': 0}, 'auth_since_minutes'),
    ({'expected_ports': [0]}, 'not a TCP port'),
])
def test_option_errors(params, message):
    with pytest.raises(OptionError, match=message):
        normalize(params)


def test_sections():
    text = 'noise before\n=== meta ===\na=1\na=2\nbad line\n=== log /var/log/my app.log ===\n!!! unreadable permission denied\n' \
           '=== log /b ===\n> x\n=== time-sync ===\n--- chronyc tracking\n!!! timeout chronyc after 3s\n=== end ===\n'
    sections = Sections(text)
    assert sections.get('meta').keyvalues() == {'a': '1'}
    assert sections.by_arg('log', '/var/log/my app.log').problem() == 'permission denied'
    assert [s.arg for s in sections.all('log')] == ['/var/log/my app.log', '/b']
    assert sections.get('time-sync').problem() == 'timed out: chronyc after 3s'
    assert sections.get('time-sync').marker('missing') is None
    assert sections.complete() and sections.get('nothing') is None and sections.by_arg('log', '/c') is None
    assert sections.sizes()['log'] == 4
    assert (to_int(' 7 '), to_int('x'), to_int(None)) == (7, None, None)
    assert (to_float('1.5'), to_float('nan'), to_float('inf'), to_float('x')) == (1.5, None, None, None)
    assert (pct(1, 4), pct(None, 4), pct(1, 0)) == (25.0, None, None)
