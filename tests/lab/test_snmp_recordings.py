"""The snmpsim recordings under tools/lab/snmp: generated, numerically sorted, valid, complete.

No lab needed: this reads the generator's output and the committed files.
"""
import os
import sys

import pytest

SNMP_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), 'tools', 'lab', 'snmp')
sys.path.insert(0, SNMP_DIR)

import make_recordings  # noqa: E402  pylint: disable=wrong-import-position
import snmprec_writer  # noqa: E402  pylint: disable=wrong-import-position

PROFILES = make_recordings.PROFILES
INTEGER_RANGE = (-2 ** 31, 2 ** 31 - 1)

# Every device kind answers these; profiles add their vendor's OIDs below.
COMMON_REQUIRED = [
    '1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.2.0', '1.3.6.1.2.1.1.3.0', '1.3.6.1.2.1.1.4.0',
    '1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.6.0',
]
REQUIRED = {
    'huawei_s5720': COMMON_REQUIRED + [
        '1.3.6.1.2.1.2.1.0',
        '1.3.6.1.2.1.2.2.1.2.5',                               # ifDescr GigabitEthernet0/0/1
        '1.3.6.1.2.1.2.2.1.8.29',                              # ifOperStatus XGigabitEthernet0/0/1
        '1.3.6.1.2.1.2.2.1.10.5', '1.3.6.1.2.1.2.2.1.16.5',    # ifIn/OutOctets
        '1.3.6.1.2.1.2.2.1.14.5', '1.3.6.1.2.1.2.2.1.13.5',    # ifInErrors, ifInDiscards
        '1.3.6.1.2.1.31.1.1.1.1.5', '1.3.6.1.2.1.31.1.1.1.6.5', '1.3.6.1.2.1.31.1.1.1.10.5',
        '1.3.6.1.2.1.31.1.1.1.15.5', '1.3.6.1.2.1.31.1.1.1.18.5',
        '1.3.6.1.2.1.47.1.1.1.1.5.16777216', '1.3.6.1.2.1.47.1.1.1.1.11.67108867',
        '1.3.6.1.4.1.2011.5.25.31.1.1.1.1.5.67108867',         # hwEntityCpuUsage
        '1.3.6.1.4.1.2011.5.25.31.1.1.1.1.7.67108867',         # hwEntityMemUsage
        '1.3.6.1.4.1.2011.5.25.31.1.1.1.1.11.67108867',        # hwEntityTemperature
        '1.3.6.1.4.1.2011.5.25.31.1.1.1.1.2.67108867',         # hwEntityOperStatus
        '1.3.6.1.4.1.2011.5.25.31.1.1.10.1.7.0.0',             # hwEntityFanState
        '1.3.6.1.4.1.2011.5.25.31.1.1.18.1.6.0.1',             # hwEntityPwrState
    ],
}

