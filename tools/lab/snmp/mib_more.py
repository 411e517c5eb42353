"""More MIB groups as functions from plain device data to snmprec records (see mib_tables.py).

Standard MIBs first (HOST-RESOURCES-MIB, ENTITY-SENSOR-MIB, UPS-MIB, VRRP-MIB, OSPF-MIB), then
the vendor MIBs of the firewalls, H3C Comware, Huawei stacks and the Huawei UPS card. OIDs and
their sources are listed in SOURCES.md.
"""
import snmprec_writer as w

HR_PROCESSOR = '1.3.6.1.2.1.25.3.3.1'
HR_STORAGE = '1.3.6.1.2.1.25.2.3.1'
HR_STORAGE_TYPES = {'ram': '1.3.6.1.2.1.25.2.1.2', 'virtual': '1.3.6.1.2.1.25.2.1.3', 'fixed_disk': '1.3.6.1.2.1.25.2.1.4',
                    'flash': '1.3.6.1.2.1.25.2.1.9'}
ENT_SENSOR = '1.3.6.1.2.1.99.1.1.1'
SENSOR_TYPE = {'celsius': 8, 'percentRH': 9, 'truthvalue': 12, 'voltsAC': 3, 'amperes': 5, 'rpm': 10}
UPS = '1.3.6.1.2.1.33.1'
UPS_WELL_KNOWN_ALARMS = UPS + '.6.3'
VRRP_OPER = '1.3.6.1.2.1.68.1.3.1'
OSPF_NBR = '1.3.6.1.2.1.14.10.1'
HH3C_ENTITY_EXT = '1.3.6.1.4.1.25506.2.6.1.1.1.1'
HH3C_ERROR = {'normal': 2, 'entityAbsent': 4, 'fanError': 41, 'psuError': 51}
HW_STACK_MEMBER = '1.3.6.1.4.1.2011.5.25.183.1.20.1'
HILLSTONE_SYS = '1.3.6.1.4.1.28557.2.2.1'
HILLSTONE_FAN = '1.3.6.1.4.1.28557.2.26.1.2.1'
HILLSTONE_POWER = '1.3.6.1.4.1.28557.2.27.1.2.1'
HILLSTONE_TEMP = '1.3.6.1.4.1.28557.2.28.1.2.1'
SANGFOR = '1.3.6.1.4.1.35047'
HW_UPS = '1.3.6.1.4.1.2011.6.174.1'


def host_resources(cpu_loads, storages):
    """hrProcessorLoad per processor (index = hrDeviceIndex) and hrStorageTable rows."""
    records = [w.row(HR_PROCESSOR, idx, 2, w.integer(load)) for idx, load in cpu_loads]
    for st in storages:
        idx = st['index']
        cells = [(1, w.integer(idx)), (2, w.object_id(HR_STORAGE_TYPES[st['type']])), (3, w.octets(st['descr'])),
                 (4, w.integer(st['unit'])), (5, w.integer(st['size'])), (6, w.integer(st['used']))]
        records += [w.row(HR_STORAGE, idx, column, value) for column, value in cells]
    return records


def entity_sensors(sensors):
    """ENTITY-SENSOR-MIB entPhySensorTable (RFC 3433), indexed by entPhysicalIndex."""
    records = []
    for sensor in sensors:
        idx = sensor['index']
        cells = [(1, w.integer(SENSOR_TYPE[sensor['type']])),
                 (2, w.integer(9)),                                    # entPhySensorScale units(9)
                 (3, w.integer(sensor.get('precision', 0))),
                 (4, w.integer(sensor['value'])),
                 (5, w.integer(sensor.get('status', 1))),              # ok(1) unavailable(2) nonoperational(3)
                 (6, w.octets(sensor.get('units', '')))]
        records += [w.row(ENT_SENSOR, idx, column, value) for column, value in cells]
    return records


