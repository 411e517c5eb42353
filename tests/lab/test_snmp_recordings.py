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
    # The trap a text sort falls into: .10 must come after .9.
    text_sorted = sorted('.'.join(map(str, oid)) for oid in oids)
    assert text_sorted != ['.'.join(map(str, oid)) for oid in oids]


def _check_value(tag, value):
    base, _sep, variation = tag.partition(':')
    assert base in snmprec_writer.VALID_TAGS, tag
    if variation:
        assert variation in snmprec_writer.VARIATION_MODULES and base in snmprec_writer.NUMERIC_TAGS, tag
        settings = dict(item.split('=') for item in value.split(','))
        assert {'rate', 'initial'} <= set(settings), value
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
