# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inspection record (巡检记录单) as an XLSX workbook, streamed row by row.

Backends: xlsxwriter in constant_memory mode when it is installed (fastest), otherwise openpyxl
in write-only mode; both keep memory flat for tens of thousands of rows.

Cell injection: device data (hostnames, log lines, details) is written as string cells only
(`write_string` / an explicit string data type), never through a call that guesses a formula,
and text starting with = + - @ TAB or CR also gets Excel's quote prefix, so that editing the cell
in Excel later cannot turn it into a formula either.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import math
import re

try:
    import xlsxwriter
    HAS_XLSXWRITER = True
except ImportError:
    HAS_XLSXWRITER = False

try:
    from openpyxl import Workbook as OpenpyxlWorkbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    HAS_OPENPYXL = True
except ImportError:
    HAS_OPENPYXL = False

FORMULA_TRIGGERS = ('=', '+', '-', '@', '\t', '\r')
MAX_CELL_CHARS = 32767
_ILLEGAL = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f]')
# (column catalog key, row key, width). The first PRINT_COLUMNS are the printed record: their
# widths (175 character units) fit A4 landscape at about 82 % scale, so the 10 pt text prints at
# 8 pt or more; the columns after them (class, id, time, manual sign-off) are on screen only.
COLUMNS = (
    ('columns.seq', 'seq', 5), ('columns.device', 'target', 16), ('columns.system', 'system', 12),
    ('columns.item', 'item', 18), ('columns.subject', 'subject', 16), ('columns.value', 'value', 10),
    ('columns.unit', 'unit', 5), ('columns.threshold', 'threshold', 16), ('columns.status', 'status_label', 7),
    ('columns.detail', 'detail', 38), ('columns.advice', 'advice', 32),
    ('columns.device_class', 'device_class', 14), ('columns.item_id', 'item_id', 22), ('columns.time', 'time', 16),
    ('manual.checked_by', 'checked_by', 10), ('manual.reviewed_by', 'reviewed_by', 10),
)
PRINT_COLUMNS = 11
FONT_PT = 10
MARGIN_IN = 0.3
HEADER_ROW = 6  # 0-based row of the table header; the rows above hold the record's header block
STATUS_COLOURS = {'ok': '2E7D32', 'warning': 'B37400', 'critical': 'C62828', 'unknown': '6B7280'}


class XlsxError(Exception):
    """No XLSX library is available."""


def clean_text(value):
    """A string Excel accepts: XML-illegal control characters dropped, length capped."""
    text = _ILLEGAL.sub('', '' if value is None else str(value))
    return text[:MAX_CELL_CHARS]


def needs_quote_prefix(text):
    return bool(text) and text.startswith(FORMULA_TRIGGERS)


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _header_footer_text(text):
    return clean_text(text).replace('&', '&&')[:100]


def header_block(header, catalog):
    """The (label, value, label, value) rows above the table."""
    return [
        (catalog.t('labels.hospital'), header['hospital'], catalog.t('labels.vendor'), header['vendor']),
        (catalog.t('labels.period'), header['period'], catalog.t('labels.run_id'), header['run_id']),
        (catalog.t('labels.started_at'), header['started_at'], catalog.t('labels.finished_at'), header['finished_at']),
        (catalog.t('labels.inspector'), header['inspector'], catalog.t('labels.reviewer'), header['reviewer']),
    ]


def _cell_value(row, key):
    if key == 'value':
        value = row['value']
        return value if _is_number(value) else row['value_text']
    return row[key]


def write_record_xlsx(path, rows, header, catalog, backend=None):
    """Write the record to `path`; `rows` is an iterable of model.record_rows() dicts. Returns the row count."""
    backend = backend or ('xlsxwriter' if HAS_XLSXWRITER else 'openpyxl')
    if backend == 'xlsxwriter' and HAS_XLSXWRITER:
        return _XlsxwriterRecord(path, header, catalog).write(rows)
    if backend == 'openpyxl' and HAS_OPENPYXL:
        return _OpenpyxlRecord(path, header, catalog).write(rows)
    raise XlsxError('writing the XLSX inspection record requires the xlsxwriter or openpyxl library (backend %s)' % backend)


