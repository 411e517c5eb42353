# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every many-target action: one target's collector raises, the other targets are still inspected.

The per-target function of each action is wrapped to raise for one target name only; the real
collector runs for the others (against closed loopback ports or local servers). Under test are
the fan-out (module_utils/inspection/fanout.py) and each action's assembly, not the devices.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import socket

from ansible_collections.medops.itops.tests.unit.local_servers import free_port as closed_port   # nothing listens: refused at once
from ansible_collections.medops.itops.tests.unit.plugins.action.action_harness import make_action

BOOM = 'planted failure of one target'


def raising_for(victim, original, key='target'):
    """original(spec, ...) except that it raises for the spec whose `key` is victim."""
    def wrapped(spec, *args, **kwargs):
        if spec[key] == victim:
            raise RuntimeError(BOOM)
        return original(spec, *args, **kwargs)
    return wrapped


def by_target(result):
    return dict((i['target'], i) for i in result['inspections'])


def assert_isolated(result, victim, others):
    """The victim is a finding naming the exception; every other target came back from its collector."""
    assert not result.get('failed'), result.get('msg')
    found = by_target(result)
    assert sorted(found) == sorted([victim] + list(others))
    first = found[victim]['items'][0]
    assert first['status'] in ('critical', 'unknown') and BOOM in first['detail'] and 'RuntimeError' in first['detail']
    for name in others:
        assert found[name]['items'] and BOOM not in found[name]['items'][0]['detail']


# ---- databases ------------------------------------------------------------------------------

def _db_hostvars(names):
    port = closed_port()
    return dict((n, {'itops_db_host': '127.0.0.1', 'itops_db_port': port, 'itops_db_user': 'itops',
                     'itops_db_password': 'x', 'itops_db_name': 'postgres'}) for n in names)


def _db_case(monkeypatch, action_name, engine):
    from ansible_collections.medops.itops.plugins.module_utils.db import inspect as db_inspect
    monkeypatch.setitem(db_inspect.ENGINES[engine], 'network', raising_for('db-b', db_inspect.ENGINES[engine]['network']))
    hostvars = _db_hostvars(['db-a', 'db-b', 'db-c'])
    action = make_action(action_name, {'targets': ['db-a', 'db-b', 'db-c'], 'timeout': 2, 'concurrency': 2})
    result = action.run(task_vars={'inventory_hostname': 'localhost', 'hostvars': hostvars})
    assert_isolated(result, 'db-b', ['db-a', 'db-c'])
    for name in ('db-a', 'db-c'):
        assert 'does not answer' in by_target(result)[name]['items'][0]['detail']


def test_postgresql_inspect_one_server_raises(monkeypatch):
    _db_case(monkeypatch, 'postgresql_inspect', 'postgresql')


def test_mysql_inspect_one_server_raises(monkeypatch):
    _db_case(monkeypatch, 'mysql_inspect', 'mysql')


# ---- middleware -----------------------------------------------------------------------------

def test_tomcat_inspect_one_server_raises(monkeypatch):
    from ansible_collections.medops.itops.plugins.action import tomcat_inspect
    from ansible_collections.medops.itops.plugins.module_utils.middleware import inspect as mw_inspect
    wrapped = raising_for('tc-b', mw_inspect.inspect_tomcat)
    monkeypatch.setattr(mw_inspect, 'inspect_tomcat', wrapped)
    if hasattr(tomcat_inspect, 'inspect_tomcat'):
        monkeypatch.setattr(tomcat_inspect, 'inspect_tomcat', wrapped)
    port = closed_port()
    hostvars = dict((n, {'itops_tomcat_url': 'http://127.0.0.1:%d' % port, 'itops_tomcat_user': 'mon'}) for n in ('tc-a', 'tc-b', 'tc-c'))
    action = make_action('tomcat_inspect', {'targets': ['tc-a', 'tc-b', 'tc-c'], 'timeout': 2, 'concurrency': 2})
    result = action.run(task_vars={'inventory_hostname': 'localhost', 'hostvars': hostvars})
    assert_isolated(result, 'tc-b', ['tc-a', 'tc-c'])
    assert by_target(result)['tc-a']['items'][0]['id'] == 'tomcat.reach'
    assert result['total'] == 3


