# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Chaos during a quarterly run: one server container, one SNMP agent and one REST device are
killed on a seeded, printed schedule while the inspection runs.

Each killed device must come out as a fault or as not inspected (never as inspected, never
dropped), and every other device's (target, item id, subject, status) set must equal a clean
run's. `lab up` restores the lab afterwards (it restarts the killed container and devices and
provisions their planted conditions again), so the tests after this one see the lab as it was.

Reproduce a schedule with ITOPS_CHAOS_SEED=<seed>.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import json
import os
import random
import signal
import subprocess
import tempfile
import threading
import time

import pytest

from playbook_runner import BIN, ROOT, playbook_env

pytestmark = pytest.mark.integration
LAB = os.path.join(ROOT, 'tools', 'lab', 'lab')
PREFIX = 'mlab-'
# None of these is a dependency of another device's items (no other check reads them).
SERVERS = ('lis-app-01', 'pacs-app-01', 'emr-app-01', 'his-app-01')
SNMP_AGENTS = ('agg-sw-01', 'core-sw-01', 'fw-edge-01', 'fw-ngaf-01')   # profiles with counters: two samples 5 s apart
REST_DEVICES = ('bmc-his-01', 'bmc-pacs-01', 'san-his-01')
# When to kill, as (device list, play banner to wait for, delay range in seconds after it).
# The Linux collector samples for 3 s and the SNMP poll takes two samples 5 s apart, so these
# kills land during the device's own poll; the REST device dies while the play before its own runs.
SCHEDULE = (
    (SERVERS, 'PLAY [Inspect Linux servers', (0.8, 2.0)),
    (SNMP_AGENTS, 'PLAY [Inspect switches, firewalls', (0.8, 3.0)),
    (REST_DEVICES, 'PLAY [Inspect PostgreSQL and MariaDB', (0.0, 0.5)),
)


def _run_record(reports):
    found = glob.glob(os.path.join(reports, '*', 'run.json'))
    assert len(found) == 1, found
    with open(found[0], encoding='utf-8') as handle:
        return json.load(handle)


def _kill_namespace(name):
    """SIGKILL every process of the device's network namespace, as when it loses power."""
    pids = subprocess.run(['ip', 'netns', 'pids', PREFIX + name], stdout=subprocess.PIPE, text=True, check=True).stdout.split()
    for pid in pids:
        try:
            os.kill(int(pid), signal.SIGKILL)
        except ProcessLookupError:
            pass
    return len(pids)


def _quarterly(reports, on_line=None, exit_codes=(0,)):
    env = playbook_env({'ITOPS_REPORTS_DIR': reports, 'ITOPS_HISTORY': 'off', 'ANSIBLE_STDOUT_CALLBACK': 'ansible.builtin.default'})
    proc = subprocess.Popen([os.path.join(BIN, 'ansible-playbook'), 'playbooks/quarterly_inspection.yml'], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = []
    for line in proc.stdout:
        output.append(line)
        if on_line is not None:
            on_line(line)
    rc = proc.wait(timeout=900)
    assert rc in exit_codes, 'ansible-playbook exit code %d:\n%s' % (rc, ''.join(output[-80:]))
    return _run_record(reports)


def _items(run, exclude=()):
    return set((i['target'], item['id'], str(item.get('subject')), item['status'])
               for i in run['inspections'] if i['target'] not in exclude for item in i['items'])


@pytest.fixture(scope='module')
def chaos(lab, quarterly_run):
    seed = int(os.environ.get('ITOPS_CHAOS_SEED') or random.SystemRandom().randrange(1, 10 ** 6))
    rng = random.Random(seed)
    plan = [(rng.choice(devices), banner, round(rng.uniform(*delays), 2)) for devices, banner, delays in SCHEDULE]
    print('chaos seed %d: %s' % (seed, ', '.join('%s %.2f s after %r' % (d, s, b) for d, b, s in plan)))
    clean = quarterly_run   # the suite's one clean run, taken before any kill
    killed, timers, scheduled = {}, [], set()

    def kill(device):
        killed[device] = (_kill_namespace(device), time.time())

    def on_line(line):
        for device, banner, delay in plan:
            if line.startswith(banner) and device not in scheduled:
                scheduled.add(device)
                timers.append(threading.Timer(delay, kill, (device,)))
                timers[-1].start()
    try:
        # ansible-playbook's own exit codes for a play with failed (2) or unreachable (4) hosts
        broken = _quarterly(tempfile.mkdtemp(prefix='itops-chaos-'), on_line, exit_codes=(0, 2, 4, 6))
    finally:
        for timer in timers:
            timer.join()
        restored = subprocess.run([LAB, 'up'], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    return {'seed': seed, 'plan': plan, 'clean': clean, 'broken': broken, 'killed': killed, 'restored': restored}


def test_every_scheduled_kill_happened_during_the_run(chaos):
    assert sorted(chaos['killed']) == sorted(d for d, _b, _s in chaos['plan']), (chaos['seed'], chaos['killed'])
    assert all(count > 0 for count, _t in chaos['killed'].values()), chaos['killed']


def test_each_killed_device_is_a_fault_or_not_inspected(chaos):
    by_target = dict((i['target'], i) for i in chaos['broken']['inspections'])
    faults = set(f['target'] for f in chaos['broken']['findings'] if f['kind'] == 'fault')
    for device in chaos['killed']:
        inspection = by_target.get(device)
        assert inspection is not None, 'seed %d: killed %s was dropped from the run' % (chaos['seed'], device)
        assert inspection['host_status'] != 'ok', 'seed %d: killed %s counted as inspected: %s' % (
            chaos['seed'], device, [(i['id'], i['status'], i.get('detail')) for i in inspection['items']][:5])
        assert device in faults, 'seed %d: killed %s is %s without a fault' % (chaos['seed'], device, inspection['host_status'])
    summary = chaos['broken']['summary']
    assert summary['hosts_ok'] == chaos['clean']['summary']['hosts_ok'] - len(chaos['killed'])
    assert summary['hosts_not_inspected'] == len(chaos['killed'])


def test_every_other_device_reads_as_in_a_clean_run(chaos):
    killed = set(chaos['killed'])
    assert set(i['target'] for i in chaos['broken']['inspections']) == set(i['target'] for i in chaos['clean']['inspections'])
    clean, broken = _items(chaos['clean'], killed), _items(chaos['broken'], killed)
    assert clean and broken == clean, 'seed %d: only in the clean run %s; only in the chaos run %s' % (
        chaos['seed'], sorted(clean - broken)[:10], sorted(broken - clean)[:10])


def test_lab_up_restores_the_lab(chaos):
    assert chaos['restored'].returncode == 0, chaos['restored'].stdout[-3000:]
    status = subprocess.run([LAB, 'status'], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    assert status.returncode == 0, status.stdout
    for device in chaos['killed']:
        line, = [line for line in status.stdout.splitlines() if line.split()[:1] == [device]]
        assert line.split()[-1] == 'running', line
