"""Write the lan.conf and emulation command file of one OpenIPMI `ipmi_sim` BMC.

Usage (from medops_lab/ipmi_bmc.py): write(run_dir, entry, plants)
The BMC (IPMB 0x20) has a main SDR repository with full sensor records (IPMI 2.0 table 43-1)
for temperatures and fans, compact records (table 43-2) for the power supplies' status
(sensor type 08h, sensor-specific offsets 0 presence detected / 1 failure detected), a SEL and
FRU data (product area: manufacturer, name, serial, version). Values are invented.
Plant kinds: bmc_psu_fail {psu: PS2 Status} sets that PSU's failure bit; bmc_sel_critical
{psu: PS2 Status} adds the SEL record of its failure assertion (event data offset 1).
"""
import os

BMC = 0x20
PSU_TYPE, FAN_TYPE, TEMP_TYPE = 0x08, 0x04, 0x01
UNIT_DEGREES_C, UNIT_RPM = 1, 18
DISCRETE_MASK = '000000000000011'       # offsets 0 (presence) and 1 (failure), rightmost is offset 0
SEL_TIME = 1795645965                    # 2026-11-25 03:12:45 UTC
THRESHOLD_MASK = '000000000000000'        # no threshold events: readings only


def _id_string(name):
    data = name.encode()[:16]
    return [0xC0 | len(data)] + list(data)


def full_record(record_id, number, entity, instance, sensor_type, units, name, nominal, thresholds, multiplier=1):
    """A full sensor record for a threshold sensor; thresholds = (unr, ucr, unc, lnr, lcr, lnc) raw bytes."""
    unr, ucr, unc, lnr, lcr, lnc = thresholds
    body = [BMC, 0, number, entity, instance, 0x7F, 0x68, sensor_type, 0x01,
            0x95, 0x7A, 0x95, 0x7A, 0x3F, 0x3F,            # assertion / deassertion / readable+settable threshold masks
            0x00, units, 0x00, 0x00, multiplier & 0xFF, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            nominal, 0xFF, 0x00, 0xFF, 0x00, unr, ucr, unc, lnr, lcr, lnc, 0x02, 0x02, 0x00, 0x00, 0x00]
    body += _id_string(name)
    return [record_id & 0xFF, record_id >> 8, 0x51, 0x01, len(body)] + body


