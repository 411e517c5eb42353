"""Huawei S5720-28X-LI-AC (VRP V200R011) as the hospital's core switch core-sw-01: healthy.

Values are invented but shaped like the real device (names, enumerations, units, index styles);
see SOURCES.md. Faults are planted later by the lab, not here.
"""
import mib_tables as mib

NAME = 'huawei_s5720'

BASE_MAC = '00:e0:fc:3a:5b:10'
UPTIME_S = 86 * 86400 + 5 * 3600 + 17 * 60      # 86 days since the last reboot
VRP_VERSION = 'Version 5.170 (S5720 V200R011C10SPC600)'

SYSTEM = {
    'descr': ('S5720-28X-LI-AC\r\nHuawei Versatile Routing Platform Software\r\n'
              'VRP (R) software, ' + VRP_VERSION + '\r\nCopyright (C) 2000-2018 HUAWEI TECH CO., LTD'),
    # Huawei switch products sit under 2011.2.23 (HUAWEI-MIB quidway products); the exact leaf
    # number for this model is ours, not verified against Huawei's product OID list.
    'object_id': '1.3.6.1.4.1.2011.2.23.395',
    'uptime_s': UPTIME_S,
    'contact': '信息中心 网络组 0571-8800-1234',
    'name': 'core-sw-01',
    'location': '信息中心机房',
    'services': 6,                              # layers 2 and 3
}

# (port, alias, in B/s, out B/s) for the access ports in use; the rest are shut down.
GE_IN_USE = {
    1: ('to-his-app-01', 420000, 1350000),
    2: ('to-lis-app-01', 180000, 260000),
    3: ('to-pacs-app-01', 2600000, 9800000),
    4: ('to-emr-app-01', 350000, 900000),
    5: ('to-ie-app-01', 300000, 310000),
    6: ('to-fin-app-01', 40000, 60000),
    7: ('to-pg-db-01', 1100000, 2400000),
    8: ('to-my-db-01', 500000, 700000),
    9: ('to-mw-app-01', 650000, 1500000),
    10: ('to-bmc-mgmt', 5000, 8000),
    11: ('门诊楼-1F-接入', 800000, 2200000),
    12: ('住院楼-3F-接入', 700000, 1900000),
    13: ('医技楼-2F-接入', 600000, 1700000),
}
XGE_IN_USE = {
    1: ('uplink-to-fw-01', 12000000, 9000000),
    2: ('uplink-to-fw-02 (standby)', 2000, 2000),
}


def _iface(index, name, if_type, speed_mbps, **extra):
    data = {'index': index, 'name': name, 'type': if_type, 'speed_mbps': speed_mbps,
            'admin': mib.UP, 'oper': mib.UP, 'mac': BASE_MAC, 'last_change': 3000}
    data.update(extra)
    return data


def _port(index, name, speed_mbps, in_use):
    if in_use is None:
        return _iface(index, name, 6, speed_mbps, admin=mib.DOWN, oper=mib.DOWN, alias='')
    alias, in_bps, out_bps = in_use
    # Totals as if the rates had held since boot, so the counters look lived-in.
    return _iface(index, name, 6, speed_mbps, alias=alias, in_bps=in_bps, out_bps=out_bps,
                  in_total=in_bps * UPTIME_S, out_total=out_bps * UPTIME_S, in_discards=index * 3)


def interfaces():
    ifaces = [
        _iface(1, 'InLoopBack0', 24, 0, mac=None, mtu=1500),
        _iface(2, 'NULL0', 1, 0, mac=None),
        _iface(3, 'MEth0/0/1', 6, 100, alias='oob-mgmt', in_bps=900, out_bps=1200,
               in_total=900 * UPTIME_S, out_total=1200 * UPTIME_S),
        _iface(4, 'Vlanif1', 136, 1000, alias='default'),
    ]
    for port in range(1, 25):
        ifaces.append(_port(4 + port, 'GigabitEthernet0/0/%d' % port, 1000, GE_IN_USE.get(port)))
    for port in range(1, 5):
        ifaces.append(_port(28 + port, 'XGigabitEthernet0/0/%d' % port, 10000, XGE_IN_USE.get(port)))
    ifaces.append(_iface(33, 'Vlanif10', 136, 1000, alias='servers 10.77.0.0/16'))
    ifaces.append(_iface(34, 'Vlanif100', 136, 1000, alias='device-mgmt'))
    return ifaces


CHASSIS, BOARD, POWER, FAN = 16777216, 67108867, 68157441, 68222977
ENTITIES = [
    {'index': CHASSIS, 'class': 'chassis', 'name': 'S5720-28X-LI-AC', 'descr': 'S5720-28X-LI-AC Chassis',
     'contained_in': 0, 'rel_pos': -1, 'serial': '2102359811DMJ7000412', 'mfg_name': 'Huawei',
     'model': 'S5720-28X-LI-AC', 'hardware_rev': 'VER.B', 'fru': False},
    {'index': BOARD, 'class': 'module', 'name': 'S5720-28X-LI-AC 0',
     'descr': 'S5720-28X-LI-AC Mainframe(24 Ethernet 10/100/1000 ports, 4 10 Gig SFP+, AC 110/220V)',
     'contained_in': CHASSIS, 'rel_pos': 0, 'serial': '2102359811DMJ7000412', 'mfg_name': 'Huawei',
     'model': 'ES5D2X28S000', 'hardware_rev': 'VER.B', 'firmware_rev': '0220',
     'software_rev': VRP_VERSION, 'fru': True},
    {'index': POWER, 'class': 'power', 'name': 'PWR1', 'descr': 'Built-in AC power module 150W',
     'contained_in': CHASSIS, 'rel_pos': 1, 'serial': '', 'mfg_name': 'Huawei', 'fru': False},
    {'index': FAN, 'class': 'fan', 'name': 'FAN1', 'descr': 'Built-in fan module',
     'contained_in': CHASSIS, 'rel_pos': 2, 'serial': '', 'mfg_name': 'Huawei', 'fru': False},
]

ENTITY_STATES = [
    {'index': CHASSIS},
    {'index': BOARD, 'cpu_pct': 9, 'cpu_threshold': 80, 'mem_pct': 43, 'mem_threshold': 85,
     'mem_size_mb': 512, 'temperature_c': 41, 'temperature_threshold': 68, 'uptime_s': UPTIME_S},
    {'index': POWER},
    {'index': FAN},
]

FANS = [{'slot': 0, 'sn': 0, 'speed_pct': 45, 'present': True, 'state': 1}]
POWER_SUPPLIES = [{'slot': 0, 'sn': 1, 'present': True, 'state': 1, 'current_ma': 1450,
                   'voltage_mv': 12050, 'descr': 'PWR1 built-in AC'}]


def records():
    """Every record of the recording."""
    return (mib.system_group(SYSTEM) + mib.interfaces(interfaces()) + mib.entity_physical(ENTITIES)
            + mib.huawei_entity_state(ENTITY_STATES) + mib.huawei_fans(FANS)
            + mib.huawei_power(POWER_SUPPLIES))
