"""Sangfor AF-1000 (NGAF 8.0) as fw-ngaf-01, the 医保专网 boundary firewall: healthy.

MIB-II, IF-MIB, HOST-RESOURCES-MIB (hrProcessorLoad, hrStorage) and the few SANGFOR-GENERAL-MIB
objects public collectors agree on. Values invented; OIDs and sources in SOURCES.md.
"""
import devkit
import mib_more
import mib_tables as mib

NAME = 'sangfor_af1000'
FAULTS = ()
RECORDINGS = {NAME: ()}

MAC = '00:e0:4c:6b:20:a0'
UPTIME_S = 64 * 86400 + 2 * 3600
SYSTEM = {
    'descr': 'Sangfor NGAF AF-1000-B1080 AF8.0.45',
    # Sangfor's enterprise number is 35047; the product leaf is ours, not verified.
    'object_id': '1.3.6.1.4.1.35047.1',
    'uptime_s': UPTIME_S,
    'contact': '信息中心 安全组',
    'name': 'fw-ngaf-01',
    'location': '信息中心机房 A05 机柜',
    'services': 72,
}
PORTS = {0: ('manage', 3000, 5000), 1: ('wan-医保专网', 800000, 450000), 2: ('lan-core', 460000, 790000), 3: ('ha', 20000, 20000)}


def interfaces():
    ifaces = [devkit.iface(1, 'lo', 24, 0)]
    for n in range(6):
        use = PORTS.get(n)
        ifaces.append(devkit.port(n + 2, 'eth%d' % n, 1000, MAC, UPTIME_S, use))
    return ifaces


CPUS = [(196608 + n, load) for n, load in enumerate((18, 22, 15, 20))]
STORAGE = [{'index': 1, 'type': 'ram', 'descr': 'Physical memory', 'unit': 1024, 'size': 16315892, 'used': 7015833},
           {'index': 3, 'type': 'virtual', 'descr': 'Virtual memory', 'unit': 1024, 'size': 20510196, 'used': 7015833},
           {'index': 31, 'type': 'fixed_disk', 'descr': '/', 'unit': 4096, 'size': 7665347, 'used': 2146297}]
ENTITIES = [{'index': 1, 'class': 'chassis', 'name': 'AF-1000', 'descr': 'Sangfor AF-1000-B1080', 'contained_in': 0,
             'serial': 'S1080A21B0042', 'mfg_name': 'Sangfor', 'model': 'AF-1000-B1080', 'software_rev': 'AF8.0.45'}]
HEALTH = {'cpu_pct': 19, 'sessions_max': 1200000, 'sessions': 94000}


def records(faults=()):
    devkit.check_faults(NAME, FAULTS, faults)
    return (mib.system_group(SYSTEM) + mib.interfaces(interfaces()) + mib.entity_physical(ENTITIES)
            + mib_more.host_resources(CPUS, STORAGE) + mib_more.sangfor(HEALTH))
