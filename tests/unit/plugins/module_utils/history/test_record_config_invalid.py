# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A target whose connection variables are unusable (validate.not_inspected) is "not inspected"
in the run record, with the reason; a host that another check did read stays inspected."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.medops.itops.plugins.module_utils.history.record import CONFIG_ITEM, RunCollector
from ansible_collections.medops.itops.plugins.module_utils.inspection import validate
from ansible_collections.medops.itops.plugins.module_utils.inspection.grading import build_findings, summarize
from ansible_collections.medops.itops.plugins.module_utils.inspection.item import make_inspection, make_item


def test_config_invalid_target_is_not_inspected_and_others_are():
    assert CONFIG_ITEM == validate.CONFIG_ITEM
    collector = RunCollector()
    bad = validate.not_inspected('pg-db-02', 'postgresql', 'postgresql', "pg-db-02: itops_db_port = '54x29' is not a port number")
    good = make_inspection('pg-db-01', 'postgresql', [make_item('pg.reach', subject='10.77.0.21:5432', status='ok')])
    collector.add_result('localhost', {'inspections': [bad, good]})
    # a Linux server whose database variables are wrong: its Linux inspection still counts
    collector.add_result('my-db-01', {'inspection': make_inspection('my-db-01', 'linux_server', [make_item('linux.fs.used_pct', status='ok')])})
    collector.add_result('localhost', {'inspections': [validate.not_inspected('my-db-01', 'mysql', 'mysql', 'my-db-01: itops_db_port = 0')]})
    inspections = dict((i['target'], i) for i in collector.inspections_list())
    assert inspections['pg-db-02']['host_status'] == 'not_inspected'
    assert "54x29" in inspections['pg-db-02']['items'][0]['detail']
    assert inspections['pg-db-01']['host_status'] == 'ok'
    assert inspections['my-db-01']['host_status'] == 'ok'
    findings = build_findings(list(inspections.values()))
    assert [(f['target'], f['id'], f['kind']) for f in findings] == [('my-db-01', CONFIG_ITEM, 'risk'), ('pg-db-02', CONFIG_ITEM, 'risk')]
    summary = summarize(list(inspections.values()), findings)
    assert summary['hosts_ok'] == 2 and summary['hosts_not_inspected'] == 1
