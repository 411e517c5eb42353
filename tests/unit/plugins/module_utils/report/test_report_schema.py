# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""docs/run-record.schema.json and validate_run()."""

import copy
import os
import re

import pytest

jsonschema = pytest.importorskip('jsonschema')

from ansible_collections.medops.itops.plugins.module_utils.report import schema  # noqa: E402
from ansible_collections.medops.itops.plugins.module_utils.report.render import render_all  # noqa: E402
from ansible_collections.medops.itops.plugins.module_utils.report.schema import RunRecordError, validate_run  # noqa: E402


def test_schema_is_a_valid_draft_2020_12_schema():
    data = schema.load_schema()
    assert data['$schema'] == 'https://json-schema.org/draft/2020-12/schema'
    jsonschema.Draft202012Validator.check_schema(data)


def test_fixture_validates(run):
    assert validate_run(run) is run


@pytest.mark.parametrize('mutate, path', [
    (lambda r: r['inspections'][0].update(host_status='down'), 'inspections/0/host_status'),
    (lambda r: r['inspections'][0]['items'][0].update(status='bad'), 'inspections/0/items/0/status'),
    (lambda r: r['findings'][0].update(grade='P4'), 'findings/0/grade'),
    (lambda r: r['findings'][1].update(level='severe'), 'findings/1/level'),
    (lambda r: r.update(period='yearly'), 'period'),
    (lambda r: r.pop('summary'), '(record)'),
    (lambda r: r['summary']['by_status'].pop('unknown'), 'summary/by_status'),
    (lambda r: r['meta'].update(language='fr'), 'meta/language'),
    (lambda r: r.update(run_id='../../etc'), 'run_id'),
    (lambda r: r.update(started_at='yesterday'), 'started_at'),
    (lambda r: r['inspections'][0].update(device_class='toaster'), 'inspections/0/device_class'),
    (lambda r: r['changes']['new'][0].pop('id'), 'changes'),
    (lambda r: r['inspections'][0]['items'][0].update(detail_id='a', params={'x': {'said_list': [{'detail_id': 'b'}], 'sep': '; '}}),
     'inspections/0/items/0/params'),
    (lambda r: r['inspections'][0].update(series={'perf.cpu.busy_pct': [[1, 2, 3]]}), 'inspections/0/series'),
])
def test_invalid_records_name_the_path(run, mutate, path):
    bad = copy.deepcopy(run)
    mutate(bad)
    with pytest.raises(RunRecordError) as info:
        validate_run(bad)
    assert path in str(info.value)
    assert info.value.errors
    assert '20261125T080000-3f2a' in str(info.value) or path == 'run_id'


def test_details_inside_details_and_lists_of_them_validate(run):
    inner = {'detail_id': 'storage.cli.refused', 'params': {'command': 'lsnode', 'rc': 1, 'message': None}}
    run['inspections'][0]['items'][0].update(detail_id='storage.reach.storwize_unread', params={
        'failures': {'said_list': [inner, {'detail_id': 'storage.missing.reason', 'params': {'reason': inner}}], 'sep': '; '}})
    assert validate_run(run) is run


def test_fault_needs_a_grade_and_risk_a_level(run):
    fault = next(f for f in run['findings'] if f['kind'] == 'fault')
    fault['grade'] = None
    with pytest.raises(RunRecordError, match='findings/'):
        validate_run(run)


def test_invalid_record_writes_nothing(run, tmp_path):
    run['period'] = 'yearly'
    with pytest.raises(RunRecordError):
        render_all(run, str(tmp_path / 'out'))
    assert not (tmp_path / 'out').exists()


def test_missing_jsonschema_is_a_clear_error(run, monkeypatch):
    monkeypatch.setattr(schema, 'HAS_JSONSCHEMA', False)
    monkeypatch.setattr(schema, '_VALIDATOR', [])
    with pytest.raises(RunRecordError, match='requires the jsonschema library'):
        validate_run(run)


def test_docs_name_every_top_level_key_of_the_schema():
    root = os.path.dirname(schema.schema_path())
    with open(os.path.join(root, 'run-record.md'), encoding='utf-8') as handle:
        doc = handle.read()
    keys = set(re.findall(r'^([a-z_]+):', doc, re.M))
    assert set(schema.load_schema()['properties']) == keys
