# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Inventory values validated once (module_utils/inspection/validate.py): settings warn and fall
back, connection parameters raise ConfigError naming host, key and value."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import os
import re

import pytest

from ansible_collections.medops.itops.plugins.module_utils.inspection import validate
from ansible_collections.medops.itops.plugins.module_utils.inspection.default_thresholds import DEFAULTS
from ansible_collections.medops.itops.plugins.module_utils.inspection.thresholds import resolve
from ansible_collections.medops.itops.plugins.module_utils.report.i18n import LANGUAGES

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', '..'))


def test_good_thresholds_pass_unchanged_and_without_a_word():
    good = {'linux.fs.used_pct': {'warning': 85, 'critical': 95},
            'linux.fs.used_pct@/oradata': {'warning': 90},              # builds on the id's rule: 90 <= 95
            'tls.days_left': {'warning': 45, 'critical': 10, 'direction': 'below'},
            'custom.interface.backlog': {'critical': 60},
            'custom.my_feed.lag_min': {'warning': 5, 'critical': 10},   # an id a custom check defines
            'ups.battery.temperature_c': {'warning': 40, 'critical': 45},   # an SNMP profile item without a default
            'pg.uptime.days': {'warning': 400},
            'linux.swap.used_pct': {'warning': None}}                 # null switches a level off
    clean, warnings = validate.thresholds('h1', good)
    assert warnings == []
    assert clean == good
    assert validate.thresholds('h1', None) == ({}, [])


def test_numeric_strings_are_numbers():
    clean, warnings = validate.thresholds('h1', {'linux.fs.used_pct': {'warning': '85', 'critical': '92.5'}})
    assert warnings == [] and clean == {'linux.fs.used_pct': {'warning': 85, 'critical': 92.5}}


@pytest.mark.parametrize('value, expected', [
    ({'linux.fs.used_pct': {'warning': 'eighty'}},
     "h1: itops_thresholds[linux.fs.used_pct].warning = 'eighty' is not a number; the default applies"),
    ({'linux.fs.used_pct': {'warning': True}},
     "h1: itops_thresholds[linux.fs.used_pct].warning = True is not a number; the default applies"),
    ({'linux.fs.used_pct': 80},
     "h1: itops_thresholds[linux.fs.used_pct] = 80 is not a mapping with warning/critical; the default applies"),
    ({'linux.fs.usedpct': {'warning': 80}},
     "h1: itops_thresholds[linux.fs.usedpct] = {'warning': 80} names no item id with a threshold (docs/thresholds.md); ignored"),
    ({'linux.fs.used_pct': {'warning': 95, 'critical': 90}},
     "h1: itops_thresholds[linux.fs.used_pct] = {'warning': 95, 'critical': 90} gives warning 95 above critical 90 "
     "(direction above: higher is worse); the default applies"),
    ({'linux.fs.used_pct': {'warning': 95}},      # above the default critical 90
     "h1: itops_thresholds[linux.fs.used_pct] = {'warning': 95} gives warning 95 above critical 90 "
     "(direction above: higher is worse); the default applies"),
    ({'tls.days_left': {'warning': 5}},            # direction below: warning must not be below critical 7
     "h1: itops_thresholds[tls.days_left] = {'warning': 5} gives warning 5 below critical 7 "
     "(direction below: lower is worse); the default applies"),
    ({'linux.fs.used_pct': {'direction': 'up'}},
     "h1: itops_thresholds[linux.fs.used_pct].direction = 'up' is not above or below; the default applies"),
    ({'linux.fs.used_pct': {'warn': 70}},
     "h1: itops_thresholds[linux.fs.used_pct].warn = 70 is not warning, critical or direction; ignored"),
    ('eighty', "h1: itops_thresholds = 'eighty' is not a mapping of item id to {warning, critical}; the defaults apply"),
])
def test_bad_thresholds_warn_with_host_key_value_and_fall_back(value, expected):
    clean, warnings = validate.thresholds('h1', value)
    assert warnings == [expected]
    assert clean == {}
    # what is left is usable by the evaluation: no ThresholdError, the default applies
    assert resolve('linux.fs.used_pct', '/var', clean) == {'warning': 80, 'critical': 90, 'direction': 'above'}


def test_one_bad_level_keeps_the_good_ones():
    clean, warnings = validate.thresholds('h1', {'linux.fs.used_pct': {'warning': 'x', 'critical': 97},
                                                 'linux.cpu.util_pct': {'critical': 99}})
    assert clean == {'linux.fs.used_pct': {'critical': 97}, 'linux.cpu.util_pct': {'critical': 99}}
    assert len(warnings) == 1 and 'linux.fs.used_pct].warning' in warnings[0]


