"""The lab's simulated SNMP switch and Redfish BMC, started for real in namespaces of this test.

Needs root, iproute2 and the project venv (snmpsim, sushy-tools). The test builds its own little
network (bridge mtst-br0 at 10.78.0.1/24, namespaces mtst-dev-sw and mtst-dev-bmc) and removes
all of it at the end, also when a test fails.
"""
import asyncio
import json
import os
import shutil
import subprocess
import sys
import time

import pytest

LAB_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), 'tools', 'lab')
sys.path.insert(0, LAB_DIR)

from medops_lab import devices, redfish_bmc  # noqa: E402  pylint: disable=wrong-import-position

pytestmark = pytest.mark.lab

BRIDGE = 'mtst-br0'
GATEWAY = '10.78.0.1/24'
TIMEOUT = 1.0          # the configured SNMP timeout the negative tests must respect
# pysnmp checks its timeouts on a 0.5 s timer, and a loaded 2-core CI machine added 0.04 s more (1.64 s,
# rehearsal of 2d70695); 0.9 still tells one timeout from a retry (which would take 2 s or more).
SLACK = 0.9
SW = {'name': 'dev-sw', 'address': '10.78.0.11', 'kind': 'switch', 'profile': 'huawei_s5720',
      'v2c_community': 'tst-ro-community',
      'v3': {'user': 'tstv3', 'auth_proto': 'SHA', 'auth_key': 'tst-auth-key-01', 'priv_proto': 'AES',
             'priv_key': 'tst-priv-key-01'}}
BMC = {'name': 'dev-bmc', 'address': '10.78.0.12', 'kind': 'bmc', 'username': 'tstadmin', 'password': 'tst-bmc-pass-01'}
BMC2 = {'name': 'dev-bmc2', 'address': '10.78.0.13', 'kind': 'bmc', 'username': 'tstadmin', 'password': 'tst-bmc-pass-02',
        'emulator': 'mockup'}


def _ip(*args, check=True):
    return subprocess.run(['ip'] + list(args), capture_output=True, text=True, check=check, timeout=20)


def _namespaces():
    return {'mtst-' + dev['name']: dev['address'] for dev in (SW, BMC, BMC2)}


def _teardown_network(created_bridge):
    for index, ns in enumerate(_namespaces()):
        if os.path.exists('/run/netns/' + ns):
            for pid in _ip('netns', 'pids', ns, check=False).stdout.split():
                subprocess.run(['kill', '-9', pid], check=False)
        _ip('link', 'del', 'mtst-dv%d' % index, check=False)
        _ip('netns', 'del', ns, check=False)
    if created_bridge:
        _ip('link', 'del', BRIDGE, check=False)


def _setup_network():
    if _ip('link', 'show', BRIDGE, check=False).returncode == 0:
        pytest.fail('%s already exists: another test run is using it, or a leftover (ip link del %s)' % (BRIDGE, BRIDGE))
    if '10.78.0.' in _ip('-br', 'addr').stdout:
        pytest.skip('10.78.0.0/24 is already used on this machine')
    _ip('link', 'add', BRIDGE, 'type', 'bridge')
    _ip('addr', 'add', GATEWAY, 'dev', BRIDGE)
    _ip('link', 'set', BRIDGE, 'up')
    for index, (ns, address) in enumerate(_namespaces().items()):
        host_end = 'mtst-dv%d' % index
        _ip('netns', 'del', ns, check=False)
        _ip('netns', 'add', ns)
        _ip('link', 'add', host_end, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns)
        _ip('link', 'set', host_end, 'master', BRIDGE, 'up')
        _ip('-n', ns, 'addr', 'add', address + '/24', 'dev', 'eth0')
        _ip('-n', ns, 'link', 'set', 'eth0', 'up')
        _ip('-n', ns, 'link', 'set', 'lo', 'up')


