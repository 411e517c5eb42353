"""A UPS of a vendor no shipped profile lists, as ups-ward-01: its card serves only RFC 1628.

The enterprise number 57429 (sysObjectID 1.3.6.1.4.1.57429.2.1) and the name HENGYUAN are
invented: no profile matches them, so the inspection must find the UPS by what it answers
(UPS-MIB upsIdentManufacturer), not by its vendor number (issue 11, detection by capability).

Structure as the public recordings of RFC 1628-only cards show it (SOURCES.md, "UPS of an unlisted
vendor"): the system group, IF-MIB ifNumber and ifTable without ifXTable, no ENTITY-MIB and no
HOST-RESOURCES-MIB; upsIdent with manufacturer and model only; three input and output lines on a
single-phase UPS, the two absent ones reading 0; upsBatteryCurrent -1; no upsAlarm group.

Fault (recording `ups_rfc1628_generic_faults`): `low_charge` (recharging after an outage on the
ward's feed: battery still reported normal, 29 % charge, 19 minutes left). Values invented.

Recording `huawei_ups2000` (ups-med-01, healthy): the same RFC 1628-only card structure with a
Huawei identity, a UPS2000 whose sysObjectID lies under the arc the huawei_ups5000 profile matches
(1.3.6.1.4.1.2011.6.174; the leaf .2 is our choice, not verified) and sysDescr `Linux GSE200M` as
in a public recording. It serves no HUAWEI-UPS-MIB object, so the UPS5000 profile's `requires`
fail and detection goes on to ups_rfc1628.
"""
import devkit
import mib_tables as mib
import snmprec_writer as w

NAME = 'ups_rfc1628_generic'
FAULTS = ('low_charge',)
RECORDINGS = {NAME: (), 'ups_rfc1628_generic_faults': ('low_charge',), 'huawei_ups2000': ()}

UPS = '1.3.6.1.2.1.33.1'
UPTIME_S = 97 * 86400 + 5 * 3600
SYSTEM = {
    'descr': 'UPS Network Management Card V2.31',
    'object_id': '1.3.6.1.4.1.57429.2.1',        # invented enterprise number, appears nowhere under profiles/ or plugins/
    'uptime_s': UPTIME_S,
    'contact': '信息中心 动力环境组',
    'name': 'ups-ward-01',
    'location': '住院楼 3F 弱电间',
    'services': 72,
}
SYSTEM_UPS2000 = dict(SYSTEM, descr='Linux GSE200M', object_id='1.3.6.1.4.1.2011.6.174.2', name='ups-med-01',
                      location='医技楼 2F 检验科弱电间')
IFACES = [
    {'index': 1, 'name': 'lo', 'type': 24, 'speed': 10000000, 'mtu': 16436, 'in': 642, 'out': 642},
    {'index': 2, 'name': 'eth0', 'type': 6, 'speed': 100000000, 'mtu': 1500, 'mac': '00:1e:6a:2c:41:07', 'in': 18741460, 'out': 28804275},
]


def health(faults, recording=None):
    data = {'manufacturer': 'HENGYUAN', 'model': 'HY-C6KS', 'battery_status': 2, 'minutes_remaining': 64, 'charge_pct': 100,
            'battery_voltage_dv': 2190, 'battery_temperature_c': 29, 'output_source': 3,
            'lines': [(229, 230, 38), (0, 0, 0), (0, 0, 0)]}
    if recording == 'huawei_ups2000':
        data.update(manufacturer='HUAWEI', model='UPS2000-A-3KTTS', minutes_remaining=47, lines=[(226, 220, 31), (0, 0, 0), (0, 0, 0)])
    if 'low_charge' in faults:
        data.update(charge_pct=29, minutes_remaining=19, battery_voltage_dv=2010)
    return data


def if_table(ifaces):
    """IF-MIB ifNumber and ifTable only (RFC 2863): these cards serve no ifXTable."""
    table = '1.3.6.1.2.1.2.2.1'
    records = [w.scalar('1.3.6.1.2.1.2.1.0', w.integer(len(ifaces)))]
    for iface in ifaces:
        cells = [(1, w.integer(iface['index'])), (2, w.octets(iface['name'])), (3, w.integer(iface['type'])),
                 (4, w.integer(iface['mtu'])), (5, w.gauge(iface['speed'])),
                 (6, w.mac(iface['mac']) if iface.get('mac') else w.octets('')),
                 (7, w.integer(mib.UP)), (8, w.integer(mib.UP)), (9, w.timeticks(0)),
                 (10, w.counter32(iface['in'])), (13, w.counter32(0)), (14, w.counter32(0)),
                 (16, w.counter32(iface['out'])), (19, w.counter32(0)), (20, w.counter32(0))]
        records += [w.row(table, iface['index'], column, value) for column, value in cells]
    return records


def ups_mib(ups):
    """UPS-MIB (RFC 1628) as an RFC 1628-only card serves it: no software version, no alarm group."""
    records = [
        w.scalar(UPS + '.1.1.0', w.octets(ups['manufacturer'])),
        w.scalar(UPS + '.1.2.0', w.octets(ups['model'])),
        w.scalar(UPS + '.2.1.0', w.integer(ups['battery_status'])),
        w.scalar(UPS + '.2.2.0', w.integer(0)),                               # upsSecondsOnBattery
        w.scalar(UPS + '.2.3.0', w.integer(ups['minutes_remaining'])),
        w.scalar(UPS + '.2.4.0', w.integer(ups['charge_pct'])),
        w.scalar(UPS + '.2.5.0', w.integer(ups['battery_voltage_dv'])),       # 0.1 V DC
        w.scalar(UPS + '.2.6.0', w.integer(-1)),                              # upsBatteryCurrent: not measured
        w.scalar(UPS + '.2.7.0', w.integer(ups['battery_temperature_c'])),
        w.scalar(UPS + '.4.1.0', w.integer(ups['output_source'])),
        w.scalar(UPS + '.4.2.0', w.integer(500)),                             # upsOutputFrequency 0.1 Hz
    ]
    for line, (volts_in, volts_out, load) in enumerate(ups['lines'], 1):
        records += [w.row(UPS + '.3.3.1', line, 2, w.integer(500 if volts_in else 0)),   # upsInputFrequency 0.1 Hz
                    w.row(UPS + '.3.3.1', line, 3, w.integer(volts_in)),
                    w.row(UPS + '.4.4.1', line, 2, w.integer(volts_out)),
                    w.row(UPS + '.4.4.1', line, 5, w.integer(load))]
    return records


def records(faults=(), recording=None):
    devkit.check_faults(NAME, FAULTS, faults)
    system = SYSTEM_UPS2000 if recording == 'huawei_ups2000' else SYSTEM
    return mib.system_group(system) + if_table(IFACES) + ups_mib(health(faults, recording))
