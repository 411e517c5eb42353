"""Build the server image: a debootstrapped Debian bookworm with systemd, imported into podman.

The tag in hospital.yml carries a version (e.g. bookworm-1): bump it when this recipe changes, so
that `up` builds the new image instead of reusing the old one.
"""
import os
import shutil
import subprocess
import time

from medops_lab import paths
from medops_lab.util import LabError, log, run

MIRROR = 'http://deb.debian.org/debian'
SUITE = 'bookworm'
PACKAGES = ('systemd,systemd-sysv,dbus,openssh-server,python3,procps,iproute2,iputils-ping,openssl,'
            'ca-certificates,curl,sysstat,postgresql-15,mariadb-server,nginx-light,less,kmod')
# Added after debootstrap (with apt inside the rootfs) so a rootfs made from PACKAGES alone can be
# reused: every lab server runs cron, as hospital servers do; the hospital apps serve HTTP with socat.
EXTRA_PACKAGES = ['cron', 'socat',
                  # The middleware host's application server (Tomcat 10 with the manager app) and the
                  # PostgreSQL JDBC driver for its JNDI DataSource (tools/lab/provision/middleware.sh).
                  'default-jre-headless', 'tomcat10', 'tomcat10-admin', 'libpostgresql-jdbc-java']
# The lab enables these per host (provision scripts); a server that does not run them must not.
PER_HOST_SERVICES = ['postgresql', 'mariadb', 'nginx', 'tomcat10']
ROOTFS = os.path.join(paths.BUILD_DIR, 'rootfs')
DONE_MARKER = os.path.join(ROOTFS, '.medops-debootstrap-done')

SSHD_CONF = """\
# medops lab: root logs in with the lab's key only (bind-mounted at run time).
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
AuthorizedKeysFile /etc/ssh/lab_authorized_keys .ssh/authorized_keys
UseDNS no
MaxStartups 100:30:200
"""
# Host keys are made on the first start of each container, so hosts do not share keys.
SSH_DROPIN = """\
[Service]
ExecStartPre=
ExecStartPre=/usr/bin/ssh-keygen -A
ExecStartPre=/usr/sbin/sshd -t
"""


def image_exists(tag):
    """True when podman already has `tag`."""
    return run(['podman', 'image', 'exists', tag], check=False).returncode == 0


def _chroot(*cmd, check=True):
    env = {'PATH': '/usr/sbin:/usr/bin:/sbin:/bin', 'DEBIAN_FRONTEND': 'noninteractive', 'LANG': 'C.UTF-8'}
    return run(['chroot', ROOTFS] + list(cmd), check=check, timeout=900, env=env)


def _debootstrap():
    """Make the rootfs unless a complete one is there (ours, or the one the session prepared)."""
    log_file = os.path.join(paths.BUILD_DIR, 'debootstrap.log')
    if os.path.exists(DONE_MARKER):
        with open(DONE_MARKER, encoding='utf-8') as fh:
            if fh.read().strip() == PACKAGES:
                return
        log('image: the package list changed, debootstrapping again')
        os.unlink(DONE_MARKER)
        if os.path.exists(log_file):
            os.unlink(log_file)
    if os.path.isfile(log_file) and os.path.exists(os.path.join(ROOTFS, 'usr/bin/python3')):
        with open(log_file, encoding='utf-8', errors='replace') as fh:
            if fh.read().rstrip().endswith('rc=0'):
                log('image: reusing the debootstrapped rootfs at %s' % ROOTFS)
                _write(DONE_MARKER, PACKAGES + '\n')
                return
    shutil.rmtree(ROOTFS, ignore_errors=True)
    os.makedirs(paths.BUILD_DIR, exist_ok=True)
    log('image: debootstrap %s (about 2-3 minutes)' % SUITE)
    cmd = ['debootstrap', '--variant=minbase', '--include=' + PACKAGES, SUITE, ROOTFS, MIRROR]
    with open(log_file, 'w', encoding='utf-8') as fh:
        rc = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT, check=False).returncode
        fh.write('rc=%d\n' % rc)
    if rc != 0:
        raise LabError('debootstrap failed (exit %d), see %s' % (rc, log_file))
    _write(DONE_MARKER, PACKAGES + '\n')