IF_DESCR_1, IF_OPER_1 = '1.3.6.1.2.1.2.2.1.2.4', '1.3.6.1.2.1.2.2.1.8.4'
REQUIRED.update({
    'h3c_s5560x': COMMON_REQUIRED + [IF_DESCR_1, IF_OPER_1, '1.3.6.1.2.1.2.2.1.14.52',
                                     '1.3.6.1.4.1.25506.2.6.1.1.1.1.6.2',       # hh3cEntityExtCpuUsage board
                                     '1.3.6.1.4.1.25506.2.6.1.1.1.1.19.32',     # hh3cEntityExtErrorStatus Fan 2
                                     '1.3.6.1.2.1.47.1.1.1.1.5.32'],
    # YunShan S5735: no hwEntityMemSize (9) / MemSizeMega (19), no fan Present (6), 48 admin-up unused ports
    'huawei_s5735': COMMON_REQUIRED + ['1.3.6.1.4.1.2011.5.25.31.1.1.1.1.5.67108867',   # hwEntityCpuUsage board
                                       '1.3.6.1.4.1.2011.5.25.31.1.1.1.1.12.67108867',  # hwEntityTemperatureThreshold
                                       '1.3.6.1.4.1.2011.5.25.31.1.1.10.1.7.0.0',       # hwEntityFanState
                                       '1.3.6.1.2.1.2.2.1.7.51', '1.3.6.1.2.1.2.2.1.8.52'],
    'huawei_s7706': COMMON_REQUIRED + ['1.3.6.1.2.1.2.2.1.2.11',     # ifDescr XGigabitEthernet1/0/1 (ifIndex has gaps)
                                       '1.3.6.1.4.1.2011.5.25.31.1.1.18.1.6.0.2',
                                       '1.3.6.1.2.1.68.1.3.1.3.60.10',          # vrrpOperState Vlanif10 VRID 10
                                       '1.3.6.1.2.1.14.10.1.6.10.77.254.1.0',   # ospfNbrState
                                       '1.3.6.1.4.1.2011.5.25.183.1.20.1.3.1'],  # hwMemberStackRole
    # HILLSTONE-SYSTEM-MIB V3 has no memory ratio: total and used memory (KiB) instead.
    'hillstone_sg6000': COMMON_REQUIRED + ['1.3.6.1.4.1.28557.2.2.1.3.0', '1.3.6.1.4.1.28557.2.2.1.4.0', '1.3.6.1.4.1.28557.2.2.1.5.0',
                                           '1.3.6.1.4.1.28557.2.26.1.2.1.5.1', '1.3.6.1.4.1.28557.2.27.1.2.1.3.1'],
    'sangfor_af1000': COMMON_REQUIRED + ['1.3.6.1.2.1.25.3.3.1.2.196608', '1.3.6.1.2.1.25.2.3.1.6.1', '1.3.6.1.4.1.35047.1.3.0'],
    'h3c_secpath_f100': COMMON_REQUIRED + ['1.3.6.1.4.1.25506.2.6.1.1.1.1.8.2', '1.3.6.1.2.1.25.3.3.1.2.1'],
    'huawei_ups5000': COMMON_REQUIRED + ['1.3.6.1.4.1.2011.6.174.1.2.101.1.1.1', '1.3.6.1.4.1.2011.6.174.1.6.100.1.3.1'],
    'apc_srt': COMMON_REQUIRED + ['1.3.6.1.2.1.33.1.2.1.0', '1.3.6.1.2.1.33.1.2.3.0', '1.3.6.1.2.1.33.1.2.4.0',
                                  '1.3.6.1.2.1.33.1.4.1.0', '1.3.6.1.2.1.33.1.4.4.1.5.1', '1.3.6.1.2.1.33.1.6.1.0'],
    'precision_ac': COMMON_REQUIRED + ['1.3.6.1.2.1.99.1.1.1.4.11', '1.3.6.1.2.1.47.1.1.1.1.7.11'],
    # RFC 1628 only, an invented enterprise number: found by capability (upsIdentManufacturer), no ifXTable
    'ups_rfc1628_generic': COMMON_REQUIRED + ['1.3.6.1.2.1.33.1.1.1.0', '1.3.6.1.2.1.33.1.2.4.0', '1.3.6.1.2.1.33.1.4.1.0',
                                              '1.3.6.1.2.1.33.1.4.4.1.5.1', '1.3.6.1.2.1.2.1.0', '1.3.6.1.2.1.2.2.1.8.2'],
})


def parse(text):
    """[(oid tuple, tag, value)] from a recording's text."""
    records = []
    for line in text.splitlines():
        oid, tag, value = line.split('|', 2)
        records.append((tuple(int(part) for part in oid.split('.')), tag, value))
    return records


def committed(profile):
    with open(make_recordings.recording_path(profile.NAME), encoding='utf-8') as handle:
        return handle.read()


@pytest.fixture(params=PROFILES, ids=[profile.NAME for profile in PROFILES])
def profile(request):
    return request.param


def test_committed_recording_is_the_generators_output(profile):
    assert committed(profile) == make_recordings.build(profile), 'run python tools/lab/snmp/make_recordings.py'


def test_check_mode_reports_up_to_date():
    assert make_recordings.main(['--check']) == 0


