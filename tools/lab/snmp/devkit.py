"""Small helpers the device profiles share: interface rows, system groups, fault switches."""
import mib_tables as mib


def iface(index, name, if_type=6, speed_mbps=1000, mac=None, **extra):
    """An interface dict for mib_tables.interfaces(): admin and oper up unless told otherwise."""
    data = {'index': index, 'name': name, 'type': if_type, 'speed_mbps': speed_mbps,
            'admin': mib.UP, 'oper': mib.UP, 'mac': mac, 'last_change': 3000}
    data.update(extra)
    return data


def port(index, name, speed_mbps, mac, uptime_s, in_use):
    """A physical port: `in_use` = (alias, in B/s, out B/s), or None for an unused, shut-down port."""
    if in_use is None:
        return iface(index, name, 6, speed_mbps, mac, admin=mib.DOWN, oper=mib.DOWN, alias='')
    alias, in_bps, out_bps = in_use
    return iface(index, name, 6, speed_mbps, mac, alias=alias, in_bps=in_bps, out_bps=out_bps,
                 in_total=in_bps * uptime_s, out_total=out_bps * uptime_s, in_discards=index % 7)


def by_name(ifaces, name):
    """The interface dict called `name` (KeyError if there is none)."""
    for entry in ifaces:
        if entry['name'] == name:
            return entry
    raise KeyError(name)


def check_faults(name, known, faults):
    """Refuse a fault name the profile does not know (a typo would plant nothing)."""
    unknown = sorted(set(faults) - set(known))
    if unknown:
        raise ValueError('%s: unknown fault(s) %s; known: %s' % (name, ', '.join(unknown), ', '.join(sorted(known))))
