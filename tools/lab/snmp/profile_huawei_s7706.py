"""Huawei S7706 (VRP V200R013) as core-sw-02, the second core switch: CSS pair, VRRP, OSPF.

Faults (recording `huawei_s7706_faults`): `psu_no_input` (PWR2 present but not supplying:
hwEntityPwrState notSupply, its feed lost), `crc_errors` (XGigabitEthernet1/0/3, the link to
the medical technology building, counts ifInErrors at 30/s). VRRP groups are master/backup and
OSPF neighbours full: healthy. Values invented; OIDs and sources in SOURCES.md.
"""
import devkit
import mib_more
import mib_tables as mib

NAME = 'huawei_s7706'
FAULTS = ('psu_no_input', 'crc_errors')
RECORDINGS = {NAME: (), 'huawei_s7706_faults': ('psu_no_input', 'crc_errors')}

MAC = '70:7b:e8:1c:42:00'
UPTIME_S = 211 * 86400 + 3 * 3600 + 41 * 60
VERSION = 'Version 5.170 (S7700 V200R013C00SPC500)'
SYSTEM = {
    'descr': ('S7706\r\nHuawei Versatile Routing Platform Software\r\nVRP (R) software, ' + VERSION
              + '\r\nCopyright (C) 2000-2020 HUAWEI TECH CO., LTD'),
    # Under Huawei's quidway product arc 2011.2.23 like the S5720; the leaf is ours, not verified.
    'object_id': '1.3.6.1.4.1.2011.2.23.192',
    'uptime_s': UPTIME_S,
    'contact': '信息中心 网络组 0571-8800-1234',
    'name': 'core-sw-02',
    'location': '信息中心机房 A03 机柜',
    'services': 6,
}
XGE = {1: ('to-fw-edge-01', 15000000, 11000000), 2: ('to-core-sw-01 peer-link', 6000000, 6100000),
       3: ('to-医技楼-agg', 4100000, 9300000), 4: ('to-住院楼-agg', 3900000, 8800000),
       5: ('to-agg-sw-01 Ten-GE1/0/50', 3800000, 8100000), 6: ('to-fw-ext-01', 900000, 700000)}
GE = dict((n, ('server-farm-%02d' % n, 200000 + 30000 * n, 600000 + 80000 * n)) for n in range(1, 17))


def interfaces(faults):
    ifaces = [devkit.iface(1, 'InLoopBack0', 24, 0), devkit.iface(2, 'NULL0', 1, 0),
              devkit.iface(3, 'MEth0/0/0', 6, 1000, MAC, alias='oob-mgmt')]
    for n in range(1, 13):
        ifaces.append(devkit.port(10 + n, 'XGigabitEthernet1/0/%d' % n, 10000, MAC, UPTIME_S, XGE.get(n)))
    for n in range(1, 25):
        ifaces.append(devkit.port(30 + n, 'GigabitEthernet2/0/%d' % n, 1000, MAC, UPTIME_S, GE.get(n)))
    ifaces += [devkit.iface(60, 'Vlanif10', 136, 1000, MAC, alias='servers'),
               devkit.iface(61, 'Vlanif20', 136, 1000, MAC, alias='opd-users'),
               devkit.iface(62, 'Vlanif30', 136, 1000, MAC, alias='ward-users'),
               devkit.iface(63, 'LoopBack0', 24, 0, alias='router-id 10.77.255.103')]
    if 'crc_errors' in faults:
        devkit.by_name(ifaces, 'XGigabitEthernet1/0/3').update(in_errors=184220, in_errors_rate=30)
    return ifaces


CHASSIS, LPU1, LPU2, MPU7, MPU8, PWR1, PWR2, FAN = 16777216, 16842753, 16908289, 17170433, 17235969, 17891329, 17956865, 18087937


