# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Manual inspection form: write (XLSX with drop-downs, YAML), fill, import; malformed rows keep the rest."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


import openpyxl
import pytest
import yaml

from ansible_collections.medops.itops.plugins.module_utils.manual import form, importer
from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog
from ansible_collections.medops.itops.plugins.module_utils.report import render

DEVICES = [('his-app-01', 'linux_server'), ('ups-01', 'ups'), ('odd-01', None)]


@pytest.fixture(scope='module')
def classes():
    return form.load_checks()


def test_form_rows_follow_the_catalog(classes):
    rows = form.form_rows(DEVICES, classes, load_catalog('zh_CN'))
    assert [r['check_id'] for r in rows if r['device'] == 'ups-01'] == ['indicator_lights', 'battery_swelling', 'grounding', 'temperature_touch']
    assert [r['check_id'] for r in rows if r['device'] == 'odd-01'] == ['indicator_lights', 'cabling']
    assert rows[0]['check'] == '防尘网清洁' and rows[0]['result'] == ''


def test_xlsx_round_trip_with_malformed_rows(tmp_path, classes):
    path = str(tmp_path / 'form.xlsx')
    rows = form.form_rows(DEVICES, classes, load_catalog('zh_CN'))
    form.write_xlsx(path, rows)
    book = openpyxl.load_workbook(path)
    sheet = book['manual']
    assert [c.value for c in sheet[1]] == list(form.COLUMNS)
    validations = sheet.data_validations.dataValidation
    assert validations and '正常' in validations[0].formula1 and 'E2' in str(validations[0].sqref)
    col = dict((name, i + 1) for i, name in enumerate(form.COLUMNS))
    fills = {
        2: ('正常', '', '张工', '李工', '2026-11-25 10:00'),      # his-app-01 dust_filters
        3: ('异常', '', '张工', '李工', '2026-11-25 10:05'),      # his-app-01 indicator_lights
        4: ('好', '', '张工', '', ''),                             # malformed result
        5: ('未检', '', '', '', ''),                              # not checked needs no name
        6: ('fault', '', '', '', ''),                             # checked_by missing
        8: ('异常', '第 3 节电池鼓包', '张工', '李工', '2026-11-25 10:30'),   # ups-01 battery_swelling (critical)
        9: ('ok', '', 'Zhang', '', 'yesterday'),                   # bad date
    }
    for row, (result, note, checked_by, reviewed_by, checked_at) in fills.items():
        sheet.cell(row, col['result'], result)
        sheet.cell(row, col['note'], note)
        sheet.cell(row, col['checked_by'], checked_by)
        sheet.cell(row, col['reviewed_by'], reviewed_by)
        sheet.cell(row, col['checked_at'], checked_at)
    sheet.cell(10, col['result'], '正常')
    sheet.cell(10, col['checked_by'], '王工')
    sheet.cell(10, col['device'], 'ghost-01')
    book.save(path)
    inspections, errors = importer.import_rows(importer.read_form(path), classes, {'his-app-01': 'linux_server', 'ups-01': 'ups'},
                                               known_devices={'his-app-01', 'ups-01', 'odd-01'})
    assert "row 4: result must be one of 正常/异常/未检/ok/fault/not_checked, got '好'" in errors
    assert 'row 6: checked_by is required when the result is fault' in errors
    assert "row 9: checked_at 'yesterday' is not a date (YYYY-MM-DD HH:MM)" in errors
    assert 'row 10: device ghost-01 is not in the inventory' in errors
    empty = [e for e in errors if 'result is empty' in e]
    assert len(empty) == len(form.form_rows(DEVICES, classes)) - 1 - len(fills) and empty[0].startswith('row 7: result is empty')
    by_target = dict((i['target'], i) for i in inspections)
    his = dict((i['id'], i) for i in by_target['his-app-01']['items'])
    assert his['manual.dust_filters']['status'] == 'ok' and his['manual.dust_filters']['checked_by'] == '张工'
    assert his['manual.dust_filters']['reviewed_by'] == '李工'
    assert his['manual.indicator_lights']['status'] == 'warning'
    assert his['manual.fan_noise']['status'] == 'unknown' and 'checked_by' not in his['manual.fan_noise']
    assert 'manual.cabling' not in his
    ups = by_target['ups-01']
    assert ups['device_class'] == 'ups' and ups['collected_at'].startswith('2026-11-25T10:30:00')
    assert ups['items'][0]['status'] == 'critical' and ups['items'][0]['detail'] == '第 3 节电池鼓包'


