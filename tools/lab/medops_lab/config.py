"""Load and check hospital.yml. Every error names the key it is about, and nothing starts.

Explicit checks rather than a JSON schema: the messages say `servers[2].address: ...` in the
terms of the file, and the lab then runs on Debian's python3 without extra packages.
"""
import ipaddress
import re

import yaml

from medops_lab.util import LabError, out

NAME_RE = re.compile(r'^[a-z0-9]([a-z0-9-]*[a-z0-9])?$')
SIZE_RE = re.compile(r'^[0-9]+[kmg]$')
IFNAMSIZ = 15                      # Linux interface names are at most 15 characters
DEVICE_SECTIONS = ('servers', 'snmp_agents', 'redfish_bmcs', 'ntp_clocks', 'storage_arrays', 'ipmi_bmcs')
STORAGE_KINDS = ('oceanstor', 'storwize')
THIN_SECTION = 'thin_client_sites'   # made here from `thin_clients.sites`: one namespace per site
IMPACTS = ('hospital', 'department', 'individual')
SCALE_BASE = ipaddress.IPv4Address('10.77.1.0')   # scale-NNN is SCALE_BASE + NNN


class ConfigError(LabError):
    """hospital.yml is malformed."""


def _need(mapping, key, where, kind=str):
    """Return mapping[key], which must exist and be of `kind`."""
    if not isinstance(mapping, dict) or key not in mapping:
        raise ConfigError('%s: required key missing' % (where + '.' + key if where else key))
    value = mapping[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ConfigError('%s: %r is not a %s' % (where + '.' + key if where else key, value,
                                                  getattr(kind, '__name__', 'valid value')))
    return value


def _ipv4(value, where):
    try:
        return ipaddress.IPv4Address(str(value))
    except ValueError:
        raise ConfigError('%s: %r is not an IPv4 address' % (where, value)) from None


def _check_lab(lab):
    prefix = _need(lab, 'prefix', 'lab')
    if not NAME_RE.match(prefix) or len(prefix) > 8:
        raise ConfigError('lab.prefix: %r must be lower-case letters, digits and dashes, at most 8 long' % prefix)
    bridge = _need(lab, 'bridge', 'lab')
    if len(bridge) > IFNAMSIZ or not bridge.startswith(prefix):
        raise ConfigError('lab.bridge: %r must start with the prefix and be at most %d characters' % (bridge, IFNAMSIZ))
    try:
        subnet = ipaddress.IPv4Network(str(_need(lab, 'subnet', 'lab')))
    except ValueError:
        raise ConfigError('lab.subnet: %r is not an IPv4 network (like 10.77.0.0/16)' % lab['subnet']) from None
    gateway = _ipv4(_need(lab, 'gateway', 'lab'), 'lab.gateway')
    if gateway not in subnet:
        raise ConfigError('lab.gateway: %s is outside lab.subnet %s' % (gateway, subnet))
    _need(lab, 'domain', 'lab')
    _need(lab, 'image', 'lab')
    return subnet, gateway


def _check_device(dev, where, section):
    name = _need(dev, 'name', where)
    if not NAME_RE.match(name):
        raise ConfigError('%s.name: %r must be lower-case letters, digits and dashes' % (where, name))
    _need(dev, 'address', where, (str,))
    impact = _need(dev, 'impact', where)
    if impact not in IMPACTS:
        raise ConfigError('%s.impact: %r is not one of %s' % (where, impact, ', '.join(IMPACTS)))
    if section == 'servers':
        if not SIZE_RE.match(str(_need(dev, 'memory', where))):
            raise ConfigError('%s.memory: %r is not a size like 768m' % (where, dev['memory']))
        for i, svc in enumerate(_need(dev, 'services', where, list)):
            if not isinstance(svc, str) or not NAME_RE.match(svc):
                raise ConfigError('%s.services[%d]: %r is not a service name' % (where, i, svc))
        for i, script in enumerate(dev.get('provision') or []):
            if not isinstance(script, str) or not NAME_RE.match(script.replace('_', '-')):
                raise ConfigError('%s.provision[%d]: %r is not a script name' % (where, i, script))
        for i, fs in enumerate(dev.get('filesystems') or []):
            if not str(_need(fs, 'mount', '%s.filesystems[%d]' % (where, i))).startswith('/'):
                raise ConfigError('%s.filesystems[%d].mount: %r is not an absolute path' % (where, i, fs['mount']))
            if not SIZE_RE.match(str(_need(fs, 'size', '%s.filesystems[%d]' % (where, i)))):
                raise ConfigError('%s.filesystems[%d].size: %r is not a size like 64m' % (where, i, fs['size']))
        if not isinstance(dev.get('python', True), bool):
            raise ConfigError('%s.python: %r is not true or false' % (where, dev['python']))
    else:
        _need(dev, 'kind', where)
        if section == 'storage_arrays' and dev['kind'] not in STORAGE_KINDS:
            raise ConfigError('%s.kind: %r is not one of %s' % (where, dev['kind'], ', '.join(STORAGE_KINDS)))
        if section == 'ipmi_bmcs' or (section == 'storage_arrays' and dev['kind'] == 'oceanstor'):
            _need(dev, 'username', where)
            _need(dev, 'password', where)


def address_range(text, where):
    """'10.77.8.10-10.77.8.69' or '10.77.8.0/26' (host addresses) or one address -> [IPv4Address]."""
    text = str(text).strip()
    try:
        if '/' in text:
            return list(ipaddress.IPv4Network(text, strict=False).hosts())
        first, _sep, last = text.partition('-')
        low = ipaddress.IPv4Address(first.strip())
        high = ipaddress.IPv4Address(last.strip()) if last else low
    except ValueError:
        raise ConfigError('%s: %r is not an address, a range a.b.c.d-a.b.c.e or a network' % (where, text)) from None
    if high < low or int(high) - int(low) > 4095:
        raise ConfigError('%s: %r is empty or longer than 4096 addresses' % (where, text))
    return [low + i for i in range(int(high) - int(low) + 1)]


def _outages(cfg):
    """{department: [addresses]} taken down by `thin_client_outage` plants."""
    found = {}
    for i, plant in enumerate(cfg.get('planted') or []):
        if isinstance(plant, dict) and plant.get('kind') == 'thin_client_outage':
            where = 'planted[%d].params.down' % i
            found.setdefault(plant.get('host'), []).extend(address_range(_need(plant.get('params'), 'down', 'planted[%d].params' % i), where))
    return found


def _check_thin_clients(cfg, subnet, seen_addr, seen_name):
    """Validate `thin_clients:`; return the site device entries (section thin_client_sites)."""
    section = cfg.get('thin_clients')
    if not section:
        return []
    ports = _need(section, 'ports', 'thin_clients', list)
    if not ports or not all(isinstance(p, int) and 0 < p < 65536 for p in ports):
        raise ConfigError('thin_clients.ports: %r must be a list of TCP ports' % (ports,))
    outages = _outages(cfg)
    sites = []
    for i, site in enumerate(_need(section, 'sites', 'thin_clients', list)):
        where = 'thin_clients.sites[%d]' % i
        name = _need(site, 'name', where)
        if not NAME_RE.match(name) or name in seen_name:
            raise ConfigError('%s.name: %r must be a new lower-case name' % (where, name))
        seen_name[name] = where
        addr = _ipv4(_need(site, 'address', where), where + '.address')
        clients = []
        for j, dept in enumerate(_need(site, 'departments', where, list)):
            dwhere = '%s.departments[%d]' % (where, j)
            dname = _need(dept, 'name', dwhere)
            if not NAME_RE.match(dname) or dname in seen_name:
                raise ConfigError('%s.name: %r must be a new lower-case name' % (dwhere, dname))
            seen_name[dname] = dwhere
            _need(dept, 'label', dwhere)
            members = address_range(_need(dept, 'range', dwhere), dwhere + '.range')
            down = set(x for a in dept.get('down') or [] for x in address_range(a, dwhere + '.down'))
            down |= set(outages.get(dname, []))
            if not down <= set(members):
                raise ConfigError('%s.down: %s outside the range' % (dwhere, ', '.join(sorted(map(str, down - set(members))))))
            dept['down_addresses'] = [str(a) for a in sorted(down)]
            clients += [a for a in members if a not in down]
            for member in members:
                if member not in subnet or str(member) in seen_addr:
                    raise ConfigError('%s.range: %s is outside lab.subnet or already used by %s'
                                      % (dwhere, member, seen_addr.get(str(member), '-')))
                seen_addr[str(member)] = dwhere
        if addr not in subnet or str(addr) in seen_addr:
            raise ConfigError('%s.address: %s is outside lab.subnet or already used' % (where, addr))
        seen_addr[str(addr)] = where
        prefix = cfg['lab']['prefix']
        sites.append({'name': name, 'address': str(addr), 'kind': 'thin_clients', 'impact': 'department',
                      'site': site.get('site', name), 'section': THIN_SECTION, 'netns': '%s-%s' % (prefix, name),
                      'veth': veth_name(prefix, name, addr), 'ports': list(ports), 'subnet': cfg['lab']['subnet'],
                      'client_addresses': [str(a) for a in clients], 'departments': site['departments']})
    return sites


def _check_planted(cfg, names):
    for i, plant in enumerate(cfg.get('planted') or []):
        where = 'planted[%d]' % i
        host = _need(plant, 'host', where)
        if host not in names:
            raise ConfigError('%s.host: %r is not a device of this file' % (where, host))
        if not NAME_RE.match(_need(plant, 'kind', where).replace('_', '-')):
            raise ConfigError('%s.kind: %r is not a plant kind' % (where, plant['kind']))
        _need(plant, 'params', where, dict)
        for key in ('id', 'status'):
            _need(_need(plant, 'expect', where, dict), key, where + '.expect')


def validate(cfg):
    """Check `cfg` (the parsed file); return it with defaults filled in. Raises ConfigError."""
    if not isinstance(cfg, dict):
        raise ConfigError('(top level): the lab file must be a mapping')
    subnet, gateway = _check_lab(_need(cfg, 'lab', '', dict))
    prefix = cfg['lab']['prefix']
    seen_addr, seen_name = {str(gateway): 'lab.gateway'}, {}
    for section in DEVICE_SECTIONS:
        for i, dev in enumerate(cfg.get(section) or []):
            where = '%s[%d]' % (section, i)
            _check_device(dev, where, section)
            addr = _ipv4(dev['address'], where + '.address')
            if addr not in subnet or addr in (subnet.network_address, subnet.broadcast_address):
                raise ConfigError('%s.address: %s is outside lab.subnet %s' % (where, addr, subnet))
            if str(addr) in seen_addr:
                raise ConfigError('%s.address: %s is already used by %s' % (where, addr, seen_addr[str(addr)]))
            if dev['name'] in seen_name:
                raise ConfigError('%s.name: %r is already used by %s' % (where, dev['name'], seen_name[dev['name']]))
            if SCALE_BASE <= addr <= SCALE_BASE + 1023:
                raise ConfigError('%s.address: %s is in the range kept for scale hosts (10.77.1.0-10.77.4.255)' % (where, addr))
            seen_addr[str(addr)], seen_name[dev['name']] = where, where
            dev['section'] = section
            dev['netns'] = '%s-%s' % (prefix, dev['name'])
            dev['veth'] = veth_name(prefix, dev['name'], addr)
            if section == 'servers':
                dev['container'] = dev['netns']
    cfg[THIN_SECTION] = _check_thin_clients(cfg, subnet, seen_addr, seen_name)
    _check_planted(cfg, seen_name)
    return cfg


def veth_name(prefix, name, addr):
    """`<prefix>-<name>` when it fits in 15 characters, else one made from the address."""
    full = '%s-%s' % (prefix, name)
    if len(full) <= IFNAMSIZ:
        return full
    return '%s-%d-%d' % (prefix, addr.packed[2], addr.packed[3])


def host_networks():
    """The networks of every address on this machine's interfaces (root namespace)."""
    nets = []
    for line in out(['ip', '-o', '-4', 'addr', 'show']).splitlines():
        fields = line.split()
        if 'inet' in fields:
            nets.append((fields[1], ipaddress.IPv4Network(fields[fields.index('inet') + 1], strict=False)))
    return nets


def check_subnet_free(cfg):
    """Refuse a subnet that overlaps a network already on this machine (other than our bridge)."""
    subnet = ipaddress.IPv4Network(cfg['lab']['subnet'])
    for ifname, net in host_networks():
        if ifname != cfg['lab']['bridge'] and subnet.overlaps(net):
            raise ConfigError('lab.subnet: %s overlaps %s on interface %s' % (subnet, net, ifname))


def load(path, check_host=True):
    """Read, validate and (unless told not to) check the subnet against this machine."""
    try:
        with open(path, encoding='utf-8') as fh:
            cfg = yaml.safe_load(fh)
    except OSError as exc:
        raise ConfigError('%s: cannot read: %s' % (path, exc.strerror)) from None
    except yaml.YAMLError as exc:
        raise ConfigError('%s: not valid YAML: %s' % (path, exc)) from None
    cfg = validate(cfg)
    if check_host:
        check_subnet_free(cfg)
    return cfg


def servers(cfg):
    """The `servers:` entries."""
    return cfg.get('servers') or []


def devices(cfg):
    """Every entry that gets a namespace: servers, SNMP agents, BMCs, NTP clocks, thin-client sites."""
    return [d for s in DEVICE_SECTIONS + (THIN_SECTION,) for d in (cfg.get(s) or [])]
