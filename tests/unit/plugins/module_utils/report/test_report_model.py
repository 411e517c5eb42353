# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The report model judges a usage bar with the grading's own threshold evaluator."""

from ansible_collections.medops.itops.plugins.module_utils.report import model
from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog


def _server(value, threshold, status=None):
    item = {'id': 'linux.mem.used_pct', 'subject': None, 'value': value, 'unit': '%', 'threshold': threshold}
    if status is not None:
        item['status'] = status
    return {'target': 'his-db-01', 'device_class': 'linux_server', 'metrics': {'mem.used_pct': value}, 'items': [item]}


def test_a_direction_below_threshold_gives_the_status_of_the_grading():
    # Lower is worse: 50 is above both limits, so it is ok; 20 is under warning, 5 under critical.
    rule = {'warning': 30, 'critical': 10, 'direction': 'below'}
    catalog = load_catalog('en')
    statuses = [model.resource_bars(_server(value, rule), catalog)[0]['status'] for value in (50, 20, 5)]
    assert statuses == ['ok', 'warning', 'critical']


def test_the_item_status_wins_over_the_threshold():
    catalog = load_catalog('en')
    usage = model.resource_bars(_server(50, {'warning': 80, 'critical': 90}, status='unknown'), catalog)[0]
    assert usage['status'] == 'unknown'


def test_a_metric_without_its_item_is_judged_by_the_default_threshold():
    catalog = load_catalog('en')
    inspection = {'target': 'his-db-01', 'device_class': 'linux_server', 'metrics': {'fs./data.used_pct': 99.0}, 'items': []}
    usage = model.resource_bars(inspection, catalog)[0]
    assert (usage['label'], usage['status']) == ('/data', 'critical')
