"""The lab's storage arrays as data: what each emulator serves, with the planted faults applied.

oceanstor(entry, plants) -> {deviceid, system, storagepool, disk, alarm}: the `data` of the
OceanStor DeviceManager REST answers (field names and codes as documented for OceanStor V3/V5:
capacities in 512-byte sectors, HEALTHSTATUS 1 normal / 2 fault, RUNNINGSTATUS 27 online /
28 offline, alarm level 2 warning / 3 major / 4 critical).
The system's PRODUCTMODE is the code of the model (95 = OceanStor 5500 V5) and no productModeString,
as arrays without that field answer.
storwize(entry, plants) -> {lssystem, lsenclosure, lsmdiskgrp, lsdrive, lseventlog, lsmdisk, lsnodecanister,
lsnode, lsenclosurebattery, lsenclosurepsu, lsquorum}: rows of the Storwize CLI views, rendered by
storwize_cli.py. Columns in the order of code level 8.3/8.4 as public outputs show them (IBM's
spectrum-virtualize-exporter samples, Centreon's FlashSystem mock): `ctrl_LUN_#` included, lsnode and
lsnodecanister with the same columns, lsenclosurebattery with the seven columns of enclosure
batteries, lsquorum up to site_name. Pool0 is the internal array mdisk0, Pool1 the external MDisk
mdisk1 of a backend controller.
Values are invented. Plant kinds (hospital.yml `planted`, params):
  storage_pool_fill {pool, percent}   storage_disk_fail {disk}   storage_alarm {name, level, event_id}
  storage_mdisk_offline {mdisk}: the MDisk lost every path (status offline). Simplification: on a real
    system its pool goes offline with it and the event log gets an alert; the lab keeps the pool online
    and the log empty so that the MDisk item is the one finding.
"""
import time

SECTOR = 512
TIB = 1024 ** 4
GIB = 1024 ** 3


def _plants(plants, kind):
    return [p['params'] for p in plants if p['kind'] == kind]