def ups_mib(ups):
    """UPS-MIB (RFC 1628): identity, battery, input, output, alarms."""
    records = [
        w.scalar(UPS + '.1.1.0', w.octets(ups['manufacturer'])),
        w.scalar(UPS + '.1.2.0', w.octets(ups['model'])),
        w.scalar(UPS + '.1.3.0', w.octets(ups['firmware'])),
        w.scalar(UPS + '.1.4.0', w.octets(ups.get('agent_firmware', ''))),
        w.scalar(UPS + '.1.5.0', w.octets(ups['name'])),
        w.scalar(UPS + '.2.1.0', w.integer(ups['battery_status'])),
        w.scalar(UPS + '.2.2.0', w.moving(w.TAG_INTEGER, 1, ups['seconds_on_battery'], wrap=False)
                 if ups['seconds_on_battery'] else w.integer(0)),
        w.scalar(UPS + '.2.3.0', w.integer(ups['minutes_remaining'])),
        w.scalar(UPS + '.2.4.0', w.integer(ups['charge_pct'])),
        w.scalar(UPS + '.2.5.0', w.integer(ups['battery_voltage_dv'])),     # 0.1 V DC
        w.scalar(UPS + '.2.7.0', w.integer(ups['battery_temperature_c'])),
        w.scalar(UPS + '.3.2.0', w.integer(len(ups['input_v']))),          # upsInputNumLines
        w.scalar(UPS + '.4.1.0', w.integer(ups['output_source'])),
        w.scalar(UPS + '.4.2.0', w.integer(500)),                          # upsOutputFrequency 0.1 Hz
        w.scalar(UPS + '.4.3.0', w.integer(len(ups['output_v']))),         # upsOutputNumLines
        w.scalar(UPS + '.6.1.0', w.gauge(len(ups['alarms']))),            # upsAlarmsPresent
    ]
    for line, volts in enumerate(ups['input_v'], 1):
        records += [w.row(UPS + '.3.3.1', line, 1, w.integer(line)),
                    w.row(UPS + '.3.3.1', line, 2, w.integer(500 if volts else 0)),   # upsInputFrequency 0.1 Hz
                    w.row(UPS + '.3.3.1', line, 3, w.integer(volts))]
    for line, (volts, load) in enumerate(zip(ups['output_v'], ups['output_load_pct']), 1):
        records += [w.row(UPS + '.4.4.1', line, 1, w.integer(line)),
                    w.row(UPS + '.4.4.1', line, 2, w.integer(volts)),
                    w.row(UPS + '.4.4.1', line, 5, w.integer(load))]
    for index, (alarm, since_ticks) in enumerate(ups['alarms'], 1):
        records += [w.row(UPS + '.6.2.1', index, 2, w.object_id('%s.%d' % (UPS_WELL_KNOWN_ALARMS, alarm))),
                    w.row(UPS + '.6.2.1', index, 3, w.timeticks(since_ticks))]
    return records


def vrrp(groups):
    """VRRP-MIB vrrpOperTable (RFC 2787), index (ifIndex, VrId)."""
    records = []
    for grp in groups:
        idx = (grp['if_index'], grp['vrid'])
        cells = [(1, w.integer(grp['vrid'])),
                 (2, w.mac('00:00:5e:00:01:%02x' % grp['vrid'])),              # vrrpOperVirtualMacAddr
                 (3, w.integer(grp['state'])),                                 # initialize(1) backup(2) master(3)
                 (4, w.integer(1)),                                            # vrrpOperAdminState up(1)
                 (5, w.integer(grp['priority'])),
                 (7, w.ipaddress(grp['master_ip']))]
        records += [w.row(VRRP_OPER, idx, column, value) for column, value in cells]
    return records


def ospf_neighbors(neighbors):
    """OSPF-MIB ospfNbrTable (RFC 4750), index (ospfNbrIpAddr, ospfNbrAddressLessIndex)."""
    records = []
    for nbr in neighbors:
        idx = tuple(int(part) for part in nbr['ip'].split('.')) + (0,)
        cells = [(1, w.ipaddress(nbr['ip'])), (2, w.integer(0)), (3, w.ipaddress(nbr['router_id'])),
                 (5, w.integer(nbr.get('priority', 1))), (6, w.integer(nbr['state']))]
        records += [w.row(OSPF_NBR, idx, column, value) for column, value in cells]
    return records


