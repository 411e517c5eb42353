# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""inventories/example, the hospital estate users copy: it parses cleanly and keeps its promises.

The inventory is read the way a user reads it, with the venv's `ansible-inventory --list` (raw
variables) and one ad-hoc `debug` on localhost that renders the templated variables (the thin
clients' and kiosks' addresses are computed from their department's subnet). Nothing is contacted.
The tests run from a temporary directory, so they do not depend on the current directory.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib
import ipaddress
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
INVENTORY = ROOT / 'inventories' / 'example'
VAULT_PASS = INVENTORY / '.vault_pass.example'
VAULT_FILE = INVENTORY / 'group_vars' / 'all' / 'vault.yml'

DOC_NETWORKS = tuple(ipaddress.ip_network(n) for n in ('192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32'))
IMPACTS = {'hospital', 'department', 'individual'}

CLASS_GROUPS = {
    # group: minimum number of hosts
    'linux_servers': 20, 'windows_servers': 5,
    'oracle': 4, 'postgresql': 1, 'mysql': 1, 'mssql': 3,
    'weblogic': 1, 'tomcat': 1, 'nginx': 1,
    'switches': 10, 'firewalls': 4, 'storage': 3, 'bmcs': 20,
    'ups': 3, 'precision_ac': 3, 'env_sensors': 4, 'ntp_clocks': 2,
    'thin_clients': 600, 'kiosks': 30,
}
PARENT_GROUPS = {
    'servers': {'linux_servers', 'windows_servers'},
    'databases': {'oracle', 'postgresql', 'mysql', 'mssql'},
    'middleware': {'weblogic', 'tomcat', 'nginx'},
    'network_devices': {'switches', 'firewalls'},
    'facility_devices': {'ups', 'precision_ac', 'env_sensors', 'ntp_clocks'},
    'terminals': {'thin_clients', 'kiosks'},
    'snmp_devices': {'network_devices', 'facility_devices'},
    'sites': {'site_main', 'site_east'},
}
# Every model the hospital's asset list names, by the class it must appear in.
NAMED_MODELS = {
    'linux_servers': ('PowerEdge R740', 'ProLiant DL388 Gen9', 'ProLiant DL580 Gen9', 'RH2288 V3', 'CH121',
                      'ThinkSystem SR650'),
    'bmcs': ('E9000', 'iDRAC 9', 'iLO 4', 'iLO 5', 'iBMC'),
    'storage': ('OceanStor S2600T', 'OceanStor 5500 V3', 'Storwize V3700'),
    'switches': ('S5720', 'S6735', 'S7706', 'WS5800'),
    'firewalls': ('AF-1000', 'AC-1000', 'SG-6000', 'SecPath F100'),
    'ups': ('UPS5000',),
    'precision_ac': ('Liebert', 'NetCol'),
}
LEDGER_VARS = ('itops_system', 'itops_vendor', 'itops_model', 'itops_serial', 'itops_asset_tag', 'itops_site', 'itops_room')
# Variables rendered per host by the ad-hoc debug (templated in the inventory for the terminal fleet).
RENDERED_VARS = ('ansible_host', 'itops_asset_tag', 'itops_serial', 'itops_thresholds')
SECRET_NAME = re.compile(r'(pass(word|wd)?|secret|community|_key|token)$')
VAULT_REFERENCE = re.compile(r'^\{\{\s*vault_[a-z0-9_]+\s*\}\}$')
IPV4_LITERAL = re.compile(r'(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?(?![\d.])')
IPV6_LITERAL = re.compile(r'(?<![\w:])[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:/\d{1,3})?(?![\w:])')


# ------------------------------------------------------------------------------------------ helpers

def _tool(name):
    """The venv's console script next to the running interpreter, else the one on PATH."""
    candidate = Path(sys.executable).parent / name
    if candidate.is_file():
        return str(candidate)
    found = shutil.which(name)
    if not found:
        pytest.skip('%s is not installed' % name)
    return found


def _run(args, workdir):
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith('ANSIBLE_'))
    env.update({
        'ANSIBLE_CONFIG': str(ROOT / 'ansible.cfg'),
        'ANSIBLE_NOCOLOR': '1',
        'ANSIBLE_HOME': str(workdir / 'ansible-home'),
        'ANSIBLE_LOCAL_TEMP': str(workdir / 'ansible-tmp'),
        'ANSIBLE_CALLBACK_RESULT_FORMAT': 'json',
        # A source no plugin can parse must fail the run, not become a warning.
        'ANSIBLE_INVENTORY_UNPARSED_FAILED': 'true',
        'ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED': 'true',
    })
    return subprocess.run(args, cwd=str(workdir), env=env, capture_output=True, text=True, timeout=300, check=False)


