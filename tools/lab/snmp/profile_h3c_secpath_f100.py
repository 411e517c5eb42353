"""H3C SecPath F100-C-G2 (Comware V7) as fw-ext-01, the firewall to the health bureau network: healthy.

Comware serves the same HH3C-ENTITY-EXT-MIB objects as the switches, plus MIB-II, IF-MIB,
ENTITY-MIB and HOST-RESOURCES-MIB. Values invented; OIDs and sources in SOURCES.md.
"""
import devkit
import mib_more
import mib_tables as mib

NAME = 'h3c_secpath_f100'
FAULTS = ()
RECORDINGS = {NAME: ()}

MAC = '74:ea:c8:02:b1:40'
UPTIME_S = 120 * 86400 + 20 * 3600
VERSION = 'Version 7.1.064, Release 9333P30'
SYSTEM = {
    'descr': ('H3C Comware Platform Software, Software Version 7.1.064, Release 9333P30\r\n'
              'H3C SecPath F100-C-G2\r\nCopyright (c) 2004-2020 New H3C Technologies Co., Ltd. All rights reserved.'),
    'object_id': '1.3.6.1.4.1.25506.1.1779',     # H3C product arc; the leaf is ours, not verified
    'uptime_s': UPTIME_S,
    'contact': '信息中心 安全组',
    'name': 'fw-ext-01',
    'location': '信息中心机房 A05 机柜',
    'services': 72,
}
PORTS = {0: ('to-卫健委专网', 300000, 260000), 1: ('to-core-sw-02', 270000, 310000)}


def interfaces():
    ifaces = [devkit.iface(1, 'InLoopBack0', 24, 0), devkit.iface(2, 'NULL0', 1, 0),
              devkit.iface(3, 'GigabitEthernet1/0/0', 6, 1000, MAC, alias='mgmt', in_bps=1000, out_bps=1500)]
    for n in range(1, 9):
        ifaces.append(devkit.port(3 + n, 'GigabitEthernet1/0/%d' % n, 1000, MAC, UPTIME_S, PORTS.get(n - 1)))
    return ifaces


CHASSIS, BOARD, FAN, PSU = 1, 2, 21, 31
ENTITIES = [
    {'index': CHASSIS, 'class': 'chassis', 'name': 'Chassis', 'descr': 'H3C SecPath F100-C-G2', 'contained_in': 0,
     'serial': '210235A1Y8H20A000021', 'mfg_name': 'H3C', 'model': 'F100-C-G2', 'hardware_rev': 'VER.B'},
    {'index': BOARD, 'class': 'module', 'name': 'Slot 1', 'descr': 'SecPath F100-C-G2 main board', 'contained_in': CHASSIS,
     'mfg_name': 'H3C', 'model': 'NS-F100-C-G2', 'software_rev': VERSION, 'firmware_rev': '9333P30'},
    {'index': FAN, 'class': 'fan', 'name': 'Fan 1', 'descr': 'Built-in fan', 'contained_in': CHASSIS, 'mfg_name': 'H3C'},
    {'index': PSU, 'class': 'power', 'name': 'PSU 1', 'descr': 'Built-in power supply', 'contained_in': CHASSIS, 'mfg_name': 'H3C'},
]
STATES = [{'index': CHASSIS}, {'index': FAN}, {'index': PSU},
          {'index': BOARD, 'cpu_pct': 21, 'cpu_threshold': 80, 'mem_pct': 48, 'mem_threshold': 90, 'mem_size_bytes': 2147483647,
           'temperature_c': 46, 'temperature_threshold': 80}]
CPUS = [(1, 21)]
STORAGE = [{'index': 1, 'type': 'ram', 'descr': 'Memory', 'unit': 1024, 'size': 4016448, 'used': 1927895}]


def records(faults=()):
    devkit.check_faults(NAME, FAULTS, faults)
    return (mib.system_group(SYSTEM) + mib.interfaces(interfaces()) + mib.entity_physical(ENTITIES)
            + mib_more.h3c_entity_ext(STATES) + mib_more.host_resources(CPUS, STORAGE))