def test_http_probe_one_host_raises(monkeypatch):
    from ansible_collections.medops.itops.plugins.module_utils.middleware import probes
    port = closed_port()
    url = dict((n, 'http://127.0.0.1:%d/%s' % (port, n)) for n in ('web-a', 'web-b', 'web-c'))
    monkeypatch.setattr(probes, 'run_one', raising_for(url['web-b'], probes.run_one, key='url'))
    hostvars = dict((n, {'itops_http_probes': [{'name': n, 'url': url[n], 'timeout': 2}]}) for n in url)
    action = make_action('http_probe', {'targets': sorted(url), 'concurrency': 2})
    result = action.run(task_vars={'inventory_hostname': 'localhost', 'hostvars': hostvars})
    assert_isolated(result, 'web-b', ['web-a', 'web-c'])
    assert by_target(result)['web-a']['items'][0]['id'] == 'http.status' and by_target(result)['web-a']['items'][0]['fault'] is True


def _rest_hostvars_one_raises(monkeypatch, collectors, kind, prefix, names):
    """Hostvars of three REST devices at a closed port; the collector of `kind` raises for the second one."""
    monkeypatch.setitem(collectors, kind, raising_for(names[1], collectors[kind]))
    port = closed_port()
    var = 'itops_%s_' % prefix
    return dict((n, {'ansible_host': '127.0.0.1', var + ('protocol' if prefix == 'bmc' else 'vendor'): kind, var + 'port': port,
                     var + 'user': 'u', var + 'password': 'p'}) for n in names)


def _run_isolated(action, hostvars, names):
    result = action.run(task_vars={'inventory_hostname': 'localhost', 'hostvars': hostvars})
    assert_isolated(result, names[1], [names[0], names[2]])
    return result


def test_bmc_inspect_one_bmc_raises(monkeypatch):
    from ansible_collections.medops.itops.plugins.module_utils.bmc import collect
    names = ('bmc-a', 'bmc-b', 'bmc-c')
    hostvars = _rest_hostvars_one_raises(monkeypatch, collect.COLLECTORS, 'redfish', 'bmc', names)
    action = make_action('bmc_inspect', {'targets': list(names), 'timeout': 2, 'concurrency': 2})
    result = _run_isolated(action, hostvars, names)
    assert 'no answer' in by_target(result)['bmc-c']['items'][0]['detail']


def test_storage_inspect_one_array_raises(monkeypatch):
    from ansible_collections.medops.itops.plugins.module_utils.storage import rest
    names = ('san-a', 'san-b', 'san-c')
    hostvars = _rest_hostvars_one_raises(monkeypatch, rest.COLLECTORS, 'oceanstor', 'storage', names)
    action = make_action('storage_inspect', {'targets': list(names), 'timeout': 2, 'concurrency': 2})
    result = _run_isolated(action, hostvars, names)
    assert result['total'] == 3


def test_snmp_inspect_one_device_raises(monkeypatch, tmp_path):
    from ansible_collections.medops.itops.plugins.module_utils.snmp import inspect as snmp_inspect
    original = snmp_inspect.Poller._inspect

    async def flaky(self, spec, pysnmp_engine):
        if spec['target'] == 'sw-b':
            raise RuntimeError(BOOM)
        return await original(self, spec, pysnmp_engine)
    monkeypatch.setattr(snmp_inspect.Poller, '_inspect', flaky)
    port = closed_port()
    hostvars = dict((n, {'ansible_host': '127.0.0.1', 'itops_snmp_port': port, 'itops_snmp_version': '2c',
                         'itops_snmp_community': 'public'}) for n in ('sw-a', 'sw-b', 'sw-c'))
    action = make_action('snmp_inspect', {'targets': ['sw-a', 'sw-b', 'sw-c'], 'timeout': 0.3, 'retries': 0, 'samples': 1,
                                          'state_file': str(tmp_path / 'counters.json')})
    result = action.run(task_vars={'inventory_hostname': 'localhost', 'hostvars': hostvars})
    assert_isolated(result, 'sw-b', ['sw-a', 'sw-c'])
    assert by_target(result)['sw-a']['items'][0]['id'] == 'snmp.reach' and by_target(result)['sw-a']['items'][0]['fault'] is True


