# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""render_all: the files, their modes, self-contained HTML, languages, escaping."""

import json
import os
import re
import stat
from html.parser import HTMLParser

import pytest

from ansible_collections.medops.itops.plugins.module_utils.report import render
from ansible_collections.medops.itops.plugins.module_utils.report.render import ReportError, md_escape, render_all
from ansible_collections.medops.itops.plugins.module_utils.report.schema import validate_run

INJECTION = '<script>alert(1)</script>'  # the same text conftest.hostile_run injects

ALL_FILES = {'inspection_record.html', 'health_report.html', 'inspection_record.xlsx', 'health_report.md', 'run.json'}
EXTERNAL = re.compile(r'^\s*(https?:)?//', re.I)


class Page(HTMLParser):
    """Collects what the tests look at: tags with their attributes, headings, style text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.headings = []
        self.styles = []
        self.text = []
        self._heading = None
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ('h1', 'h2', 'h3'):
            self._heading = []
        self._in_style = tag == 'style'

    def handle_endtag(self, tag):
        if tag in ('h1', 'h2', 'h3') and self._heading is not None:
            self.headings.append(''.join(self._heading).strip())
            self._heading = None
        if tag == 'style':
            self._in_style = False

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)
        if self._in_style:
            self.styles.append(data)
        else:
            self.text.append(data)


def parse(path):
    page = Page()
    with open(path, encoding='utf-8') as handle:
        page.feed(handle.read())
    return page


def assert_self_contained(page, raw):
    for tag, attrs in page.tags:
        assert tag not in ('link', 'iframe', 'object', 'embed', 'base'), tag
        assert tag != 'script', 'no script at all in a report'
        for name in ('src', 'href', 'xlink:href', 'action', 'srcset', 'poster', 'data'):
            if name in attrs:
                assert not EXTERNAL.match(attrs[name] or ''), (tag, name, attrs[name])
    css = ''.join(page.styles)
    assert '@import' not in css
    assert not re.search(r'url\(', css), 'no url() in the inline CSS'
    assert '@font-face' not in css
    assert 'Noto Sans CJK SC' in css and 'Microsoft YaHei' in css
    assert not re.search(r'<script[^>]*\bsrc=', raw, re.I)


@pytest.fixture
def rendered(run, tmp_path):
    out = tmp_path / 'reports' / run['run_id']
    return render_all(run, str(out)), out


def test_render_all_writes_every_file_0640_in_a_0750_directory(rendered):
    files, out = rendered
    assert set(files) == ALL_FILES
    assert stat.S_IMODE(os.stat(str(out)).st_mode) == 0o750
    for name, path in files.items():
        assert os.path.dirname(path) == str(out)
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o640, name
    assert sorted(os.listdir(str(out))) == sorted(ALL_FILES)


def test_existing_directory_mode_is_kept(run, tmp_path):
    out = tmp_path / 'r'
    out.mkdir(mode=0o700)
    render_all(run, str(out), formats=('json',))
    assert stat.S_IMODE(os.stat(str(out)).st_mode) == 0o700


def test_formats_subset(run, tmp_path):
    files = render_all(run, str(tmp_path), formats=('md', 'json'))
    assert set(files) == {'health_report.md', 'run.json'}
    assert sorted(os.listdir(str(tmp_path))) == ['health_report.md', 'run.json']


def test_bad_format_and_language_are_refused_before_writing(run, tmp_path):
    with pytest.raises(ReportError, match='pdf'):
        render_all(run, str(tmp_path / 'a'), formats=('pdf',))
    with pytest.raises(ReportError, match='fr'):
        render_all(run, str(tmp_path / 'b'), language='fr')
    assert not (tmp_path / 'a').exists() and not (tmp_path / 'b').exists()


@pytest.mark.parametrize('name', ['inspection_record.html', 'health_report.html'])
def test_html_is_self_contained(rendered, name):
    files, _out = rendered
    with open(files[name], encoding='utf-8') as handle:
        raw = handle.read()
    assert_self_contained(parse(files[name]), raw)


def test_health_report_in_chinese_by_default(rendered):
    files, _out = rendered
    page = parse(files['health_report.html'])
    assert page.headings[0] == '系统健康检查与性能分析报告'
    assert '1 执行摘要' in page.headings
    assert '2 设备清单' in page.headings
    assert '3 风险与故障' in page.headings
    assert '4 服务器性能分析' in page.headings
    assert '6 存储容量规划' in page.headings
    assert '7 备份与恢复' in page.headings and '8 补丁与变更' in page.headings
    assert '9 与上次巡检相比的变化' in page.headings
    text = ''.join(page.text)
    for expected in ('某某市人民医院', 'P2 较大故障', '30 分钟', '4 小时', '文件系统使用率', '不可达', 'No route to host',
                     '存储池容量使用率', 'PostgreSQL 数据库', '新增问题', '已解决问题', '恶化问题'):
        assert expected in text, expected
    assert sum(1 for tag, attrs in page.tags if tag == 'svg' and 'chart' in attrs.get('class', '')) >= 5


def test_health_report_in_english(run, tmp_path):
    files = render_all(run, str(tmp_path), language='en', formats=('html', 'md'))
    page = parse(files['health_report.html'])
    assert page.headings[0] == 'System Health Check and Performance Analysis Report'
    assert '1 Executive Summary' in page.headings
    text = ''.join(page.text)
    assert 'Filesystem usage' in text and 'Unreachable' in text and 'P2 serious' in text
    assert not re.search('[\u4e00-\u9fff]', ''.join(page.headings[:1] + page.headings[1:3]))
    record = parse(files['inspection_record.html'])
    assert record.headings[0] == 'Inspection Record'
    with open(files['health_report.md'], encoding='utf-8') as handle:
        assert handle.readline().strip() == '# System Health Check and Performance Analysis Report'


def test_inspection_record_lists_every_item(rendered, run):
    files, _out = rendered
    page = parse(files['inspection_record.html'])
    assert page.headings[0] == '巡检记录单'
    rows = [attrs for tag, attrs in page.tags if tag == 'tr' and attrs.get('class') not in ('print-only', 'signoff-row')]
    items = sum(len(i['items']) for i in run['inspections'])
    header_rows = 4 + 1  # the meta table and the column header
    assert len(rows) == items + header_rows           # on screen every item; print-only summary rows aside
    text = ''.join(page.text)
    for expected in ('巡检人签字', '审核人签字', '季度巡检', '20261125T080000-3f2a', '张工', '李工'):
        assert expected in text


def test_unknown_item_id_falls_back_to_the_id(rendered):
    files, _out = rendered
    text = ''.join(parse(files['inspection_record.html']).text)     # a normal item: in the record, not the report
    assert 'storage.controller.state' in text


def test_injected_html_is_escaped_everywhere(hostile_run, tmp_path):
    files = render_all(hostile_run, str(tmp_path))
    for name in ('inspection_record.html', 'health_report.html'):
        with open(files[name], encoding='utf-8') as handle:
            raw = handle.read()
        page = parse(files[name])
        assert not any(tag in ('script', 'img') for tag, _attrs in page.tags), name
        assert '&lt;script&gt;alert(1)&lt;/script&gt;' in raw, name
        assert INJECTION in ''.join(page.text), name  # shown as text
        assert raw.count('</style>') == 1, name
        assert '</style><script>' not in raw
        assert_self_contained(page, raw)
    with open(files['health_report.md'], encoding='utf-8') as handle:
        md = handle.read()
    assert not re.search(r'(?<!\\)<', md)          # every < is escaped: no raw HTML in the Markdown
    assert '\\<script>alert(1)\\</script>' in md
    assert '\\*\\*bold\\*\\*' in md and '\\| ' in md
    with open(files['run.json'], encoding='utf-8') as handle:
        assert json.load(handle)['meta']['hospital'] == hostile_run['meta']['hospital']  # data is kept as is


def test_markdown_escape():
    assert md_escape('a|b') == 'a\\|b'
    assert md_escape('<b>x</b>') == '\\<b>x\\</b>'
    assert md_escape('HIS->医保 & LIS') == 'HIS->医保 \\& LIS'
    assert md_escape('line1\nline2') == 'line1 line2'
    assert md_escape('linux.fs.used_pct') == 'linux.fs.used\\_pct'
    assert md_escape(None) == ''


def test_css_string_cannot_close_the_style_element():
    text = render.css_string('医院</style><script>"x"')
    assert '<' not in text and '>' not in text and text.count('"') == 2


def test_run_json_is_the_validated_record(rendered, run):
    files, _out = rendered
    with open(files['run.json'], encoding='utf-8') as handle:
        data = json.load(handle)
    assert data == run
    validate_run(data)


def test_markdown_report(rendered):
    files, _out = rendered
    with open(files['health_report.md'], encoding='utf-8') as handle:
        md = handle.read()
    assert md.startswith('# 系统健康检查与性能分析报告\n')
    for heading in ('## 1 执行摘要', '## 2 设备清单', '## 3 风险与故障', '### 3.1 故障（按 P1/P2/P3 分级）', '## 4 服务器性能分析',
                    '## 5 数据库、存储及其他设备', '## 6 存储容量规划', '## 7 备份与恢复', '## 8 补丁与变更', '## 9 与上次巡检相比的变化', '### A 未能巡检的设备'):
        assert '\n' + heading + '\n' in md, heading
    assert '| P2 较大故障 | emr\\-app\\-02 |' in md or '| P2 较大故障 | emr-app-02 |' in md
    assert '\u2588' in md  # text bars of the resource tables


def test_bounded_charts_say_so(run, tmp_path):
    files = render_all(run, str(tmp_path), formats=('html',), chart_limit=2)
    text = ''.join(parse(files['health_report.html']).text)
    assert '下图仅展示 2 台' in text
    charts = text[text.index('下图仅展示 2 台'):]                       # the summary's by-system table names hosts too
    assert charts.index('pacs-app-01 · ') < charts.index('lis-app-01 · ')  # worst resource finding first


def test_a_run_without_changes_or_devices(run, tmp_path):
    run['changes'] = None
    run['inspections'] = [i for i in run['inspections'] if i['device_class'] == 'linux_server']
    files = render_all(run, str(tmp_path), formats=('html', 'md'), validate=False)
    text = ''.join(parse(files['health_report.html']).text)
    assert '没有可比较的上次巡检记录' in text
    assert '本次巡检不包含数据库、存储或其他设备' in text