def test_yaml_round_trip_and_record_columns(tmp_path, classes):
    path = str(tmp_path / 'form.yml')
    rows = form.form_rows(DEVICES[:1], classes)
    form.write_yaml(path, rows)
    with open(path, encoding='utf-8') as handle:
        data = yaml.safe_load(handle)
    for row in data['rows']:
        row.update(result='ok', checked_by='Zhang', reviewed_by='Li', checked_at='2026-11-25')
    data['rows'][1]['result'] = '异常'
    data['rows'].append('not a row')
    data['rows'].append({'device': '', 'result': 'ok'})
    data['rows'].append({'device': 'his-app-01', 'check_id': 'bad id!', 'result': 'ok'})
    data['rows'].append({'device': 'his-app-01', 'check_id': 'cabling', 'result': 'ok', 'checked_by': 'Z'})
    data['rows'].append({'device': 'his-app-01', 'check_id': 'x', 'result': 'ok', 'checked_by': 'Z', 'device_class': 'toaster'})
    data['rows'].append({'device': 'his-app-01', 'result': 'ok'})
    with open(path, 'w', encoding='utf-8') as handle:
        yaml.safe_dump(data, handle, allow_unicode=True)
    inspections, errors = importer.import_rows(importer.read_form(path), classes)
    n = len(rows)
    assert errors == ['row %d: expected a mapping of %s' % (n + 1, ', '.join(form.COLUMNS)),
                      'row %d: device is empty' % (n + 2),
                      "row %d: check_id 'bad id!' must be letters, digits, _ or -" % (n + 3),
                      'row %d: his-app-01 cabling appears twice; the first row is kept' % (n + 4),
                      "row %d: device_class 'toaster' is not one of the known device classes" % (n + 5),
                      'row %d: check_id is empty' % (n + 6)]
    assert len(inspections) == 1 and len(inspections[0]['items']) == n
    assert inspections[0]['items'][1]['status'] == 'warning'
    run = {'schema_version': 1, 'run_id': 'r1', 'job': 'monthly_inspection', 'period': 'monthly', 'slice': None,
           'started_at': '2026-11-25T08:00:00+08:00', 'finished_at': '2026-11-25T08:05:00+08:00',
           'meta': {'hospital': 'H', 'vendor': 'V', 'inspector': 'I', 'reviewer': 'R', 'language': 'en'},
           'inspections': [dict(inspections[0], impact='hospital', system='HIS', host_status='ok')], 'findings': [],
           'summary': {'hosts_total': 1, 'hosts_ok': 1, 'hosts_unreachable': 0, 'items_total': n,
                       'by_status': {'ok': n - 1, 'warning': 1, 'critical': 0, 'unknown': 0},
                       'faults_by_grade': {'P1': 0, 'P2': 0, 'P3': 0}, 'risks_by_level': {'high': 0, 'medium': 1, 'low': 0}, 'score': 95},
           'changes': None}
    files = render.render_all(run, str(tmp_path / 'out'), language='en', formats=('html', 'xlsx'))
    with open(files['inspection_record.html'], encoding='utf-8') as handle:
        page = handle.read()
    assert '<th class="screen-only">Checked by</th><th class="screen-only">Reviewed by</th>' in page
    assert '<td class="nowrap screen-only">Zhang</td><td class="nowrap screen-only">Li</td>' in page
    assert '<span class="print-only"> (checked by Zhang, reviewed by Li)</span>' in page      # on paper, in the description
    assert 'Dust filters' in page
    sheet = openpyxl.load_workbook(files['inspection_record.xlsx']).active
    assert any(row and 'Zhang' in row and 'Li' in row for row in sheet.iter_rows(values_only=True))


@pytest.mark.parametrize('name, content, message', [
    ('absent.xlsx', None, 'no such file'),
    ('form.txt', 'x', 'expected an .xlsx or .yml file'),
    ('form.xlsx', 'not a zip', 'not a readable workbook'),
    ('form.yml', 'rows: 3', 'expected a list of rows'),
    ('form.yaml', 'rows: [', 'form.yaml'),
])
def test_unusable_forms_name_the_file(tmp_path, name, content, message):
    path = str(tmp_path / name)
    if content is not None:
        with open(path, 'w', encoding='utf-8') as handle:
            handle.write(content)
    with pytest.raises(form.FormError, match=message):
        importer.read_form(path)


def test_xlsx_without_header_is_rejected(tmp_path):
    path = str(tmp_path / 'bare.xlsx')
    book = openpyxl.Workbook()
    book.active.append(['host', 'status'])
    book.save(path)
    with pytest.raises(form.FormError, match='row 1 must name the columns'):
        importer.read_form(path)


def test_bad_catalog(tmp_path):
    path = str(tmp_path / 'checks.yml')
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write('classes: {ups: [nope]}\n')
    with pytest.raises(form.FormError, match='classes.ups'):
        form.load_checks(path)
    with pytest.raises(form.FormError):
        form.load_checks(str(tmp_path / 'none.yml'))
