"""Write the lab's Redfish mockups (tools/lab/redfish/mockups/<name>/redfish/v1/**/index.json).

Usage: python tools/lab/redfish/make_mockups.py
A healthy 2U rack server BMC with what sushy-tools cannot serve: PSUs (Chassis/1/Power), fans
and temperatures with real health (Chassis/1/Thermal), model, serial and firmware, RAID drives
(Systems/1/Storage) and the System Event Log (Managers/1/LogServices/SEL/Entries, expanded).
Field names follow DMTF Redfish schemas (ServiceRoot, ComputerSystem, Chassis, Power, Thermal,
Manager, Storage, Drive, LogService, LogEntry);
values are invented. Faults are planted by the lab later by rewriting a device's copy.
"""
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
V1 = '/redfish/v1'
OK = {'State': 'Enabled', 'Health': 'OK'}


def link(path):
    return {'@odata.id': path}


def collection(path, odata_type, name, members):
    return {'@odata.id': path, '@odata.type': odata_type, 'Name': name,
            'Members@odata.count': len(members), 'Members': [link(m) for m in members]}


def _temperature(member, name, reading, context, warn, crit):
    return {'@odata.id': V1 + '/Chassis/1/Thermal#/Temperatures/%d' % member, 'MemberId': str(member),
            'Name': name, 'ReadingCelsius': reading, 'UpperThresholdNonCritical': warn,
            'UpperThresholdCritical': crit, 'PhysicalContext': context, 'Status': dict(OK)}


def _fan(member, reading):
    return {'@odata.id': V1 + '/Chassis/1/Thermal#/Fans/%d' % member, 'MemberId': str(member),
            'Name': 'Fan%d' % (member + 1), 'Reading': reading, 'ReadingUnits': 'RPM',
            'LowerThresholdCritical': 1000, 'PhysicalContext': 'SystemBoard', 'Status': dict(OK)}


def _psu(member, output_watts, serial):
    return {'@odata.id': V1 + '/Chassis/1/Power#/PowerSupplies/%d' % member, 'MemberId': str(member),
            'Name': 'PSU%d' % (member + 1), 'PowerSupplyType': 'AC', 'LineInputVoltage': 221,
            'PowerCapacityWatts': 900, 'LastPowerOutputWatts': output_watts, 'Manufacturer': 'Huawei',
            'Model': 'PAC900S12-B2', 'SerialNumber': serial, 'FirmwareVersion': 'DC:107 PFC:107',
            'Status': dict(OK)}


def _drive(system, index, serial):
    path = system + '/Storage/RAID1/Drives/Disk%d' % index
    return {'@odata.id': path, '@odata.type': '#Drive.v1_7_0.Drive', 'Id': 'Disk%d' % index, 'Name': 'Disk%d' % index,
            'MediaType': 'SSD', 'Protocol': 'SATA', 'CapacityBytes': 480103981056, 'Manufacturer': 'SAMSUNG', 'Model': 'MZ7LH480HAHQ',
            'SerialNumber': serial, 'Revision': 'HXT7904Q', 'FailurePredicted': False, 'Status': dict(OK)}


def _log_entry(manager, number, severity, message, created):
    return {'@odata.id': manager + '/LogServices/SEL/Entries/%d' % number, '@odata.type': '#LogEntry.v1_4_0.LogEntry',
            'Id': str(number), 'Name': 'SEL Entry %d' % number, 'EntryType': 'SEL', 'Severity': severity, 'Message': message,
            'Created': created}


