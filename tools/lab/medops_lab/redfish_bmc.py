"""One simulated BMC: a Redfish service on 0.0.0.0:443 over HTTPS with HTTP basic auth.

The emulator is chosen per device by the entry's `emulator` key, so that a device whose health
data must be planted (PSU, fans, temperatures) can use another emulator without touching the rest:
  sushy  (default) sushy-tools' `sushy-emulator` with its fake systems driver. Its Chassis,
         Thermal, Manager and System documents come from fixed templates: health is always OK,
         and there is no Power (PSU) resource at all.
  mockup our tools/lab/redfish/mockup_server.py serving a copy of tools/lab/redfish/mockups/<mockup>
         (entry key `mockup`, default rack_server_2u): PSUs, fans, temperatures with health, model,
         serial, firmware. The copy lives in the device's run dir; rewriting a file there plants a
         fault without a restart.
Each backend is (prepare(entry, run_dir), command(entry, run_dir, bin_dir)); add one to BACKENDS.
"""
import base64
import hashlib
import json
import os
import shutil
import ssl
import subprocess
import sys
import urllib.error
import urllib.request
import uuid

import bcrypt

from . import paths

REDFISH_DIR = os.path.join(paths.LAB_DIR, 'redfish')
DEFAULT_MOCKUP = 'rack_server_2u'


def cert_files(run_dir):
    return os.path.join(run_dir, 'tls.crt'), os.path.join(run_dir, 'tls.key')


def ensure_certificate(entry, run_dir):
    """A self-signed certificate made once per device (real BMCs ship one); kept across restarts."""
    cert, key = cert_files(run_dir)
    if os.path.exists(cert) and os.path.exists(key):
        return
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650',
                    '-keyout', key, '-out', cert, '-subj', '/O=medops lab/CN=%s' % entry['name'],
                    '-addext', 'subjectAltName=IP:%s' % entry['address']],
                   check=True, capture_output=True, timeout=60)
    os.chmod(key, 0o600)


def write_htpasswd(entry, path):
    """Apache-style user file with a bcrypt hash: the only digest sushy-emulator accepts."""
    digest = bcrypt.hashpw(entry['password'].encode(), bcrypt.gensalt(rounds=4)).decode()
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write('%s:%s\n' % (entry['username'], digest))
    os.chmod(path, 0o600)


def _sushy_config(entry, run_dir):
    cert, key = cert_files(run_dir)
    system_uuid = str(uuid.uuid5(uuid.NAMESPACE_DNS, entry['name'] + '.system.lab'))
    settings = {
        'SUSHY_EMULATOR_LISTEN_IP': '0.0.0.0',
        'SUSHY_EMULATOR_LISTEN_PORT': 443,
        'SUSHY_EMULATOR_SSL_CERT': cert,
        'SUSHY_EMULATOR_SSL_KEY': key,
        'SUSHY_EMULATOR_AUTH_FILE': os.path.join(run_dir, 'htpasswd'),
        'SUSHY_EMULATOR_FAKE_DRIVER': True,
        # The fake driver keeps its systems in SQLite; the default /tmp path would be shared by all BMCs.
        'SUSHY_EMULATOR_STATE_DIR': os.path.join(run_dir, 'state'),
        'SUSHY_EMULATOR_FAKE_SYSTEMS': [{
            'uuid': system_uuid, 'name': entry.get('system_name', entry['name'].replace('bmc-', '')),
            'power_state': 'On', 'external_notifier': False, 'nics': [],
        }],
        'SUSHY_EMULATOR_CHASSIS': [{
            'Id': '1', 'Name': 'Chassis', 'UUID': str(uuid.uuid5(uuid.NAMESPACE_DNS, entry['name'] + '.chassis.lab')),
        }],
    }
    return ''.join('%s = %r\n' % item for item in settings.items())


def _sushy_prepare(entry, run_dir):
    ensure_certificate(entry, run_dir)
    write_htpasswd(entry, os.path.join(run_dir, 'htpasswd'))
    os.makedirs(os.path.join(run_dir, 'state'), mode=0o700, exist_ok=True)
    with open(os.path.join(run_dir, 'emulator.conf'), 'w', encoding='utf-8') as handle:
        handle.write(_sushy_config(entry, run_dir))


def _sushy_command(_entry, run_dir, bin_dir):
    return [os.path.join(bin_dir, 'sushy-emulator'), '--config', os.path.join(run_dir, 'emulator.conf')]


def _mockup_prepare(entry, run_dir):
    ensure_certificate(entry, run_dir)
    source = os.path.join(REDFISH_DIR, 'mockups', entry.get('mockup', DEFAULT_MOCKUP))
    if not os.path.isdir(source):
        raise ValueError('%s: no Redfish mockup at %s' % (entry['name'], source))
    target = os.path.join(run_dir, 'mockup')
    shutil.rmtree(target, ignore_errors=True)       # a (re)start serves the healthy mockup again
    shutil.copytree(source, target)
    for plant in entry.get('planted') or []:
        if plant['kind'] not in PLANTS:
            raise ValueError('%s: the mockup backend cannot plant %r (known: %s)' % (entry['name'], plant['kind'], ', '.join(sorted(PLANTS))))
        PLANTS[plant['kind']](target, plant['params'])
    auth_file = os.path.join(run_dir, 'auth.json')
    with open(auth_file, 'w', encoding='utf-8') as handle:
        json.dump({'username': entry['username'], 'sha256': hashlib.sha256(entry['password'].encode()).hexdigest()}, handle)
    os.chmod(auth_file, 0o600)


