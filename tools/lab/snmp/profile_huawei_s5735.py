"""Huawei S5735-L48T4X-A1 (YunShan OS) as acc-sw-01, the inpatient building's access switch.

The structures that broke the VRP profile on real YunShan/S5735 switches (issue 11):
- hwEntityStateTable has no MemSize (9) and no MemSizeMega (19) column;
- hwFanStatusTable has a State (7) but no Present (6) column;
- VRP leaves every port admin up: 48 access ports with nothing plugged in are admin up, oper
  down, without a description (counted as unused, not warned);
- the board publishes its own temperature limit, hwEntityTemperatureThreshold (12) = 55 degC;
- XGigabitEthernet0/0/3 (in use, no description) has a writable ifOperStatus (a port flap).
Faults (recording `huawei_s5735_faults`): `cpu_high` (the board at 98 %), `hot` (57 degC against
the published 55), `uplink_down` (XGigabitEthernet0/0/1, the uplink to the core, oper down).
Values are invented, shaped like the real device; sources in SOURCES.md.
"""
import devkit
import mib_tables as mib

NAME = 'huawei_s5735'
FAULTS = ('cpu_high', 'hot', 'uplink_down')
RECORDINGS = {NAME: (), 'huawei_s5735_faults': FAULTS}

MAC = '00:e0:fc:7b:41:00'
UPTIME_S = 212 * 86400 + 3 * 3600
SYSTEM = {
    'descr': ('Huawei YunShan OS\r\nVersion 1.22.0.1 (S5735-L48T4X-A1 V600R022C00SPC100)\r\n'
              'Copyright (C) 2021-2022 Huawei Technologies Co., Ltd.\r\nHUAWEI S5735-L48T4X-A1'),
    # Under 2011.2.23 (quidway switches) like the other VRP switches; the leaf is ours, not verified.
    'object_id': '1.3.6.1.4.1.2011.2.23.690',
    'uptime_s': UPTIME_S,
    'contact': '信息中心 网络组 0571-8800-1234',
    'name': 'acc-sw-01',
    'location': '住院楼 5F 弱电间',
    'services': 6,
}
UPLINK = 'XGigabitEthernet0/0/1'
# XGE0/0/3: a nurse-station server plugged in without a description; its ifOperStatus is writable,
# so an integration test takes it down between two runs (up in the first, down in the second).
FLAP_PORT = 'XGigabitEthernet0/0/3'
TEN_GE = {1: ('uplink-core-sw-01 XGE0/0/4', 3100000, 1800000), 2: ('uplink-core-sw-02 XGE1/0/6 (standby)', 2000, 2000),
          3: ('', 150000, 400000)}


def interfaces(faults):
    ifaces = [devkit.iface(1, 'InLoopBack0', 24, 0), devkit.iface(2, 'NULL0', 1, 0),
              devkit.iface(3, 'MEth0/0/1', 6, 100, MAC, alias='oob-mgmt')]
    for n in range(1, 49):
        # VRP's default: admin up. Nothing is plugged in, no description.
        ifaces.append(devkit.iface(3 + n, 'GigabitEthernet0/0/%d' % n, 6, 1000, MAC, oper=mib.DOWN, alias=''))
    for n in range(1, 5):
        ifaces.append(devkit.port(51 + n, 'XGigabitEthernet0/0/%d' % n, 10000, MAC, UPTIME_S, TEN_GE.get(n)))
    ifaces.append(devkit.iface(60, 'Vlanif1', 136, 1000, MAC, alias='default'))
    devkit.by_name(ifaces, FLAP_PORT)['flappable'] = True
    if 'uplink_down' in faults:
        link = devkit.by_name(ifaces, UPLINK)
        link.update(oper=mib.DOWN, in_bps=0, out_bps=0, last_change=UPTIME_S * 100 - 86400 * 100)
    return ifaces


CHASSIS, BOARD, POWER, FAN = 16777216, 67108867, 68157441, 68222977


def entities():
    common = {'mfg_name': 'Huawei', 'contained_in': CHASSIS}
    return [
        {'index': CHASSIS, 'class': 'chassis', 'name': 'S5735-L48T4X-A1', 'descr': 'S5735-L48T4X-A1 Chassis',
         'contained_in': 0, 'rel_pos': -1, 'serial': '2102353174P0LA000316', 'mfg_name': 'Huawei',
         'model': 'S5735-L48T4X-A1', 'hardware_rev': 'VER.A', 'fru': False},
        dict(common, index=BOARD, rel_pos=0, **{'class': 'module', 'name': 'S5735-L48T4X-A1 0',
                                                'descr': 'S5735-L48T4X-A1 Mainboard(48 GE RJ45, 4 10GE SFP+)',
                                                'serial': '2102353174P0LA000316', 'model': 'S5735-L48T4X-A1',
                                                'hardware_rev': 'VER.A', 'software_rev': 'V600R022C00SPC100', 'fru': True}),
        dict(common, index=POWER, rel_pos=1, **{'class': 'power', 'name': 'PWR1', 'descr': 'Built-in AC power 150W', 'fru': False}),
        dict(common, index=FAN, rel_pos=2, **{'class': 'fan', 'name': 'FAN1', 'descr': 'Built-in fan', 'fru': False}),
    ]


def states(faults):
    return [
        {'index': CHASSIS},
        {'index': BOARD, 'cpu_pct': 98 if 'cpu_high' in faults else 12, 'cpu_threshold': 80, 'mem_pct': 47,
         'mem_threshold': 90, 'temperature_c': 57 if 'hot' in faults else 43, 'temperature_threshold': 55,
         'uptime_s': UPTIME_S},
        {'index': POWER},
        {'index': FAN},
    ]


FANS = [{'slot': 0, 'sn': 0, 'speed_pct': 55, 'state': 1}]
POWER_SUPPLIES = [{'slot': 0, 'sn': 1, 'present': True, 'state': 1, 'current_ma': 1300, 'voltage_mv': 12010,
                   'descr': 'PWR1 built-in AC'}]


def records(faults=()):
    devkit.check_faults(NAME, FAULTS, faults)
    return (mib.system_group(SYSTEM) + mib.interfaces(interfaces(faults)) + mib.entity_physical(entities())
            + mib.huawei_entity_state(states(faults), omit=(9, 19)) + mib.huawei_fans(FANS, omit=(6,))
            + mib.huawei_power(POWER_SUPPLIES))
