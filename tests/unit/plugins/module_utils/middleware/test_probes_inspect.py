# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP(S)/TCP probes and the Tomcat inspection: probe results recorded from the lab, and real
HTTP(S) servers on loopback serving the lab's recorded manager answers."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import json
import os
import socket
import subprocess

import pytest

from ansible_collections.medops.itops.plugins.module_utils.inspection.grading import build_findings
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_item
from ansible_collections.medops.itops.plugins.module_utils.linux import parse_security
from ansible_collections.medops.itops.plugins.module_utils.middleware import http, inspect, probes
from ansible_collections.medops.itops.tests.unit.plugins.module_utils.middleware.servers import http_server, self_signed

FIX = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'fixtures', 'middleware')
AUTH = ('itops_monitor', 'secret-pass')


def _read(*parts):
    with open(os.path.join(FIX, *parts), encoding='utf-8') as fh:
        return fh.read()


def _recorded(name):
    return json.loads(_read('recorded', name))


def _restore(raw):
    raw = dict(raw)
    if raw.get('not_after'):
        raw['not_after'] = datetime.datetime.fromisoformat(raw['not_after'])
    return raw


def test_recorded_lab_probes():
    items = []
    for entry in _recorded('probes.json'):
        probe = probes.normalize(dict((k, v) for k, v in entry['probe'].items() if k in probes.KEYS))
        now = datetime.datetime.fromisoformat(entry['result']['recorded_at'])
        items += probes.probe_items(probe, _restore(entry['result']), now=now)
    items = probes.dedupe_tls(items)
    seen = dict(((i['id'], i['subject']), i) for i in items)
    assert seen[('http.status', 'mw-frontend')]['status'] == 'ok'
    assert seen[('http.content', 'mw-frontend')]['status'] == 'ok'
    assert seen[('http.content', 'his-web')]['status'] == 'ok'
    assert seen[('tcp.connect', 'his-db')]['status'] == 'ok'
    closed = seen[('tcp.connect', 'closed-port')]
    assert closed['status'] == 'critical' and closed.get('fault')
    tls = [i for i in items if i['id'] == 'tls.days_left']
    assert len(tls) == 1 and tls[0]['subject'] == '10.77.0.31:443'
    assert tls[0]['status'] == 'warning' and 0 < tls[0]['value'] <= 10      # the planted certificate


def test_recorded_front_end_while_tomcat_is_stopped():
    stopped = _recorded('tomcat10-stopped.json')
    probe = probes.normalize({'name': 'his-web', 'url': 'https://10.77.0.31/app/', 'content': 'UP'})
    items = probes.probe_items(probe, _restore(stopped['app']))
    assert items[0]['id'] == 'http.status' and items[0]['value'] == 502 and items[0]['status'] == 'critical' and items[0]['fault']
    assert [i for i in items if i['id'] == 'http.content'][0]['status'] == 'critical'
    reach = inspect._reach_failure({'url': 'https://10.77.0.31'}, _restore(stopped['status']))
    assert reach['status'] == 'critical' and reach['fault'] and 'HTTP 502' in reach['detail']


@pytest.mark.parametrize('probe,reason', [
    ({'url': 'http://x', 'tcp': 'x:1'}, 'exactly one of url or tcp'),
    ({'name': 'n'}, 'exactly one of url or tcp'),
    ({'url': 'ftp://x'}, 'must start with http'),
    ({'tcp': 'nohost'}, 'tcp must be host:port'),
    ({'url': 'http://x', 'status': ['ok']}, 'status must be a list'),
    ({'url': 'http://x', 'content': '('}, 'not a valid regular expression'),
    ({'url': 'http://x', 'jmespath': 'a[?'}, 'not a valid expression'),
    ({'url': 'http://x', 'timeout': 'soon'}, 'timeout must be a number'),
    ({'url': 'http://x', 'verify': True}, 'unknown key verify'),
    ('http://x', 'must be a mapping'),
])
def test_malformed_probe_definitions(probe, reason):
    with pytest.raises(probes.ProbeError, match=reason):
        probes.normalize(probe)


