"""One simulated Huawei OceanStor array: tools/lab/storage/oceanstor_server.py on 0.0.0.0:8088 (HTTPS).

The array's data (arrays.oceanstor with the planted faults of hospital.yml applied) is written to
the device's run dir; rewriting that file changes what the array says without a restart.
"""
import hashlib
import json
import os
import socket
import ssl
import sys
import urllib.request

from . import paths
from .redfish_bmc import cert_files, ensure_certificate

STORAGE_DIR = os.path.join(paths.LAB_DIR, 'storage')
PORT = 8088


def _arrays():
    sys.path.insert(0, STORAGE_DIR)
    try:
        import arrays  # pylint: disable=import-outside-toplevel,import-error
    finally:
        sys.path.remove(STORAGE_DIR)
    return arrays


def prepare(entry, run_dir):
    ensure_certificate(entry, run_dir)
    with open(os.path.join(run_dir, 'array.json'), 'w', encoding='utf-8') as handle:
        json.dump(_arrays().oceanstor(entry, entry.get('planted') or []), handle, indent=1)
    auth_file = os.path.join(run_dir, 'auth.json')
    with open(auth_file, 'w', encoding='utf-8') as handle:
        json.dump({'username': entry['username'], 'sha256': hashlib.sha256(entry['password'].encode()).hexdigest()}, handle)
    os.chmod(auth_file, 0o600)


def command(_entry, run_dir, _bin_dir):
    cert, key = cert_files(run_dir)
    return [sys.executable, os.path.join(STORAGE_DIR, 'oceanstor_server.py'), '--data', os.path.join(run_dir, 'array.json'),
            '--cert', cert, '--key', key, '--auth-file', os.path.join(run_dir, 'auth.json'), '--port', str(PORT)]


def environment():
    return dict(os.environ)


def probe(entry, timeout=2.0):
    """(True, detail) if a REST login with the entry's credentials succeeds, else (False, why)."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    body = json.dumps({'username': entry['username'], 'password': entry['password'], 'scope': '0'}).encode()
    request = urllib.request.Request('https://%s:%d/deviceManager/rest/xxxxx/sessions' % (entry['address'], PORT), data=body,
                                     headers={'Content-Type': 'application/json'}, method='POST')
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
            answer = json.loads(response.read())
    except (OSError, ValueError, socket.timeout) as exc:
        return False, 'REST login: %s' % (getattr(exc, 'reason', None) or exc)
    if answer.get('error', {}).get('code') != 0:
        return False, 'REST login: error %s' % answer.get('error')
    return True, 'OceanStor REST answers, device %s' % answer['data']['deviceid']
