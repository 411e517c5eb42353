# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tomcat and probe details are said(): the English is what the checks always said, the zh_CN report
renders our words in Chinese and quotes what the server or the system answered."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import os

import pytest

from ansible_collections.medops.itops.plugins.module_utils.middleware import http, inspect, probes, tomcat
from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog
from ansible_collections.medops.itops.tests.unit.plugins.module_utils.report.language_scan import english_words, run_names

FIXTURES = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'fixtures', 'middleware')
NOW = datetime.datetime(2026, 11, 25, tzinfo=datetime.timezone.utc)


@pytest.fixture(scope='module')
def zh():
    return load_catalog('zh_CN')


def _read(*parts):
    with open(os.path.join(FIXTURES, *parts), encoding='utf-8') as handle:
        return handle.read()


def _chinese(items, zh):
    names = run_names({'inspections': [{'items': items}]})
    for item in items:
        assert item['detail_id'].split('.')[0] in ('tomcat', 'http', 'tls', 'tcp'), item
        text = zh.detail(item)
        assert text != item['detail'] and english_words(text, names) == {}, (item, text)


def test_tomcat_status_and_pools(zh):
    first = tomcat.parse_status(_read('documented', 'tomcat9-status-busy.xml'))
    later = tomcat.parse_status(_read('documented', 'tomcat9-status-later.xml'))
    items, _metrics = tomcat.status_items(later, previous=first)
    items += tomcat.status_items(tomcat.parse_status(_read('recorded', 'tomcat10-status.xml')))[0]
    pools = tomcat.datasources(tomcat.parse_jmxproxy(_read('recorded', 'tomcat10-jmx-datasource.txt')))
    items += tomcat.datasource_items(pools + [{'subject': 'nomax', 'active': 1, 'max': None, 'idle': 0}])[0]
    _chinese(items, zh)
    texts = [i['detail'] for i in items]
    assert any(t.startswith('heap ') and t.endswith(' MiB max') for t in texts)
    assert any(t.endswith('requests during the sample') for t in texts) and 'pool without a maximum size (maxTotal -)' in texts


def test_status_errors_keep_their_words(zh):
    with pytest.raises(tomcat.StatusError) as err:
        tomcat.parse_status('<status><broken')
    reach = inspect._unreadable('https://mw/manager/status?XML=true', err.value.reason)   # pylint: disable=protected-access
    assert reach.startswith('https://mw/manager/status?XML=true: malformed status XML: ') and reach.detail_id == 'tomcat.reach.malformed'
    with pytest.raises(tomcat.StatusError) as err:
        tomcat.parse_jmxproxy('Error - no such bean')
    assert err.value.reason == 'JMX proxy: Error - no such bean'
    assert zh.detail({'detail': 'x', 'detail_id': err.value.reason.detail_id, 'params': err.value.reason.params}) == '「jmxproxy」接口：「Error - no such bean」'


def _probe(**definition):
    return probes.normalize(dict({'name': 'p'}, **definition))


def test_probe_details(zh):
    ok = _probe(url='https://10.77.0.31/health', jmespath='status', equals='UP', status=[200, 204])
    result = {'status': 503, 'elapsed_ms': 12.6, 'error': None, 'body': '{"status": "DOWN"}', 'tls_error': None,
              'not_after': NOW + datetime.timedelta(days=30), 'cert_sha256': None}
    items = probes.probe_items(ok, result, now=NOW)
    by = dict((i['id'], i) for i in items)
    assert by['http.status']['detail'] == 'HTTP 503 in 12.6 ms (expected 200, 204)'
    assert by['http.latency_ms']['detail'] == 'whole response in 12.6 ms'
    assert by['http.content']['detail'] == "status = 'DOWN' (expected 'UP')"
    assert by['tls.days_left']['detail'] == 'certificate valid until 2026-12-25 00:00 UTC (probe p)'
    assert zh.detail(by['http.content']) == "status = 「'DOWN'」（期望 'UP'）"
    items += probes.probe_items(_probe(url='http://10.77.0.31/', content='"status":"UP"'), dict(result, status=200, body='{"status":"UP"}'))
    items += probes.probe_items(_probe(url='http://10.77.0.31/', content='absent'), dict(result, status=200))
    items += probes.probe_items(_probe(url='http://10.77.0.31/', jmespath='a'), dict(result, status=200, body='x'))
    items += probes.probe_items(_probe(tcp='10.77.0.21:5432'), {'elapsed_ms': 1.0, 'error': None})
    for error in (http.no_answer(5.0), 'Connection refused (ConnectionRefusedError)'):
        items += probes.probe_items(_probe(tcp='10.77.0.21:5432'), {'elapsed_ms': 1.0, 'error': error})
        items += probes.probe_items(ok, dict(result, error=error))
    items += probes.crashed_items(ok, RuntimeError('boom'))
    _chinese(items, zh)
    texts = [i['detail'] for i in items]
    for text in ("matched '\"status\":\"UP\"'", "no match for 'absent'", 'the body is not JSON', '10.77.0.21:5432 accepts connections',
                 '10.77.0.21:5432: no answer within 5 s', 'https://10.77.0.31/health: Connection refused (ConnectionRefusedError)',
                 'https://10.77.0.31/health: probe failed: RuntimeError: boom'):
        assert text in texts


def test_fetch_errors_are_said_in_every_place_they_are_told():
    for error, tail in ((http.no_answer(0.3), 'no answer within 0.3 s'), (http.fetch('http:///')['error'], 'not an http(s) URL'),
                        ('[Errno 111] Connection refused', '[Errno 111] Connection refused')):
        assert http.failed('https://x', error) == 'https://x: ' + tail
        assert inspect._jmx_failed(error) == 'JMX proxy: ' + tail       # pylint: disable=protected-access
