# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tomcat status XML and JMX proxy parsing: recorded from the lab's Tomcat 10.1 and written to the
manager's documented format for Tomcat 8.5/9 (tests/unit/fixtures/middleware/README.md)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

import pytest

from ansible_collections.medops.itops.plugins.module_utils.middleware import tomcat

FIX = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'fixtures', 'middleware')


def _read(*parts):
    with open(os.path.join(FIX, *parts), encoding='utf-8') as fh:
        return fh.read()


def _by_id(items):
    out = {}
    for item in items:
        out.setdefault(item['id'], []).append(item)
    return out


def test_recorded_tomcat10_status_is_healthy():
    status = tomcat.parse_status(_read('recorded', 'tomcat10-status.xml'))
    assert [c['name'] for c in status['connectors']] == ['http-nio-127.0.0.1-8080']
    conn = status['connectors'][0]
    assert conn['max_threads'] == 200 and 0 <= conn['busy'] <= conn['current']
    assert status['jvm']['max'] > status['jvm']['total'] - status['jvm']['free'] > 0
    assert any(p['type'] == 'Heap memory' for p in status['jvm']['pools'])
    items, metrics = tomcat.status_items(status)
    assert all(i['status'] == 'ok' for i in items), items
    found = _by_id(items)
    assert found['tomcat.heap.used_pct'][0]['unit'] == '%' and 0 < found['tomcat.heap.used_pct'][0]['value'] < 80
    assert found['tomcat.heap.used_pct'][0]['threshold'] == {'warning': 80, 'critical': 90}
    assert 'tomcat.heap.used_pct' in metrics


def test_documented_tomcat9_under_load():
    status = tomcat.parse_status(_read('documented', 'tomcat9-status-busy.xml'))
    items, _metrics = tomcat.status_items(status)
    found = dict(((i['id'], i['subject']), i) for i in items)
    busy = found[('tomcat.threads.busy_pct', 'http-nio-8080')]
    assert busy['value'] == 92.0 and busy['status'] == 'critical'
    assert found[('tomcat.threads.busy_pct', 'ajp-nio-8009')]['status'] == 'ok'
    heap = found[('tomcat.heap.used_pct', 'heap')]
    assert heap['value'] == 95.1 and heap['status'] == 'critical'
    errors = found[('tomcat.requests.error_pct', 'http-nio-8080')]
    assert errors['value'] == 7.0 and errors['status'] == 'warning' and 'since Tomcat started' in errors['detail']
    idle = found[('tomcat.requests.error_pct', 'ajp-nio-8009')]
    assert idle['status'] == 'ok' and idle['value'] is None and 'fewer than 20' in idle['detail']


def test_error_rate_over_a_sample_window():
    first = tomcat.parse_status(_read('documented', 'tomcat9-status-busy.xml'))
    later = tomcat.parse_status(_read('documented', 'tomcat9-status-later.xml'))
    items, _metrics = tomcat.status_items(later, previous=first)
    errors = [i for i in items if i['id'] == 'tomcat.requests.error_pct'][0]
    assert errors['value'] == 5.0 and errors['status'] == 'warning' and 'during the sample' in errors['detail']
    overridden, _m = tomcat.status_items(later, overrides={'tomcat.requests.error_pct@http-nio-8080': {'warning': 10}}, previous=first)
    assert [i for i in overridden if i['id'] == 'tomcat.requests.error_pct'][0]['status'] == 'ok'


def test_documented_tomcat85_status():
    status = tomcat.parse_status(_read('documented', 'tomcat85-status.xml'))
    items, _metrics = tomcat.status_items(status)
    assert [(i['id'], i['subject'], i['status']) for i in items] == [
        ('tomcat.heap.used_pct', 'heap', 'ok'), ('tomcat.threads.busy_pct', 'http-bio-8080', 'ok'),
        ('tomcat.requests.error_pct', 'http-bio-8080', 'ok')]


@pytest.mark.parametrize('text,reason', [
    ('', 'not a Tomcat manager status'),
    ('<html><body>401 Unauthorized</body></html>', 'not a Tomcat manager status'),
    ('<status><jvm>', 'malformed status XML'),
    ('<other><status/></other>', 'unexpected root element'),
])
def test_garbage_status_raises_with_a_reason(text, reason):
    with pytest.raises(tomcat.StatusError, match=reason):
        tomcat.parse_status(text)


def test_status_without_figures_gives_unknown_items():
    items, _metrics = tomcat.status_items(tomcat.parse_status('<status><jvm/><connector name="x"><threadInfo/></connector></status>'))
    assert [(i['id'], i['status']) for i in items] == [('tomcat.heap.used_pct', 'unknown'), ('tomcat.threads.busy_pct', 'unknown')]
    items, _metrics = tomcat.status_items(tomcat.parse_status('<status></status>'))
    assert [i['subject'] for i in items if i['status'] == 'unknown'] == ['heap', 'connectors']


def test_recorded_jmx_datasource_and_gc():
    pools = tomcat.datasources(tomcat.parse_jmxproxy(_read('recorded', 'tomcat10-jmx-datasource.txt')))
    assert len(pools) == 1 and pools[0]['subject'] == '/app:jdbc/his' and pools[0]['max'] == 10
    items, metrics = tomcat.datasource_items(pools)
    assert items[0]['status'] == 'ok' and items[0]['id'] == 'tomcat.jdbc.active_pct'
    assert 'tomcat.jdbc.active_pct./app:jdbc/his' in metrics
    gc = tomcat.garbage_collectors(tomcat.parse_jmxproxy(_read('recorded', 'tomcat10-jmx-gc.txt')))
    assert set(gc) == {'Copy', 'MarkSweepCompact'} and all(v['count'] >= 0 for v in gc.values())


def test_documented_tomcat_jdbc_pool_near_its_limit():
    pools = tomcat.datasources(tomcat.parse_jmxproxy(_read('documented', 'tomcat-jdbc-pool.txt')))
    assert pools == [{'subject': '/his:jdbc/HisDS', 'active': 48, 'max': 50, 'idle': 2}]
    items, _metrics = tomcat.datasource_items(pools)
    assert items[0]['value'] == 96.0 and items[0]['status'] == 'critical'


def test_jmx_errors_and_pools_without_limit():
    with pytest.raises(tomcat.StatusError, match='Error - Cannot'):
        tomcat.parse_jmxproxy('Error - Cannot find mbean')
    with pytest.raises(tomcat.StatusError, match='empty answer'):
        tomcat.parse_jmxproxy('')
    items, _metrics = tomcat.datasource_items([{'subject': 'jdbc/x', 'active': 1, 'max': -1, 'idle': 0}])
    assert items[0]['status'] == 'unknown'
    assert tomcat.datasources([{'name': 'Catalina:type=DataSource,name="jdbc/y"'}]) == []
