#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Record the lab's Tomcat manager answers and probe results as unit-test fixtures.

    .venv/bin/python tools/record_middleware_fixtures.py

Saves under tests/unit/fixtures/middleware/recorded/ (from mw-app-01 through its HTTPS front end,
with the monitor user of inventories/lab):
  tomcat10-status.xml            /manager/status?XML=true
  tomcat10-jmx-datasource.txt    /manager/jmxproxy?qry=Catalina:type=DataSource,*   (password lines removed)
  tomcat10-jmx-gc.txt            /manager/jmxproxy?qry=java.lang:type=GarbageCollector,*
  tomcat10-stopped.json          the front end's answer while Tomcat is stopped (stops and restarts tomcat10)
  probes.json                    raw probe measurements (status, latency, body, certificate notAfter)
and, from ie-app-01, interface_rows.json: the rows the interface checks' SQL returns.
"""

from __future__ import absolute_import, division, print_function

import datetime
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, '.build'))

import yaml  # noqa: E402

from ansible_collections.medops.itops.plugins.module_utils.custom.definitions import normalize_all  # noqa: E402
from ansible_collections.medops.itops.plugins.module_utils.custom.run import sql_rows  # noqa: E402
from ansible_collections.medops.itops.plugins.module_utils.middleware.http import fetch  # noqa: E402
from ansible_collections.medops.itops.plugins.module_utils.middleware.probes import KEYS, normalize, run_one  # noqa: E402

OUT = os.path.join(ROOT, 'tests', 'unit', 'fixtures', 'middleware', 'recorded')
BASE = 'https://10.77.0.31'
USER = 'itops_monitor'
PASSWORD = os.environ.get('LAB_TOMCAT_MONITOR_PASSWORD', 'lab-tomcat-monitor-01')
DB_PASSWORD = os.environ.get('LAB_DB_MONITOR_PASSWORD', 'lab-monitor-pass-01')


def _get(path):
    return fetch(BASE + path, timeout=10, user=USER, password=PASSWORD, validate_certs=False)


def _write(name, text):
    with open(os.path.join(OUT, name), 'w', encoding='utf-8', newline='\n') as fh:
        fh.write(text.replace('\r\n', '\n').replace('\r', '\n'))
    print('wrote %s' % os.path.join(OUT, name))


def _redact(text):
    return '\n'.join(line for line in text.splitlines() if not line.lower().startswith(('password:', 'url:'))) + '\n'


def main():
    os.makedirs(OUT, exist_ok=True)
    res = _get('/manager/status?XML=true')
    assert res['status'] == 200, res
    _write('tomcat10-status.xml', res['body'])
    res = _get('/manager/jmxproxy?qry=Catalina%3Atype%3DDataSource%2C*')
    _write('tomcat10-jmx-datasource.txt', _redact(res['body']))
    res = _get('/manager/jmxproxy?qry=java.lang%3Atype%3DGarbageCollector%2C*')
    _write('tomcat10-jmx-gc.txt', res['body'])

    probes = [normalize(p, i) for i, p in enumerate([
        {'name': 'mw-frontend', 'url': BASE + '/health', 'jmespath': 'status', 'equals': 'UP', 'validate_certs': False},
        {'name': 'his-web', 'url': BASE + '/app/', 'content': '"status":"UP"', 'validate_certs': False},
        {'name': 'his-db', 'tcp': '10.77.0.21:5432'},
        {'name': 'closed-port', 'tcp': '10.77.0.31:8443', 'timeout': 2}])]
    measured = []
    for probe in probes:
        raw = run_one(probe)
        if raw.get('not_after'):
            raw['not_after'] = raw['not_after'].isoformat()
        raw['recorded_at'] = datetime.datetime.now(datetime.timezone.utc).isoformat()
        measured.append({'probe': dict((k, v) for k, v in probe.items() if k in KEYS), 'result': raw})

    subprocess.run(['podman', 'exec', 'mlab-mw-app-01', 'systemctl', 'stop', 'tomcat10'], check=True)
    try:
        stopped = {'status': _get('/manager/status?XML=true'), 'app': run_one(probes[1])}
    finally:
        subprocess.run(['podman', 'exec', 'mlab-mw-app-01', 'systemctl', 'start', 'tomcat10'], check=True)
    for value in stopped.values():
        if value.get('not_after'):
            value['not_after'] = value['not_after'].isoformat()
    _write('tomcat10-stopped.json', json.dumps(stopped, indent=1, ensure_ascii=False) + '\n')
    _write('probes.json', json.dumps(measured, indent=1, ensure_ascii=False) + '\n')

    with open(os.path.join(ROOT, 'playbooks', 'vars', 'interface_checks.yml'), encoding='utf-8') as fh:
        defs = yaml.safe_load(fh)['itops_interface_checks']
    conn = {'engine': 'postgresql', 'host': '10.77.0.21', 'port': 5432, 'user': 'itops_monitor', 'password': DB_PASSWORD, 'database': 'ie'}
    checks = normalize_all(defs, {'ie': conn})
    rows = {}
    for check in checks:
        if check['kind'] == 'sql':
            found, error = sql_rows(check, conn)
            assert error is None, error
            rows[check['name']] = [[str(v) if not isinstance(v, (int, float)) else v for v in row] for row in found]
    _write('interface_rows.json', json.dumps(rows, indent=1, ensure_ascii=False) + '\n')
    time.sleep(0)


if __name__ == '__main__':
    main()
