"""Room sensors over ENTITY-SENSOR-MIB (RFC 3433): a precision air conditioner's network card
(ac-dc-01, recording `precision_ac`) and a machine room monitor (env-opd-01, recording
`env_monitor`, fault `room_hot`: the wiring closet at 33.5 degC, its split unit failed).

Vendors' own MIBs for these differ per model; the lab serves the standard sensor table that
many cards implement, under net-snmp's Linux sysObjectID, and the inventory names the profile.
"""
import devkit
import mib_more
import mib_tables as mib

NAME = 'precision_ac'
FAULTS = ('room_hot',)
RECORDINGS = {'precision_ac': (), 'env_monitor': (), 'env_monitor_faults': ('room_hot',)}
LINUX_AGENT = '1.3.6.1.4.1.8072.3.2.10'


def _system(name, descr, location, uptime_s):
    return {'descr': descr, 'object_id': LINUX_AGENT, 'uptime_s': uptime_s, 'contact': '信息中心 动力环境组',
            'name': name, 'location': location, 'services': 72}


def _sensors(rows):
    """(entities, sensors) from (index, name, type, value, precision)."""
    # Only the sensors are ENTITY-MIB rows, as on small monitoring cards (no chassis entity).
    entities, sensors = [], []
    for index, name, kind, value, precision in rows:
        entities.append({'index': index, 'class': 'sensor', 'name': name, 'descr': name, 'contained_in': 0})
        units = {'celsius': 'degC', 'percentRH': '%RH', 'truthvalue': ''}[kind]
        sensors.append({'index': index, 'type': kind, 'value': value, 'precision': precision, 'units': units})
    return entities, sensors


def ac_records():
    system = _system('ac-dc-01', 'Precision air conditioner network card, CRV-series row cooler, firmware 2.3.1',
                     '信息中心机房 冷通道 A', 77 * 86400)
    entities, sensors = _sensors([
        (11, 'Supply air temperature 送风温度', 'celsius', 186, 1),
        (12, 'Return air temperature 回风温度', 'celsius', 243, 1),
        (13, 'Return air humidity 回风湿度', 'percentRH', 465, 1),
        (14, 'Water leak under unit 漏水检测', 'truthvalue', 2, 0),
        (15, 'Compressor 1 running', 'truthvalue', 1, 0),
    ])
    return mib.system_group(system) + mib.entity_physical(entities) + mib_more.entity_sensors(sensors)


def env_records(faults):
    system = _system('env-opd-01', 'Machine room environment monitor EM-8 (temperature, humidity, water, smoke), firmware 1.8',
                     '门诊楼 1F 弱电间', 42 * 86400)
    entities, sensors = _sensors([
        (11, 'Room temperature 温度', 'celsius', 335 if 'room_hot' in faults else 245, 1),
        (12, 'Room humidity 湿度', 'percentRH', 520, 1),
        (13, 'Water leak 漏水', 'truthvalue', 2, 0),
        (14, 'Smoke detector 烟感', 'truthvalue', 2, 0),
    ])
    return mib.system_group(system) + mib.entity_physical(entities) + mib_more.entity_sensors(sensors)


def records(faults=(), recording=NAME):
    devkit.check_faults(NAME, FAULTS, faults)
    return ac_records() if recording == 'precision_ac' else env_records(faults)
