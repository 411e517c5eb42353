"""One simulated IBM Storwize array: a dedicated sshd on 0.0.0.0:22 whose ForceCommand is
tools/lab/storage/storwize_cli.py (the CLI answers one command per SSH exec request).

The sshd runs in a private mount namespace (unshare) with a passwd file that names the array's
administrator `superuser` (uid 0, as the lab runs as root) and accepts the lab's key only. The
array's data (arrays.storwize with the planted faults) is a JSON file in the device's run dir.
"""
import json
import os
import shlex
import socket
import subprocess
import sys

from . import paths

STORAGE_DIR = os.path.join(paths.LAB_DIR, 'storage')
USER = 'superuser'


def _arrays():
    sys.path.insert(0, STORAGE_DIR)
    try:
        import arrays  # pylint: disable=import-outside-toplevel,import-error
    finally:
        sys.path.remove(STORAGE_DIR)
    return arrays


def prepare(entry, run_dir):
    with open(os.path.join(run_dir, 'array.json'), 'w', encoding='utf-8') as handle:
        json.dump(_arrays().storwize(entry, entry.get('planted') or []), handle, indent=1)
    host_key = os.path.join(run_dir, 'ssh_host_ed25519_key')
    if not os.path.exists(host_key):
        subprocess.run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', entry['name'], '-f', host_key],
                       check=True, capture_output=True, timeout=30)
    with open(paths.SSH_KEY + '.pub', encoding='utf-8') as handle:
        public = handle.read().strip()
    with open(os.path.join(run_dir, 'authorized_keys'), 'w', encoding='utf-8') as handle:
        handle.write(public + '\n')
    with open('/etc/passwd', encoding='utf-8') as handle:
        passwd = [line for line in handle if not line.startswith(USER + ':')]
    passwd.append('%s:x:0:0:Storwize lab administrator:%s:/bin/sh\n' % (USER, run_dir))
    with open(os.path.join(run_dir, 'passwd'), 'w', encoding='utf-8') as handle:
        handle.writelines(passwd)
    force = '%s %s %s' % (sys.executable, os.path.join(STORAGE_DIR, 'storwize_cli.py'), os.path.join(run_dir, 'array.json'))
    config = ['Port 22', 'ListenAddress 0.0.0.0', 'HostKey %s' % host_key, 'PidFile %s' % os.path.join(run_dir, 'sshd.pid'),
              'AuthorizedKeysFile %s' % os.path.join(run_dir, 'authorized_keys'), 'PermitRootLogin prohibit-password',
              'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'StrictModes no', 'UsePAM no', 'UseDNS no',
              'AllowUsers %s' % USER, 'ForceCommand %s' % force, 'PermitTTY no', 'X11Forwarding no', 'AllowTcpForwarding no',
              'MaxStartups 100:30:200', 'LogLevel ERROR']
    with open(os.path.join(run_dir, 'sshd_config'), 'w', encoding='utf-8') as handle:
        handle.write('\n'.join(config) + '\n')


def command(_entry, run_dir, _bin_dir):
    os.makedirs('/run/sshd', mode=0o755, exist_ok=True)
    script = 'mount --bind %s /etc/passwd && exec /usr/sbin/sshd -D -e -f %s' % (
        shlex.quote(os.path.join(run_dir, 'passwd')), shlex.quote(os.path.join(run_dir, 'sshd_config')))
    return ['unshare', '--mount', '--propagation', 'private', 'sh', '-c', script]


def environment():
    return dict(os.environ)


def probe(entry, timeout=2.0):
    """(True, banner) if port 22 answers with an SSH identification string."""
    try:
        with socket.create_connection((entry['address'], 22), timeout=timeout) as sock:
            sock.settimeout(timeout)
            banner = sock.recv(256).decode(errors='replace').strip()
    except OSError as exc:
        return False, 'SSH: %s' % exc
    if not banner.startswith('SSH-'):
        return False, 'SSH: unexpected banner %r' % banner[:40]
    return True, 'Storwize CLI over SSH (%s)' % banner
