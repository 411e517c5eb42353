"""Hillstone SG-6000-E3960 (StoneOS 5.5) as fw-edge-01, the internet edge firewall: healthy.

HILLSTONE-SYSTEM-MIB scalars (CPU, memory, sessions) and fan/power/temperature tables, plus
MIB-II, IF-MIB and ENTITY-MIB. Values invented; OIDs and sources in SOURCES.md.
"""
import devkit
import mib_more
import mib_tables as mib

NAME = 'hillstone_sg6000'
FAULTS = ()
RECORDINGS = {NAME: ()}

MAC = '00:1c:54:88:3a:10'
UPTIME_S = 97 * 86400 + 11 * 3600
SYSTEM = {
    'descr': 'Hillstone Networks StoneOS software version 5.5R8P7 SG-6000-E3960',
    # Hillstone's enterprise number is 28557; the product leaf under .1 is ours, not verified.
    'object_id': '1.3.6.1.4.1.28557.1.96',
    'uptime_s': UPTIME_S,
    'contact': '信息中心 安全组',
    'name': 'fw-edge-01',
    'location': '信息中心机房 A05 机柜',
    'services': 72,
}
PORTS = {0: ('mgmt', 2000, 3000), 1: ('untrust-电信', 4200000, 1600000), 2: ('untrust-联通', 3100000, 1200000),
         3: ('trust-core-sw-02', 2700000, 7100000), 4: ('dmz-互联网医院', 900000, 2300000), 5: ('ha-link', 120000, 118000)}


def interfaces():
    ifaces = [devkit.iface(n + 1, 'ethernet0/%d' % n, 6, 1000, MAC, alias=PORTS[n][0], in_bps=PORTS[n][1], out_bps=PORTS[n][2],
                           in_total=PORTS[n][1] * UPTIME_S, out_total=PORTS[n][2] * UPTIME_S)
              if n in PORTS else devkit.port(n + 1, 'ethernet0/%d' % n, 1000, MAC, UPTIME_S, None) for n in range(8)]
    ifaces.append(devkit.iface(20, 'aggregate1', 161, 2000, MAC, alias='lag-trust'))
    return ifaces


ENTITIES = [{'index': 1, 'class': 'chassis', 'name': 'SG-6000-E3960', 'descr': 'Hillstone SG-6000-E3960', 'contained_in': 0,
             'serial': '0230172180001563', 'mfg_name': 'Hillstone', 'model': 'SG-6000-E3960', 'hardware_rev': '1.0',
             'software_rev': 'StoneOS 5.5R8P7'}]
HEALTH = {'cpu_pct': 23, 'mem_pct': 41, 'sessions_max': 2000000, 'sessions': 286000, 'fans': [1, 1, 1], 'power': [1, 1],
          'temperatures': [('CPU', 54), ('Board', 38)]}


def records(faults=()):
    devkit.check_faults(NAME, FAULTS, faults)
    return (mib.system_group(SYSTEM) + mib.interfaces(interfaces()) + mib.entity_physical(ENTITIES) + mib_more.hillstone(HEALTH))