def test_sorted_numerically_without_duplicates(profile):
    oids = [oid for oid, _tag, _value in parse(make_recordings.build(profile))]
    assert oids == sorted(oids)
    assert len(oids) == len(set(oids))
    # The trap a text sort falls into: .10 must come after .9 (the S5720's ifIndex 9/10 shows it).
    text_sorted = sorted('.'.join(map(str, oid)) for oid in oids)
    if profile.NAME == 'huawei_s5720':
        assert text_sorted != ['.'.join(map(str, oid)) for oid in oids]


def _check_value(tag, value):
    base, _sep, variation = tag.partition(':')
    assert base in snmprec_writer.VALID_TAGS, tag
    if variation:
        assert variation in snmprec_writer.VARIATION_MODULES and base in snmprec_writer.NUMERIC_TAGS, tag
        settings = dict(item.split('=') for item in value.split(','))
        assert {'rate', 'initial'} <= set(settings) if variation == 'numeric' else set(settings) == {'value'}, value
        assert all(float(number) >= 0 for number in settings.values()), value
    elif base in snmprec_writer.NUMERIC_TAGS:
        number = int(value)
        if base == snmprec_writer.TAG_INTEGER:
            assert INTEGER_RANGE[0] <= number <= INTEGER_RANGE[1], value
        elif base == snmprec_writer.TAG_COUNTER64:
            assert 0 <= number < 2 ** 64, value
        else:
            assert 0 <= number < 2 ** 32, value
    elif base == snmprec_writer.TAG_OCTETS_HEX:
        bytes.fromhex(value)
    elif base == snmprec_writer.TAG_OID:
        assert all(part.isdigit() for part in value.split('.')), value
    elif base == snmprec_writer.TAG_OCTETS:
        assert all(32 <= ord(char) < 127 for char in value), value


def test_tags_and_values_are_valid(profile):
    for oid, tag, value in parse(make_recordings.build(profile)):
        try:
            _check_value(tag, value)
        except (AssertionError, ValueError) as exc:
            raise AssertionError('%s|%s|%s: %s' % ('.'.join(map(str, oid)), tag, value, exc)) from exc


def test_required_oids_present(profile):
    present = {'.'.join(map(str, oid)) for oid, _tag, _value in parse(make_recordings.build(profile))}
    missing = [oid for oid in REQUIRED[profile.NAME] if oid not in present]
    assert not missing


def test_every_profile_has_required_list():
    assert {profile.NAME for profile in PROFILES} <= set(REQUIRED)


def test_huawei_s5735_has_the_yunshan_gaps():
    # The real structures that broke the VRP profile: no MemSize/MemSizeMega, no fan Present.
    text = make_recordings.build(make_recordings.profile_huawei_s5735)
    for column in ('1.3.6.1.4.1.2011.5.25.31.1.1.1.1.9.', '1.3.6.1.4.1.2011.5.25.31.1.1.1.1.19.',
                   '1.3.6.1.4.1.2011.5.25.31.1.1.10.1.6.'):
        assert '\n' + column not in '\n' + text
    records = parse(text)
    admin_up_unused = [n for n in range(4, 52) if _value(records, '1.3.6.1.2.1.2.2.1.7.%d' % n)[1] == '1'
                       and _value(records, '1.3.6.1.2.1.2.2.1.8.%d' % n)[1] == '2']
    assert len(admin_up_unused) == 48


def _value(records, oid):
    wanted = tuple(int(part) for part in oid.split('.'))
    return next((tag, value) for rec_oid, tag, value in records if rec_oid == wanted)