def _rewrite(mockup, path, change):
    """Load <mockup><path>/index.json, apply change(document), write it back."""
    file_name = os.path.join(mockup, path.lstrip('/'), 'index.json')
    with open(file_name, encoding='utf-8') as handle:
        document = json.load(handle)
    change(document)
    with open(file_name, 'w', encoding='utf-8') as handle:
        json.dump(document, handle, indent=2, ensure_ascii=False, sort_keys=True)


def _plant_psu_fail(mockup, params):
    """A failed power supply (params.psu, e.g. PSU2): its health Critical, no output, redundancy lost."""
    def power(document):
        names = [psu.get('Name') for psu in document['PowerSupplies']]
        if params['psu'] not in names:
            raise ValueError('bmc_psu_fail: no power supply %r (have %s)' % (params['psu'], ', '.join(names)))
        for psu in document['PowerSupplies']:
            if psu.get('Name') == params['psu']:
                psu.update(LastPowerOutputWatts=0, LineInputVoltage=0, Status={'State': 'Enabled', 'Health': 'Critical'})
        for redundancy in document.get('Redundancy') or []:
            redundancy['Status'] = {'State': 'Enabled', 'Health': 'Warning'}

    def rollup(document):
        document['Status']['HealthRollup'] = 'Critical'
    _rewrite(mockup, '/redfish/v1/Chassis/1/Power', power)
    _rewrite(mockup, '/redfish/v1/Chassis/1', rollup)
    _rewrite(mockup, '/redfish/v1/Systems/1', rollup)


def _plant_sel_critical(mockup, params):
    """A Critical entry in the System Event Log (params.message)."""
    def entries(document):
        number = len(document['Members']) + 1
        document['Members'].append({
            '@odata.id': '/redfish/v1/Managers/1/LogServices/SEL/Entries/%d' % number, '@odata.type': '#LogEntry.v1_4_0.LogEntry',
            'Id': str(number), 'Name': 'SEL Entry %d' % number, 'EntryType': 'SEL', 'Severity': 'Critical',
            'Message': params.get('message', 'Power supply failure detected.'), 'Created': '2026-11-20T03:12:45+08:00'})
        document['Members@odata.count'] = len(document['Members'])
    _rewrite(mockup, '/redfish/v1/Managers/1/LogServices/SEL/Entries', entries)


PLANTS = {'bmc_psu_fail': _plant_psu_fail, 'bmc_sel_critical': _plant_sel_critical}


def _mockup_command(_entry, run_dir, _bin_dir):
    cert, key = cert_files(run_dir)
    return [sys.executable, os.path.join(REDFISH_DIR, 'mockup_server.py'),
            '--mockup', os.path.join(run_dir, 'mockup'), '--cert', cert, '--key', key,
            '--auth-file', os.path.join(run_dir, 'auth.json')]


BACKENDS = {
    'sushy': (_sushy_prepare, _sushy_command),
    'mockup': (_mockup_prepare, _mockup_command),
}


def backend(entry):
    name = entry.get('emulator', 'sushy')
    if name not in BACKENDS:
        raise ValueError('%s: unknown Redfish emulator %r (known: %s)' % (entry['name'], name, ', '.join(sorted(BACKENDS))))
    return BACKENDS[name]


def prepare(entry, run_dir):
    backend(entry)[0](entry, run_dir)


def command(entry, run_dir, bin_dir):
    return backend(entry)[1](entry, run_dir, bin_dir)


def environment():
    return dict(os.environ)


def get(entry, path, credentials=True, timeout=2.0):
    """(HTTP status, body bytes) of an HTTPS GET on the BMC; the lab's certificates are self-signed."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    request = urllib.request.Request('https://%s%s' % (entry['address'], path))
    if credentials:
        token = base64.b64encode(('%s:%s' % (entry['username'], entry['password'])).encode()).decode()
        request.add_header('Authorization', 'Basic ' + token)
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def probe(entry, timeout=2.0):
    """(True, detail) if /redfish/v1/Systems answers 200 with the entry's credentials, else (False, why).

    The service root /redfish/v1 is open without credentials by the Redfish spec, so the
    collection behind it is what proves that authentication works.
    """
    try:
        status, _body = get(entry, '/redfish/v1/Systems', timeout=timeout)
    except (OSError, ValueError) as exc:
        return False, 'HTTPS GET /redfish/v1/Systems: %s' % (getattr(exc, 'reason', None) or exc)
    if status != 200:
        return False, 'HTTPS GET /redfish/v1/Systems: HTTP %d' % status
    return True, 'Redfish answers with credentials'
