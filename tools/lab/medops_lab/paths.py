"""Where the lab keeps things.

Persistent data (image build, SSH key, per-host files) lives under /var/lib so it survives a
reboot; live state lives under /run so that every clone of the repository on this machine finds
the same lab. /run is not always a tmpfs (here it is on disk), so what a reboot leaves there
is recognised and redone: previous_boot.py, netns.ensure_device.
"""
import os

LAB_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO_DIR = os.path.dirname(os.path.dirname(LAB_DIR))
DEFAULT_CONFIG = os.path.join(LAB_DIR, 'hospital.yml')
PROVISION_SRC = os.path.join(LAB_DIR, 'provision')
INVENTORY_FILE = os.path.join(REPO_DIR, 'inventories', 'lab', 'hosts.yml')

VAR_DIR = '/var/lib/medops-lab'
BUILD_DIR = os.path.join(VAR_DIR, 'build')
SSH_DIR = os.path.join(VAR_DIR, 'ssh')
SSH_KEY = os.path.join(SSH_DIR, 'id_ed25519')
AUTHORIZED_KEYS = os.path.join(SSH_DIR, 'authorized_keys')
HOSTS_DIR = os.path.join(VAR_DIR, 'hosts')          # per-host boot_id and the like
RUNTIME_DIR = os.path.join(VAR_DIR, 'runtime')      # files bind-mounted into every host
# Provision scripts are copied here (not bind-mounted from the clone) because containers outlive
# the clone that started them: CI clones into another folder, which may be deleted.
PROVISION_DIR = os.path.join(VAR_DIR, 'provision')

RUN_DIR = '/run/medops-lab'
STATE_FILE = os.path.join(RUN_DIR, 'state.json')
LOCK_FILE = os.path.join(RUN_DIR, 'lock')
SCALE_RUN_DIR = os.path.join(RUN_DIR, 'scale')

LXCFS_DIR = '/var/lib/lxcfs'
CONTAINERS_CONF = '/etc/containers/containers.conf'