@pytest.fixture(scope='module')
def lab(tmp_path_factory):
    if os.geteuid() != 0 or not shutil.which('ip'):
        pytest.skip('needs root and iproute2')
    cfg = {'lab': {'prefix': 'mtst', 'run_dir': str(tmp_path_factory.mktemp('devices-run'))},
           'snmp_agents': [SW], 'redfish_bmcs': [BMC, BMC2]}
    state = {}
    created_bridge = False
    try:
        _setup_network()
        created_bridge = True
        started = time.monotonic()
        outcome = devices.start_all(cfg, state)
        elapsed = time.monotonic() - started
        ready = {name: record.get('ready_s') for name, record in state['devices'].items()}
        print('\nstart_all: %.2f s for 1 SNMP agent + 2 Redfish BMCs (sushy, mockup); ready after %s; %s' % (elapsed, ready, outcome))
        yield cfg, state
    finally:
        devices.stop_all(state)
        _teardown_network(created_bridge)


def _snmp_get(auth, oid='1.3.6.1.2.1.1.5.0', timeout=TIMEOUT):
    from pysnmp.hlapi.v3arch.asyncio import (  # pylint: disable=import-outside-toplevel
        ContextData, ObjectIdentity, ObjectType, SnmpEngine, UdpTransportTarget, get_cmd)

    async def run():
        engine = SnmpEngine()
        try:
            target = await UdpTransportTarget.create((SW['address'], 161), timeout=timeout, retries=0)
            started = time.monotonic()
            result = await get_cmd(engine, auth, target, ContextData(), ObjectType(ObjectIdentity(oid)))
            return result, time.monotonic() - started
        finally:
            engine.close_dispatcher()
    (error_indication, error_status, _index, var_binds), took = asyncio.run(run())
    return error_indication, error_status, var_binds, took


def _v3(auth_key=None, priv_key=None):
    from pysnmp.hlapi.v3arch.asyncio import (  # pylint: disable=import-outside-toplevel
        UsmUserData, usmAesCfb128Protocol, usmHMACSHAAuthProtocol)
    v3 = SW['v3']
    return UsmUserData(v3['user'], auth_key or v3['auth_key'], priv_key or v3['priv_key'],
                       authProtocol=usmHMACSHAAuthProtocol, privProtocol=usmAesCfb128Protocol)


def _v2c(community):
    from pysnmp.hlapi.v3arch.asyncio import CommunityData  # pylint: disable=import-outside-toplevel
    return CommunityData(community, mpModel=1)


def test_v2c_get(lab):
    error_indication, error_status, var_binds, _t = _snmp_get(_v2c(SW['v2c_community']))
    assert not error_indication and not error_status
    assert str(var_binds[0][1]) == 'core-sw-01'


def test_v2c_counters_move(lab):
    oid = '1.3.6.1.2.1.31.1.1.1.6.5'              # ifHCInOctets of GigabitEthernet0/0/1
    first = int(_snmp_get(_v2c(SW['v2c_community']), oid)[2][0][1])
    time.sleep(1.1)
    second = int(_snmp_get(_v2c(SW['v2c_community']), oid)[2][0][1])
    assert second > first


def test_v3_authpriv_get(lab):
    error_indication, error_status, var_binds, _t = _snmp_get(_v3())
    assert not error_indication and not error_status
    assert str(var_binds[0][1]) == 'core-sw-01'


def test_wrong_community_times_out(lab):
    error_indication, _status, _binds, took = _snmp_get(_v2c('not-the-community'))
    print('\nwrong community: %s after %.2f s' % (error_indication, took))
    assert 'timeout' in str(error_indication).lower()
    assert took < TIMEOUT + SLACK


@pytest.mark.parametrize('which', ['auth', 'priv'])
def test_wrong_v3_key_fails_within_timeout(lab, which):
    auth = _v3(auth_key='wrong-auth-key-9') if which == 'auth' else _v3(priv_key='wrong-priv-key-9')
    error_indication, error_status, var_binds, took = _snmp_get(auth)
    print('\nwrong v3 %s key: %s after %.2f s' % (which, error_indication, took))
    assert error_indication or error_status or not var_binds
    assert took < TIMEOUT + SLACK


def test_redfish_with_and_without_credentials(lab):
    for path in ('/redfish/v1', '/redfish/v1/Systems', '/redfish/v1/Chassis'):
        status, body = redfish_bmc.get(BMC, path)
        assert status == 200, path
        assert json.loads(body)['@odata.id'].rstrip('/') == path
    systems = json.loads(redfish_bmc.get(BMC, '/redfish/v1/Systems')[1])
    assert systems['Members@odata.count'] == 1
    assert redfish_bmc.get(BMC, '/redfish/v1/Systems', credentials=False)[0] == 401
    wrong = dict(BMC, password='wrong-password')
    assert redfish_bmc.get(wrong, '/redfish/v1/Systems')[0] == 401


