"""The lab's life: up, repair, reboot a host, own view of the machine, down. Needs root.

Run with `pytest tests/lab -m lab`. The tests share one lab (brought up once) and run in file
order; the last one takes the lab down, checks nothing is left, and brings it up again so the
machine is left as the integration tests expect it.
"""
import os
import re
import subprocess
import time

import pytest

from labtools import SSH_KEY, lab, simulate_reboot_keeping_run, ssh
from medops_lab import config, lxcfs, sshkeys

KNOWN_HOSTS = sshkeys.KNOWN_HOSTS

pytestmark = [pytest.mark.lab,
              pytest.mark.skipif(os.geteuid() != 0, reason='the lab needs root')]


@pytest.fixture(name='cfg', scope='module')
def cfg_fixture():
    """The lab is up (started if needed) and its validated lab file."""
    from labtools import CONFIG  # pylint: disable=import-outside-toplevel
    proc = lab('up')
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return config.load(CONFIG, check_host=False)


def _server(cfg, name=None, **match):
    for srv in cfg['servers']:
        if (name is None or srv['name'] == name) and all(srv.get(k) == v for k, v in match.items()):
            return srv
    raise AssertionError('no server like %s %s' % (name, match))


def _boot_id(address):
    proc = ssh(address, 'cat /proc/sys/kernel/random/boot_id')
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def _machine_uptime():
    with open('/proc/uptime', encoding='utf-8') as fh:
        return float(fh.read().split()[0])


def _machine_boot_id():
    with open('/proc/sys/kernel/random/boot_id', encoding='utf-8') as fh:
        return fh.read().strip()


def _status_rows():
    proc = lab('status')
    rows = {}
    for line in proc.stdout.splitlines()[1:]:
        fields = re.split(r'\s{2,}', line.strip())
        rows[fields[0]] = fields[-1]
    return proc.returncode, rows


def test_up_twice_is_harmless(cfg):
    ids = {s['name']: _boot_id(s['address']) for s in cfg['servers']}
    start = time.monotonic()
    proc = lab('up')
    took = time.monotonic() - start
    assert proc.returncode == 0, proc.stderr
    assert 'created' not in proc.stderr and 'restarted' not in proc.stderr
    assert {s['name']: _boot_id(s['address']) for s in cfg['servers']} == ids   # nobody restarted
    assert took < 60
    assert lab('status').returncode == 0


def test_each_host_has_its_own_view(cfg):
    machine_uptime = _machine_uptime()
    for srv in cfg['servers']:
        proc = ssh(srv['address'], 'hostname; grep MemTotal /proc/meminfo; cut -d" " -f1 /proc/uptime')
        assert proc.returncode == 0, proc.stderr
        hostname, meminfo, uptime = proc.stdout.splitlines()
        assert hostname == srv['name']
        mem_kib = int(meminfo.split()[1])
        size = srv['memory']
        want = int(size[:-1]) * {'k': 1, 'm': 1024, 'g': 1024 * 1024}[size[-1]]
        assert mem_kib == want, '%s: MemTotal %s kB, want %s' % (srv['name'], mem_kib, want)
        assert float(uptime) < machine_uptime
    fs_host = _server(cfg, 'pacs-app-01')
    proc = ssh(fs_host['address'], 'df -P -k /data | tail -1')
    assert proc.stdout.split()[5] == '/data' and int(proc.stdout.split()[1]) < 70 * 1024


def test_host_without_python(cfg):
    srv = _server(cfg, python=False)
    proc = ssh(srv['address'], 'python3 -c "print(1)"')
    assert proc.returncode == 126, proc.stdout + proc.stderr
    for interp in ('/usr/bin/python3', '/usr/bin/python3.11'):
        assert ssh(srv['address'], interp + ' -V').returncode != 0
    assert ssh(srv['address'], 'sh -c true').returncode == 0
    other = _server(cfg, 'his-app-01')
    assert ssh(other['address'], 'python3 -c "print(1)"').stdout.strip() == '1'


def test_stopped_sshd_shows_and_up_repairs(cfg):
    srv = _server(cfg, 'ie-app-01')
    # A SIGKILLed sshd is restarted by systemd itself (Restart=on-failure, as on the real
    # distributions), so the host's sshd is taken down the way that sticks: stopping the unit.
    subprocess.run(['podman', 'exec', srv['container'], 'systemctl', 'stop', 'ssh'], check=True)
    code, rows = _status_rows()
    assert code != 0 and rows[srv['name']] == 'sshd down'
    assert lab('up').returncode == 0
    code, rows = _status_rows()
    assert code == 0 and rows[srv['name']] == 'running'


