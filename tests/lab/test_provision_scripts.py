"""Static checks of the scripts that run inside the lab's server hosts (tools/lab/provision/).

No lab needed: syntax (`sh -n`, and dash when present), shellcheck when installed, the POSIX sh
conventions every script follows, and agreement with hospital.yml (every `provision:` entry and
every planted `kind` has its script, which reads the PLANT_<PARAM> variables the lab passes).
"""
import glob
import os
import re
import shutil
import subprocess

import pytest
import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROVISION = os.path.join(REPO, 'tools', 'lab', 'provision')
HOSPITAL = os.path.join(REPO, 'tools', 'lab', 'hospital.yml')

# Scripts run by the lab (executables) and the files they source.
RUN_SCRIPTS = sorted(glob.glob(os.path.join(PROVISION, '*.sh')))
RUN_SCRIPTS = [p for p in RUN_SCRIPTS if os.path.basename(p) not in ('lib.sh', 'tls.sh')]
SOURCED = [os.path.join(PROVISION, 'lib.sh'), os.path.join(PROVISION, 'tls.sh')]
APP_SCRIPTS = sorted(glob.glob(os.path.join(PROVISION, 'apps', '*')))
ALL_SCRIPTS = RUN_SCRIPTS + SOURCED + APP_SCRIPTS


def _ids(paths):
    return [os.path.relpath(p, PROVISION) for p in paths]


def _code_lines(path):
    """The lines of a script that are not comments."""
    with open(path, encoding='utf-8') as f:
        return [line for line in f if not line.lstrip().startswith('#')]


@pytest.fixture(scope='module')
def hospital():
    with open(HOSPITAL, encoding='utf-8') as f:
        return yaml.safe_load(f)


def test_scripts_found():
    names = {os.path.basename(p) for p in RUN_SCRIPTS}
    assert 'app_services.sh' in names
    assert len(APP_SCRIPTS) == 2, APP_SCRIPTS


@pytest.mark.parametrize('path', ALL_SCRIPTS, ids=_ids(ALL_SCRIPTS))
def test_sh_syntax(path):
    result = subprocess.run(['sh', '-n', path], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(not shutil.which('dash'), reason='dash not installed')
@pytest.mark.parametrize('path', ALL_SCRIPTS, ids=_ids(ALL_SCRIPTS))
def test_dash_syntax(path):
    result = subprocess.run(['dash', '-n', path], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(not shutil.which('shellcheck'), reason='shellcheck not installed (apt-get install shellcheck)')
@pytest.mark.parametrize('path', ALL_SCRIPTS, ids=_ids(ALL_SCRIPTS))
def test_shellcheck(path):
    # -x follows `. "$here/lib.sh"` through the `source-path=SCRIPTDIR` directives.
    result = subprocess.run(['shellcheck', '-x', '-s', 'sh', '-S', 'info', path],
                            capture_output=True, text=True, check=False, cwd=PROVISION)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize('path', RUN_SCRIPTS + APP_SCRIPTS, ids=_ids(RUN_SCRIPTS + APP_SCRIPTS))
def test_posix_sh_executable(path):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    assert text.startswith('#!/bin/sh\n'), 'must start with #!/bin/sh'
    assert os.access(path, os.X_OK), 'must be executable'
    expected = 'set -u' if path in APP_SCRIPTS else 'set -eu'
    assert re.search(r'^%s$' % re.escape(expected), text, re.M), 'must use ' + expected


@pytest.mark.parametrize('path', ALL_SCRIPTS, ids=_ids(ALL_SCRIPTS))
def test_no_python_dependency(path):
    # fin-app-01 has no usable Python: nothing that runs on a lab host may need it.
    offenders = [line for line in _code_lines(path) if re.search(r'\bpython', line)]
    assert not offenders, offenders


@pytest.mark.parametrize('path', ALL_SCRIPTS, ids=_ids(ALL_SCRIPTS))
def test_no_bashisms(path):
    bashisms = re.compile(r'\[\[|\bfunction\s+\w+|\$\{[^}]*//|<<<|\$\(\(\s*\w+\+\+|\bsource\s')
    offenders = [line for line in _code_lines(path) if bashisms.search(line)]
    assert not offenders, offenders


def test_every_provision_entry_has_a_script(hospital):
    for server in hospital['servers']:
        for name in server.get('provision', []):
            path = os.path.join(PROVISION, name + '.sh')
            assert os.path.isfile(path), '%s: provision %s has no %s' % (server['name'], name, path)


def test_every_planted_kind_has_a_script_reading_its_params(hospital):
    servers = {srv['name'] for srv in hospital.get('servers') or []}
    # Devices that are not servers (SNMP agents, NTP clocks, thin-client departments) are planted
    # by their simulator's data, not by a script: tests/lab/test_device_plants.py checks those.
    for plant in (p for p in hospital.get('planted', []) if p['host'] in servers):
        path = os.path.join(PROVISION, 'plant_%s.sh' % plant['kind'])
        assert os.path.isfile(path), 'planted kind %s has no %s' % (plant['kind'], path)
        code = ''.join(_code_lines(path))
        for param in plant.get('params', {}):
            assert 'PLANT_' + param.upper() in code, '%s does not read PLANT_%s' % (path, param.upper())


def test_planted_log_path_matches_the_application_log(hospital):
    # app_services.sh logs <name>-app to /var/log/<name>/app.log; a planted log_errors path
    # must be the log of an application that runs on that host.
    servers = {s['name']: s for s in hospital['servers']}
    for plant in hospital.get('planted', []):
        if plant['kind'] != 'log_errors':
            continue
        m = re.fullmatch(r'/var/log/([a-z0-9-]+)/app\.log', plant['params']['path'])
        assert m, plant
        assert m.group(1) + '-app' in servers[plant['host']]['services'], plant


def test_sql_files_carry_a_schema_version():
    for name in ('his_schema.sql', 'lis_schema.sql'):
        with open(os.path.join(PROVISION, name), encoding='utf-8') as f:
            assert re.search(r'^-- schema_version: \S+$', f.read(), re.M), name


def test_readme_lists_every_script():
    with open(os.path.join(PROVISION, 'README.md'), encoding='utf-8') as f:
        readme = f.read()
    for path in RUN_SCRIPTS:
        assert '`%s`' % os.path.basename(path) in readme, os.path.basename(path)