def test_probes_against_loopback_https_and_http():
    routes = {'/health': (200, '{"status": "UP"}'), '/down': (503, 'maintenance'), '/text': (200, 'hello world')}
    with http_server(routes, tls_days=5) as base, http_server(routes) as plain:
        defs = [{'name': 'ok', 'url': base + '/health', 'jmespath': 'status', 'equals': 'UP', 'validate_certs': False},
                {'name': 'down', 'url': base + '/down', 'validate_certs': False},
                {'name': 'wrong', 'url': plain + '/health', 'jmespath': 'status', 'equals': 'DOWN'},
                {'name': 'truthy', 'url': plain + '/health', 'jmespath': 'missing'},
                {'name': 'text', 'url': plain + '/text', 'content': 'wor.d', 'status': 200},
                {'name': 'notjson', 'url': plain + '/text', 'jmespath': 'a'},
                {'name': 'nomatch', 'url': plain + '/text', 'content': 'absent'},
                {'name': 'gone', 'url': plain + '/nothing', 'status': [200]},
                {'name': 'verify', 'url': base + '/health'}]
        groups = [('mw', 'middleware', [probes.normalize(d, i) for i, d in enumerate(defs)])]
        found = inspect.probe_many(groups)[0]
    seen = dict(((i['id'], i['subject']), i) for i in found['items'])
    assert seen[('http.status', 'ok')]['status'] == 'ok' and seen[('http.content', 'ok')]['status'] == 'ok'
    tls = [i for i in found['items'] if i['id'] == 'tls.days_left']
    assert len(tls) == 1 and tls[0]['status'] == 'critical' and 4.9 < tls[0]['value'] <= 5
    assert seen[('http.status', 'down')]['status'] == 'critical' and seen[('http.status', 'down')]['fault']
    assert seen[('http.content', 'wrong')]['status'] == 'critical'
    assert seen[('http.content', 'truthy')]['status'] == 'critical'
    assert seen[('http.content', 'text')]['status'] == 'ok'
    assert seen[('http.content', 'notjson')]['detail'] == 'the body is not JSON'
    assert seen[('http.content', 'nomatch')]['status'] == 'critical'
    gone = seen[('http.status', 'gone')]
    assert gone['status'] == 'critical' and not gone.get('fault') and 'expected 200' in gone['detail']
    # A self-signed certificate fails verification: critical, not an outage (the service answers TLS).
    verify = seen[('http.status', 'verify')]
    assert verify['status'] == 'critical' and not verify.get('fault') and 'verification failed' in verify['detail']
    assert 'http.latency_ms.ok' in found['metrics']


def test_unanswered_probes_are_outages():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        port = sock.getsockname()[1]
    with socket.socket() as silent:
        silent.bind(('127.0.0.1', 0))
        silent.listen(1)
        defs = [{'name': 'refused', 'url': 'http://127.0.0.1:%d/' % port}, {'name': 'tcp', 'tcp': '127.0.0.1:%d' % port},
                {'name': 'slow', 'url': 'http://127.0.0.1:%d/' % silent.getsockname()[1], 'timeout': 0.3},
                {'name': 'bad', 'url': 'http://'}]
        normalised = [probes.normalize(d) for d in defs[:3]]
        items = [i for chunk in probes.run_probes(normalised) for i in chunk]
    assert [(i['id'], i['status'], i.get('fault')) for i in items] == [
        ('http.status', 'critical', True), ('tcp.connect', 'critical', True), ('http.status', 'critical', True)]
    assert 'no answer within 0.3 s' in items[2]['detail']
    assert http.fetch('http:///')['error'] == 'not an http(s) URL'
    assert probes.run_probes([]) == []


def test_tomcat_inspection_against_a_loopback_manager():
    routes = {'/manager/status?XML=true': (200, _read('recorded', 'tomcat10-status.xml')),
              '/manager/jmxproxy?qry=Catalina%3Atype%3DDataSource%2C%2A': (200, _read('recorded', 'tomcat10-jmx-datasource.txt')),
              '/manager/jmxproxy?qry=java.lang%3Atype%3DGarbageCollector%2C%2A': (200, _read('recorded', 'tomcat10-jmx-gc.txt'))}
    with http_server(routes, auth=AUTH, tls_days=200) as base:
        spec = {'target': 'mw', 'device_class': 'middleware', 'url': base, 'user': AUTH[0], 'password': AUTH[1], 'validate_certs': False}
        good = inspect.inspect_many([spec], sample_seconds=0.05)[0]
        refused = inspect.inspect_tomcat(dict(spec, password='wrong'))
        nojmx = inspect.inspect_tomcat(dict(spec, url=base + '/nothing'))
    ids = [(i['id'], i['status']) for i in good['items']]
    assert ids[0] == ('tomcat.reach', 'ok') and ('tomcat.jdbc.active_pct', 'ok') in ids
    assert all(status == 'ok' for _id, status in ids), good['items']
    assert any(k.startswith('tomcat.gc.count.') for k in good['metrics'])
    assert 'secret-pass' not in json.dumps(good) and 'lab-his-app' not in json.dumps(good)
    assert refused['items'][0]['status'] == 'critical' and not refused['items'][0].get('fault')
    assert 'manager-status' in refused['items'][0]['detail']
    assert nojmx['items'][0]['status'] == 'critical' and 'HTTP 404' in nojmx['items'][0]['detail']