class _XlsxwriterRecord(object):

    def __init__(self, path, header, catalog):
        self.workbook = xlsxwriter.Workbook(path, {'constant_memory': True, 'strings_to_formulas': False,
                                                   'strings_to_urls': False, 'strings_to_numbers': False})
        self.sheet = self.workbook.add_worksheet(clean_text(catalog.t('titles.inspection_record'))[:31])
        self.header = header
        self.catalog = catalog
        self._formats = {}

    def fmt(self, name, quote=False):
        key = (name, quote)
        if key not in self._formats:
            props = {'valign': 'top', 'font_size': FONT_PT, 'border': 1, 'border_color': '#D9DDE3'}
            if name == 'title':
                props = {'bold': True, 'font_size': 16, 'font_color': '#1D4E89', 'valign': 'vcenter'}
            elif name == 'label':
                props = {'bold': True, 'bg_color': '#F3F6FA', 'border': 1, 'border_color': '#D9DDE3'}
            elif name == 'meta':
                props = {'border': 1, 'border_color': '#D9DDE3'}
            elif name == 'head':
                props.update({'bold': True, 'font_color': '#FFFFFF', 'bg_color': '#1D4E89', 'text_wrap': True, 'valign': 'vcenter'})
            elif name == 'wrap':
                props['text_wrap'] = True
            elif name.startswith('status-'):
                props.update({'bold': True, 'font_color': '#' + STATUS_COLOURS.get(name[7:], '6B7280')})
            if quote:
                props['quote_prefix'] = True
            self._formats[key] = self.workbook.add_format(props)
        return self._formats[key]

    def text(self, row, col, value, style='plain'):
        text = clean_text(value)
        self.sheet.write_string(row, col, text, self.fmt(style, needs_quote_prefix(text)))

    def write(self, rows):
        sheet, catalog, last_col = self.sheet, self.catalog, len(COLUMNS) - 1
        for col, column in enumerate(COLUMNS):
            sheet.set_column(col, col, column[2])
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(HEADER_ROW)
        sheet.set_margins(left=MARGIN_IN, right=MARGIN_IN, top=0.6, bottom=0.6)
        sheet.set_header('&L%s&R%s' % (_header_footer_text(self.header['hospital']), _header_footer_text(catalog.t('titles.inspection_record'))))
        sheet.set_footer('&L%s&R&P / &N' % _header_footer_text(self.header['vendor']))
        sheet.freeze_panes(HEADER_ROW + 1, 0)
        sheet.set_row(0, 28)
        sheet.merge_range(0, 0, 0, last_col, '', self.fmt('title'))
        self.text(0, 0, catalog.t('titles.inspection_record'), 'title')
        for index, (label1, value1, label2, value2) in enumerate(header_block(self.header, catalog)):
            row = index + 1
            self.text(row, 0, label1, 'label')
            sheet.merge_range(row, 1, row, 4, '', self.fmt('meta'))
            self.text(row, 1, value1, 'meta')
            self.text(row, 5, label2, 'label')
            sheet.merge_range(row, 6, row, 9, '', self.fmt('meta'))
            self.text(row, 6, value2, 'meta')
        sheet.set_row(HEADER_ROW, 20)
        for col, column in enumerate(COLUMNS):
            self.text(HEADER_ROW, col, catalog.t(column[0]), 'head')
        row = HEADER_ROW
        for record in rows:
            row += 1
            for col, column in enumerate(COLUMNS):
                value = _cell_value(record, column[1])
                if column[1] == 'seq' or (column[1] == 'value' and _is_number(value)):
                    sheet.write_number(row, col, value, self.fmt('plain'))
                elif column[1] == 'status_label':
                    self.text(row, col, value, 'status-' + record['status'])
                else:
                    self.text(row, col, value, 'wrap' if column[1] in ('detail', 'advice', 'threshold') else 'plain')
        last_row = row
        sheet.autofilter(HEADER_ROW, 0, max(last_row, HEADER_ROW + 1), last_col)
        sign = last_row + 2
        sheet.print_area(0, 0, sign, PRINT_COLUMNS - 1)
        self.text(sign, 1, catalog.t('labels.sign_inspector'), 'label')
        self.text(sign, 3, catalog.t('labels.sign_date'), 'label')
        self.text(sign, 5, catalog.t('labels.sign_reviewer'), 'label')
        self.text(sign, 7, catalog.t('labels.sign_date'), 'label')
        self.workbook.close()
        return last_row - HEADER_ROW