def entities():
    hw = {'mfg_name': 'Huawei', 'contained_in': CHASSIS, 'fru': True}
    return [
        {'index': CHASSIS, 'class': 'chassis', 'name': 'S7706', 'descr': 'S7706 Chassis', 'contained_in': 0,
         'serial': '2102113089P0KA000183', 'mfg_name': 'Huawei', 'model': 'S7706', 'hardware_rev': 'VER.A'},
        dict(hw, index=LPU1, **{'class': 'module', 'name': 'LPU 1', 'descr': 'X12SA 12-port 10GE SFP+ interface card',
                                'model': 'ES1D2X12SSA0', 'serial': '020KJW10K8000311', 'software_rev': VERSION}),
        dict(hw, index=LPU2, **{'class': 'module', 'name': 'LPU 2', 'descr': 'G24SA 24-port GE SFP interface card',
                                'model': 'ES1D2G24SSA0', 'serial': '020KJN10K9000552', 'software_rev': VERSION}),
        dict(hw, index=MPU7, **{'class': 'module', 'name': 'MPU 7', 'descr': 'SRUA main processing unit',
                                'model': 'ES0D00SRUA00', 'serial': '020NMM10L1000041', 'software_rev': VERSION,
                                'firmware_rev': '0230'}),
        dict(hw, index=MPU8, **{'class': 'module', 'name': 'MPU 8', 'descr': 'SRUA main processing unit',
                                'model': 'ES0D00SRUA00', 'serial': '020NMM10L1000057', 'software_rev': VERSION,
                                'firmware_rev': '0230'}),
        dict(hw, index=PWR1, **{'class': 'power', 'name': 'PWR1', 'descr': '800W AC power module', 'model': 'W2PSA0800'}),
        dict(hw, index=PWR2, **{'class': 'power', 'name': 'PWR2', 'descr': '800W AC power module', 'model': 'W2PSA0800'}),
        dict(hw, index=FAN, **{'class': 'fan', 'name': 'FAN', 'descr': 'Fan box', 'model': 'FAN-12A'}),
    ]


def states():
    board = {'cpu_threshold': 80, 'mem_threshold': 85, 'temperature_threshold': 75, 'uptime_s': UPTIME_S}
    return [
        {'index': CHASSIS},
        dict(board, index=LPU1, cpu_pct=6, mem_pct=32, mem_size_mb=512, temperature_c=39),
        dict(board, index=LPU2, cpu_pct=4, mem_pct=29, mem_size_mb=512, temperature_c=37),
        dict(board, index=MPU7, cpu_pct=17, mem_pct=46, mem_size_mb=2048, temperature_c=42),
        dict(board, index=MPU8, cpu_pct=3, mem_pct=38, mem_size_mb=2048, temperature_c=41),
        {'index': PWR1}, {'index': PWR2}, {'index': FAN},
    ]


def power(faults):
    return [{'slot': 0, 'sn': 1, 'present': True, 'state': 1, 'current_ma': 5200, 'voltage_mv': 53500, 'descr': 'PWR1 800W AC'},
            {'slot': 0, 'sn': 2, 'present': True, 'state': 2 if 'psu_no_input' in faults else 1,
             'current_ma': 0 if 'psu_no_input' in faults else 5100, 'voltage_mv': 0 if 'psu_no_input' in faults else 53400,
             'descr': 'PWR2 800W AC'}]


FANS = [{'slot': 0, 'sn': n, 'speed_pct': 40, 'present': True, 'state': 1} for n in range(4)]
VRRP = [{'if_index': 60, 'vrid': 10, 'state': 3, 'priority': 120, 'master_ip': '10.77.10.3'},
        {'if_index': 61, 'vrid': 20, 'state': 3, 'priority': 120, 'master_ip': '10.77.20.3'},
        {'if_index': 62, 'vrid': 30, 'state': 2, 'priority': 100, 'master_ip': '10.77.30.2'}]
OSPF = [{'ip': '10.77.254.1', 'router_id': '10.77.255.101', 'state': 8},
        {'ip': '10.77.254.9', 'router_id': '10.77.255.110', 'state': 8},
        {'ip': '10.77.254.13', 'router_id': '10.77.255.112', 'state': 8}]
STACK = [{'id': 1, 'role': 1, 'mac': MAC, 'priority': 200}, {'id': 2, 'role': 2, 'mac': '70:7b:e8:1c:43:00', 'priority': 100}]


def records(faults=()):
    devkit.check_faults(NAME, FAULTS, faults)
    return (mib.system_group(SYSTEM) + mib.interfaces(interfaces(faults)) + mib.entity_physical(entities())
            + mib.huawei_entity_state(states()) + mib.huawei_fans(FANS) + mib.huawei_power(power(faults))
            + mib_more.vrrp(VRRP) + mib_more.ospf_neighbors(OSPF) + mib_more.huawei_stack(STACK))