def oceanstor(entry, plants=()):
    serial = entry.get('serial', '2102351QLH10K8000042')
    pools = []
    for index, (name, total_tib, used_pct) in enumerate(entry.get('pools') or [('StoragePool001', 40, 52), ('StoragePool002', 20, 38)]):
        for params in _plants(plants, 'storage_pool_fill'):
            if params['pool'] == name:
                used_pct = params['percent']
        total = total_tib * TIB // SECTOR
        used = total * used_pct // 100
        pools.append({'ID': str(index), 'NAME': name, 'TYPE': 216, 'HEALTHSTATUS': '1', 'RUNNINGSTATUS': '27', 'USAGETYPE': '1',
                      'USERTOTALCAPACITY': str(total), 'USERCONSUMEDCAPACITY': str(used), 'USERFREECAPACITY': str(total - used),
                      'USERCONSUMEDCAPACITYPERCENTAGE': str(used_pct), 'USERCONSUMEDCAPACITYTHRESHOLD': '80',
                      'TIER0DISKTYPE': '3', 'TIER0RAIDLV': '5'})
    failed = {p['disk'] for p in _plants(plants, 'storage_disk_fail')}
    disks = []
    for slot in range(12):
        location = 'CTE0.%d' % slot
        bad = location in failed
        disks.append({'ID': str(slot), 'LOCATION': location, 'HEALTHSTATUS': '2' if bad else '1', 'RUNNINGSTATUS': '28' if bad else '27',
                      'MODEL': 'ST4000NM0035', 'MANUFACTURER': 'Seagate', 'SERIALNUMBER': 'ZC1%05dQ' % (slot + 301),
                      'CAPACITY': str(4 * 1000 ** 4 // SECTOR), 'DISKTYPE': '1', 'LOGICTYPE': '1', 'FIRMWAREVER': 'TN05'})
    alarms = []
    for seq, params in enumerate(_plants(plants, 'storage_alarm'), start=1001):
        alarms.append({'sequence': seq, 'eventID': params.get('event_id', '0xF00CF002D'), 'level': int(params.get('level', 4)),
                       'name': params['name'], 'alarmStatus': 1, 'type': 1,
                       'location': params.get('location', 'CTE0.A'), 'startTime': int(time.time()) - 3600,
                       # Worded as the array words its alarms: lab wording would leak into the reports.
                       'description': params.get('description', '%s at %s.' % (params['name'], params.get('location', 'CTE0.A'))),
                       'suggestion': 'Contact technical support.'})
    system = {'ID': serial, 'NAME': entry['name'], 'PRODUCTMODE': entry.get('product_mode', '95'),
              'PRODUCTVERSION': 'V500R007C60', 'pointRelease': entry.get('firmware', 'V500R007C60SPC300'),
              'HEALTHSTATUS': '1', 'RUNNINGSTATUS': '1', 'SECTORSIZE': str(SECTOR), 'wwn': '21000022a1b2c3d4',
              'TOTALCAPACITY': str(sum(int(p['USERTOTALCAPACITY']) for p in pools)),
              'USEDCAPACITY': str(sum(int(p['USERCONSUMEDCAPACITY']) for p in pools)), 'LOCATION': 'Data center room 1'}
    return {'deviceid': serial, 'system': system, 'storagepool': pools, 'disk': disks, 'alarm': alarms}


def storwize(entry, plants=()):
    pools = []
    for index, (name, total_tib, used_pct) in enumerate(entry.get('pools') or [('Pool0', 30, 61), ('Pool1', 10, 25)]):
        for params in _plants(plants, 'storage_pool_fill'):
            if params['pool'] == name:
                used_pct = params['percent']
        total = total_tib * TIB
        free = total - total * used_pct // 100
        pools.append({'id': str(index), 'name': name, 'status': 'online', 'mdisk_count': '1', 'vdisk_count': str(4 + index),
                      'capacity': str(total), 'extent_size': '1024', 'free_capacity': str(free), 'virtual_capacity': str(total - free),
                      'used_capacity': str(total - free), 'real_capacity': str(total - free), 'overallocation': str(100 - (free * 100 // total)),
                      'warning': '80', 'easy_tier': 'balanced', 'easy_tier_status': 'balanced', 'compression_active': 'no',
                      'parent_mdisk_grp_id': str(index), 'parent_mdisk_grp_name': name, 'child_mdisk_grp_count': '0',
                      'type': 'parent', 'encrypt': 'no', 'owner_type': 'none', 'data_reduction': 'no'})
    failed = {str(p['disk']) for p in _plants(plants, 'storage_disk_fail')}
    drives = []
    for slot in range(1, 13):
        drive_id = str(slot - 1)
        bad = drive_id in failed
        drives.append({'id': drive_id, 'status': 'offline' if bad else 'online', 'error_sequence_number': '120' if bad else '',
                       'use': 'failed' if bad else ('spare' if slot == 12 else 'member'), 'tech_type': 'tier_enterprise',
                       'capacity': '1.7TB', 'mdisk_id': '' if slot == 12 else '0', 'mdisk_name': '' if slot == 12 else 'mdisk0',
                       'member_id': '' if slot == 12 else str(slot - 1), 'enclosure_id': '1', 'slot_id': str(slot),
                       'node_id': '', 'node_name': '', 'auto_manage': 'inactive', 'drive_class_id': '0'})
    events = []
    for seq, params in enumerate(_plants(plants, 'storage_alarm'), start=120):
        events.append({'sequence_number': str(seq), 'last_timestamp': '261125080000', 'object_type': params.get('object_type', 'drive'),
                       'object_id': '0', 'object_name': '', 'copy_id': '', 'status': 'alert', 'fixed': 'no',
                       'event_id': params.get('event_id', '010070'), 'error_code': str(params.get('error_code', 1690)),
                       'description': params['name']})
    system = {'id': '000002042160007E', 'name': entry['name'], 'location': 'local', 'partnership': '', 'total_mdisk_capacity': '40.0TB',
              'space_in_mdisk_grps': '40.0TB', 'total_free_space': '14.2TB', 'statistics_status': 'on', 'statistics_frequency': '15',
              'cluster_locale': 'en_US', 'time_zone': '522 UTC', 'code_level': entry.get('firmware', '8.3.1.7 (build 150.23.2206081316000)'),
              'console_IP': '%s:443' % entry['address'], 'product_name': entry.get('model', 'IBM Storwize V5030'),
              'topology': 'standard', 'topology_status': '', 'rc_auth_method': 'none'}
    enclosures = [{'id': '1', 'status': 'online', 'type': 'control', 'managed': 'yes', 'IO_group_id': '0', 'IO_group_name': 'io_grp0',
                   'product_MTM': '2077-324', 'serial_number': '78N1234', 'total_canisters': '2', 'online_canisters': '2',
                   'total_PSUs': '2', 'online_PSUs': '2', 'drive_slots': '24', 'total_fan_modules': '0', 'online_fan_modules': '0',
                   'total_sems': '0', 'online_sems': '0'}]
    offline = {p['mdisk'] for p in _plants(plants, 'storage_mdisk_offline')}
    mdisks = []
    for index, pool in enumerate(pools):
        name = 'mdisk%d' % index
        external = index > 0
        mdisks.append({'id': str(index), 'name': name, 'status': 'offline' if name in offline else 'online',
                       'mode': 'managed' if external else 'array', 'mdisk_grp_id': pool['id'], 'mdisk_grp_name': pool['name'],
                       'capacity': _tb(int(pool['capacity'])), 'ctrl_LUN_#': '0000000000000000' if external else '',
                       'controller_name': 'controller0' if external else '',
                       'UID': '600507680c8101234800000000000010' + '0' * 32 if external else '',
                       'tier': 'tier_enterprise', 'encrypt': 'no', 'site_id': '', 'site_name': '', 'distributed': 'no' if external else 'yes',
                       'dedupe': 'no', 'over_provisioned': 'no', 'supports_unmap': 'yes'})
    nodes = [{'id': str(n), 'name': 'node%d' % n, 'UPS_serial_number': '', 'WWNN': '500507680B00%04X' % (0x1230 + n), 'status': 'online',
              'IO_group_id': '0', 'IO_group_name': 'io_grp0', 'config_node': 'yes' if n == 1 else 'no', 'UPS_unique_id': '',
              'hardware': '324', 'iscsi_name': 'iqn.1986-03.com.ibm:2145.%s.node%d' % (entry['name'], n), 'iscsi_alias': '',
              'panel_name': '01-%d' % n, 'enclosure_id': '1', 'canister_id': str(n), 'enclosure_serial_number': '78N1234',
              'site_id': '', 'site_name': ''} for n in (1, 2)]
    batteries = [{'enclosure_id': '1', 'battery_id': str(n), 'status': 'online', 'charging_status': 'idle', 'recondition_needed': 'no',
                  'percent_charged': '100', 'end_of_life_warning': 'no'} for n in (1, 2)]
    psus = [{'enclosure_id': '1', 'PSU_id': str(n), 'status': 'online', 'input_power': 'ac'} for n in (1, 2)]
    quorum = [{'quorum_index': str(n), 'status': 'online', 'id': str(n * 4), 'name': '', 'controller_id': '', 'controller_name': '',
               'active': 'yes' if n == 0 else 'no', 'object_type': 'drive', 'override': 'no', 'site_id': '', 'site_name': ''}
              for n in (0, 1, 2)]
    return {'lssystem': system, 'lsenclosure': enclosures, 'lsmdiskgrp': pools, 'lsdrive': drives, 'lseventlog': events,
            'lsmdisk': mdisks, 'lsnodecanister': nodes, 'lsnode': nodes, 'lsenclosurebattery': batteries, 'lsenclosurepsu': psus,
            'lsquorum': quorum}


def _tb(size):
    """A capacity as the CLI rounds it without -bytes (30.00TB)."""
    return '%.2fTB' % (size / float(TIB))
