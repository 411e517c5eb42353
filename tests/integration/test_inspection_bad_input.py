# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bad input against the lab: an unreachable host, a command that hangs, a log that cannot be read,
a corrupt history file and planted secrets. Each becomes a finding or a clear message; the run
completes and writes its reports; no secret reaches a report, the history or the output."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import subprocess
import tempfile
import zipfile

import pytest

from playbook_runner import LAB_CONFIG, ROOT, run_playbook

pytestmark = pytest.mark.integration

QUARTERLY = 'playbooks/quarterly_inspection.yml'
REPORT_FILES = ('health_report.html', 'health_report.md', 'inspection_record.html', 'inspection_record.xlsx', 'run.json')


def lab_exec(host, command):
    subprocess.run(['podman', 'exec', 'mlab-%s' % host, 'sh', '-c', command], check=True)


def only_run(reports):
    runs = [os.path.join(reports, d) for d in os.listdir(reports) if os.path.isdir(os.path.join(reports, d))]
    assert len(runs) == 1, runs
    with open(os.path.join(runs[0], 'run.json'), encoding='utf-8') as handle:
        return json.load(handle), runs[0]


def items_of(run, target):
    return dict(((i['id'], i['subject']), i) for insp in run['inspections'] if insp['target'] == target for i in insp['items'])


@pytest.fixture()
def inventory_with_ghost(tmp_path):
    """The lab inventory plus a host whose SSH port refuses connections (an address of the lab)."""
    inv = tmp_path / 'inventory'
    inv.mkdir()
    for name in ('hosts.yml', 'group_vars'):
        os.symlink(os.path.join(ROOT, 'inventories', 'lab', name), str(inv / name))
    (inv / 'zz-ghost.yml').write_text('---\nall:\n  children:\n    linux_servers:\n      hosts:\n        ghost-app-01:\n'
                                      '          ansible_host: 10.77.0.11\n          ansible_port: 2222\n'
                                      '          itops_impact: department\n          itops_device_class: linux_server\n',
                                      encoding='utf-8')
    return str(inv)


def test_unreachable_host_hanging_command_and_unreadable_log(lab, inventory_with_ghost):
    reports = tempfile.mkdtemp(prefix='itops-bad-')
    lab_exec('ie-app-01', 'rm -f /var/log/ie/stuck.fifo && mkfifo /var/log/ie/stuck.fifo')
    try:
        logs = [{'path': '/var/log/ie/stuck.fifo'}, {'path': '/var/log/ie/missing.log'}]
        rc, _result = run_playbook(QUARTERLY, '-i', inventory_with_ghost, '--limit', 'ie-app-01:ghost-app-01',
                                   '-e', json.dumps({'inspect_linux_logs': logs, 'inspect_linux_timeout': 20}),
                                   env={'ITOPS_REPORTS_DIR': reports}, check=False)
    finally:
        lab_exec('ie-app-01', 'rm -f /var/log/ie/stuck.fifo')
    assert rc == 4                                      # ansible-playbook's "some hosts were unreachable"
    run, run_dir = only_run(reports)
    ghost = [f for f in run['findings'] if f['target'] == 'ghost-app-01']
    assert [(f['id'], f['status'], f['kind'], f['grade']) for f in ghost] == [('host.unreachable', 'critical', 'fault', 'P2')]
    items = items_of(run, 'ie-app-01')
    stuck = items[('linux.log.errors', '/var/log/ie/stuck.fifo')]
    assert stuck['status'] == 'unknown' and 'timed out' in stuck['detail']
    missing = items[('linux.log.errors', '/var/log/ie/missing.log')]
    assert missing['status'] == 'unknown' and missing['detail']
    assert len(items) >= 15                              # the rest of the host was still inspected
    assert os.path.exists(os.path.join(run_dir, 'health_report.html'))