def _common_args():
    return ['-i', str(INVENTORY), '--vault-password-file', str(VAULT_PASS)]


def _in_documentation_range(text):
    address = ipaddress.ip_interface(text).ip
    return any(address in network for network in DOC_NETWORKS)


class Vaulted(str):
    """A `!vault` inline encrypted string met while reading a YAML file."""


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor('!vault', lambda loader, node: Vaulted(loader.construct_scalar(node)))


def _vault_lib():
    from ansible.parsing.vault import VaultLib, VaultSecret
    secret = VAULT_PASS.read_text(encoding='utf-8').strip().encode('utf-8')
    return VaultLib([('default', VaultSecret(secret))])


def _plain_yaml_files():
    """Every YAML file of the inventory except the encrypted vault file."""
    return sorted(p for p in INVENTORY.rglob('*.yml') if p != VAULT_FILE)


def _walk(node, path=()):
    """(path, key, value) for every mapping entry, recursively."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path, key, value
            yield from _walk(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, path + (index,))


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


# ------------------------------------------------------------------------------------------ fixtures

@pytest.fixture(scope='module')
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp('example-inventory')


@pytest.fixture(scope='module')
def listed(workdir):
    """`ansible-inventory --list`: the run itself and its parsed output."""
    result = _run([_tool('ansible-inventory')] + _common_args() + ['--list'], workdir)
    assert result.returncode == 0, result.stderr
    return result, json.loads(result.stdout)


@pytest.fixture(scope='module')
def data(listed):
    return listed[1]


@pytest.fixture(scope='module')
def hostvars(data):
    return data['_meta']['hostvars']


@pytest.fixture(scope='module')
def members(data):
    """group name -> set of all hosts in it, children included."""
    def collect(group, seen):
        hosts = set(data.get(group, {}).get('hosts', []))
        for child in data.get(group, {}).get('children', []):
            if child not in seen:
                hosts |= collect(child, seen | {child})
        return hosts
    return dict((group, collect(group, {group})) for group in data if group != '_meta')


@pytest.fixture(scope='module')
def rendered(workdir, hostvars):
    """host -> {var: value} for RENDERED_VARS, templated as a play would see them."""
    names = 'groups["all"]'
    columns = ', '.join('%s | map("extract", hostvars, "%s")' % (names, var) for var in RENDERED_VARS)
    expression = '{{ %s | zip(%s) | list }}' % (names, columns)
    result = _run([_tool('ansible'), 'localhost'] + _common_args() +
                  ['-m', 'ansible.builtin.debug', '-a', 'msg=' + expression], workdir)
    assert result.returncode == 0, result.stdout + result.stderr
    # The ad-hoc default (minimal) callback prints `localhost | SUCCESS => {json}`.
    assert result.stdout.startswith('localhost | SUCCESS => '), result.stdout[:500]
    rows = json.loads(result.stdout.split(' => ', 1)[1])['msg']
    table = dict((row[0], dict(zip(RENDERED_VARS, row[1:]))) for row in rows)
    assert set(table) == set(hostvars)
    return table


@pytest.fixture(scope='module')
def secrets():
    """name -> plaintext of every secret: the vault file's variables and the inline !vault strings."""
    vault = _vault_lib()
    found = yaml.safe_load(vault.decrypt(VAULT_FILE.read_text(encoding='utf-8')))
    for path in _plain_yaml_files():
        for _path, key, value in _walk(yaml.load(path.read_text(encoding='utf-8'), Loader=_Loader)):
            if isinstance(value, Vaulted):
                found['%s:%s' % (path.name, key)] = vault.decrypt(value).decode('utf-8')
    return found


# ------------------------------------------------------------------------------------------ parsing

def test_parses_cleanly_from_any_directory(listed):
    result, data = listed
    noise = [line for line in result.stderr.splitlines() if line.strip()]
    assert not noise, 'ansible-inventory printed:\n' + '\n'.join(noise)
    assert data['_meta']['hostvars']