def rack_server(model, serial, bmc_firmware, bios):
    """{resource path: document} of one healthy server BMC."""
    chassis, system, manager = V1 + '/Chassis/1', V1 + '/Systems/1', V1 + '/Managers/1'
    return {
        V1: {'@odata.id': V1, '@odata.type': '#ServiceRoot.v1_5_0.ServiceRoot', 'Id': 'RootService',
             'Name': 'Root Service', 'RedfishVersion': '1.6.0', 'UUID': '3e1a2b7c-0d44-4b0e-9f5a-6a1c0c2d1001',
             'Systems': link(V1 + '/Systems'), 'Chassis': link(V1 + '/Chassis'), 'Managers': link(V1 + '/Managers')},
        V1 + '/Systems': collection(V1 + '/Systems', '#ComputerSystemCollection.ComputerSystemCollection',
                                    'Computer System Collection', [system]),
        system: {'@odata.id': system, '@odata.type': '#ComputerSystem.v1_10_0.ComputerSystem', 'Id': '1',
                 'Name': 'Computer System', 'SystemType': 'Physical', 'Manufacturer': 'Huawei', 'Model': model,
                 'SerialNumber': serial, 'BiosVersion': bios, 'PowerState': 'On',
                 'Status': {'State': 'Enabled', 'Health': 'OK', 'HealthRollup': 'OK'},
                 'ProcessorSummary': {'Count': 2, 'Model': 'Intel(R) Xeon(R) Gold 5218R', 'Status': dict(OK)},
                 'MemorySummary': {'TotalSystemMemoryGiB': 256, 'Status': dict(OK)},
                 'Storage': link(system + '/Storage'),
                 'Links': {'Chassis': [link(chassis)], 'ManagedBy': [link(manager)]}},
        V1 + '/Chassis': collection(V1 + '/Chassis', '#ChassisCollection.ChassisCollection', 'Chassis Collection', [chassis]),
        chassis: {'@odata.id': chassis, '@odata.type': '#Chassis.v1_10_0.Chassis', 'Id': '1', 'Name': 'Computer System Chassis',
                  'ChassisType': 'RackMount', 'Manufacturer': 'Huawei', 'Model': model, 'SerialNumber': serial,
                  'PowerState': 'On', 'Status': {'State': 'Enabled', 'Health': 'OK', 'HealthRollup': 'OK'},
                  'Power': link(chassis + '/Power'), 'Thermal': link(chassis + '/Thermal'),
                  'Links': {'ComputerSystems': [link(system)], 'ManagedBy': [link(manager)]}},
        chassis + '/Power': {
            '@odata.id': chassis + '/Power', '@odata.type': '#Power.v1_5_0.Power', 'Id': 'Power', 'Name': 'Power',
            'PowerControl': [{'@odata.id': chassis + '/Power#/PowerControl/0', 'MemberId': '0', 'Name': 'System Power Control',
                              'PowerConsumedWatts': 312, 'PowerCapacityWatts': 1800, 'Status': dict(OK)}],
            'PowerSupplies': [_psu(0, 158, '2102311TXB10K9000301'), _psu(1, 154, '2102311TXB10K9000302')],
            'Redundancy': [{'@odata.id': chassis + '/Power#/Redundancy/0', 'MemberId': '0', 'Name': 'PSU Redundancy',
                            'Mode': 'N+m', 'MaxNumSupported': 2, 'MinNumNeeded': 1, 'Status': dict(OK)}]},
        chassis + '/Thermal': {
            '@odata.id': chassis + '/Thermal', '@odata.type': '#Thermal.v1_4_0.Thermal', 'Id': 'Thermal', 'Name': 'Thermal',
            'Temperatures': [_temperature(0, 'Inlet Temp', 23, 'Intake', 42, 46),
                             _temperature(1, 'CPU1 Core Rem', 51, 'CPU', 88, 95),
                             _temperature(2, 'CPU2 Core Rem', 48, 'CPU', 88, 95),
                             _temperature(3, 'PSU1 Inlet Temp', 31, 'PowerSupply', 55, 60)],
            'Fans': [_fan(index, rpm) for index, rpm in enumerate((5520, 5460, 5580, 5400))]},
        system + '/Storage': collection(system + '/Storage', '#StorageCollection.StorageCollection', 'Storage Collection', [system + '/Storage/RAID1']),
        system + '/Storage/RAID1': {
            '@odata.id': system + '/Storage/RAID1', '@odata.type': '#Storage.v1_7_0.Storage', 'Id': 'RAID1', 'Name': 'RAID Storage',
            'Status': {'State': 'Enabled', 'Health': 'OK', 'HealthRollup': 'OK'},
            'StorageControllers': [{'@odata.id': system + '/Storage/RAID1#/StorageControllers/0', 'MemberId': '0', 'Name': 'SAS3508',
                                    'FirmwareVersion': '5.060.01-2262', 'Status': dict(OK)}],
            'Drives': [link(system + '/Storage/RAID1/Drives/Disk%d' % index) for index in (0, 1)]},
        system + '/Storage/RAID1/Drives/Disk0': _drive(system, 0, 'S4X1NE0M300101'),
        system + '/Storage/RAID1/Drives/Disk1': _drive(system, 1, 'S4X1NE0M300102'),
        manager + '/LogServices': collection(manager + '/LogServices', '#LogServiceCollection.LogServiceCollection', 'Log Services',
                                             [manager + '/LogServices/SEL']),
        manager + '/LogServices/SEL': {'@odata.id': manager + '/LogServices/SEL', '@odata.type': '#LogService.v1_1_3.LogService', 'Id': 'SEL',
                                       'Name': 'System Event Log', 'MaxNumberOfRecords': 1000, 'OverWritePolicy': 'WrapsWhenFull',
                                       'Status': dict(OK), 'Entries': link(manager + '/LogServices/SEL/Entries')},
        manager + '/LogServices/SEL/Entries': {
            '@odata.id': manager + '/LogServices/SEL/Entries', '@odata.type': '#LogEntryCollection.LogEntryCollection', 'Name': 'Log Entries',
            'Members@odata.count': 2,
            'Members': [_log_entry(manager, 1, 'OK', 'System boot completed.', '2026-11-01T08:00:00+08:00'),
                        _log_entry(manager, 2, 'OK', 'BMC time synchronised with NTP server.', '2026-11-01T08:01:12+08:00')]},
        V1 + '/Managers': collection(V1 + '/Managers', '#ManagerCollection.ManagerCollection', 'Manager Collection', [manager]),
        manager: {'@odata.id': manager, '@odata.type': '#Manager.v1_8_0.Manager', 'Id': '1', 'Name': 'Manager',
                  'ManagerType': 'BMC', 'Model': 'iBMC', 'FirmwareVersion': bmc_firmware, 'Status': dict(OK),
                  'LogServices': link(manager + '/LogServices'),
                  'Links': {'ManagerForServers': [link(system)], 'ManagerForChassis': [link(chassis)]}},
    }


MOCKUPS = {
    'rack_server_2u': rack_server('2288H V5', '2102311TXB10K9000123', '3.63', '2.57'),
}


def write(name, resources):
    root = os.path.join(HERE, 'mockups', name)
    shutil.rmtree(root, ignore_errors=True)
    for path, document in resources.items():
        folder = os.path.join(root, path.lstrip('/'))
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, 'index.json'), 'w', encoding='utf-8') as handle:
            json.dump(document, handle, indent=2, ensure_ascii=False, sort_keys=True)
            handle.write('\n')
    return root


def main():
    for name, resources in MOCKUPS.items():
        print('wrote %s (%d resources)' % (write(name, resources), len(resources)))


if __name__ == '__main__':
    main()
