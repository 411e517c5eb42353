# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Detection by capability over the lab (issue 11): the UPS of an unlisted vendor (ups-ward-01,
an invented enterprise number, RFC 1628 only) is found as a UPS, its low battery is reported, and
it says that only the standard checks read it; a Huawei UPS2000 card serving only RFC 1628
(ups-med-01, matched by the UPS5000 profile's sysObjectID rule) is read by ups_rfc1628 instead of
giving all unknown; every device with a model profile is not generic.

Reads the session's one quarterly run (conftest.quarterly_run); runs no playbook of its own."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.lab]

HOST = 'ups-ward-01'
SYS_OBJECT_ID = '1.3.6.1.4.1.57429.2.1'
UPS2000 = 'ups-med-01'


def _inspection(run, target):
    found = [i for i in run['inspections'] if i['target'] == target]
    assert len(found) == 1, [i['target'] for i in run['inspections']]
    return found[0]


def _item(inspection, item_id):
    found = [i for i in inspection['items'] if i['id'] == item_id]
    assert len(found) == 1, (item_id, inspection['items'])
    return found[0]


def test_unlisted_vendor_ups_is_found_by_ups_mib_with_its_low_battery(quarterly_run):
    inspection = _inspection(quarterly_run, HOST)
    assert inspection['device_class'] == 'ups' and inspection['facts']['snmp_profile'] == 'ups_rfc1628'
    assert inspection['facts']['sysObjectID'] == SYS_OBJECT_ID
    charge = _item(inspection, 'ups.battery.charge_pct')
    assert charge['value'] == 29 and charge['status'] == 'critical'
    findings = dict(((f['target'], f['id'], f['subject']), f) for f in quarterly_run['findings'])
    assert findings[(HOST, 'ups.battery.charge_pct', 'battery')]['level'] == 'high'


def test_unlisted_vendor_ups_says_it_got_the_standard_checks_only(quarterly_run):
    inspection = _inspection(quarterly_run, HOST)
    generic = _item(inspection, 'snmp.profile.generic')
    assert generic['status'] == 'warning' and generic['subject'] == SYS_OBJECT_ID and generic['value'] == 'ups_rfc1628'
    assert 'no model profile for sysObjectID %s; standard UPS-MIB checks only' % SYS_OBJECT_ID in generic['detail']
    findings = dict(((f['target'], f['id'], f['subject']), f) for f in quarterly_run['findings'])
    assert findings[(HOST, 'snmp.profile.generic', SYS_OBJECT_ID)]['level'] == 'low'      # a risk of a department device


def test_ups2000_with_rfc1628_only_is_read_by_ups_rfc1628_not_all_unknown(quarterly_run):
    inspection = _inspection(quarterly_run, UPS2000)
    assert inspection['device_class'] == 'ups' and inspection['facts']['snmp_profile'] == 'ups_rfc1628'
    assert [(i['id'], i['subject']) for i in inspection['items'] if i['status'] == 'unknown'] == []
    assert _item(inspection, 'ups.battery.charge_pct')['value'] == 100
    generic = _item(inspection, 'snmp.profile.generic')
    assert generic['status'] == 'warning' and 'matches huawei_ups5000' in generic['detail']


def test_devices_with_a_model_profile_are_not_generic(quarterly_run):
    generic = sorted(i['target'] for i in quarterly_run['inspections']
                     if any(item['id'] == 'snmp.profile.generic' for item in i['items']))
    assert generic == sorted([HOST, UPS2000])
