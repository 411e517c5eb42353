"""H3C S5560X-54C-EI (Comware V7) as agg-sw-01, the outpatient building's aggregation switch.

Faults (recording `h3c_s5560x_faults`): `fan_failed` (Fan 2 reports fanError in
hh3cEntityExtErrorStatus), `uplink_down` (the second uplink to the core, admin up, oper down).
Values are invented, shaped like the real device; OIDs and sources in SOURCES.md.
As a real Comware switch does, every entity row (the 52 ports, the slot container) repeats the
board's temperature in hh3cEntityExtTemperature, with thresholds 65535 ("not set"): the
inspection must report one reading per sensor, not 54 copies.
"""
import devkit
import mib_more
import mib_tables as mib

NAME = 'h3c_s5560x'
FAULTS = ('fan_failed', 'uplink_down')
RECORDINGS = {NAME: (), 'h3c_s5560x_faults': ('fan_failed', 'uplink_down')}

MAC = '3c:8c:40:5e:21:00'
UPTIME_S = 143 * 86400 + 7 * 3600
VERSION = 'Version 7.1.070, Release 1134P05'
SYSTEM = {
    'descr': ('H3C Comware Platform Software, Software Version 7.1.070, Release 1134P05\r\n'
              'H3C S5560X-54C-EI\r\nCopyright (c) 2004-2021 New H3C Technologies Co., Ltd. All rights reserved.'),
    # H3C products live under 1.3.6.1.4.1.25506.1; the leaf for this model is ours, not verified.
    'object_id': '1.3.6.1.4.1.25506.1.1870',
    'uptime_s': UPTIME_S,
    'contact': '信息中心 网络组 0571-8800-1234',
    'name': 'agg-sw-01',
    'location': '门诊楼 3F 弱电间',
    'services': 6,
}
UPLINKS = ('Ten-GigabitEthernet1/0/49', 'Ten-GigabitEthernet1/0/50')
ACCESS = dict((n, ('门诊楼-%dF-接入-%d' % ((n + 1) // 2, 2 - n % 2), 300000 + 40000 * n, 900000 + 50000 * n)) for n in range(1, 21))
TEN_GE = {49: ('uplink-core-sw-01 XGE0/0/3', 9000000, 4200000), 50: ('uplink-core-sw-02 XGE1/0/5', 8200000, 3900000)}


def interfaces(faults):
    ifaces = [devkit.iface(1, 'InLoopBack0', 24, 0), devkit.iface(2, 'NULL0', 1, 0),
              devkit.iface(3, 'M-GigabitEthernet0/0/0', 6, 1000, MAC, alias='oob-mgmt')]
    for n in range(1, 49):
        ifaces.append(devkit.port(3 + n, 'GigabitEthernet1/0/%d' % n, 1000, MAC, UPTIME_S, ACCESS.get(n)))
    for n in range(49, 53):
        ifaces.append(devkit.port(3 + n, 'Ten-GigabitEthernet1/0/%d' % n, 10000, MAC, UPTIME_S, TEN_GE.get(n)))
    ifaces.append(devkit.iface(60, 'Vlan-interface1', 136, 1000, MAC, alias='default'))
    ifaces.append(devkit.iface(61, 'Vlan-interface120', 136, 1000, MAC, alias='opd-thin-clients 10.77.8.0/24'))
    if 'uplink_down' in faults:
        link = devkit.by_name(ifaces, UPLINKS[1])
        link.update(oper=mib.DOWN, in_bps=0, out_bps=0, last_change=UPTIME_S * 100 - 3 * 86400 * 100)
    return ifaces


CHASSIS, BOARD, FAN1, FAN2, PSU1, PSU2 = 1, 2, 31, 32, 41, 42


SLOT = 10
PORTS = tuple(range(101, 153))              # entPhysicalIndex of the 52 port entities
BOARD_TEMPERATURE = 44


def entities():
    common = {'mfg_name': 'H3C', 'contained_in': CHASSIS}
    ports = [dict(common, index=idx, contained_in=BOARD, **{'class': 'port', 'name': 'port %d' % idx, 'descr': 'port'})
             for idx in PORTS]
    return [
        {'index': CHASSIS, 'class': 'chassis', 'name': 'Chassis', 'descr': 'H3C S5560X-54C-EI', 'contained_in': 0,
         'serial': '210235A2WUH219000117', 'mfg_name': 'H3C', 'model': 'S5560X-54C-EI', 'hardware_rev': 'VER.A'},
        dict(common, index=BOARD, **{'class': 'module', 'name': 'Slot 1', 'descr': 'H3C S5560X-54C-EI main board',
                                     'serial': '210235A2WUH219000117', 'model': 'LS-5560X-54C-EI', 'hardware_rev': 'VER.A',
                                     'firmware_rev': '1134P05', 'software_rev': VERSION, 'fru': True}),
        dict(common, index=FAN1, **{'class': 'fan', 'name': 'Fan 1', 'descr': 'Fan tray 1 (LSWM1FANSC)', 'fru': True}),
        dict(common, index=FAN2, **{'class': 'fan', 'name': 'Fan 2', 'descr': 'Fan tray 2 (LSWM1FANSC)', 'fru': True}),
        dict(common, index=PSU1, **{'class': 'power', 'name': 'PSU 1', 'descr': 'Power supply 1 (PSR250-12A)', 'fru': True}),
        dict(common, index=PSU2, **{'class': 'power', 'name': 'PSU 2', 'descr': 'Power supply 2 (PSR250-12A)', 'fru': True}),
        dict(common, index=SLOT, **{'class': 'container', 'name': 'Slot container 1', 'descr': 'slot'}),
    ] + ports


def states(faults):
    return [
        {'index': CHASSIS},
        {'index': BOARD, 'cpu_pct': 14, 'cpu_threshold': 80, 'mem_pct': 51, 'mem_threshold': 90,
         'mem_size_bytes': 2147483647, 'temperature_c': BOARD_TEMPERATURE, 'temperature_threshold': 75,
         'temperature_critical': 85},
        {'index': FAN1},
        {'index': FAN2, 'error': 'fanError' if 'fan_failed' in faults else 'normal'},
        {'index': PSU1},
        {'index': PSU2},
        {'index': SLOT, 'temperature_c': BOARD_TEMPERATURE},
    ] + [{'index': idx, 'temperature_c': BOARD_TEMPERATURE} for idx in PORTS]


def records(faults=()):
    devkit.check_faults(NAME, FAULTS, faults)
    return (mib.system_group(SYSTEM) + mib.interfaces(interfaces(faults)) + mib.entity_physical(entities())
            + mib_more.h3c_entity_ext(states(faults)))