def test_class_and_parent_groups_exist_with_sensible_counts(data, members):
    for group, minimum in CLASS_GROUPS.items():
        assert group in data, 'group %s is missing' % group
        assert len(members[group]) >= minimum, '%s has %d hosts, expected at least %d' % (group, len(members[group]), minimum)
    for parent, children in PARENT_GROUPS.items():
        assert children <= set(data[parent].get('children', [])), '%s must have children %s' % (parent, sorted(children))
    assert not members['linux_servers'] & members['windows_servers']


def test_every_host_belongs_to_a_device_class(hostvars, members):
    classified = set()
    for group in CLASS_GROUPS:
        classified |= members[group]
    assert set(hostvars) - classified == set()


def test_every_model_of_the_asset_list_is_present(hostvars, members):
    for group, models in NAMED_MODELS.items():
        present = set(hostvars[h]['itops_model'] for h in members[group])
        for model in models:
            assert any(model in p for p in present), '%s: no host of model %s (have %s)' % (group, model, sorted(present))
    assert any(hostvars[h].get('itops_ups_rated_kva') == 200 for h in members['ups']), 'the 200 kVA UPS is missing'


def test_thin_clients_are_spread_over_sites_and_departments(hostvars, members):
    thin_clients = members['thin_clients']
    assert len(thin_clients) >= 600
    assert set(hostvars[h]['itops_site'] for h in thin_clients) >= {'主院区', '东院区'}
    for area in ('tc_outpatient', 'tc_inpatient', 'tc_medtech', 'tc_admin'):
        assert members[area] and members[area] <= thin_clients, area
    assert len(set(hostvars[h]['itops_room'] for h in thin_clients)) >= 20


# ------------------------------------------------------------------------------------------ per host

def test_every_host_has_an_allowed_impact(hostvars):
    wrong = dict((h, v.get('itops_impact')) for h, v in hostvars.items() if v.get('itops_impact') not in IMPACTS)
    assert not wrong, wrong


def test_every_host_has_its_ledger_fields(hostvars):
    for host, variables in hostvars.items():
        missing = [var for var in LEDGER_VARS if not str(variables.get(var) or '').strip()]
        assert not missing, '%s lacks %s' % (host, missing)


def test_asset_tags_are_unique_and_bmcs_share_their_server_tag(rendered, hostvars, members):
    own = [h for h in hostvars if not hostvars[h].get('itops_bmc_for')]
    tags = [rendered[h]['itops_asset_tag'] for h in own]
    assert len(tags) == len(set(tags)), sorted(t for t in tags if tags.count(t) > 1)
    for bmc in members['bmcs']:
        server = hostvars[bmc].get('itops_bmc_for')
        if server:
            assert server in hostvars, '%s manages unknown host %s' % (bmc, server)
            assert rendered[bmc]['itops_asset_tag'] == rendered[server]['itops_asset_tag']
            assert hostvars[bmc]['itops_serial'] == hostvars[server]['itops_serial']


def test_every_address_is_a_documentation_address(rendered, hostvars):
    addresses = {}
    for host, values in rendered.items():
        address = values['ansible_host']
        assert address and '{{' not in str(address), '%s: ansible_host did not render: %r' % (host, address)
        assert _in_documentation_range(address), '%s: %s is outside the documentation ranges' % (host, address)
        addresses.setdefault(str(ipaddress.ip_address(address)), []).append(host)
    shared = dict((a, h) for a, h in addresses.items() if len(h) > 1)
    assert not shared, shared
    # Any other address literal anywhere in the variables (management addresses, subnets) too.
    for host, variables in hostvars.items():
        for text in _strings(dict((k, v) for k, v in variables.items() if not k.startswith('vault_'))):
            for pattern in (IPV4_LITERAL, IPV6_LITERAL):
                for literal in pattern.findall(text):
                    try:
                        ipaddress.ip_interface(literal)
                    except ValueError:
                        continue
                    if ipaddress.ip_interface(literal).ip.is_loopback:
                        continue
                    assert _in_documentation_range(literal), '%s: %s in %r' % (host, literal, text)


