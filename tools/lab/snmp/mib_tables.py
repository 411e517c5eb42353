"""MIB groups as functions from plain device data to snmprec records.

Standard MIBs first (SNMPv2-MIB, IF-MIB, ENTITY-MIB), then vendor MIBs. A new device kind adds
a profile module with data and, where its vendor MIB is new, one builder here. OIDs and their
sources are listed in SOURCES.md.
"""
import snmprec_writer as w

SYSTEM = '1.3.6.1.2.1.1'
IF_NUMBER = '1.3.6.1.2.1.2.1.0'
IF_TABLE = '1.3.6.1.2.1.2.2.1'
IFX_TABLE = '1.3.6.1.2.1.31.1.1.1'
ENT_PHYSICAL = '1.3.6.1.2.1.47.1.1.1.1'
HW_ENTITY_STATE = '1.3.6.1.4.1.2011.5.25.31.1.1.1.1'
HW_FAN_STATUS = '1.3.6.1.4.1.2011.5.25.31.1.1.10.1'
HW_PWR_STATUS = '1.3.6.1.4.1.2011.5.25.31.1.1.18.1'

UP, DOWN = 1, 2                       # ifAdminStatus / ifOperStatus
ENTITY_CLASS = {'chassis': 3, 'container': 5, 'power': 6, 'fan': 7, 'sensor': 8, 'module': 9, 'port': 10, 'cpu': 12}
TRUE, FALSE = 1, 2                    # SNMPv2-TC TruthValue


def system_group(sysinfo):
    """SNMPv2-MIB system group (RFC 3418)."""
    return [
        w.scalar(SYSTEM + '.1.0', w.octets(sysinfo['descr'])),
        w.scalar(SYSTEM + '.2.0', w.object_id(sysinfo['object_id'])),
        w.scalar(SYSTEM + '.3.0', w.moving_timeticks(sysinfo['uptime_s'])),
        w.scalar(SYSTEM + '.4.0', w.octets(sysinfo['contact'])),
        w.scalar(SYSTEM + '.5.0', w.octets(sysinfo['name'])),
        w.scalar(SYSTEM + '.6.0', w.octets(sysinfo['location'])),
        w.scalar(SYSTEM + '.7.0', w.integer(sysinfo['services'])),
    ]


def _octet_counters(iface, column32, column64, rate_key, total_key):
    """The 32-bit and 64-bit views of one byte counter: both move at the same rate when up."""
    rate = iface.get(rate_key, 0) if iface['oper'] == UP else 0
    total = iface.get(total_key, 0)
    if rate:
        return [(IF_TABLE, column32, w.moving_counter32(rate, total)),
                (IFX_TABLE, column64, w.moving_counter64(rate, total))]
    return [(IF_TABLE, column32, w.counter32(total)), (IFX_TABLE, column64, w.counter64(total))]


def interfaces(ifaces):
    """IF-MIB ifTable and ifXTable (RFC 2863) for a list of interface dicts."""
    records = [w.scalar(IF_NUMBER, w.integer(len(ifaces)))]
    for iface in ifaces:
        idx = iface['index']
        speed_mbps = iface['speed_mbps']
        cells = [
            (IF_TABLE, 1, w.integer(idx)),
            (IF_TABLE, 2, w.octets(iface['name'])),                       # ifDescr
            (IF_TABLE, 3, w.integer(iface['type'])),
            (IF_TABLE, 4, w.integer(iface.get('mtu', 1500))),
            (IF_TABLE, 5, w.gauge(speed_mbps * 1000000)),                 # saturates at 4294967295
            (IF_TABLE, 6, w.mac(iface['mac']) if iface.get('mac') else w.octets('')),
            (IF_TABLE, 7, w.integer(iface['admin'])),
            # `flappable`: ifOperStatus can be SET by a test (writecache), to take the port down between two runs
            (IF_TABLE, 8, w.writable(w.TAG_INTEGER, iface['oper']) if iface.get('flappable') else w.integer(iface['oper'])),
            (IF_TABLE, 9, w.timeticks(iface.get('last_change', 0))),
            (IF_TABLE, 13, w.counter32(iface.get('in_discards', 0))),
            # ifInErrors: CRC/alignment errors; `in_errors_rate` makes them rise (a failing link)
            (IF_TABLE, 14, w.moving_counter32(iface['in_errors_rate'], iface.get('in_errors', 0))
             if iface.get('in_errors_rate') else w.counter32(iface.get('in_errors', 0))),
            (IF_TABLE, 19, w.counter32(iface.get('out_discards', 0))),
            (IF_TABLE, 20, w.counter32(iface.get('out_errors', 0))),
            (IFX_TABLE, 1, w.octets(iface['name'])),                      # ifName
            (IFX_TABLE, 15, w.gauge(speed_mbps)),                         # ifHighSpeed
            (IFX_TABLE, 18, w.octets(iface.get('alias', ''))),
        ]
        cells += _octet_counters(iface, 10, 6, 'in_bps', 'in_total')       # ifInOctets / ifHCInOctets
        cells += _octet_counters(iface, 16, 10, 'out_bps', 'out_total')    # ifOutOctets / ifHCOutOctets
        records += [w.row(table, idx, column, value) for table, column, value in cells]
    return records