def test_ntp_inspect_one_clock_raises(monkeypatch):
    from ansible_collections.medops.itops.plugins.module_utils.ntp import sntp
    original = sntp.query

    async def flaky(host, port, timeout, retries):
        if host == '127.0.0.2':
            raise RuntimeError(BOOM)
        return await original(host, port, timeout, retries)
    monkeypatch.setattr(sntp, 'query', flaky)
    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)     # bound, never answers
    silent.bind(('0.0.0.0', 0))
    try:
        hostvars = dict(('ntp-%d' % i, {'ansible_host': '127.0.0.%d' % i}) for i in (1, 2, 3))
        action = make_action('ntp_inspect', {'targets': sorted(hostvars), 'port': silent.getsockname()[1], 'timeout': 0.3, 'retries': 0})
        result = action.run(task_vars={'inventory_hostname': 'localhost', 'hostvars': hostvars})
    finally:
        silent.close()
    assert_isolated(result, 'ntp-2', ['ntp-1', 'ntp-3'])
    assert 'no answer within' in by_target(result)['ntp-3']['items'][0]['detail']


def test_reachability_one_target_raises(monkeypatch):
    from ansible_collections.medops.itops.plugins.module_utils.reach import sweep
    monkeypatch.setattr(sweep, '_blocking_probe', raising_for('srv-b', sweep._blocking_probe))
    hostvars = dict((n, {'ansible_host': '127.0.0.1'}) for n in ('srv-a', 'srv-b', 'srv-c'))
    action = make_action('reachability', {'targets': ['srv-a', 'srv-b', 'srv-c'], 'protocol': 'tcp', 'port': closed_port(), 'timeout': 1})
    result = action.run(task_vars={'inventory_hostname': 'localhost', 'hostvars': hostvars})
    assert_isolated(result, 'srv-b', ['srv-a', 'srv-c'])
    assert by_target(result)['srv-a']['items'][0]['id'] == 'reach.tcp'


def test_custom_checks_one_check_raises(monkeypatch):
    from ansible_collections.medops.itops.plugins.module_utils.custom import run
    monkeypatch.setattr(run, 'http_items', raising_for('b', run.http_items, key='name'))
    port = closed_port()
    checks = [{'name': n, 'kind': 'http', 'url': 'http://127.0.0.1:%d/%s' % (port, n), 'timeout': 2} for n in ('a', 'b', 'c')]
    action = make_action('custom_checks', {'checks': checks, 'concurrency': 2})
    result = action.run(task_vars={'inventory_hostname': 'his-app-01'})
    assert not result.get('failed'), result.get('msg')
    items = dict((i['subject'], i) for i in result['inspection']['items'])
    assert sorted(items) == ['a', 'b', 'c']
    assert BOOM in items['b']['detail'] and items['b']['status'] == 'unknown'
    assert BOOM not in items['a']['detail'] and BOOM not in items['c']['detail']


def test_fleet_sweep_one_address_raises(monkeypatch):
    from ansible_collections.medops.itops.plugins.module_utils.fleet import sweep
    original = sweep.tcp_probe

    async def flaky(address, port, timeout):
        if address == '127.0.0.2':
            raise RuntimeError(BOOM)
        return await original(address, port, timeout)
    monkeypatch.setattr(sweep, 'tcp_probe', flaky)
    listener = socket.socket()
    listener.bind(('0.0.0.0', 0))
    listener.listen(8)
    try:
        rows = [{'department': 'ward', 'range': '127.0.0.1-127.0.0.3', 'port': listener.getsockname()[1]}]
        result = make_action('fleet_sweep', {'fleet': rows, 'timeout': 1}).run(task_vars={'inventory_hostname': 'localhost'})
    finally:
        listener.close()
    assert not result.get('failed'), result.get('msg')
    ward, = result['inspections']
    assert ward['metrics']['fleet.online'] == 2 and ward['facts']['offline_addresses'] == ['127.0.0.2']