def compact_record(record_id, number, entity, instance, sensor_type, name, assert_mask=0x0003):
    body = [BMC, 0, number, entity, instance, 0x7F, 0x40, sensor_type, 0x6F,
            assert_mask & 0xFF, assert_mask >> 8, assert_mask & 0xFF, assert_mask >> 8, 0xFF, 0x00,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
    body += _id_string(name)
    return [record_id & 0xFF, record_id >> 8, 0x51, 0x02, len(body)] + body


def _fru_area(fields, lang=True):
    data = [0x01, 0x00, 0x00] if lang else [0x01, 0x00]
    for field in fields:
        raw = field.encode()
        data += [0xC0 | len(raw)] + list(raw)
    data.append(0xC1)
    while (len(data) + 1) % 8:
        data.append(0x00)
    data[1] = (len(data) + 1) // 8
    data.append((-sum(data)) & 0xFF)
    return data


def fru_data(manufacturer, product, version, serial):
    product_area = _fru_area([manufacturer, product, 'P-01', version, serial, 'asset', 'fru-file'])
    header = [0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00]    # product info area at offset 8
    header[7] = (-sum(header)) & 0xFF
    return header + product_area


def sensors(entry):
    """[(kind, number, name, record builder args, initial value)]"""
    psus = entry.get('psus', ['PS1 Status', 'PS2 Status'])
    temps = [('Inlet Temp', 24, (50, 45, 42, 0, 0, 0)), ('CPU1 Temp', 52, (100, 95, 88, 0, 0, 0))]
    fans = [('FAN1', 60, (0xFF, 0xFF, 0xFF, 0, 10, 15)), ('FAN2', 58, (0xFF, 0xFF, 0xFF, 0, 10, 15))]   # x100 RPM
    return psus, temps, fans


def commands(entry, plants):
    psus, temps, fans = sensors(entry)
    failed = {p['params']['psu'] for p in plants if p['kind'] == 'bmc_psu_fail'}
    logged = {p['params']['psu'] for p in plants if p['kind'] == 'bmc_sel_critical'}
    lines = ['mc_setbmc 0x20', 'mc_add 0x20 0 no-device-sdrs 0x23 2 0x31 0x9f 0x0007db 0x0001', 'sel_enable 0x20 1000 0x0a']
    fru = fru_data(entry.get('manufacturer', 'Huawei'), entry.get('model', 'RH2288 V2'), entry.get('firmware', '5.12'),
                   entry.get('serial', '2102310QLH10E4001234'))
    lines.append('mc_add_fru_data 0x20 0 %d data %s' % (len(fru), ' '.join('0x%02x' % b for b in fru)))
    record, number = 1, 0x10
    for index, name in enumerate(psus):
        lines.append('sensor_add 0x20 0 0x%02x 0x%02x 0x6f' % (number, PSU_TYPE))
        lines.append('main_sdr_add 0x20 ' + ' '.join('0x%02x' % b for b in compact_record(record, number, 10, index + 1, PSU_TYPE, name)))
        lines.append('sensor_set_event_support 0x20 0 0x%02x 1 1 per-state %s' % (number, ' '.join([DISCRETE_MASK] * 4)))
        lines.append('sensor_set_bit 0x20 0 0x%02x 0 1 0' % number)
        if name in failed:
            lines.append('sensor_set_bit 0x20 0 0x%02x 1 1 0' % number)       # failure detected (state only)
        if name in logged:                                                    # its assertion in the SEL
            stamp = [(SEL_TIME >> shift) & 0xFF for shift in (0, 8, 16, 24)]
            event = stamp + [BMC, 0x00, 0x04, PSU_TYPE, number, 0x6F, 0x01, 0xFF, 0xFF]
            lines.append('sel_add 0x20 0x02 ' + ' '.join('0x%02x' % b for b in event))
        record, number = record + 1, number + 1
    for index, (name, value, thresholds) in enumerate(temps):
        lines.append('sensor_add 0x20 0 0x%02x 0x%02x 0x01' % (number, TEMP_TYPE))
        sdr = full_record(record, number, 7 if index else 55, 1, TEMP_TYPE, UNIT_DEGREES_C, name, value, thresholds)
        lines.append('main_sdr_add 0x20 ' + ' '.join('0x%02x' % b for b in sdr))
        lines.append('sensor_set_threshold 0x20 0 0x%02x settable 111111 %s' % (number, ' '.join('0x%02x' % t for t in thresholds)))
        lines.append('sensor_set_event_support 0x20 0 0x%02x 1 1 per-state %s' % (number, ' '.join([THRESHOLD_MASK] * 4)))
        lines.append('sensor_set_value 0x20 0 0x%02x %d 0' % (number, value))
        record, number = record + 1, number + 1
    for index, (name, value, thresholds) in enumerate(fans):
        lines.append('sensor_add 0x20 0 0x%02x 0x%02x 0x01' % (number, FAN_TYPE))
        sdr = full_record(record, number, 29, index + 1, FAN_TYPE, UNIT_RPM, name, value, thresholds, multiplier=100)
        lines.append('main_sdr_add 0x20 ' + ' '.join('0x%02x' % b for b in sdr))
        lines.append('sensor_set_threshold 0x20 0 0x%02x settable 111111 %s' % (number, ' '.join('0x%02x' % t for t in thresholds)))
        lines.append('sensor_set_event_support 0x20 0 0x%02x 1 1 per-state %s' % (number, ' '.join([THRESHOLD_MASK] * 4)))
        lines.append('sensor_set_value 0x20 0 0x%02x %d 0' % (number, value))
        record, number = record + 1, number + 1
    lines.append('mc_enable 0x20')
    return lines


def lan_conf(entry, address='0.0.0.0', port=623):
    return '\n'.join([
        'name "%s"' % entry['name'],
        'set_working_mc 0x20',
        '  startlan 1',
        '    addr %s %d' % (address, port),
        '    priv_limit admin',
        '    allowed_auths_callback none md2 md5 straight',
        '    allowed_auths_user none md2 md5 straight',
        '    allowed_auths_operator none md2 md5 straight',
        '    allowed_auths_admin none md2 md5 straight',
        '    guid a123456789abcdefa123456789abcdef',
        '  endlan',
        'user 2 true "%s" "%s" admin 10 none md2 md5 straight' % (entry['username'], entry['password']),
    ]) + '\n'


def write(run_dir, entry, plants=(), address='0.0.0.0', port=623):
    with open(os.path.join(run_dir, 'lan.conf'), 'w', encoding='utf-8') as handle:
        handle.write(lan_conf(entry, address, port))
    os.chmod(os.path.join(run_dir, 'lan.conf'), 0o600)
    with open(os.path.join(run_dir, 'bmc.emu'), 'w', encoding='utf-8') as handle:
        handle.write('\n'.join(commands(entry, list(plants))) + '\n')
