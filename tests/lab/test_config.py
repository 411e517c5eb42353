"""A malformed lab file is refused with an error naming the key, and nothing is started."""
import copy
import ipaddress
import os
import subprocess

import pytest
import yaml

from labtools import lab, renumber
from medops_lab import config

BAD_CASES = [
    # (what to break, expected text in the error)
    (lambda c: c['servers'][2].pop('address'), 'servers[2].address: required key missing'),
    (lambda c: c['servers'][2].__setitem__('address', '10.77.0.999'), "servers[2].address: '10.77.0.999' is not an IPv4 address"),
    (lambda c: c['servers'][3].__setitem__('address', c['servers'][0]['address']), 'servers[3].address: 10.77.0.11 is already used by servers[0]'),
    (lambda c: c['servers'][1].__setitem__('address', '10.78.0.5'), 'servers[1].address: 10.78.0.5 is outside lab.subnet 10.77.0.0/16'),
    (lambda c: c['lab'].pop('prefix'), 'lab.prefix: required key missing'),
    (lambda c: c['lab'].__setitem__('subnet', '10.77.0.0/33'), 'lab.subnet:'),
    (lambda c: c['servers'][0].__setitem__('memory', 'lots'), "servers[0].memory: 'lots' is not a size"),
    (lambda c: c['snmp_agents'][0].__setitem__('address', '10.77.0.11'), 'snmp_agents[0].address: 10.77.0.11 is already used by servers[0]'),
    (lambda c: c['servers'][0].__setitem__('impact', 'city'), "servers[0].impact: 'city' is not one of"),
    (lambda c: c['planted'][0].__setitem__('host', 'nowhere-01'), "planted[0].host: 'nowhere-01' is not a device"),
    (lambda c: c['servers'][2]['filesystems'][0].__setitem__('mount', 'data'), 'servers[2].filesystems[0].mount'),
]


def _write(tmp_path, cfg, name='lab.yml'):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding='utf-8')
    return str(path)


def _lab_objects(prefix):
    """Namespaces and containers with the prefix (to prove a refused `up` started nothing)."""
    ns = subprocess.run(['ip', 'netns', 'list'], capture_output=True, text=True, check=False).stdout
    names = [n.split()[0] for n in ns.splitlines() if n.startswith(prefix + '-')]
    pods = subprocess.run(['podman', 'ps', '-a', '--format', '{{.Names}}'], capture_output=True, text=True,
                          check=False).stdout.split()
    return sorted(names + [p for p in pods if p.startswith(prefix + '-')])


@pytest.mark.parametrize('breaker,message', BAD_CASES)
def test_validate_names_the_key(lab_file, breaker, message):
    cfg = copy.deepcopy(lab_file)
    breaker(cfg)
    with pytest.raises(config.ConfigError) as err:
        config.validate(cfg)
    assert message in str(err.value)


def test_valid_file_passes(lab_file):
    cfg = config.validate(copy.deepcopy(lab_file))
    assert all(len(d['veth']) <= 15 for d in config.devices(cfg))
    assert config.servers(cfg)[0]['netns'] == cfg['lab']['prefix'] + '-' + cfg['servers'][0]['name']


@pytest.mark.parametrize('breaker,message', BAD_CASES[:4])
def test_up_refuses_and_starts_nothing(tmp_path, lab_file, breaker, message):
    cfg = copy.deepcopy(lab_file)
    cfg['lab']['prefix'] = 'mbad'            # nothing of the real lab is touched either way
    cfg['lab']['bridge'] = 'mbad-br0'
    breaker(cfg)
    before = _lab_objects('mbad')
    proc = lab('up', config=_write(tmp_path, cfg))
    assert proc.returncode != 0
    assert message in proc.stderr
    assert 'Traceback' not in proc.stderr
    assert _lab_objects('mbad') == before == []


def _eth_network():
    for ifname, net in config.host_networks():
        if ifname != 'lo' and not ifname.startswith('mlab') and net.prefixlen <= 24:
            return ifname, net
    pytest.skip('no interface with a /24 or larger IPv4 network')
    return None, None


def test_overlapping_subnet_refused_loopback(tmp_path, lab_file):
    cfg = renumber(copy.deepcopy(lab_file), '127.0.0.0/8')
    cfg['lab']['prefix'], cfg['lab']['bridge'] = 'mbad', 'mbad-br0'
    proc = lab('up', config=_write(tmp_path, cfg))
    assert proc.returncode != 0
    assert 'lab.subnet: 127.0.0.0/8 overlaps 127.0.0.0/8 on interface lo' in proc.stderr
    assert _lab_objects('mbad') == []


def test_overlapping_subnet_refused_uplink(tmp_path, lab_file):
    ifname, net = _eth_network()
    cfg = renumber(copy.deepcopy(lab_file), str(net))
    cfg['lab']['prefix'], cfg['lab']['bridge'] = 'mbad', 'mbad-br0'
    proc = lab('up', config=_write(tmp_path, cfg))
    assert proc.returncode != 0
    assert 'lab.subnet: %s overlaps %s on interface %s' % (net, net, ifname) in proc.stderr
    assert _lab_objects('mbad') == []


def test_missing_file_and_bad_yaml(tmp_path):
    proc = lab('up', config=str(tmp_path / 'absent.yml'))
    assert proc.returncode != 0 and 'cannot read' in proc.stderr
    bad = tmp_path / 'bad.yml'
    bad.write_text('lab: [unclosed\n', encoding='utf-8')
    proc = lab('up', config=str(bad))
    assert proc.returncode != 0 and 'not valid YAML' in proc.stderr


def test_long_names_get_a_short_interface():
    addr = ipaddress.IPv4Address('10.77.3.200')
    assert config.veth_name('mlab', 'his-app-01', addr) == 'mlab-his-app-01'
    assert config.veth_name('mlab', 'a-very-long-host-name', addr) == 'mlab-3-200'


def test_repo_layout():
    assert os.access(os.path.join(os.path.dirname(config.__file__), '..', 'lab'), os.X_OK)
