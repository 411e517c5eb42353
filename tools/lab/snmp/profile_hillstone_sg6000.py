"""Hillstone SG-6000-E3960 (StoneOS 5.5) as fw-edge-01, the internet edge firewall.

Fault (recording `hillstone_sg6000_faults`): `psu_absent` (the second power supply slot PS1 is
empty: hillstonePowerState absent(1)).
HILLSTONE-SYSTEM-MIB scalars (CPU, total and used memory in KiB, sessions; no memory ratio object,
as the MIB text and a public SG-6000-E3965 recording have none) and the fan, power and temperature
tables with the states HILLSTONE-FAN-MIB / HILLSTONE-POWER-MIB define (fine(0), absent(1), ...),
plus MIB-II, IF-MIB and ENTITY-MIB. Values invented; OIDs and sources in SOURCES.md.
"""
import devkit
import mib_tables as mib
import snmprec_writer as w

NAME = 'hillstone_sg6000'
FAULTS = ('psu_absent',)
RECORDINGS = {NAME: (), 'hillstone_sg6000_faults': ('psu_absent',)}

HILLSTONE_SYS = '1.3.6.1.4.1.28557.2.2.1'
HILLSTONE_FAN = '1.3.6.1.4.1.28557.2.26.1.2.1'
HILLSTONE_POWER = '1.3.6.1.4.1.28557.2.27.1.2.1'
HILLSTONE_TEMP = '1.3.6.1.4.1.28557.2.28.1.2.1'
FINE, ABSENT = 0, 1           # HILLSTONE-FAN-MIB / HILLSTONE-POWER-MIB state values
FAN_TYPE_STATE = 1            # hillstoneFanType state(1): watch hillstoneFanState

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


def health(faults):
    """Memory in KiB (LibreNMS reads sysTotalMemory/sysCurMemory with precision 1024): 16 GiB, 41 % in use."""
    data = {'cpu_pct': 23, 'mem_total_kib': 16777216, 'mem_used_kib': 6878658, 'sessions_max': 2000000, 'sessions': 286000,
            'fans': [('FAN0', FINE), ('FAN1', FINE), ('FAN2', FINE)], 'power': [('PS0', FINE), ('PS1', FINE)],
            'temperatures': [('CPU', 54), ('Chassis_Inlet', 27), ('Chassis_Outlet', 38)]}
    if 'psu_absent' in faults:
        data['power'] = [('PS0', FINE), ('PS1', ABSENT)]
    return data


def hillstone(data):
    """HILLSTONE-SYSTEM-MIB V3 scalars and the V6 fan, power and temperature tables (index from 1)."""
    records = [w.scalar(HILLSTONE_SYS + '.3.0', w.integer(data['cpu_pct'])),
               w.scalar(HILLSTONE_SYS + '.4.0', w.gauge(data['mem_total_kib'])),
               w.scalar(HILLSTONE_SYS + '.5.0', w.gauge(data['mem_used_kib'])),
               w.scalar(HILLSTONE_SYS + '.6.0', w.integer(data['sessions_max'])),
               w.scalar(HILLSTONE_SYS + '.7.0', w.gauge(data['sessions']))]
    for idx, (descr, state) in enumerate(data['fans'], 1):
        records += [w.row(HILLSTONE_FAN, idx, 1, w.integer(idx)), w.row(HILLSTONE_FAN, idx, 2, w.octets(descr)),
                    w.row(HILLSTONE_FAN, idx, 3, w.integer(FAN_TYPE_STATE)), w.row(HILLSTONE_FAN, idx, 4, w.integer(0)),
                    w.row(HILLSTONE_FAN, idx, 5, w.integer(state))]
    for idx, (descr, state) in enumerate(data['power'], 1):
        records += [w.row(HILLSTONE_POWER, idx, 1, w.integer(idx)), w.row(HILLSTONE_POWER, idx, 2, w.octets(descr)),
                    w.row(HILLSTONE_POWER, idx, 3, w.integer(state))]
    for idx, (descr, value) in enumerate(data['temperatures'], 1):
        records += [w.row(HILLSTONE_TEMP, idx, 1, w.integer(idx)), w.row(HILLSTONE_TEMP, idx, 2, w.octets(descr)),
                    w.row(HILLSTONE_TEMP, idx, 3, w.integer(value))]
    return records


def records(faults=()):
    devkit.check_faults(NAME, FAULTS, faults)
    return (mib.system_group(SYSTEM) + mib.interfaces(interfaces()) + mib.entity_physical(ENTITIES) + hillstone(health(faults)))