class _OpenpyxlRecord(object):

    def __init__(self, path, header, catalog):
        self.path = path
        self.workbook = OpenpyxlWorkbook(write_only=True)
        self.sheet = self.workbook.create_sheet(clean_text(catalog.t('titles.inspection_record'))[:31])
        self.header = header
        self.catalog = catalog
        self.bold = Font(bold=True)

    def cell(self, value, font=None, fill=None, wrap=False):
        if _is_number(value):
            cell = WriteOnlyCell(self.sheet, value=value)
        else:
            text = clean_text(value)
            cell = WriteOnlyCell(self.sheet, value=text)
            cell.data_type = 's'  # openpyxl guesses 'f' for text starting with '=': undo the guess
            if needs_quote_prefix(text):
                cell.quotePrefix = True
        if font:
            cell.font = font
        if fill:
            cell.fill = fill
        if wrap:
            cell.alignment = Alignment(wrap_text=True, vertical='top')
        return cell

    def write(self, rows):
        sheet, catalog = self.sheet, self.catalog
        for col, column in enumerate(COLUMNS, 1):
            sheet.column_dimensions[get_column_letter(col)].width = column[2]
        sheet.freeze_panes = 'A%d' % (HEADER_ROW + 2)
        sheet.print_title_rows = '%d:%d' % (HEADER_ROW + 1, HEADER_ROW + 1)
        sheet.page_setup.orientation = 'landscape'
        sheet.page_setup.paperSize = 9  # A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_margins.left = sheet.page_margins.right = MARGIN_IN
        sheet.oddHeader.left.text = _header_footer_text(self.header['hospital'])
        sheet.oddFooter.left.text = _header_footer_text(self.header['vendor'])
        sheet.oddFooter.right.text = '&P / &N'
        sheet.append([self.cell(catalog.t('titles.inspection_record'), Font(bold=True, size=16, color='1D4E89'))])
        for label1, value1, label2, value2 in header_block(self.header, catalog):
            sheet.append([self.cell(label1, self.bold), self.cell(value1), None, None, None,
                          self.cell(label2, self.bold), self.cell(value2)])
        sheet.append([])
        head_font, head_fill = Font(bold=True, color='FFFFFF'), PatternFill('solid', fgColor='1D4E89')
        sheet.append([self.cell(catalog.t(c[0]), head_font, head_fill) for c in COLUMNS])
        fonts = dict((s, Font(bold=True, color=c)) for s, c in STATUS_COLOURS.items())
        count = 0
        for record in rows:
            count += 1
            sheet.append([self.cell(_cell_value(record, c[1]), fonts.get(record['status']) if c[1] == 'status_label' else None,
                                    wrap=c[1] in ('detail', 'advice')) for c in COLUMNS])
        last_row = HEADER_ROW + 1 + count
        sheet.auto_filter.ref = 'A%d:%s%d' % (HEADER_ROW + 1, get_column_letter(len(COLUMNS)), max(last_row, HEADER_ROW + 2))
        sheet.append([])
        sheet.append([None, self.cell(catalog.t('labels.sign_inspector'), self.bold), None, self.cell(catalog.t('labels.sign_date'), self.bold),
                      None, self.cell(catalog.t('labels.sign_reviewer'), self.bold), None, self.cell(catalog.t('labels.sign_date'), self.bold)])
        sheet.print_area = 'A1:%s%d' % (get_column_letter(PRINT_COLUMNS), last_row + 2)
        self.workbook.save(self.path)
        return count
