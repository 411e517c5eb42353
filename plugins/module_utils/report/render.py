# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Render a run record into its deliverables: render_all(run, out_dir).

Files (by format): html -> inspection_record.html, health_report.html; xlsx -> inspection_record.xlsx;
md -> health_report.md; json -> run.json. All are staged as temporary files beside their final
name first and moved into place only when every requested file rendered, so a failure leaves
the previous reports intact and no partial or temporary file behind (files 0640, directory 0750).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import io
import json
import os

try:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
    from markupsafe import Markup
    HAS_JINJA2 = True
except ImportError:
    HAS_JINJA2 = False

from ansible_collections.medops.itops.plugins.module_utils.report import atomic, capacity, model, outline, svg, xlsx
from ansible_collections.medops.itops.plugins.module_utils.report.fmt import format_number
from ansible_collections.medops.itops.plugins.module_utils.report.i18n import DEFAULT_LANGUAGE, LANGUAGES, load_catalog
from ansible_collections.medops.itops.plugins.module_utils.report.paths import templates_dir
from ansible_collections.medops.itops.plugins.module_utils.report.schema import validate_run

FORMATS = ('html', 'xlsx', 'md', 'json')
FILES = {
    'html': ('inspection_record.html', 'health_report.html'),
    'xlsx': ('inspection_record.xlsx',),
    'md': ('health_report.md',),
    'json': ('run.json',),
}
STREAM_BUFFER = 1 << 20
TEXT_BAR_WIDTH = 20
# CommonMark takes a backslash before any ASCII punctuation literally: `\<b>` is text, not HTML,
# and the raw file stays readable (HIS->医保, not HIS-&gt;医保). `>` only quotes at a line's start.
_MD_SPECIAL = '\\`*_[]|~<&'
_ENVIRONMENTS = {}


class ReportError(Exception):
    """A report could not be rendered; nothing was left half-written."""


def md_escape(value):
    """One Markdown table cell: HTML and Markdown syntax escaped, one line."""
    text = '' if value is None else str(value)
    text = ''.join('\\' + ch if ch in _MD_SPECIAL else ch for ch in text)
    return ' '.join(text.split())


def css_string(value):
    """A CSS string literal with every character outside [A-Za-z0-9 ] hex-escaped (safe inside <style>)."""
    text = '' if value is None else str(value)
    body = ''.join(ch if (ch.isalnum() and ord(ch) < 128) or ch == ' ' else '\\%06x' % ord(ch) for ch in text)
    return Markup('"%s"' % body)


