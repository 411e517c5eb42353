# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Print the health report with headless Chromium (tools/report/print_pdf.py): A4, CJK font embedded.

Skipped without chromium and poppler-utils. Keeps the PDF and a PNG screenshot under tests/output/.
Chromium's PDF backend (Skia) embeds CFF-flavoured OpenType fonts such as Noto Sans CJK as Type 3
fonts, which pdffonts lists without a name; the font's name is in its FontDescriptor, so the test
reads it there and checks with pdffonts that every font is embedded.
"""

import importlib.util
import os
import re
import shutil
import subprocess
import zlib

import pytest

from ansible_collections.medops.itops.plugins.module_utils.report.render import render_all
from ansible_collections.medops.itops.tests.unit.plugins.module_utils.report import pdf_layout

TOOL = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', '..', 'tools', 'report', 'print_pdf.py')


def load_tool():
    spec = importlib.util.spec_from_file_location('print_pdf', TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


print_pdf = load_tool()
pytestmark = pytest.mark.skipif(not print_pdf.find_chromium() or not shutil.which('pdffonts') or not shutil.which('pdftotext'),
                                reason='needs chromium and poppler-utils (pdffonts, pdftotext)')


def font_names(pdf_bytes):
    """FontName entries of the PDF, from plain and deflated objects."""
    names = set(re.findall(rb'/FontName\s*/([A-Za-z0-9+_-]+)', pdf_bytes))
    for stream in re.findall(rb'stream\r?\n(.*?)\r?\nendstream', pdf_bytes, re.S):
        try:
            names |= set(re.findall(rb'/FontName\s*/([A-Za-z0-9+_-]+)', zlib.decompress(stream)))
        except zlib.error:
            continue
    return {n.decode('ascii') for n in names}


@pytest.mark.parametrize('language, heading', [('zh_CN', '系统健康检查与性能分析报告'), ('en', 'System Health Check')])
def test_print_health_report_to_pdf(run, tmp_path, output_dir, language, heading):
    files = render_all(run, str(tmp_path / language), language=language, formats=('html',))
    pdf = print_pdf.print_pdf(files['health_report.html'], os.path.join(output_dir, 'health_report.%s.pdf' % language))
    png = print_pdf.screenshot(files['health_report.html'], os.path.join(output_dir, 'health_report.%s.png' % language))
    assert os.path.getsize(png) > 10000
    info = subprocess.run(['pdfinfo', pdf], stdout=subprocess.PIPE, check=True).stdout.decode()
    assert '(A4)' in info
    assert int(re.search(r'Pages:\s+(\d+)', info).group(1)) >= 3  # the cover and the chapters running on
    assert pdf_layout.layout_faults(pdf) == []              # no page under five lines, nothing cut on the right
    fonts = subprocess.run(['pdffonts', pdf], stdout=subprocess.PIPE, check=True).stdout.decode().splitlines()[2:]
    assert fonts and all(' yes ' in line for line in fonts), fonts  # every font embedded
    text = subprocess.run(['pdftotext', '-layout', pdf, '-'], stdout=subprocess.PIPE, check=True).stdout.decode('utf-8')
    assert heading in text.replace('\n', ' ')  # real text with a Unicode map, not pictures of text
    assert '某某市人民医院' in text  # running header / cover
    if language == 'zh_CN':
        with open(pdf, 'rb') as handle:
            names = font_names(handle.read())
        assert any('NotoSansCJK' in name for name in names), names


def _switch_with_ports(ports=48, down=('GigabitEthernet0/0/7',)):
    items = []
    for n in range(1, ports + 1):
        name = 'GigabitEthernet0/0/%d' % n
        bad = name in down
        items.append({'id': 'if.oper_status', 'subject': name, 'value': 'down' if bad else 'up', 'unit': None,
                      'status': 'critical' if bad else 'ok', 'detail': 'admin up, oper %s' % ('down' if bad else 'up')})
    return {'target': 'acc-sw-09', 'device_class': 'switch', 'impact': 'department', 'system': 'NET', 'host_status': 'ok',
            'collected_at': '2026-11-25T08:00:00+08:00', 'facts': {}, 'metrics': {}, 'items': items}


@pytest.mark.parametrize('language, collapsed', [('zh_CN', '47 项均正常'), ('en', '47 items, all normal')])
def test_the_printed_record_collapses_normal_ports_and_keeps_the_abnormal_one(run, tmp_path, output_dir, language, collapsed):
    run['inspections'].append(_switch_with_ports())
    files = render_all(run, str(tmp_path / language), language=language, formats=('html',), validate=False)
    with open(files['inspection_record.html'], encoding='utf-8') as handle:
        html = handle.read()
    assert html.count('GigabitEthernet0/0/') == 48                  # the screen view keeps every port
    pdf = print_pdf.print_pdf(files['inspection_record.html'], os.path.join(output_dir, 'inspection_record.%s.pdf' % language))
    text = subprocess.run(['pdftotext', '-layout', pdf, '-'], stdout=subprocess.PIPE, check=True).stdout.decode('utf-8')
    assert collapsed in text
    assert text.count('GigabitEthernet0/0/') == 1 and 'GigabitEthernet0/0/7' in text   # only the port that is down
    assert pdf_layout.layout_faults(pdf) == []
