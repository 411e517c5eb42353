# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Record the Linux collector's real output as unit-test fixtures.

    .venv/bin/python tools/record_fixtures.py local            # this machine, through /bin/sh
    .venv/bin/python tools/record_fixtures.py busybox          # this machine, busybox sh, only busybox applets on PATH
    .venv/bin/python tools/record_fixtures.py lab [HOST ...]   # lab servers over SSH (default: all servers)

The command sent is exactly what medops.itops.linux_inspect sends (collector_script.build_command),
run the way the action plugin runs it (`/bin/sh -c <command>`). Options per lab host come from
tools/lab/hospital.yml (its services, and the logs and certificates its planted conditions name).
Each fixture starts with two comment lines the tests read: its origin and the options used.
Output goes to tests/unit/fixtures/linux/recorded/<name>.txt.
"""

from __future__ import absolute_import, division, print_function

import argparse
import datetime
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, '.build'))

from ansible_collections.medops.itops.plugins.module_utils.linux.collector_script import build_command  # noqa: E402
from ansible_collections.medops.itops.plugins.module_utils.linux.options import normalize  # noqa: E402

OUT = os.path.join(ROOT, 'tests', 'unit', 'fixtures', 'linux', 'recorded')
HOSPITAL = os.path.join(ROOT, 'tools', 'lab', 'hospital.yml')
LAB_KEY = '/var/lib/medops-lab/ssh/id_ed25519'
SSH_OPTS = ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null',
            '-o', 'LogLevel=ERROR', '-o', 'ConnectTimeout=5']


def lab_hosts():
    import yaml
    with open(HOSPITAL) as handle:
        hospital = yaml.safe_load(handle)
    planted = {}
    for plant in hospital.get('planted') or []:
        planted.setdefault(plant['host'], []).append(plant)
    hosts = []
    for server in hospital.get('servers') or []:
        services = [s for s in server.get('services') or [] if s not in ('ssh', 'cron')]
        logs, certs = [], []
        for plant in planted.get(server['name'], []):
            if plant['kind'] == 'log_errors':
                logs.append({'path': plant['params']['path']})
            if plant['kind'] == 'cert_expiry':
                certs.append(plant['params']['path'])
        hosts.append((server['name'], server['address'], {
            'critical_services': ['ssh', 'cron'] + services,
            'logs': logs + [{'path': '/var/log/dpkg.log', 'pattern': 'status half'}],
            'certificates': certs,
            'expected_ports': [22],
        }))
    return hosts


def record(name, argv, command, options, origin, timeout, env=None):
    started = time.time()
    proc = subprocess.run(argv + [command], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=timeout + 30, env=env, check=False)
    seconds = time.time() - started
    stdout = proc.stdout.decode('utf-8', 'replace')
    if '=== meta ===' not in stdout:
        print('%s: no collector output (rc %d): %s' % (name, proc.returncode, proc.stderr.decode('utf-8', 'replace')[:300]),
              file=sys.stderr)
        return False
    stamp = datetime.datetime.now().astimezone().replace(microsecond=0).isoformat()
    header = '# origin: recorded by tools/record_fixtures.py from %s at %s (%.1f s)\n# options: %s\n' % (
        origin, stamp, seconds, json.dumps(options, sort_keys=True))
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, '%s.txt' % name)
    with open(path, 'w') as handle:
        handle.write(header + stdout)
    print('%s: %d bytes in %.1f s -> %s' % (name, len(stdout), seconds, os.path.relpath(path, ROOT)))
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('where', choices=('local', 'busybox', 'lab'))
    parser.add_argument('hosts', nargs='*')
    parser.add_argument('--timeout', type=int, default=60)
    args = parser.parse_args()
    ok = True
    if args.where == 'busybox':
        # Only busybox applets on PATH, so the script meets busybox df/ps/netstat/awk/timeout.
        busybox = '/usr/bin/busybox'
        applets = tempfile.mkdtemp(prefix='medops-busybox-')
        for applet in subprocess.check_output([busybox, '--list']).decode().split():
            os.symlink(busybox, os.path.join(applets, applet))
        options = {'critical_services': ['cron', 'his-app'], 'logs': [{'path': '/var/log/dpkg.log', 'pattern': 'status half'}],
                   'expected_ports': [22], 'timeout': args.timeout}
        command = build_command(normalize(options)).replace('/bin/sh -c', busybox + ' sh -c')
        command = command.replace(':$PATH; export PATH', '; PATH=%s; export PATH' % applets)
        ok = record('busybox-local', [busybox, 'sh', '-c'], command, options,
                    'this machine with busybox %s sh and applets only' % subprocess.check_output(
                        [busybox]).decode().split()[1], args.timeout, env={'PATH': applets})
    elif args.where == 'local':
        options = {'critical_services': ['cron', 'ssh', {'name': 'his-app', 'port': 8080}],
                   'logs': [{'path': '/var/log/dpkg.log', 'pattern': 'status half'}, {'path': '/var/log/alternatives.log'},
                            {'path': '/var/log/does-not-exist.log'}],
                   'certificates': ['/etc/ssl/certs/ISRG_Root_X1.pem', '/etc/ssl/certs/does-not-exist.pem'],
                   'expected_ports': [22], 'timeout': args.timeout}
        command = build_command(normalize(options))
        ok = record(args.hosts[0] if args.hosts else 'debian12-local', ['/bin/sh', '-c'], command, options,
                    'this machine (Debian 12, /bin/sh = dash)', args.timeout)
    else:
        for name, address, options in lab_hosts():
            if args.hosts and name not in args.hosts:
                continue
            options['timeout'] = args.timeout
            command = '/bin/sh -c %s' % shlex.quote(build_command(normalize(options)))
            argv = ['ssh', '-i', LAB_KEY] + SSH_OPTS + ['root@%s' % address]
            ok = record('lab-%s' % name, argv, command, options, 'lab host %s (%s) over SSH' % (name, address),
                        args.timeout) and ok
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