def test_tomcat_answers_that_are_not_a_status_and_jmx_refused():
    routes = {'/manager/status?XML=true': (200, '<html>login</html>')}
    with http_server(routes) as base:
        garbage = inspect.inspect_tomcat({'target': 'mw', 'device_class': 'middleware', 'url': base, 'validate_certs': False})
    assert garbage['items'][0]['status'] == 'critical' and 'not a Tomcat manager status' in garbage['items'][0]['detail']
    routes = {'/manager/status?XML=true': (200, _read('recorded', 'tomcat10-status.xml')),
              '/manager/jmxproxy?qry=Catalina%3Atype%3DDataSource%2C%2A': (200, 'Error - no such bean')}
    with http_server(routes) as base:
        found = inspect.inspect_tomcat({'target': 'mw', 'device_class': 'middleware', 'url': base, 'validate_certs': False})
    pool = [i for i in found['items'] if i['id'] == 'tomcat.jdbc.active_pct'][0]
    assert pool['status'] == 'unknown' and 'JMX proxy' in pool['detail']
    with http_server({}) as base:
        found = inspect.inspect_tomcat({'target': 'mw', 'device_class': 'middleware', 'url': base, 'validate_certs': False}, jdbc=False)
    assert found['items'][0]['status'] == 'critical' and not found['items'][0].get('fault')


def test_specs_from_host_variables():
    hostvars = {'mw': {'itops_tomcat_url': 'https://10.0.0.1/', 'itops_tomcat_validate_certs': 'false', 'itops_device_class': 'linux_server',
                       'itops_http_probes': [{'url': 'https://10.0.0.1/'}]},
                'bare': {}, 'bad': {'itops_http_probes': [{'url': 'https://x', 'oops': 1}]}}
    (spec,), broken, _warnings = inspect.tomcat_specs(['mw'], hostvars)
    assert spec['url'] == 'https://10.0.0.1' and spec['validate_certs'] is False and spec['device_class'] == 'middleware'

    def refused(build, names, found_hostvars=None):
        found, broken, _warnings = build(names, hostvars if found_hostvars is None else found_hostvars)
        assert found == [] and [i['target'] for i in broken] == names
        return broken[0]['items'][0]['detail']
    assert 'bare: itops_tomcat_url is not set' in refused(inspect.tomcat_specs, ['bare'])
    assert 'not a host' in refused(inspect.tomcat_specs, ['ghost'])
    assert 'not a host' in refused(inspect.probe_specs, ['ghost'])
    groups, broken, _warnings = inspect.probe_specs(['mw', 'bare'], hostvars)
    assert [g['target'] for g in groups] == ['mw'] and broken == []
    assert "bad: itops_http_probes[0] = 'https://x' is not usable: unknown key oops" in refused(inspect.probe_specs, ['bad'])
    assert "bad: itops_tomcat_url = '10.0.0.1' is not an http:// or https:// URL" in refused(inspect.tomcat_specs, ['bad'],
                                                                                             {'bad': {'itops_tomcat_url': '10.0.0.1'}})
    (spec,), _broken, warnings = inspect.tomcat_specs(['mw'], {'mw': {'itops_tomcat_url': 'https://mw',
                                                                      'itops_thresholds': {'tomcat.heap.used_pct': {'warning': 'x'}}}})
    assert spec['thresholds'] == {} and "mw: itops_thresholds[tomcat.heap.used_pct].warning = 'x' is not a number" in warnings[0]
    assert inspect.inspect_many([]) == []


def test_one_finding_per_certificate_seen_as_a_file_and_by_the_probe():
    """The probe's peer certificate and openssl's reading of the same file give one fingerprint,
    and the grading folds their two items into one finding (the file's, which sorts first)."""
    cert, key = self_signed(5)
    with http_server({'/': (200, 'ok')}, tls_files=(cert, key)) as base:
        found = inspect.probe_many([('mw', 'middleware', [probes.normalize({'name': 'front', 'url': base + '/',
                                                                            'validate_certs': False}, 0)])])[0]
    tls, = [i for i in found['items'] if i['id'] == 'tls.days_left']
    text = subprocess.run(['openssl', 'x509', '-noout', '-enddate', '-subject', '-fingerprint', '-sha256', '-in', cert],
                          capture_output=True, text=True, check=True).stdout
    assert parse_security.cert_fingerprint(text) == tls['cert_sha256']
    file_item = make_item('linux.cert.days_left', cert, 4, 'd', 'critical')
    file_item['cert_sha256'] = parse_security.cert_fingerprint(text)
    findings = build_findings([{'target': 'mw', 'impact': 'department', 'items': [file_item, tls]}])
    assert [(f['id'], [s['id'] for s in f.get('also_seen', [])]) for f in findings] == [('linux.cert.days_left', ['tls.days_left'])]


@pytest.mark.parametrize('line', ['SHA256 Fingerprint=' + ':'.join(['AB'] * 32), 'sha256 Fingerprint=' + ':'.join(['ab'] * 32) + ' '])
def test_fingerprint_lines_of_openssl_1_and_3(line):
    assert parse_security.cert_fingerprint('notAfter=Jan  1 00:00:00 2030 GMT\n%s\n' % line) == 'ab' * 32


def test_no_or_a_short_fingerprint_is_none():
    assert parse_security.cert_fingerprint('notAfter=Jan  1 00:00:00 2030 GMT') is None
    assert parse_security.cert_fingerprint('SHA256 Fingerprint=AB:CD') is None