def _write(path, text, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as fh:
        fh.write(text)
    os.chmod(path, mode)


def _install_extras():
    """apt-get install the EXTRA_PACKAGES inside the rootfs (needs /proc and DNS there)."""
    missing = [p for p in EXTRA_PACKAGES if _chroot('dpkg', '-s', p, check=False).returncode != 0]
    if not missing:
        return
    # Keep the services of the new packages from starting in the build chroot.
    _write(os.path.join(ROOTFS, 'usr/sbin/policy-rc.d'), '#!/bin/sh\nexit 101\n', 0o755)
    shutil.copy('/etc/resolv.conf', os.path.join(ROOTFS, 'etc/resolv.conf'))
    run(['mount', '-t', 'proc', 'proc', os.path.join(ROOTFS, 'proc')])
    try:
        _chroot('apt-get', 'update', '-q')
        _chroot('apt-get', 'install', '-y', '-q', '--no-install-recommends', *missing)
    finally:
        run(['umount', os.path.join(ROOTFS, 'proc')], check=False)
        os.unlink(os.path.join(ROOTFS, 'usr/sbin/policy-rc.d'))


def _customise():
    """Make the rootfs a good container guest; every step is idempotent."""
    _install_extras()
    _chroot('systemctl', 'disable', *['%s.service' % s for s in PER_HOST_SERVICES], check=False)
    _write(os.path.join(ROOTFS, 'etc/ssh/sshd_config.d/medops-lab.conf'), SSHD_CONF)
    _write(os.path.join(ROOTFS, 'etc/systemd/system/ssh.service.d/medops-lab.conf'), SSH_DROPIN)
    for name in os.listdir(os.path.join(ROOTFS, 'etc/ssh')):
        if name.startswith('ssh_host_'):
            os.unlink(os.path.join(ROOTFS, 'etc/ssh', name))
    # sar history for the performance report, as a hospital's servers usually keep it.
    default = os.path.join(ROOTFS, 'etc/default/sysstat')
    if os.path.exists(default):
        with open(default, encoding='utf-8') as fh:
            text = fh.read().replace('ENABLED="false"', 'ENABLED="true"')
        _write(default, text)
    # Empty machine-id: systemd gives each container its own on first boot.
    _write(os.path.join(ROOTFS, 'etc/machine-id'), '', 0o444)
    _write(os.path.join(ROOTFS, 'etc/hostname'), 'localhost\n')
    _write(os.path.join(ROOTFS, 'etc/resolv.conf'), 'options timeout:1 attempts:1\n')
    _chroot('apt-get', 'clean')
    shutil.rmtree(os.path.join(ROOTFS, 'var/lib/apt/lists'), ignore_errors=True)
    os.makedirs(os.path.join(ROOTFS, 'var/lib/apt/lists/partial'), exist_ok=True)


def python_interpreters():
    """Every Python interpreter file in the rootfs, for hosts that must not have one."""
    found = []
    for sub in ('usr/bin', 'usr/local/bin', 'bin'):
        base = os.path.join(ROOTFS, sub)
        if os.path.isdir(base) and not os.path.islink(base):
            found += ['/%s/%s' % (sub, n) for n in sorted(os.listdir(base))
                      if n.startswith('python') and not os.path.islink(os.path.join(base, n))]
    return found


def build(tag, force=False):
    """Build `tag` unless podman has it; returns seconds spent (0 when skipped)."""
    if image_exists(tag) and not force:
        return 0.0
    start = time.monotonic()
    _debootstrap()
    _customise()
    label = 'medops.lab.pythons=' + ','.join(python_interpreters())
    log('image: importing %s into podman' % tag)
    with subprocess.Popen(['tar', '-C', ROOTFS, '--exclude=./.medops-debootstrap-done', '-c', '.'],
                          stdout=subprocess.PIPE) as tar:
        imp = subprocess.run(['podman', 'import', '--change', 'LABEL ' + label, '--change', 'CMD ["/sbin/init"]',
                              '-', tag], stdin=tar.stdout, check=False, capture_output=True, timeout=900)
    if imp.returncode != 0 or tar.returncode != 0:
        raise LabError('podman import %s: %s' % (tag, imp.stderr.decode(errors='replace').strip() or 'tar failed'))
    took = time.monotonic() - start
    log('image: %s built in %.0fs' % (tag, took))
    _prune_older(tag)
    return took


def _prune_older(tag):
    """Remove other tags of the same image (earlier recipe versions); one in use is kept."""
    repo = tag.rsplit(':', 1)[0]
    listing = run(['podman', 'images', '--format', '{{.Repository}}:{{.Tag}}', repo], check=False).stdout
    for old in listing.split():
        if old != tag and old.startswith(repo + ':'):
            run(['podman', 'rmi', old], check=False)


def image_pythons(tag):
    """The interpreter list recorded in the image's label."""
    fmt = '{{ index .Labels "medops.lab.pythons" }}'
    value = run(['podman', 'image', 'inspect', '--format', fmt, tag]).stdout.strip()
    return [p for p in value.split(',') if p and p != '<no value>']
