# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Real servers on loopback for unit tests: a throw-away PostgreSQL cluster and an snmpsim agent.

Tests that need them skip (with the reason) when the server software is missing.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))


def _pg_bin():
    """PG_BIN, else the newest Debian PostgreSQL server (bindep.txt [test]: `postgresql`), else the 15 default."""
    if os.environ.get('PG_BIN'):
        return os.environ['PG_BIN']
    found = sorted(glob.glob('/usr/lib/postgresql/*/bin/initdb'), key=lambda p: int(p.split('/')[-3]) if p.split('/')[-3].isdigit() else 0)
    return os.path.dirname(found[-1]) if found else '/usr/lib/postgresql/15/bin'


PG_BIN = _pg_bin()
S5720_RECORDING = os.path.join(ROOT, 'tools', 'lab', 'snmp', 'huawei_s5720.snmprec')


def free_port(kind=socket.SOCK_STREAM):
    sock = socket.socket(socket.AF_INET, kind)
    sock.bind(('127.0.0.1', 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


@contextlib.contextmanager
def local_postgresql(user='itops', password=None):
    """A PostgreSQL cluster on 127.0.0.1; yields its port. With a password, logins need it (scram)."""
    if not os.path.exists(os.path.join(PG_BIN, 'initdb')):
        pytest.skip('PostgreSQL server binaries not found in %s (make deps installs bindep.txt [test]: postgresql)' % PG_BIN)
    base = tempfile.mkdtemp(prefix='itops-pg-')
    prefix = []
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam('postgres')
        except KeyError:
            pytest.skip('running as root and there is no postgres user to run the cluster')
        os.chown(base, owner.pw_uid, owner.pw_gid)
        prefix = ['runuser', '-u', 'postgres', '--']
    port = free_port()
    data = os.path.join(base, 'data')

    def run(*args):
        subprocess.run(prefix + list(args), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=base)
    auth = ['-A', 'trust']
    if password:
        pwfile = os.path.join(base, 'pw')
        with open(pwfile, 'w') as handle:
            handle.write(password + '\n')
        if prefix:
            os.chown(pwfile, owner.pw_uid, owner.pw_gid)
        auth = ['-A', 'scram-sha-256', '--pwfile', pwfile]
    run(os.path.join(PG_BIN, 'initdb'), '-D', data, '-U', user, *auth)
    run(os.path.join(PG_BIN, 'pg_ctl'), '-D', data, '-w', '-l', os.path.join(base, 'log'), '-o',
        '-p %d -k %s -c listen_addresses=127.0.0.1' % (port, base), 'start')
    try:
        yield port
    finally:
        run(os.path.join(PG_BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop')
        shutil.rmtree(base, ignore_errors=True)


@contextlib.contextmanager
def snmp_agent(community, v3_user, auth_key, priv_key, recording=S5720_RECORDING):
    """snmpsim serving a lab recording on 127.0.0.1 (v2c community and v3 SHA/AES); yields its port."""
    responder = os.path.join(os.path.dirname(sys.executable), 'snmpsim-command-responder')
    if not os.path.exists(responder):
        pytest.skip('snmpsim is not installed in this Python environment')
    base = tempfile.mkdtemp(prefix='itops-snmp-')
    data, cache = os.path.join(base, 'data'), os.path.join(base, 'cache')
    os.makedirs(data)
    os.makedirs(cache)
    for name in (community, 'self'):
        shutil.copy(recording, os.path.join(data, name + '.snmprec'))
    port = free_port(socket.SOCK_DGRAM)
    proc = subprocess.Popen([responder, '--v3-engine-id=8000000001020304', '--v3-user=%s' % v3_user,
                             '--v3-auth-key=%s' % auth_key, '--v3-auth-proto=SHA', '--v3-priv-key=%s' % priv_key,
                             '--v3-priv-proto=AES', '--data-dir=%s' % data, '--cache-dir=%s' % cache,
                             '--agent-udpv4-endpoint=127.0.0.1:%d' % port, '--log-level=error'],
                            env=dict(os.environ, SNMPSIM_ALLOW_ROOT='true'), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_snmp(port)
        yield port
    finally:
        proc.terminate()
        proc.wait(10)
        shutil.rmtree(base, ignore_errors=True)


def _wait_for_snmp(port, seconds=15):
    """The responder is ready once it answers a v2c GET with any community it serves."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        time.sleep(0.3)
        probe = subprocess.run(['ss', '-uln', 'sport = :%d' % port], stdout=subprocess.PIPE, text=True, check=False)
        if ':%d' % port in probe.stdout:
            return
    raise RuntimeError('snmpsim did not start on 127.0.0.1:%d' % port)
