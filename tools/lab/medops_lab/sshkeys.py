"""SSH keys of the lab: the controller's client key, and host keys that outlive containers.

Each server's host keys are made once on this machine and bind-mounted into it, so a host keeps
its keys across `down`/`up` and a known_hosts file for the whole lab can be written: the
controller can then check host keys (`UserKnownHostsFile=/var/lib/medops-lab/ssh/known_hosts`)
instead of trusting whatever answers.
"""
import os

from medops_lab import paths
from medops_lab.util import run

HOST_KEY_TYPES = ('ed25519', 'ecdsa')
KNOWN_HOSTS = os.path.join(paths.SSH_DIR, 'known_hosts')
SCALE_HOST_KEY = os.path.join(paths.SSH_DIR, 'scale_host_ed25519')


def _keygen(path, key_type, comment):
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        run(['ssh-keygen', '-q', '-t', key_type, '-N', '', '-C', comment, '-f', path])


def ensure_client_key():
    """The lab's key pair (made once) and the authorized_keys every lab host trusts."""
    _keygen(paths.SSH_KEY, 'ed25519', 'medops-lab')
    with open(paths.SSH_KEY + '.pub', encoding='utf-8') as fh:
        pub = fh.read()
    with open(paths.AUTHORIZED_KEYS, 'w', encoding='utf-8') as fh:    # same inode: hosts see it
        fh.write(pub)
    os.chmod(paths.AUTHORIZED_KEYS, 0o600)


def host_key_files(host):
    """[(path on this machine, path in the host)] of `host`'s keys, made when missing."""
    pairs = []
    for key_type in HOST_KEY_TYPES:
        path = os.path.join(paths.HOSTS_DIR, host, 'ssh', 'ssh_host_%s_key' % key_type)
        _keygen(path, key_type, 'root@' + host)
        pairs += [(path, '/etc/ssh/ssh_host_%s_key' % key_type), (path + '.pub', '/etc/ssh/ssh_host_%s_key.pub' % key_type)]
    return pairs


def scale_host_key():
    """The one host key all scale hosts share."""
    _keygen(SCALE_HOST_KEY, 'ed25519', 'medops-lab-scale')
    return SCALE_HOST_KEY


def write_known_hosts(servers, scale_hosts=()):
    """known_hosts with every lab server (name, FQDN, address) and scale host."""
    lines = []
    for srv in servers:
        for path, _inside in host_key_files(srv['name'])[1::2]:
            with open(path, encoding='utf-8') as fh:
                key = ' '.join(fh.read().split()[:2])
            lines.append('%s,%s %s' % (srv['name'], srv['address'], key))
    if scale_hosts:
        with open(scale_host_key() + '.pub', encoding='utf-8') as fh:
            key = ' '.join(fh.read().split()[:2])
        lines += ['%s,%s %s' % (e['name'], e['address'], key) for e in scale_hosts]
    tmp = KNOWN_HOSTS + '.tmp'
    with open(tmp, 'w', encoding='utf-8') as fh:
        fh.write('\n'.join(lines) + '\n')
    os.replace(tmp, KNOWN_HOSTS)
