# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The root ansible.cfg is strict for any inventory (host key checking on, no vault password file,
no default inventory); the lab's own tools/lab/ansible.cfg, which `make demo` and the tests use,
is the same plus exactly the lab-only settings, and it reaches the lab inventory and its vault."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import configparser
import json
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
ROOT_CFG = os.path.join(ROOT, 'ansible.cfg')
LAB_CFG = os.path.join(ROOT, 'tools', 'lab', 'ansible.cfg')
BIN = os.path.dirname(sys.executable)
LAB_ONLY = {'inventory', 'vault_password_file', 'host_key_checking'}
# Settings that are paths: relative to the file that names them (ansible-core resolves them so).
PATHS = {'inventory', 'vault_password_file', 'collections_path'}


def parse(path):
    parser = configparser.ConfigParser(interpolation=None)
    with open(path, encoding='utf-8') as handle:
        parser.read_file(handle)
    return parser


def resolved(parser, path):
    """{(section, key): value} with path settings made absolute against the file's directory."""
    out = {}
    for section in parser.sections():
        for key, value in parser.items(section):
            if key in PATHS:
                value = ':'.join(p if p.startswith(('~', '/')) else os.path.normpath(os.path.join(os.path.dirname(path), p))
                                 for p in value.split(':'))
            out[(section, key)] = value
    return out


def test_root_config_is_strict():
    cfg = parse(ROOT_CFG)
    assert cfg.getboolean('defaults', 'host_key_checking', fallback=True) is True
    assert not cfg.has_option('defaults', 'vault_password_file')
    assert not cfg.has_option('defaults', 'vault_identity_list')
    assert not cfg.has_option('defaults', 'inventory')
    assert 'medops.itops.inspection' in cfg.get('defaults', 'callbacks_enabled')
    assert not re.search(r'StrictHostKeyChecking\s*=?\s*no', open(ROOT_CFG, encoding='utf-8').read(), re.I)


def test_lab_config_is_the_root_config_plus_the_lab_only_settings():
    root, lab = resolved(parse(ROOT_CFG), ROOT_CFG), resolved(parse(LAB_CFG), LAB_CFG)
    root_rest = dict((k, v) for k, v in root.items() if k[1] not in LAB_ONLY)
    lab_rest = dict((k, v) for k, v in lab.items() if k[1] not in LAB_ONLY)
    assert lab_rest == root_rest        # nothing else drifts between the two files
    assert lab[('defaults', 'inventory')] == os.path.join(ROOT, 'inventories', 'lab')
    assert lab[('defaults', 'vault_password_file')] == os.path.join(ROOT, 'inventories', 'lab', '.vault_pass')
    assert lab[('defaults', 'host_key_checking')] == 'False'


def test_make_and_the_test_runners_use_the_lab_config():
    with open(os.path.join(ROOT, 'Makefile'), encoding='utf-8') as handle:
        assert re.search(r'^export ANSIBLE_CONFIG := \$\(ROOT\)/tools/lab/ansible\.cfg$', handle.read(), re.M)
    for path in ('tests/integration/playbook_runner.py', 'tests/integration/test_quarterly_inspection.py',
                 'tools/bench/bench_linux.py', 'tools/bench/bench_callback.py'):
        with open(os.path.join(ROOT, path), encoding='utf-8') as handle:
            text = handle.read()
        assert 'tools/lab/ansible.cfg' in text or "'tools', 'lab', 'ansible.cfg'" in text, path


def _inventory(config, *args):
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith('ANSIBLE_'))
    env.update(ANSIBLE_CONFIG=config, ANSIBLE_HOME=os.path.join(ROOT, '.build', 'ansible-home-cfgtest'))
    return subprocess.run([os.path.join(BIN, 'ansible-inventory'), '--list'] + list(args), cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120, check=False)


def test_make_demo_config_reaches_the_lab_and_its_vault():
    """With `make demo`'s configuration the lab inventory is the default and its vault opens."""
    proc = _inventory(LAB_CFG)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert {'pg-db-01', 'his-app-01'} <= set(data['_meta']['hostvars'])
    assert 'vault_lab_db_monitor_password' in data['_meta']['hostvars']['pg-db-01']   # from the vaulted group_vars/all/vault.yml


def test_root_config_opens_no_vault_of_its_own():
    """Pointed at the lab's vaulted files without a password, the strict configuration refuses."""
    proc = _inventory(ROOT_CFG, '-i', os.path.join(ROOT, 'inventories', 'lab'))
    assert proc.returncode != 0 or 'vault_lab_db_monitor_password' not in proc.stdout
    assert 'vault' in (proc.stderr + proc.stdout).lower()