def test_stopped_container_shows_and_up_restarts_it(cfg):
    srv = _server(cfg, 'emr-app-01')
    subprocess.run(['podman', 'stop', '-t', '0', srv['container']], check=True, capture_output=True)
    code, rows = _status_rows()
    assert code != 0 and rows[srv['name']] == 'stopped'
    proc = lab('up')
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert '%s: started' % srv['name'] in proc.stderr
    assert ssh(srv['address'], 'systemctl is-active ssh').stdout.strip() == 'active'


def test_killed_sshd_of_scale_host(cfg):
    assert lab('up', '--servers', '2').returncode == 0
    try:
        with open('/run/medops-lab/scale/scale-002.pid', encoding='utf-8') as fh:
            os.kill(int(fh.read()), 9)
        time.sleep(0.2)
        code, rows = _status_rows()
        assert code != 0 and rows['scale-002'] == 'sshd down'
        assert lab('up').returncode == 0
        code, rows = _status_rows()
        assert code == 0 and rows['scale-002'] == 'running'
        assert ssh('10.77.1.2', 'hostname').stdout.strip() == 'scale-002'
    finally:
        assert lab('up', '--servers', '0').returncode == 0
    assert not os.path.exists('/run/netns/%s-scale-001' % cfg['lab']['prefix'])


