"""Huawei UPS5000-E-60K (SNMP card) as ups-dc-01, the data centre UPS.

Fault (recording `huawei_ups5000_faults`): `low_charge` (back on mains after an outage, the
battery recharges from 42 %: equalized charging, 23 minutes of runtime left).
HUAWEI-UPS-MIB objects as Network UPS Tools' huawei-mib subdriver reads them; values invented.
"""
import devkit
import mib_more
import mib_tables as mib

NAME = 'huawei_ups5000'
FAULTS = ('low_charge',)
RECORDINGS = {NAME: (), 'huawei_ups5000_faults': ('low_charge',)}

UPTIME_S = 301 * 86400
SYSTEM = {
    'descr': 'Linux UPS5000-E SNMP card, Huawei UPS5000-E-60K-FM V100R001C10SPC200',
    'object_id': '1.3.6.1.4.1.8072.3.2.10',      # net-snmp's Linux agent OID, as the card reports (per NUT)
    'uptime_s': UPTIME_S,
    'contact': '信息中心 动力环境组',
    'name': 'ups-dc-01',
    'location': '信息中心机房 UPS 间',
    'services': 72,
}


def health(faults):
    data = {'model': 'UPS5000-E-60K-FM', 'firmware': 'V100R001C10SPC200', 'serial': '2102312KCG10K5000083',
            'supply': 3, 'battery_state': 4, 'input_dv': (2210, 2205, 2198), 'output_dv': (2200, 2200, 2201),
            'load_pdm': (385, 362, 371), 'battery_dv': 4320, 'battery_current_da': 0, 'charge_pct': 100, 'runtime_s': 4260}
    if 'low_charge' in faults:
        data.update(battery_state=5, charge_pct=42, runtime_s=1380, battery_dv=4010, battery_current_da=86)
    return data


def records(faults=()):
    devkit.check_faults(NAME, FAULTS, faults)
    return mib.system_group(SYSTEM) + mib_more.huawei_ups(health(faults))