def test_connection_settings_per_class(hostvars, members):
    def each(group, **expected):
        for host in members[group]:
            for var, value in expected.items():
                assert hostvars[host].get(var) == value, '%s (%s): %s=%r' % (host, group, var, hostvars[host].get(var))

    each('linux_servers', ansible_connection='ssh')
    each('windows_servers', ansible_connection='winrm', ansible_port=5986, ansible_winrm_scheme='https')
    each('platform_vrp', ansible_connection='ansible.netcommon.network_cli', ansible_network_os='medops.itops.vrp',
         itops_vendor='Huawei')
    each('platform_comware', ansible_connection='ansible.netcommon.network_cli', ansible_network_os='medops.itops.comware',
         itops_vendor='H3C')
    for group in ('platform_snmp', 'oceanstor', 'storage_snmp', 'bmcs', 'facility_devices', 'thin_clients', 'kiosks'):
        each(group, ansible_connection='local')
    each('storwize', ansible_connection='ansible.builtin.ssh', itops_storage_vendor='storwize')   # its CLI over SSH
    each('oceanstor', itops_storage_vendor='oceanstor')
    platforms = ('platform_vrp', 'platform_comware', 'platform_snmp')
    for host in members['network_devices']:
        assert sum(host in members[p] for p in platforms) == 1, '%s needs exactly one of %s' % (host, platforms)
    for host in members['snmp_devices']:
        variables = hostvars[host]
        version = str(variables.get('itops_snmp_version'))
        assert version in ('2c', '3'), host
        needed = ('itops_snmp_community',) if version == '2c' else (
            'itops_snmp_user', 'itops_snmp_auth_proto', 'itops_snmp_auth_key', 'itops_snmp_priv_proto', 'itops_snmp_priv_key')
        assert all(variables.get(var) for var in needed), '%s: SNMP v%s needs %s' % (host, version, needed)


def test_thresholds_render_and_are_valid(rendered):
    sys.path.insert(0, str(ROOT / '.build'))
    try:
        thresholds = importlib.import_module('ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds')
        defaults = importlib.import_module('ansible_collections.medops.itops.plugins.module_utils.inspection.default_thresholds')
    finally:
        sys.path.remove(str(ROOT / '.build'))
    seen = set()
    for host, values in rendered.items():
        overrides = values['itops_thresholds']
        assert isinstance(overrides, dict), '%s: itops_thresholds rendered to %r' % (host, overrides)
        for key in overrides:
            item_id, _sep, subject = key.partition('@')
            assert item_id in defaults.DEFAULTS, '%s: %s is not a known item id' % (host, item_id)
            assert thresholds.resolve(item_id, subject or None, overrides), key
            seen.add(key)
    assert 'linux.fs.used_pct' in seen and 'linux.fs.used_pct@/oradata' in seen
    assert rendered['his-db-01']['itops_thresholds']['linux.fs.used_pct@/oradata']['critical'] == 97


# ------------------------------------------------------------------------------------------ secrets

def test_vault_file_is_encrypted_with_the_example_password(secrets):
    assert VAULT_FILE.read_text(encoding='utf-8').startswith('$ANSIBLE_VAULT;')
    assert 'example' in VAULT_PASS.read_text(encoding='utf-8').lower()
    # An executable password file would be run as a script by ansible.
    assert not VAULT_PASS.stat().st_mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    stored = [name for name in secrets if ':' not in name]
    assert stored and all(name.startswith('vault_') for name in stored), stored


def test_vault_variables_are_all_referenced_and_all_defined(secrets):
    referenced = set()
    for path in _plain_yaml_files():
        referenced |= set(re.findall(r'(?<![\w.])vault_[a-z0-9_]+', path.read_text(encoding='utf-8')))
    defined = set(name for name in secrets if ':' not in name)
    assert referenced - defined == set(), 'referenced but not in the vault'
    assert defined - referenced == set(), 'in the vault but never used'


def test_secret_variables_come_from_the_vault(secrets):
    checked = 0
    for path in _plain_yaml_files():
        for where, key, value in _walk(yaml.load(path.read_text(encoding='utf-8'), Loader=_Loader)):
            if not isinstance(key, str) or not SECRET_NAME.search(key) or isinstance(value, (dict, list)):
                continue
            checked += 1
            assert isinstance(value, Vaulted) or VAULT_REFERENCE.match(str(value)), \
                '%s: %s is not a vault reference or !vault string: %r' % (path.relative_to(INVENTORY), key, value)
    assert checked >= 10


def test_no_plaintext_secret_in_any_other_file(secrets):
    password = VAULT_PASS.read_text(encoding='utf-8').strip()
    for path in sorted(p for p in INVENTORY.rglob('*') if p.is_file()):
        if path in (VAULT_FILE, VAULT_PASS):
            continue
        text = path.read_text(encoding='utf-8')
        leaked = [name for name, value in secrets.items() if value and value in text]
        assert not leaked, '%s contains the plaintext of %s' % (path.relative_to(INVENTORY), leaked)
        assert password not in text, '%s contains the vault password' % path.relative_to(INVENTORY)