def test_corrupt_history_is_named_and_reports_are_still_written(lab, tmp_path):
    reports = str(tmp_path / 'reports')
    history = tmp_path / 'history.sqlite'
    history.write_bytes(b'this is not an SQLite database\n' * 64)
    env = {'ITOPS_REPORTS_DIR': reports, 'ITOPS_HISTORY': str(history)}
    proc = subprocess.run([os.path.join(os.path.dirname(__import__('sys').executable), 'ansible-playbook'), QUARTERLY,
                           '--limit', 'his-app-01'], cwd=ROOT, env=dict(os.environ, ANSIBLE_CONFIG=LAB_CONFIG, **env), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert 'history not updated' in proc.stdout and str(history) in proc.stdout
    run, run_dir = only_run(reports)
    assert run['inspections'] and os.path.exists(os.path.join(run_dir, 'inspection_record.xlsx'))
    assert history.read_bytes().startswith(b'this is not an SQLite database')    # left as it was, for the operator


def _texts_of(path):
    """Everything a person or a program could read out of a report file, history file or log."""
    if path.endswith('.xlsx'):
        with zipfile.ZipFile(path) as archive:
            return ''.join(archive.read(name).decode('utf-8', 'replace') for name in archive.namelist())
    with open(path, 'rb') as handle:
        return handle.read().decode('utf-8', 'replace')


def test_canary_secrets_never_reach_reports_history_or_output(lab, tmp_path):
    vault_canary = 'Canary-Vault-5b9e21'
    log_canary = 'Canary-Log-77d0aa'
    plain = tmp_path / 'canary.yml'
    plain.write_text('---\nitops_db_password: %s\n' % vault_canary, encoding='utf-8')
    vaulted = tmp_path / 'canary.vault.yml'
    # The lab's configuration names the lab's vault password file, so the vault id needs no flag here.
    subprocess.run([os.path.join(os.path.dirname(__import__('sys').executable), 'ansible-vault'), 'encrypt',
                    '--output', str(vaulted), str(plain)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, ANSIBLE_CONFIG=LAB_CONFIG))
    plain.unlink()
    lab_exec('emr-app-01', "printf '%%s ERROR login failed for his_app password=%s\\n' \"$(date '+%%Y-%%m-%%d %%H:%%M:%%S')\" "
                           "> /var/log/emr/canary.log" % log_canary)
    reports = str(tmp_path / 'reports')
    try:
        proc = subprocess.run([os.path.join(os.path.dirname(__import__('sys').executable), 'ansible-playbook'), QUARTERLY,
                               '--limit', 'emr-app-01:localhost', '-e', '@%s' % vaulted,
                               '-e', json.dumps({'inspect_linux_logs': [{'path': '/var/log/emr/canary.log'}]})],
                              cwd=ROOT, env=dict(os.environ, ANSIBLE_CONFIG=LAB_CONFIG, ITOPS_REPORTS_DIR=reports), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=600, check=False)
    finally:
        lab_exec('emr-app-01', 'rm -f /var/log/emr/canary.log')
    run, run_dir = only_run(reports)
    canary_item = items_of(run, 'emr-app-01')[('linux.log.errors', '/var/log/emr/canary.log')]
    assert canary_item['status'] == 'warning'           # the line was read, and its secret masked
    pg = [f for f in run['findings'] if f['target'] == 'pg-db-01']
    assert pg, 'the canary password was not used for the database login'
    places = {'ansible-playbook output': proc.stdout}
    for root, _dirs, files in os.walk(reports):
        for name in files:
            places[os.path.join(root, name)] = _texts_of(os.path.join(root, name))
    assert any(name.endswith('history.sqlite') for name in places)
    leaks = [where for where, text in places.items() if vault_canary in text or log_canary in text]
    # the reports were written and searched: an empty reports directory has no leaks either
    assert set(REPORT_FILES) <= set(os.listdir(run_dir)), os.listdir(run_dir)
    assert leaks == []
