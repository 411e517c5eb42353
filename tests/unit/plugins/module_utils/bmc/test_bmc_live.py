# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The BMC collectors against the lab's emulators on loopback: the Redfish mockup server (HTTPS,
basic auth) and OpenIPMI's ipmi_sim with ipmitool (skipped where openipmi/ipmitool are missing)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time

import pytest

from ansible_collections.medops.itops.plugins.module_utils.bmc.collect import collect_ipmi, collect_redfish, inspect_many

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', '..'))
LAB = os.path.join(ROOT, 'tools', 'lab')
sys.path.insert(0, os.path.join(ROOT, 'tests', 'unit'))
from local_servers import free_port  # noqa: E402  # pylint: disable=wrong-import-position,import-error


def _wait_tcp(port, seconds=15):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            socket.create_connection(('127.0.0.1', port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)


@pytest.fixture(scope='module')
def redfish_bmc(tmp_path_factory):
    work = tmp_path_factory.mktemp('redfish')
    shutil.copytree(os.path.join(LAB, 'redfish', 'mockups', 'rack_server_2u'), str(work / 'mockup'))
    (work / 'auth.json').write_text(json.dumps({'username': 'admin', 'sha256': hashlib.sha256(b'bmc-pass-9').hexdigest()}))
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-keyout', str(work / 'k'),
                    '-out', str(work / 'c'), '-subj', '/CN=127.0.0.1'], check=True, capture_output=True)
    port = free_port()
    proc = subprocess.Popen([sys.executable, os.path.join(LAB, 'redfish', 'mockup_server.py'), '--mockup', str(work / 'mockup'),
                             '--cert', str(work / 'c'), '--key', str(work / 'k'), '--auth-file', str(work / 'auth.json'),
                             '--address', '127.0.0.1', '--port', str(port)])
    _wait_tcp(port)
    yield {'target': 'bmc-test', 'protocol': 'redfish', 'address': '127.0.0.1', 'port': port, 'user': 'admin', 'password': 'bmc-pass-9'}
    proc.terminate()
    proc.wait(10)


def test_redfish_healthy_mockup(redfish_bmc):
    inspection = collect_redfish(redfish_bmc, timeout=5)
    assert [i['id'] for i in inspection['items'] if i['status'] != 'ok'] == []
    assert inspection['facts']['firmware'] == '3.63'
    assert 'bmc-pass-9' not in json.dumps(inspection)


def test_redfish_wrong_password_is_critical_not_a_fault(redfish_bmc):
    inspection = collect_redfish(dict(redfish_bmc, password='nope'), timeout=5)
    assert [(i['id'], i['status'], i.get('fault')) for i in inspection['items']] == [('bmc.reach', 'critical', None)]
    assert '401' in inspection['items'][0]['detail']


def test_redfish_silent_bmc_is_a_fault(redfish_bmc):
    inspection = inspect_many([dict(redfish_bmc, port=free_port())], timeout=2)[0]
    assert inspection['items'][0]['fault'] is True


@pytest.mark.skipif(not (shutil.which('ipmi_sim') and shutil.which('ipmitool')), reason='openipmi and ipmitool not installed')
def test_ipmi_against_ipmi_sim(tmp_path):
    sys.path.insert(0, os.path.join(LAB, 'ipmi'))
    import make_emu  # pylint: disable=import-outside-toplevel,import-error
    sys.path.pop(0)
    port = free_port(socket.SOCK_DGRAM)
    entry = {'name': 'ipmi-test', 'username': 'mon', 'password': 'ipmi-pass-7'}
    make_emu.write(str(tmp_path), entry, [{'kind': 'bmc_psu_fail', 'params': {'psu': 'PS1 Status'}}], address='127.0.0.1', port=port)
    (tmp_path / 'state').mkdir()
    proc = subprocess.Popen(['ipmi_sim', '-n', '-c', str(tmp_path / 'lan.conf'), '-f', str(tmp_path / 'bmc.emu'), '-s', str(tmp_path / 'state')],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        spec = {'target': 'ipmi-test', 'protocol': 'ipmi', 'address': '127.0.0.1', 'port': port, 'user': 'mon', 'password': 'ipmi-pass-7'}
        inspection = None
        for _attempt in range(20):
            inspection = collect_ipmi(spec, timeout=1)
            if inspection['items'][0]['status'] == 'ok':
                break
            time.sleep(0.25)
        items = dict(((i['id'], i['subject']), i['status']) for i in inspection['items'])
        assert items[('bmc.psu.state', 'PS1 Status')] == 'critical' and items[('bmc.psu.state', 'PS2 Status')] == 'ok'
        assert items[('bmc.log.critical', 'SEL')] == 'ok'
        refused = collect_ipmi(dict(spec, password='wrong-one'), timeout=1)
        assert [(i['id'], i['status'], i.get('fault')) for i in refused['items']] == [('bmc.reach', 'critical', None)]
        assert 'login refused' in refused['items'][0]['detail']
        silent = collect_ipmi(dict(spec, port=free_port(socket.SOCK_DGRAM)), timeout=1)
        assert silent['items'][0]['fault'] is True and 'no answer' in silent['items'][0]['detail']
        assert 'wrong-one' not in json.dumps(refused)
    finally:
        proc.terminate()
        proc.wait(10)