def h3c_entity_ext(states):
    """HH3C-ENTITY-EXT-MIB hh3cEntityExtStateTable, indexed by entPhysicalIndex."""
    records = []
    for st in states:
        cells = [(1, w.integer(st.get('admin', 2))),                # hh3cEntityExtAdminStatus unlocked(2)
                 (3, w.integer(st.get('oper', 3 if st.get('error', 'normal') == 'normal' else 4))),  # enabled(3)/dangerous(4)
                 (6, w.integer(st.get('cpu_pct', 0))),
                 (7, w.integer(st.get('cpu_threshold', 0))),
                 (8, w.integer(st.get('mem_pct', 0))),
                 (9, w.integer(st.get('mem_threshold', 0))),
                 (10, w.integer(st.get('mem_size_bytes', 0))),
                 (12, w.integer(st.get('temperature_c', 65535))),     # 65535: no sensor on this entity
                 (13, w.integer(st.get('temperature_threshold', 65535))),       # warning limit
                 (17, w.integer(st.get('temperature_critical', 65535))),        # hh3cEntityExtCriticalTemperatureThreshold
                 (19, w.integer(HH3C_ERROR[st.get('error', 'normal')]))]
        records += [w.row(HH3C_ENTITY_EXT, st['index'], column, value) for column, value in cells]
    return records


def huawei_stack(members):
    """HUAWEI-STACK-MIB hwStackMemberInfoTable: hwMemberStackRole master(1) standby(2) slave(3)."""
    records = []
    for mem in members:
        records += [w.row(HW_STACK_MEMBER, mem['id'], 1, w.integer(mem['id'])),
                    w.row(HW_STACK_MEMBER, mem['id'], 3, w.integer(mem['role'])),
                    w.row(HW_STACK_MEMBER, mem['id'], 4, w.mac(mem['mac'])),
                    w.row(HW_STACK_MEMBER, mem['id'], 5, w.integer(mem['priority']))]
    return records


def hillstone(data):
    """HILLSTONE-SYSTEM-MIB scalars and the fan, power and temperature tables."""
    records = [w.scalar(HILLSTONE_SYS + '.3.0', w.integer(data['cpu_pct'])),
               w.scalar(HILLSTONE_SYS + '.6.0', w.integer(data['sessions_max'])),
               w.scalar(HILLSTONE_SYS + '.7.0', w.integer(data['sessions'])),
               w.scalar(HILLSTONE_SYS + '.17.0', w.integer(data['mem_pct']))]
    for idx, state in enumerate(data['fans'], 1):
        records.append(w.row(HILLSTONE_FAN, idx, 5, w.integer(state)))
    for idx, state in enumerate(data['power'], 1):
        records.append(w.row(HILLSTONE_POWER, idx, 3, w.integer(state)))
    for idx, (descr, value) in enumerate(data['temperatures'], 1):
        records += [w.row(HILLSTONE_TEMP, idx, 2, w.octets(descr)), w.row(HILLSTONE_TEMP, idx, 3, w.integer(value))]
    return records


def sangfor(data):
    """The SANGFOR-GENERAL-MIB objects public collectors agree on (CPU %, sessions, session limit)."""
    return [w.scalar(SANGFOR + '.1.3.0', w.integer(data['cpu_pct'])),
            w.scalar(SANGFOR + '.2.1.1.5.0', w.integer(data['sessions_max'])),
            w.scalar(SANGFOR + '.2.1.1.6.0', w.integer(data['sessions']))]


def huawei_ups(data):
    """HUAWEI-UPS-MIB objects read by Network UPS Tools' huawei-mib subdriver (instance .1)."""
    scalars = [
        ('.2.100.1.2.1', w.octets(data['model'])), ('.2.100.1.3.1', w.octets(data['firmware'])),
        ('.2.100.1.5.1', w.octets(data['serial'])),
        ('.2.101.1.1.1', w.integer(data['supply'])), ('.2.101.1.3.1', w.integer(data['battery_state'])),
        ('.3.100.1.1.1', w.integer(data['input_dv'][0])), ('.3.100.1.2.1', w.integer(data['input_dv'][1])),
        ('.3.100.1.3.1', w.integer(data['input_dv'][2])),
        ('.4.100.1.1.1', w.integer(data['output_dv'][0])), ('.4.100.1.2.1', w.integer(data['output_dv'][1])),
        ('.4.100.1.3.1', w.integer(data['output_dv'][2])),
        ('.4.100.1.14.1', w.integer(data['load_pdm'][0])), ('.4.100.1.15.1', w.integer(data['load_pdm'][1])),
        ('.4.100.1.16.1', w.integer(data['load_pdm'][2])),
        ('.6.100.1.1.1', w.integer(data['battery_dv'])), ('.6.100.1.2.1', w.integer(data['battery_current_da'])),
        ('.6.100.1.3.1', w.integer(data['charge_pct'])), ('.6.100.1.4.1', w.integer(data['runtime_s'])),
    ]
    return [w.scalar(HW_UPS + suffix, value) for suffix, value in scalars]
