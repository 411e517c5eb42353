# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The XLSX inspection record, with both backends: layout, print setup and cell-injection safety."""

import pytest

openpyxl = pytest.importorskip('openpyxl')

from ansible_collections.medops.itops.plugins.module_utils.report import xlsx  # noqa: E402
from ansible_collections.medops.itops.plugins.module_utils.report.i18n import load_catalog  # noqa: E402
from ansible_collections.medops.itops.plugins.module_utils.report.render import render_all  # noqa: E402

BACKENDS = ['openpyxl'] + (['xlsxwriter'] if xlsx.HAS_XLSXWRITER else [])
HEADER = xlsx.HEADER_ROW + 1  # 1-based row of the column headers
FORMULAS = ['=1+1', '=HYPERLINK("http://evil.example/","x")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A2)', '\t=1', '\r=1']


def rows_of(sheet):
    data = []
    for row in sheet.iter_rows(min_row=HEADER + 1, max_col=len(xlsx.COLUMNS)):
        if row[0].value is None:
            break
        data.append(row)
    return data


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


def test_one_row_per_item_frozen_header_autofilter_print_setup(run, tmp_path, backend):
    path = render_all(run, str(tmp_path), formats=('xlsx',), xlsx_backend=backend)['inspection_record.xlsx']
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    assert sheet.title == '巡检记录单'
    assert sheet.cell(1, 1).value == '巡检记录单'
    assert [c.value for c in sheet[HEADER]][:5] == ['序号', '设备', '业务系统', '巡检项', '对象']
    items = sum(len(i['items']) for i in run['inspections'])
    rows = rows_of(sheet)
    assert len(rows) == items
    assert sheet.freeze_panes == 'A%d' % (HEADER + 1)
    assert sheet.auto_filter.ref == 'A%d:%s%d' % (HEADER, openpyxl.utils.get_column_letter(len(xlsx.COLUMNS)), HEADER + items)
    assert sheet.page_setup.orientation == 'landscape'
    assert int(sheet.page_setup.paperSize) == 9
    assert int(sheet.page_setup.fitToWidth or 1) == 1 and int(sheet.page_setup.fitToHeight) == 0  # 1 is the OOXML default
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows.replace('$', '') == '%d:%d' % (HEADER, HEADER)
    assert sheet.column_dimensions['J'].width >= 30  # detail column
    # numbers stay numbers, the rest is text
    by_target = dict(((r[1].value, r[12].value, r[4].value), r) for r in rows)
    data = by_target[('pacs-app-01', 'linux.fs.used_pct', '/data')]
    assert data[5].value == 93.1 and data[5].data_type == 'n'
    assert data[6].value == '%'
    assert data[8].value == '严重'
    assert '警告' in data[7].value
    texts = ' '.join(str(c.value) for c in sheet[HEADER + items + 2] if c.value)
    assert '巡检人签字' in texts and '审核人签字' in texts


def test_formula_like_text_stays_a_string(run, tmp_path, backend):
    inspection = run['inspections'][0]
    for index, text in enumerate(FORMULAS):
        inspection['items'].append({'id': 'linux.log.errors', 'subject': text, 'value': text, 'unit': None,
                                    'status': 'warning', 'detail': text, 'advice': text})
    inspection['target'] = '=cmd|\' /C calc\'!A0'
    path = render_all(run, str(tmp_path), formats=('xlsx',), validate=False, xlsx_backend=backend)['inspection_record.xlsx']
    sheet = openpyxl.load_workbook(path).worksheets[0]
    seen = 0
    for row in rows_of(sheet):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(('=', '+', '-', '@')):
                assert cell.data_type == 's', (cell.coordinate, cell.value)
                assert cell.quotePrefix, (cell.coordinate, cell.value)
                seen += 1
    assert seen >= len(FORMULAS) * 3
    assert not any(c.data_type == 'f' for row in sheet.iter_rows() for c in row)


def test_english_headers(run, tmp_path, backend):
    path = render_all(run, str(tmp_path), language='en', formats=('xlsx',), xlsx_backend=backend)['inspection_record.xlsx']
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert sheet.cell(1, 1).value == 'Inspection Record'
    assert sheet.cell(HEADER, 2).value == 'Device'


def test_control_characters_and_long_text_are_cleaned():
    assert xlsx.clean_text('a\x00b\x1fc\td') == 'abc\td'
    assert len(xlsx.clean_text('x' * 40000)) == xlsx.MAX_CELL_CHARS
    assert xlsx.needs_quote_prefix('=1') and xlsx.needs_quote_prefix('\t=1') and not xlsx.needs_quote_prefix('a=1')


def test_missing_library_is_a_clear_error(tmp_path):
    catalog = load_catalog('zh_CN')
    with pytest.raises(xlsx.XlsxError, match='xlsxwriter or openpyxl'):
        xlsx.write_record_xlsx(str(tmp_path / 'x.xlsx'), [], {}, catalog, backend='nonexistent')


def test_the_printed_columns_fit_a4_landscape_at_8_pt_or_more(run, tmp_path, backend):
    """A column's stored width (characters of the default font, padding included) is about 7 pixels
    per unit at 96 dpi; fit to one page wide scales the print area to the printable width, and the
    text with it."""
    path = render_all(run, str(tmp_path), formats=('xlsx',), xlsx_backend=backend)['inspection_record.xlsx']
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    last = openpyxl.utils.get_column_letter(xlsx.PRINT_COLUMNS)
    assert str(sheet.print_area).replace('$', '').rsplit('!', maxsplit=1)[-1].startswith('A1:%s' % last)
    widths_px = sum(7 * sheet.column_dimensions[openpyxl.utils.get_column_letter(c)].width for c in range(1, xlsx.PRINT_COLUMNS + 1))
    printable_mm = 297 - 2 * 25.4 * sheet.page_margins.left
    scale = min(1.0, printable_mm / (widths_px / 96.0 * 25.4))
    assert xlsx.FONT_PT * scale >= 8, scale
    assert [c.value for c in sheet[HEADER]][xlsx.PRINT_COLUMNS - 2:xlsx.PRINT_COLUMNS] == ['异常描述', '处理意见/建议']