def entity_physical(entities):
    """ENTITY-MIB entPhysicalTable (RFC 6933) for a list of entity dicts."""
    records = []
    for ent in entities:
        idx = ent['index']
        cells = [
            (2, w.octets(ent['descr'])),
            (3, w.object_id(ent.get('vendor_type', '0.0'))),
            (4, w.integer(ent.get('contained_in', 0))),
            (5, w.integer(ENTITY_CLASS[ent['class']])),
            (6, w.integer(ent.get('rel_pos', -1))),
            (7, w.octets(ent['name'])),
            (8, w.octets(ent.get('hardware_rev', ''))),
            (9, w.octets(ent.get('firmware_rev', ''))),
            (10, w.octets(ent.get('software_rev', ''))),
            (11, w.octets(ent.get('serial', ''))),
            (12, w.octets(ent.get('mfg_name', ''))),
            (13, w.octets(ent.get('model', ''))),
            (16, w.integer(TRUE if ent.get('fru') else FALSE)),
        ]
        records += [w.row(ENT_PHYSICAL, idx, column, value) for column, value in cells]
    return records


def huawei_entity_state(states, omit=()):
    """HUAWEI-ENTITY-EXTENT-MIB hwEntityStateTable, indexed by entPhysicalIndex; `omit` lists
    columns the model does not serve (YunShan switches serve no MemSize 9 / MemSizeMega 19)."""
    records = []
    for state in states:
        idx = state['index']
        cells = [
            (1, w.integer(state.get('admin', 4))),                 # hwEntityAdminStatus: unlocked(4)
            (2, w.integer(state.get('oper', 3))),                  # hwEntityOperStatus: enabled(3)
            (5, w.integer(state.get('cpu_pct', 0))),               # hwEntityCpuUsage
            (6, w.integer(state.get('cpu_threshold', 0))),         # hwEntityCpuUsageThreshold
            (7, w.integer(state.get('mem_pct', 0))),               # hwEntityMemUsage
            (8, w.integer(state.get('mem_threshold', 0))),         # hwEntityMemUsageThreshold
            # hwEntityMemSize (bytes) is an Integer32: 2 GB and more saturate, hence MemSizeMega below.
            (9, w.integer(min(state.get('mem_size_mb', 0) * 1024 * 1024, 2 ** 31 - 1))),
            (11, w.integer(state.get('temperature_c', 0))),        # hwEntityTemperature
            (12, w.integer(state.get('temperature_threshold', 0))),
            (19, w.integer(state.get('mem_size_mb', 0))),          # hwEntityMemSizeMega
        ]
        if state.get('uptime_s') is not None:                      # hwEntityUpTime, seconds, moving
            cells.append((10, w.moving(w.TAG_INTEGER, 1, state['uptime_s'], wrap=False)))
        else:
            cells.append((10, w.integer(0)))
        records += [w.row(HW_ENTITY_STATE, idx, column, value) for column, value in cells if column not in omit]
    return records


def huawei_fans(fans, omit=()):
    """hwFanStatusTable, indexed by (hwEntityFanSlot, hwEntityFanSn); `omit` lists columns the
    model does not serve (an S5720 fan table seen with a state but no Present column 6)."""
    records = []
    for fan in fans:
        idx = (fan['slot'], fan['sn'])
        cells = [
            (5, w.integer(fan['speed_pct'])),                      # hwEntityFanSpeed (%)
            (6, w.integer(1 if fan.get('present', True) else 2)),  # hwEntityFanPresent present(1)/absent(2)
            (7, w.integer(fan.get('state', 1))),                   # hwEntityFanState normal(1)/abnormal(2)
        ]
        records += [w.row(HW_FAN_STATUS, idx, column, value) for column, value in cells if column not in omit]
    return records


def huawei_power(supplies):
    """hwPwrStatusTable, indexed by (hwEntityPwrSlot, hwEntityPwrSn)."""
    records = []
    for pwr in supplies:
        idx = (pwr['slot'], pwr['sn'])
        cells = [
            (5, w.integer(1 if pwr.get('present', True) else 2)),  # hwEntityPwrPresent
            (6, w.integer(pwr.get('state', 1))),                   # hwEntityPwrState supply(1)/notSupply(2)/sleep(3)/unknown(4)
            (7, w.integer(pwr['current_ma'])),                     # hwEntityPwrCurrent (mA)
            (8, w.integer(pwr['voltage_mv'])),                     # hwEntityPwrVoltage (mV)
            (9, w.octets(pwr['descr'])),                           # hwEntityPwrDesc
        ]
        records += [w.row(HW_PWR_STATUS, idx, column, value) for column, value in cells]
    return records
