"""APC Smart-UPS SRT 6000 with an AP9641 network card (UPS-MIB, RFC 1628) as ups-opd-01.

Fault (recording `apc_srt_faults`): `on_battery` (the outpatient building's feed is lost: output
from battery for 7 minutes, the onBattery alarm present, charge still 88 %, 34 minutes left).
Values invented; OIDs and sources in SOURCES.md.
"""
import devkit
import mib_more
import mib_tables as mib

NAME = 'apc_srt'
FAULTS = ('on_battery',)
RECORDINGS = {NAME: (), 'apc_srt_faults': ('on_battery',)}

UPTIME_S = 188 * 86400 + 4 * 3600
SYSTEM = {
    'descr': 'APC Web/SNMP Management Card (MB:v1.4.2.1 PF:v2.2.1.1 PN:apc_hw21_aos_2.2.1.1.bin AF1:v2.2.1.1 '
             'AN1:apc_hw21_su_2.2.1.1.bin MN:AP9641 HR:05 SN: 5A2031E12345 MD:07/28/2020)',
    'object_id': '1.3.6.1.4.1.318.1.3.27',       # APC's powerNet arc; the leaf is ours, not verified
    'uptime_s': UPTIME_S,
    'contact': '信息中心 动力环境组',
    'name': 'ups-opd-01',
    'location': '门诊楼 1F 弱电间',
    'services': 72,
}


def health(faults):
    data = {'manufacturer': 'APC', 'model': 'Smart-UPS SRT 6000', 'firmware': 'UPS 16.5 (ID1003)', 'agent_firmware': 'v2.2.1.1',
            'name': 'ups-opd-01', 'battery_status': 2, 'seconds_on_battery': 0, 'minutes_remaining': 96, 'charge_pct': 100,
            'battery_voltage_dv': 2190, 'battery_temperature_c': 27, 'output_source': 3, 'input_v': [228],
            'output_v': [230], 'output_load_pct': [46], 'alarms': []}
    if 'on_battery' in faults:
        data.update(seconds_on_battery=420, minutes_remaining=34, charge_pct=88, battery_voltage_dv=2050, output_source=5,
                    input_v=[0], alarms=[(2, UPTIME_S * 100 - 42000)])
    return data


def records(faults=()):
    devkit.check_faults(NAME, FAULTS, faults)
    return mib.system_group(SYSTEM) + mib_more.ups_mib(health(faults))