def test_huawei_s5720_identity_and_health():
    records = parse(make_recordings.build(make_recordings.profile_huawei_s5720))
    assert _value(records, '1.3.6.1.2.1.1.5.0') == ('4', 'core-sw-01')
    assert bytes.fromhex(_value(records, '1.3.6.1.2.1.1.6.0')[1]).decode() == '信息中心机房'
    descr = bytes.fromhex(_value(records, '1.3.6.1.2.1.1.1.0')[1]).decode()
    assert 'V200R011' in descr and descr.startswith('S5720-28X-LI-AC')
    assert _value(records, '1.3.6.1.2.1.1.2.0')[1].startswith('1.3.6.1.4.1.2011.')
    names = [bytes.fromhex(v).decode() if t == '4x' else v for oid, t, v in records if oid[:-1] == (1, 3, 6, 1, 2, 1, 31, 1, 1, 1, 1)]
    assert sum(name.startswith('GigabitEthernet0/0/') for name in names) == 24
    assert sum(name.startswith('XGigabitEthernet0/0/') for name in names) == 4
    assert any(name.startswith('Vlanif') for name in names) and 'MEth0/0/1' in names
    # Healthy: every admin-up interface is oper-up, no errors, fans normal, power supplying.
    admin = {oid[-1]: value for oid, _t, value in records if oid[:-1] == (1, 3, 6, 1, 2, 1, 2, 2, 1, 7)}
    oper = {oid[-1]: value for oid, _t, value in records if oid[:-1] == (1, 3, 6, 1, 2, 1, 2, 2, 1, 8)}
    assert all(oper[idx] == '1' for idx, value in admin.items() if value == '1')
    errors = [value for oid, _t, value in records if oid[:-1] == (1, 3, 6, 1, 2, 1, 2, 2, 1, 14)]
    assert set(errors) == {'0'}
    assert _value(records, '1.3.6.1.4.1.2011.5.25.31.1.1.10.1.7.0.0')[1] == '1'
    assert _value(records, '1.3.6.1.4.1.2011.5.25.31.1.1.18.1.6.0.1')[1] == '1'
    assert int(_value(records, '1.3.6.1.4.1.2011.5.25.31.1.1.1.1.5.67108867')[1]) < 50


RECORDINGS = make_recordings.all_recordings()


@pytest.mark.parametrize('name,module,faults', RECORDINGS, ids=[r[0] for r in RECORDINGS])
def test_every_recording_is_committed_sorted_and_valid(name, module, faults):
    text = make_recordings.build(module, name)
    with open(make_recordings.recording_path(name), encoding='utf-8') as handle:
        assert handle.read() == text, 'run python tools/lab/snmp/make_recordings.py'
    records = parse(text)
    oids = [oid for oid, _tag, _value in records]
    assert oids == sorted(oids) and len(oids) == len(set(oids))
    for oid, tag, value in records:
        _check_value(tag, value)
    assert set(faults) <= set(getattr(module, 'FAULTS', ()))


def _values(name):
    module = next(m for n, m, _f in RECORDINGS if n == name)
    return dict(('.'.join(map(str, oid)), value) for oid, _tag, value in parse(make_recordings.build(module, name)))


@pytest.mark.parametrize('oid,healthy,faulty,recording', [
    ('1.3.6.1.4.1.25506.2.6.1.1.1.1.19.32', '2', '41', 'h3c_s5560x'),          # Fan 2 normal -> fanError
    ('1.3.6.1.2.1.2.2.1.8.53', '1', '2', 'h3c_s5560x'),                         # Ten-GE1/0/50 oper up -> down
    ('1.3.6.1.4.1.2011.5.25.31.1.1.18.1.6.0.2', '1', '2', 'huawei_s7706'),      # PWR2 supply -> notSupply
    ('1.3.6.1.4.1.2011.6.174.1.6.100.1.3.1', '100', '42', 'huawei_ups5000'),   # charge %
    ('1.3.6.1.2.1.33.1.4.1.0', '3', '5', 'apc_srt'),                            # upsOutputSource normal -> battery
    ('1.3.6.1.2.1.33.1.2.4.0', '100', '29', 'ups_rfc1628_generic'),             # upsEstimatedChargeRemaining
    ('1.3.6.1.2.1.99.1.1.1.4.11', '245', '335', 'env_monitor'),                 # room temperature 0.1 degC
])
def test_fault_variants_differ_only_where_planted(oid, healthy, faulty, recording):
    assert _values(recording)[oid] == healthy
    assert _values(recording + '_faults')[oid] == faulty


def test_crc_errors_rise_only_in_the_fault_variant():
    oid = '1.3.6.1.2.1.2.2.1.14.13'                                             # ifInErrors XGigabitEthernet1/0/3
    assert _values('huawei_s7706')[oid] == '0'
    assert _values('huawei_s7706_faults')[oid].startswith('rate=30,')


def test_unknown_fault_is_refused():
    with pytest.raises(ValueError, match='unknown fault'):
        make_recordings.profile_h3c_s5560x.records(('fan_on_fire',))
