# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collector script itself, run by the shells hospital servers have: dash, bash, busybox ash."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import shutil
import subprocess
import time

import pytest

from ansible_collections.medops.itops.plugins.module_utils.linux.collector_script import build_body, build_command
from ansible_collections.medops.itops.plugins.module_utils.linux.inspect import assemble
from ansible_collections.medops.itops.plugins.module_utils.linux.options import normalize

OPTIONS = normalize({'critical_services': ["it's-quoted; rm -rf /tmp/never", {'name': 'x', 'process': 'a|b'}],
                     'logs': [{'path': '/nonexistent/$(touch /tmp/medops-pwned)', 'pattern': "ERROR|'quote"}],
                     'certificates': ['/nonexistent.pem'], 'updates': False, 'sample_seconds': 0, 'timeout': 20})


def test_options_are_quoted_not_executed():
    body = build_body(OPTIONS)
    assert "svc 'it'\"'\"'s-quoted; rm -rf /tmp/never' ''" in body
    assert "logscan '/nonexistent/$(touch /tmp/medops-pwned)' 'ERROR|'\"'\"'quote' 1440 100000" in body
    assert '\nsec_updates\n' not in body and '\nsec_reboot\n' in body
    command = build_command(OPTIONS)
    assert command.startswith('MO_BODY=') and 'MO_T=20' in command


def test_no_bashisms_in_the_script():
    body = build_body(OPTIONS)
    for bashism in ('[[ ', 'function ', '$RANDOM', '<<<', 'local ', 'echo -e', '$((i++))', 'source '):
        assert bashism not in body, bashism


SHELLS = [s for s in (['/bin/sh'], ['dash'], ['bash', '--posix'], ['busybox', 'sh']) if shutil.which(s[0])]


@pytest.mark.parametrize('shell', SHELLS, ids=[' '.join(s) for s in SHELLS])
def test_script_runs_under_shell(shell):
    if os.path.exists('/tmp/medops-pwned'):
        os.unlink('/tmp/medops-pwned')
    body = build_body(OPTIONS)
    proc = subprocess.run(shell + ['-c', body], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60, check=False,
                          stdin=subprocess.DEVNULL)
    out = proc.stdout.decode('utf-8', 'replace')
    assert not os.path.exists('/tmp/medops-pwned')
    inspection, info, warnings = assemble(out, OPTIONS, 'here')
    assert info['complete'] and warnings == [], proc.stderr[-500:]
    assert [i['status'] for i in inspection['items'] if i['id'] == 'linux.log.errors'] == ['unknown']
    assert any(i['id'] == 'linux.mem.used_pct' and i['status'] != 'unknown' for i in inspection['items'])


def test_hanging_command_is_cut_off(tmp_path):
    """A df that never returns (a dead NFS server) costs the step budget, not the whole run."""
    fake = tmp_path / 'df'
    fake.write_text('#!/bin/sh\nexec sleep 60\n')
    fake.chmod(0o755)
    options = dict(OPTIONS, timeout=12)   # step budget max(3, 12 // 4) = 3 s
    body = build_body(options).replace('PATH=/usr/local/sbin:', 'PATH=%s:/usr/local/sbin:' % tmp_path)
    started = time.time()
    proc = subprocess.run(['/bin/sh', '-c', body], stdout=subprocess.PIPE, timeout=60, stdin=subprocess.DEVNULL, check=False)
    elapsed = time.time() - started
    out = proc.stdout.decode('utf-8', 'replace')
    assert '!!! timeout df after 3s' in out
    assert elapsed < 12
    inspection, info, _w = assemble(out, options, 'here')
    assert info['complete'] and 'timeout df' in info['markers']
    assert [i['status'] for i in inspection['items'] if i['id'] == 'linux.fs.used_pct'] == ['unknown']


def test_log_that_blocks_on_open_is_cut_off(tmp_path):
    """A log path that blocks when opened (a FIFO without writer, a hung NFS mount) becomes an unknown
    item saying it timed out; the other logs and sections are still inspected."""
    fifo = tmp_path / 'stuck.fifo'
    os.mkfifo(str(fifo))
    plain = tmp_path / 'app.log'
    plain.write_text('2026-11-25 08:00:00 INFO started\n')
    options = normalize({'logs': [{'path': str(fifo)}, {'path': str(plain)}], 'updates': False, 'auth': False,
                         'sample_seconds': 0, 'timeout': 12})
    started = time.time()
    proc = subprocess.run(['/bin/sh', '-c', build_body(options)], stdout=subprocess.PIPE, timeout=60, stdin=subprocess.DEVNULL, check=False)
    assert time.time() - started < 12
    inspection, _info, _w = assemble(proc.stdout.decode('utf-8', 'replace'), options, 'here')
    logs = dict((i['subject'], i) for i in inspection['items'] if i['id'] == 'linux.log.errors')
    assert logs[str(fifo)]['status'] == 'unknown' and 'timed out' in logs[str(fifo)]['detail']
    assert logs[str(plain)]['status'] == 'ok'


def test_whole_run_is_bounded_by_the_wrapper(tmp_path):
    """The outer `timeout` stops the body; what was printed before still parses."""
    fake = tmp_path / 'df'
    fake.write_text('#!/bin/sh\nexec sleep 60\n')
    fake.chmod(0o755)
    options = dict(OPTIONS, timeout=3)   # step budget 3 s = the whole budget
    command = build_command(options).replace('PATH=/usr/local/sbin:', 'PATH=%s:/usr/local/sbin:' % tmp_path)
    started = time.time()
    proc = subprocess.run(['/bin/sh', '-c', command], stdout=subprocess.PIPE, timeout=60, stdin=subprocess.DEVNULL, check=False)
    assert time.time() - started < 15
    out = proc.stdout.decode('utf-8', 'replace')
    inspection, info, warnings = assemble(out, options, 'here')
    if shutil.which('timeout'):
        assert info['remote_rc'] in (124, 137, 143) and not info['complete']
        assert 'timeout' in warnings[0]
    assert any(i['id'] == 'linux.mem.used_pct' and i['status'] != 'unknown' for i in inspection['items'])


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which('unshare'), reason='bind-mounting over /proc/stat needs root')
def test_a_proc_stat_without_cpu_line_is_named_with_what_was_read(tmp_path):
    """An lxcfs /proc/stat that comes back without its cpu line: the item says what was read, not just 'no sample'."""
    fake = tmp_path / 'stat'
    fake.write_bytes(b'intr 12 0 0\nctxt 99\nbtime 1796154467\n')
    body = build_body(OPTIONS)
    proc = subprocess.run(['unshare', '-m', 'sh', '-c', 'mount --bind "$1" /proc/stat && exec sh -c "$2"', 'sh', str(fake), body],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60, check=False, stdin=subprocess.DEVNULL)
    inspection, info, _warnings = assemble(proc.stdout.decode('utf-8', 'replace'), OPTIONS, 'here')
    assert info['complete'], proc.stderr[-500:]
    cpu = [i for i in inspection['items'] if i['id'] == 'linux.cpu.util_pct']
    assert [i['status'] for i in cpu] == ['unknown']
    assert 'no cpu line in 5 reads' in cpu[0]['detail'] and 'intr 12 0 0 ctxt 99' in cpu[0]['detail'], cpu[0]['detail']