def test_every_id_a_check_judges_is_known():
    """Ids passed literally to evaluate()/judged() and SNMP profile items are known, so they never warn."""
    ids = set()
    for path in glob.glob(os.path.join(ROOT, 'plugins', 'module_utils', '**', '*.py'), recursive=True):
        with open(path, encoding='utf-8') as handle:
            text = handle.read()
        ids.update(re.findall(r"(?:evaluate|judged)\(\s*'([a-z0-9_.]+)'", text))
        ids.update(re.findall(r"^[A-Z_]+_ID = '([a-z0-9_.]+)'", text, re.M))
    ids.update(DEFAULTS)
    ids.update(validate.profile_item_ids())
    assert len(ids) > 80 and len(validate.profile_item_ids()) > 20
    assert [i for i in sorted(ids) if not validate.known_threshold_id(i)] == []
    assert not validate.known_threshold_id('custom.Bad Name')


def test_impact_language_profile():
    assert validate.impact('h1', 'hospital') == ('hospital', [])
    assert validate.impact('h1', None) == (None, [])
    value, warnings = validate.impact('h1', 'galaxy')
    assert value is None and warnings == ["h1: itops_impact = 'galaxy' is not one of hospital, department, individual; "
                                          "graded with the default impact (itops_grading.default_impact)"]
    assert validate.LANGUAGES == LANGUAGES
    assert validate.language('h1', 'en') == ('en', [])
    value, warnings = validate.language('h1', 'fr')
    assert value is None and "h1: itops_report_language = 'fr'" in warnings[0]
    value, warnings = validate.snmp_profile('sw1', 'huawei_vrp', ['huawei_vrp_switch', 'generic_snmp'])
    assert value is None and "sw1: itops_snmp_profile = 'huawei_vrp' is not one of huawei_vrp_switch" in warnings[0]


def test_settings_of_a_host():
    out, warnings = validate.settings('h1', {'itops_thresholds': {'linux.fs.used_pct': {'critical': 'lots'}}, 'itops_impact': 'galaxy',
                                             'itops_report_language': 'zh_CN'})
    assert out == {'thresholds': {}, 'impact': None, 'language': 'zh_CN'}
    assert len(warnings) == 2
    out, warnings = validate.settings('h1', {'itops_impact': 'galaxy'}, only=('thresholds',))
    assert out == {'thresholds': {}} and warnings == []


@pytest.mark.parametrize('value, default, expected', [(None, 5432, 5432), ('', 5432, 5432), (5433, None, 5433), ('5433', None, 5433)])
def test_ports(value, default, expected):
    assert validate.port('db1', 'itops_db_port', value, default) == expected


@pytest.mark.parametrize('value', ['54x29', 99999, 0, -1, True, [5432], '5432 '])
def test_bad_ports_never_fall_back(value):
    if value == '5432 ':
        assert validate.port('db1', 'itops_db_port', value, 5432) == 5432   # whitespace is not a typo
        return
    with pytest.raises(validate.ConfigError) as err:
        validate.port('db1', 'itops_db_port', value, 5432)
    assert str(err.value).startswith('db1: itops_db_port = %r is not a port number' % (value,))
    assert err.value.host == 'db1' and err.value.key == 'itops_db_port'


def test_addresses_names_urls():
    assert validate.address('db1', 'itops_db_host', '10.77.0.21') == '10.77.0.21'
    assert validate.address('db1', 'itops_db_host', 'pg-db-01.his.local') == 'pg-db-01.his.local'
    assert validate.address('db1', 'itops_db_host', 'fe80::1') == 'fe80::1'
    for bad in ('', '10.77.0.21 5432', 'postgres://x', None):
        with pytest.raises(validate.ConfigError):
            validate.address('db1', 'itops_db_host', bad)
    assert validate.name('db1', 'itops_db_user', 'itops_monitor') == 'itops_monitor'
    assert validate.name('db1', 'itops_db_name', None) is None
    for bad in ({'a': 1}, ['x'], 'bad\nname', '  '):
        with pytest.raises(validate.ConfigError):
            validate.name('db1', 'itops_db_user', bad)
    assert validate.url('mw1', 'itops_tomcat_url', 'https://10.77.0.31/') == 'https://10.77.0.31/'
    assert validate.url('mw1', 'itops_tomcat_url', 'http://mw:8080') == 'http://mw:8080'
    for bad in ('10.77.0.31', 'ftp://x', 'https://', 'http://mw:80x0/', 'http://mw:99999', None):
        with pytest.raises(validate.ConfigError):
            validate.url('mw1', 'itops_tomcat_url', bad)


def test_not_inspected_is_one_item_with_the_reason():
    error = validate.ConfigError('db2', 'itops_db_port', '54x29', 'is not a port number')
    inspection = validate.not_inspected('db2', 'postgresql', 'postgresql', str(error))
    assert inspection['target'] == 'db2' and inspection['device_class'] == 'postgresql'
    [item] = inspection['items']
    assert item['id'] == validate.CONFIG_ITEM and item['status'] == 'critical' and not item.get('fault')
    assert item['detail'] == "not inspected: db2: itops_db_port = '54x29' is not a port number"
    result = validate.add_warnings({}, [])
    assert 'warnings' not in result
    assert validate.add_warnings({'warnings': ['a']}, ['b']) == {'warnings': ['a', 'b']}