def environment(base_dir=None):
    """The Jinja2 environment of the report templates (autoescape on for HTML, StrictUndefined)."""
    if not HAS_JINJA2:
        raise ReportError('rendering reports requires the jinja2 library (pip install jinja2)')
    base_dir = base_dir or templates_dir()
    if base_dir not in _ENVIRONMENTS:
        env = Environment(
            loader=FileSystemLoader(base_dir),
            autoescape=select_autoescape(enabled_extensions=('html', 'html.j2'), disabled_extensions=('md.j2', 'css.j2'),
                                         default_for_string=True, default=True),
            undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        env.filters['md'] = md_escape
        env.filters['css_string'] = css_string
        _ENVIRONMENTS[base_dir] = env
    return _ENVIRONMENTS[base_dir]


def _text_bar(value):
    filled = int(round(max(0.0, min(float(value), 100.0)) * TEXT_BAR_WIDTH / 100.0))
    return '\u2588' * filled + '\u2591' * (TEXT_BAR_WIDTH - filled)


def health_context(run, catalog, chart_limit=model.CHART_LIMIT):
    """The health report's model plus its inline SVG charts."""
    m = model.health_model(run, catalog, chart_limit=chart_limit)
    m['capacity'] = [dict(row, svg=Markup(row['svg'])) for row in capacity.capacity_rows(run.get('forecasts'), catalog)]
    m['capacity_known'] = run.get('forecasts') is not None
    m['database_storage'] = outline.database_storage(run, catalog)
    m['forecast_options'] = dict(capacity.DEFAULT_OPTIONS, **(run.get('forecast_options') or {}))
    m['perf'], m['bottlenecks'] = capacity.performance_rows(run.get('performance'), catalog)
    m['score_svg'] = Markup(svg.score_ring(m['score'], catalog.t('summary.score')))
    m['status_svg'] = Markup(svg.stacked_bar(m['status_segments']))
    for chart in m['charts']:
        for usage in chart['bars']:
            usage['value_text'] = format_number(usage['value']) + '%'
            usage['status_label'] = catalog.status(usage['status'])
            usage['text_bar'] = _text_bar(usage['value'])
        chart['svg'] = Markup(svg.usage_bars(chart['bars']))
        period = chart.get('period')
        chart['period_svg'] = Markup(svg.usage_lines(period['lines'], period['start'], period['end'])) if period else None
    return m


def _stream_template(env, name, context, path):
    template = env.get_template(name)
    with io.open(path, 'w', encoding='utf-8', newline='\n', buffering=STREAM_BUFFER) as handle:
        for chunk in template.generate(**context):
            handle.write(chunk)


def _writers(run, catalog, env, chart_limit, xlsx_backend):
    """name -> function(tmp_path) for every file; contexts are built lazily and shared."""
    header = model.header(run, catalog)
    cache = {}

    def health():
        if 'health' not in cache:
            cache['health'] = health_context(run, catalog, chart_limit)
        return cache['health']

    def rows():
        if 'rows' not in cache:
            cache['rows'] = list(model.record_rows(run, catalog))  # a generator would be empty for the second file
        return cache['rows']

    base = {'t': catalog.t, 'header': header}
    return {
        'inspection_record.html': lambda p: _stream_template(env, 'inspection_record.html.j2', dict(
            base, rows=model.print_rows(rows(), catalog), orientation='landscape', running=catalog.t('titles.inspection_record')), p),
        'health_report.html': lambda p: _stream_template(env, 'health_report.html.j2', dict(
            base, m=health(), orientation='portrait', running=catalog.t('titles.health_report')), p),
        'health_report.md': lambda p: _stream_template(env, 'health_report.md.j2', dict(base, m=health()), p),
        'inspection_record.xlsx': lambda p: xlsx.write_record_xlsx(p, rows(), header, catalog, xlsx_backend),
        'run.json': lambda p: _write_json(run, p),
    }


def _write_json(run, path):
    with io.open(path, 'w', encoding='utf-8', newline='\n', buffering=STREAM_BUFFER) as handle:
        json.dump(run, handle, ensure_ascii=False, indent=1, default=str)
        handle.write('\n')


def render_all(run, out_dir, language=DEFAULT_LANGUAGE, formats=FORMATS, validate=True,
               chart_limit=model.CHART_LIMIT, xlsx_backend=None, base_dir=None):
    """Render `run` into `out_dir`; returns {file name: absolute path} of the files written.

    Raises RunRecordError for an invalid record (validate=True) and ReportError when a file
    cannot be rendered; in both cases no file of `out_dir` was changed.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ReportError('unknown report format(s) %s; expected some of %s' % (', '.join(map(str, unknown)), ', '.join(FORMATS)))
    if language not in LANGUAGES:
        raise ReportError('report language %r is not one of %s' % (language, ', '.join(LANGUAGES)))
    if validate:
        validate_run(run)
    catalog = load_catalog(language, base_dir)
    env = environment(base_dir)
    atomic.ensure_dir(out_dir)
    writers = _writers(run, catalog, env, chart_limit, xlsx_backend)
    names = [name for fmt in FORMATS if fmt in formats for name in FILES[fmt]]
    staged = []
    try:
        for name in names:
            stage = atomic.StagedFile(os.path.join(out_dir, name))
            staged.append(stage)
            try:
                writers[name](stage.tmp_path)
                stage.sync()
            except Exception as exc:
                raise ReportError('render %s of run %s: %s: %s' % (name, run.get('run_id'), type(exc).__name__, exc)) from exc
        for stage in staged:
            stage.commit()
    finally:
        for stage in staged:
            stage.discard()
    return dict((name, os.path.abspath(os.path.join(out_dir, name))) for name in names)
