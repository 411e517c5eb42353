# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The OceanStor REST collector against the lab's OceanStor emulator on loopback (real HTTPS, real login)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from ansible_collections.medops.itops.plugins.module_utils.storage.rest import collect, inspect_many
from ansible_collections.medops.itops.plugins.module_utils.storage.targets import storage_specs

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', '..'))
STORAGE = os.path.join(ROOT, 'tools', 'lab', 'storage')
sys.path.insert(0, os.path.join(ROOT, 'tests', 'unit'))
from local_servers import free_port  # noqa: E402  # pylint: disable=wrong-import-position,import-error


DATA_FILES = {}


@pytest.fixture(scope='module')
def array(tmp_path_factory):
    """The emulator serving a planted array on 127.0.0.1:<port>; yields its spec."""
    sys.path.insert(0, STORAGE)
    import arrays  # pylint: disable=import-outside-toplevel,import-error
    sys.path.remove(STORAGE)
    work = tmp_path_factory.mktemp('oceanstor')
    entry = {'name': 'san-test', 'address': '127.0.0.1'}
    plants = [{'kind': 'storage_pool_fill', 'params': {'pool': 'StoragePool002', 'percent': 95}}]
    (work / 'array.json').write_text(json.dumps(arrays.oceanstor(entry, plants)))
    (work / 'auth.json').write_text(json.dumps({'username': 'mon', 'sha256': hashlib.sha256(b'secret-pass-1').hexdigest()}))
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-keyout', str(work / 'k'),
                    '-out', str(work / 'c'), '-subj', '/CN=127.0.0.1'], check=True, capture_output=True)
    port = free_port()
    proc = subprocess.Popen([sys.executable, os.path.join(STORAGE, 'oceanstor_server.py'), '--data', str(work / 'array.json'),
                             '--cert', str(work / 'c'), '--key', str(work / 'k'), '--auth-file', str(work / 'auth.json'),
                             '--address', '127.0.0.1', '--port', str(port)])
    deadline = time.time() + 15
    while time.time() < deadline:
        try:
            socket.create_connection(('127.0.0.1', port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    DATA_FILES['san-test'] = work / 'array.json'
    yield {'target': 'san-test', 'vendor': 'oceanstor', 'address': '127.0.0.1', 'port': port, 'user': 'mon',
           'password': 'secret-pass-1', 'validate_certs': False, 'thresholds': {}}
    proc.terminate()
    proc.wait(10)


def test_collect_logs_in_and_reads_everything(array):
    inspection = collect(array, timeout=5)
    items = dict(((i['id'], i['subject']), i) for i in inspection['items'])
    assert items[('storage.reach', 'management')]['status'] == 'ok'
    assert items[('storage.pool.used_pct', 'StoragePool002')]['status'] == 'critical'
    assert items[('storage.pool.used_pct', 'StoragePool001')]['status'] == 'ok'
    assert items[('storage.disk.state', 'all disks')]['value'] == 12
    assert 'secret-pass-1' not in json.dumps(inspection)


def test_endpoint_that_does_not_answer_is_unknown_not_healthy(array):
    path = DATA_FILES['san-test']
    saved = path.read_text()
    data = json.loads(saved)
    del data['disk']                                      # the emulator answers GET /disk with error 50331651
    path.write_text(json.dumps(data))
    try:
        inspection = collect(array, timeout=5)
    finally:
        path.write_text(saved)
    items = dict(((i['id'], i['subject']), i) for i in inspection['items'])
    assert items[('storage.disk.state', 'GET /disk')]['status'] == 'unknown'
    assert '50331651' in items[('storage.disk.state', 'GET /disk')]['detail']
    assert not any(i['id'] == 'storage.disk.state' and i['status'] == 'ok' for i in inspection['items'])
    assert items[('storage.reach', 'management')]['status'] == 'ok' and 'not read: GET /disk' in items[('storage.reach', 'management')]['detail']
    assert inspection['facts']['model'] == 'OceanStor 5500 V5'                # PRODUCTMODE 95, no productModeString


def test_wrong_password_is_critical_but_not_a_fault(array):
    inspection = collect(dict(array, password='wrong'), timeout=5)
    assert [(i['id'], i['status'], i.get('fault')) for i in inspection['items']] == [('storage.reach', 'critical', None)]
    assert '1077949061' in inspection['items'][0]['detail'] and 'wrong' not in inspection['items'][0]['detail']


def test_no_answer_is_a_fault(array):
    inspection = collect(dict(array, port=free_port()), timeout=2)
    assert inspection['items'][0]['status'] == 'critical' and inspection['items'][0]['fault'] is True


def test_missing_credentials_and_unknown_vendor_do_not_crash(array):
    assert collect(dict(array, password=None))['items'][0]['status'] == 'critical'
    broken = inspect_many([dict(array, vendor='nosuch'), array], timeout=5)
    assert [i['target'] for i in broken] == ['san-test', 'san-test']
    assert 'collection failed' in broken[0]['items'][0]['detail'] and broken[1]['items'][0]['status'] == 'ok'
    assert inspect_many([]) == []


class _Garbage(http.server.BaseHTTPRequestHandler):
    def do_POST(self):  # pylint: disable=invalid-name
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'<html>not the API</html>')

    def log_message(self, *args):  # pylint: disable=arguments-differ
        pass


def test_garbage_answer_is_critical():
    server = http.server.HTTPServer(('127.0.0.1', 0), _Garbage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        # Plain HTTP where HTTPS is expected: the TLS handshake fails (no answer we can use).
        inspection = collect({'target': 'g', 'address': '127.0.0.1', 'port': server.server_address[1], 'user': 'u', 'password': 'p'}, timeout=2)
    finally:
        server.shutdown()
    assert inspection['items'][0]['status'] == 'critical'


def test_specs_from_hostvars():
    hostvars = {
        'a': {'ansible_host': '10.0.0.1', 'itops_storage_vendor': 'oceanstor', 'itops_storage_user': 'u', 'itops_storage_password': 'p'},
        'b': {'itops_storage_vendor': 'storwize'},
        'c': {'itops_storage_vendor': 'emc'},
        'd': {'itops_storage_vendor': 'oceanstor', 'itops_storage_port': 'x'},
    }
    specs, broken, _warnings = storage_specs(['a', 'b', 'c', 'd', 'e'], hostvars)
    assert [(s['target'], s['port'], s['address']) for s in specs] == [('a', 8088, '10.0.0.1')]
    assert [i['target'] for i in broken] == ['b', 'c', 'd', 'e']
    assert 'over SSH by a task on the host itself' in broken[0]['items'][0]['detail']
