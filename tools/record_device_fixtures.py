#!/usr/bin/env python
"""Record what the lab's storage arrays and BMCs answer, as unit-test fixtures.

Usage: .venv/bin/python tools/record_device_fixtures.py   (the lab must be up: tools/lab/lab up)
Writes, from the devices declared in tools/lab/hospital.yml:
  tests/unit/fixtures/oceanstor/<array>.json   {system, pools, disks, alarms}: the `data` of each REST answer
  tests/unit/fixtures/storwize/<array>/<command>.txt   the CLI's output over SSH (lab key, user superuser)
  tests/unit/fixtures/redfish/<bmc>.json       every document the Redfish walk reads, by path
  tests/unit/fixtures/ipmi/<bmc>/{sdr,sel,fru}.txt      ipmitool -I lanplus output
The collectors used are the collection's own (module_utils), so the fixtures are what they saw.
"""
import json
import os
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, '.build'))

# pylint: disable=wrong-import-position
from ansible_collections.medops.itops.plugins.module_utils.bmc import ipmi, redfish  # noqa: E402
from ansible_collections.medops.itops.plugins.module_utils.bmc.collect import redfish_getter  # noqa: E402
from ansible_collections.medops.itops.plugins.module_utils.storage import oceanstor, storwize  # noqa: E402
from ansible_collections.medops.itops.plugins.module_utils.storage.rest import _Session  # noqa: E402  # pylint: disable=protected-access

FIXTURES = os.path.join(ROOT, 'tests', 'unit', 'fixtures')
LAB_KEY = '/var/lib/medops-lab/ssh/id_ed25519'


def _write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write(text)
    print('wrote %s' % os.path.relpath(path, ROOT))


def record_oceanstor(entry):
    spec = {'address': entry['address'], 'port': 8088, 'user': entry['username'], 'password': entry['password']}
    session = _Session(spec, 10)
    session.login()
    answers = dict((key, session.get(path)) for key, path in oceanstor.PATHS)
    session.logout()
    _write(os.path.join(FIXTURES, 'oceanstor', entry['name'] + '.json'), json.dumps(answers, indent=1, ensure_ascii=False) + '\n')


def record_storwize(entry):
    for key, command in storwize.COMMANDS:
        proc = subprocess.run(['ssh', '-i', LAB_KEY, '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null',
                               '-o', 'LogLevel=ERROR', '-o', 'BatchMode=yes', 'superuser@' + entry['address'], command],
                              capture_output=True, text=True, timeout=30, check=True)
        _write(os.path.join(FIXTURES, 'storwize', entry['name'], key + '.txt'), proc.stdout)


def record_redfish(entry):
    get = redfish_getter({'address': entry['address'], 'port': 443, 'user': entry['username'], 'password': entry['password']}, 10)
    seen = {}

    def recording_get(path):
        seen[path] = get(path)
        return seen[path]
    redfish.collect_documents(recording_get)
    _write(os.path.join(FIXTURES, 'redfish', entry['name'] + '.json'), json.dumps(seen, indent=1, sort_keys=True) + '\n')


def record_ipmi(entry):
    spec = {'address': entry['address'], 'port': 623, 'user': entry['username'], 'password': entry['password']}
    for key, args in ipmi.COMMANDS:
        rc, out, err = ipmi.run_ipmitool(spec, args, 5)
        if rc != 0:
            raise SystemExit('%s: ipmitool %s failed: %s' % (entry['name'], ' '.join(args), err))
        _write(os.path.join(FIXTURES, 'ipmi', entry['name'], key + '.txt'), out)


def main():
    with open(os.path.join(ROOT, 'tools', 'lab', 'hospital.yml'), encoding='utf-8') as handle:
        cfg = yaml.safe_load(handle)
    for entry in cfg.get('storage_arrays') or []:
        (record_oceanstor if entry['kind'] == 'oceanstor' else record_storwize)(entry)
    for entry in cfg.get('redfish_bmcs') or []:
        record_redfish(entry)
    for entry in cfg.get('ipmi_bmcs') or []:
        record_ipmi(entry)


if __name__ == '__main__':
    main()