def test_mockup_bmc_serves_power_and_thermal_health(lab):
    _cfg, state = lab
    assert redfish_bmc.get(BMC2, '/redfish/v1', credentials=False)[0] == 200      # service root is open
    assert redfish_bmc.get(BMC2, '/redfish/v1/Chassis/1/Power', credentials=False)[0] == 401
    assert redfish_bmc.get(dict(BMC2, password='wrong'), '/redfish/v1/Systems')[0] == 401
    status, body = redfish_bmc.get(BMC2, '/redfish/v1/Chassis/1/Power')
    assert status == 200
    assert [psu['Status']['Health'] for psu in json.loads(body)['PowerSupplies']] == ['OK', 'OK']
    thermal = json.loads(redfish_bmc.get(BMC2, '/redfish/v1/Chassis/1/Thermal')[1])
    assert len(thermal['Fans']) == 4 and all(t['Status']['Health'] == 'OK' for t in thermal['Temperatures'])
    assert redfish_bmc.get(BMC2, '/redfish/v1/Nothing/Here')[0] == 404
    # A fault is planted by rewriting the device's copy; the next GET shows it.
    power_file = os.path.join(state['devices']['dev-bmc2']['run_dir'], 'mockup/redfish/v1/Chassis/1/Power/index.json')
    with open(power_file, encoding='utf-8') as handle:
        power = json.load(handle)
    power['PowerSupplies'][1]['Status']['Health'] = 'Critical'
    with open(power_file, 'w', encoding='utf-8') as handle:
        json.dump(power, handle)
    planted = json.loads(redfish_bmc.get(BMC2, '/redfish/v1/Chassis/1/Power')[1])
    assert planted['PowerSupplies'][1]['Status']['Health'] == 'Critical'


def test_status_reports_running(lab):
    cfg, state = lab
    rows = {row['name']: row for row in devices.status(cfg, state)}
    assert rows['dev-sw']['state'] == 'running', rows['dev-sw']
    assert rows['dev-sw']['detail'] == 'S5720-28X-LI-AC'
    assert rows['dev-bmc']['state'] == 'running', rows['dev-bmc']
    assert rows['dev-bmc']['kind'] == 'bmc'
    assert rows['dev-bmc2']['state'] == 'running', rows['dev-bmc2']


def test_start_again_leaves_running_devices_alone(lab):
    cfg, state = lab
    pids = {name: record['pid'] for name, record in state['devices'].items()}
    assert devices.start_all(cfg, state) == {'dev-sw': 'left running', 'dev-bmc': 'left running', 'dev-bmc2': 'left running'}
    assert {name: record['pid'] for name, record in state['devices'].items()} == pids


def test_dead_device_is_restarted_and_reported(lab):
    cfg, state = lab
    old = state['devices']['dev-sw']['pid']
    os.kill(old, 9)
    time.sleep(0.2)
    rows = {row['name']: row for row in devices.status(cfg, state)}
    assert rows['dev-sw']['state'] == 'down' and 'gone' in rows['dev-sw']['detail']
    started = time.monotonic()
    assert devices.start_all(cfg, state)['dev-sw'] == 'started'
    print('\nrestart of one SNMP agent: %.2f s' % (time.monotonic() - started))
    assert state['devices']['dev-sw']['pid'] != old
    assert {row['state'] for row in devices.status(cfg, state)} == {'running'}


def test_stop_all_leaves_no_process(lab):
    cfg, state = lab
    pids = [record['pid'] for record in state['devices'].values()]
    devices.stop_all(state)
    assert state['devices'] == {}
    for ns in _namespaces():
        assert _ip('netns', 'pids', ns).stdout.split() == [], ns
    for pid in pids:
        assert not os.path.exists('/proc/%d' % pid) or devices.is_ours(pid, '/') is False
    assert {row['state'] for row in devices.status(cfg, state)} == {'down'}