def _wait_new_boot_id(address, before_id, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(1)
        proc = ssh(address, 'systemctl is-system-running --wait >/dev/null; cat /proc/sys/kernel/random/boot_id')
        if proc.returncode == 0 and proc.stdout.strip() and proc.stdout.strip() != before_id:
            return proc.stdout.strip()
    return None


def _container_state(name):
    proc = subprocess.run(['podman', 'container', 'inspect', '--format', '{{.State.Status}} exit={{.State.ExitCode}} {{.State.Error}}',
                           name], capture_output=True, text=True, check=False)
    return proc.stdout.strip() or proc.stderr.strip()


def test_reboot_stays_inside_the_host(cfg):
    srv = _server(cfg, 'ie-app-01')
    # A host still booting (the lab was just recreated by the tests before) may refuse a reboot job.
    ssh(srv['address'], 'systemctl is-system-running --wait', timeout=60)
    before_id, machine_id, machine_up = _boot_id(srv['address']), _machine_boot_id(), _machine_uptime()
    reboot = ssh(srv['address'], 'systemctl reboot', timeout=15)
    assert reboot.returncode in (0, 255), reboot.stderr       # 255: the connection dropped as the host went down
    # podman's restart policy brings the host back, usually within 2 s. In some full `make test` runs
    # (2 of 5 on 2026-11-26) it did not: the container stayed exited until the next `lab up`, which is
    # the lab's documented repair. Either way the host must come back with a new boot id.
    after_id = _wait_new_boot_id(srv['address'], before_id, 60)
    state = _container_state(srv['container']) if after_id is None else ''
    if after_id is None and state.startswith('running'):
        # podman restarted it, late (91 s and 242 s were seen on a loaded machine): let it finish booting
        after_id = _wait_new_boot_id(srv['address'], before_id, 120)
        assert after_id, 'running but no new boot id over SSH after 180 s: %s' % state
    if after_id is None:
        proc = lab('up')
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert re.search(r'%s: (started|created|recreated)' % srv['name'], proc.stderr), 'podman left it %s; up did not start it' % state
        after_id = _wait_new_boot_id(srv['address'], before_id, 60)
    assert after_id, 'the host did not come back with a new boot id'
    assert _machine_boot_id() == machine_id
    assert _machine_uptime() > machine_up
    assert lab('status').returncode == 0


def test_up_reclaims_leftovers(cfg):
    prefix = cfg['lab']['prefix']
    subprocess.run(['ip', 'netns', 'add', prefix + '-stray'], check=True)
    assert lab('up').returncode == 0
    assert prefix + '-stray' not in subprocess.run(['ip', 'netns', 'list'], capture_output=True, text=True,
                                                   check=True).stdout


def test_up_recovers_a_killed_session(cfg):
    """As when CI starts right after a dev session whose processes were killed."""
    for pid in lxcfs.find_pids():     # the lab's own lxcfs, by PID
        os.kill(pid, 9)
    os.unlink('/run/medops-lab/state.json')
    code, rows = _status_rows()
    assert code != 0 and rows['lxcfs'] == 'stopped'
    proc = lab('up')
    assert proc.returncode == 0, proc.stdout + proc.stderr
    srv = _server(cfg, 'his-app-01')
    assert ssh(srv['address'], 'grep MemTotal /proc/meminfo').returncode == 0


def test_up_remakes_a_namespace_a_reboot_left_behind(cfg):
    """/run is on disk here: after a reboot the namespace file stays but pins nothing (CI stop 25)."""
    clock = next(d for d in config.devices(cfg) if d['name'] == 'ntp-gps-02')
    path = '/run/netns/' + clock['netns']
    for pid in subprocess.run(['ip', 'netns', 'pids', clock['netns']], capture_output=True, text=True,
                              check=True).stdout.split():
        os.kill(int(pid), 9)
    subprocess.run(['ip', 'link', 'del', clock['veth']], check=False)
    subprocess.run(['umount', path], check=True)
    assert os.path.exists(path) and not os.path.ismount(path)
    proc = lab('up')
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert os.path.ismount(path)
    assert _status_rows()[1]['ntp-gps-02'] == 'running'


def test_up_after_a_reboot_that_kept_run(cfg):
    """A power cut on a machine whose /run is on disk: podman still believes the lab runs (CI stop 26)."""
    simulate_reboot_keeping_run(cfg['lab']['prefix'])
    proc = lab('up')
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert 'from an earlier boot' in proc.stderr + proc.stdout
    assert set(_status_rows()[1].values()) == {'running'}
    assert _standby_status(cfg) == 'streaming'


def test_up_reclones_the_standby_of_a_primary_made_anew(cfg):
    """pg-db-01 recreated (from the image: same system id, no slot): the kept standby never streams."""
    subprocess.run(['podman', 'rm', '-f', '-t', '0', _server(cfg, 'pg-db-01')['container']], check=True, capture_output=True)
    proc = lab('up')
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _standby_status(cfg) == 'streaming'


def _standby_status(cfg):
    proc = subprocess.run(['podman', 'exec', _server(cfg, 'pg-db-02')['container'], 'runuser', '-u', 'postgres', '--', 'psql', '-X', '-At', '-c',
                           'SELECT status FROM pg_stat_wal_receiver'], capture_output=True, text=True, check=False)
    return proc.stdout.strip() or proc.stderr.strip()


def _lab_leftovers(prefix):
    found = []
    ns = subprocess.run(['ip', '-o', 'netns', 'list'], capture_output=True, text=True, check=True).stdout
    found += ['netns ' + n.split()[0] for n in ns.splitlines() if n.startswith(prefix + '-')]
    links = subprocess.run(['ip', '-o', 'link', 'show'], capture_output=True, text=True, check=True).stdout
    found += ['link ' + n.split(':')[1].strip() for n in links.splitlines() if n.split(':')[1].strip().startswith(prefix)]
    pods = subprocess.run(['podman', 'ps', '-a', '--format', '{{.Names}}'], capture_output=True, text=True, check=True).stdout
    found += ['container ' + p for p in pods.split() if p.startswith(prefix + '-')]
    with open('/proc/self/mounts', encoding='utf-8') as fh:
        found += ['mount ' + line.split()[1] for line in fh
                  if 'medops-lab' in line or 'lxcfs' in line or '/run/netns/%s-' % prefix in line]
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            with open('/proc/%s/cmdline' % pid, 'rb') as fh:
                cmd = fh.read().replace(b'\0', b' ').decode(errors='replace')
            with open('/proc/%s/stat' % pid, encoding='utf-8') as fh:
                zombie = fh.read().rsplit(')', 1)[1].split()[0] == 'Z'
        except OSError:
            continue
        if not zombie and ('medops-lab' in cmd or 'lxcfs' in cmd or ' -n %s-' % prefix in cmd):
            found.append('process %s %s' % (pid, cmd[:100]))
    return found


def test_down_leaves_nothing_even_without_state(cfg):
    prefix = cfg['lab']['prefix']
    assert lab('up', '--servers', '2').returncode == 0
    # A ControlPersist master as Ansible leaves one: `down` must end it too.
    mux = subprocess.run(['ssh', '-i', SSH_KEY, '-o', 'StrictHostKeyChecking=yes', '-o', 'UserKnownHostsFile=' + KNOWN_HOSTS,
                          '-o', 'BatchMode=yes', '-o', 'ControlMaster=auto', '-o', 'ControlPersist=60s',
                          '-o', 'ControlPath=/tmp/mlab-test-cp-%C', 'root@' + _server(cfg, 'his-app-01')['address'], 'true'],
                         capture_output=True, text=True, timeout=30, check=False)
    assert mux.returncode == 0, mux.stderr     # also proves the lab's known_hosts is right
    # As after a crash or in a fresh clone: the state file is gone, `down` must still find it all.
    os.unlink('/run/medops-lab/state.json')
    start = time.monotonic()
    proc = lab('down')
    assert proc.returncode == 0, proc.stderr
    assert time.monotonic() - start < 60
    assert _lab_leftovers(prefix) == []
    assert b'[mux]' not in subprocess.run(['ps', '-eo', 'args'], capture_output=True, check=True).stdout
    proc = lab('status')
    assert proc.returncode != 0
    proc = lab('up')                  # leave the lab up, as found
    assert proc.returncode == 0, proc.stderr
