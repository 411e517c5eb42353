# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A small inline-SVG chart helper: horizontal usage bars, usage over time, a stacked bar and a score ring.

No JavaScript, no external resources; every text is XML-escaped here, so the returned strings
are safe to embed in HTML as they are.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from xml.sax.saxutils import escape as _xml_escape

from ansible_collections.medops.itops.plugins.module_utils.inspection.grading import score_band

COLOURS = {'ok': '#2e7d32', 'warning': '#e09a00', 'critical': '#c62828', 'unknown': '#8a8f98'}
GRID = '#d9dde3'
TEXT = '#1f2937'
MUTED = '#6b7280'
FONT = "font-family=\"'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif\""


def esc(text):
    return _xml_escape('' if text is None else str(text), {'"': '&quot;', "'": '&#39;'})


def _num(value):
    return ('%.1f' % value).rstrip('0').rstrip('.')


def usage_bars(bars, title=None, width=660, label_width=150, row_height=22):
    """Horizontal 0-100 % bars: [{label, value, status, warning, critical}] -> SVG text.

    `warning`/`critical` (optional) are drawn as vertical marks across the bar.
    """
    value_width = 60
    plot_x = label_width
    plot_w = width - label_width - value_width
    top = 26 if title else 6
    axis_h = 16
    height = top + row_height * len(bars) + axis_h
    out = ['<svg class="chart" width="%d" height="%d" viewBox="0 0 %d %d" role="img"%s>'
           % (width, height, width, height, (' aria-label="%s"' % esc(title)) if title else '')]
    if title:
        out.append('<text x="0" y="16" font-size="13" font-weight="700" fill="%s" %s>%s</text>' % (TEXT, FONT, esc(title)))
    for tick in (0, 25, 50, 75, 100):
        x = plot_x + plot_w * tick / 100.0
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s" stroke-width="1"/>' % (x, top, x, top + row_height * len(bars), GRID))
        out.append('<text x="%.1f" y="%d" font-size="9" text-anchor="middle" fill="%s" %s>%d%%</text>'
                   % (x, top + row_height * len(bars) + 12, MUTED, FONT, tick))
    for index, usage in enumerate(bars):
        y = top + index * row_height
        value = usage.get('value')
        status = usage.get('status') or 'unknown'
        out.append('<text x="%d" y="%.1f" font-size="11" text-anchor="end" fill="%s" %s>%s</text>'
                   % (plot_x - 6, y + row_height * 0.68, TEXT, FONT, esc(usage.get('label'))))
        out.append('<rect x="%d" y="%.1f" width="%.1f" height="%.1f" fill="#f1f3f5"/>' % (plot_x, y + 4, plot_w, row_height - 8))
        if isinstance(value, (int, float)):
            bar_w = plot_w * max(0.0, min(float(value), 100.0)) / 100.0
            out.append('<rect x="%d" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>'
                       % (plot_x, y + 4, bar_w, row_height - 8, COLOURS.get(status, COLOURS['unknown'])))
            out.append('<text x="%d" y="%.1f" font-size="11" font-weight="700" fill="%s" %s>%s%%</text>'
                       % (plot_x + plot_w + 6, y + row_height * 0.68, COLOURS.get(status, TEXT), FONT, _num(value)))
        for key, dash in (('warning', '3,2'), ('critical', '')):
            mark = usage.get(key)
            if isinstance(mark, (int, float)) and 0 <= mark <= 100:
                x = plot_x + plot_w * mark / 100.0
                out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="1.5"%s/>'
                           % (x, y + 2, x, y + row_height - 2, COLOURS[key], (' stroke-dasharray="%s"' % dash) if dash else ''))
    out.append('</svg>')
    return ''.join(out)


def usage_lines(lines, start, end, width=660, height=150, legend_height=16):
    """0-100 % over time: [{label, colour, points: [(epoch, value)], baseline, legend}] -> SVG text.

    `start`/`end` label the time axis; a line's baseline (if any) is a dashed level in its colour.
    One point is drawn as a dot (a line needs two).
    """
    left, right, top = 34, 8, 6
    plot_w, plot_h = width - left - right, height - top - 18
    stamps = [t for line in lines for t, _v in line['points']]
    first, last = min(stamps), max(stamps)
    span = float(last - first) or 1.0
    total_h = height + legend_height * len(lines)
    out = ['<svg class="chart" width="%d" height="%d" viewBox="0 0 %d %d" role="img">' % (width, total_h, width, total_h)]
    for tick in (0, 50, 100):
        y = top + plot_h * (1 - tick / 100.0)
        out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s" stroke-width="1"/>' % (left, y, left + plot_w, y, GRID))
        out.append('<text x="%d" y="%.1f" font-size="9" text-anchor="end" fill="%s" %s>%d%%</text>' % (left - 4, y + 3, MUTED, FONT, tick))
    for x, anchor, label in ((left, 'start', start), (left + plot_w, 'end', end)):
        out.append('<text x="%d" y="%d" font-size="9" text-anchor="%s" fill="%s" %s>%s</text>'
                   % (x, top + plot_h + 13, anchor, MUTED, FONT, esc(label)))

    def xy(stamp, value):
        x = left + plot_w * ((stamp - first) / span if last > first else 0.5)
        return x, top + plot_h * (1 - max(0.0, min(float(value), 100.0)) / 100.0)
    for index, line in enumerate(lines):
        colour = line.get('colour') or TEXT
        coords = [xy(t, v) for t, v in line['points']]
        if len(coords) == 1:
            out.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (coords[0] + (colour,)))
        else:
            out.append('<polyline fill="none" stroke="%s" stroke-width="1.6" points="%s"/>'
                       % (colour, ' '.join('%.1f,%.1f' % c for c in coords)))
        baseline = line.get('baseline')
        if isinstance(baseline, (int, float)):
            y = xy(first, baseline)[1]
            out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s" stroke-width="1" stroke-dasharray="4,3"/>'
                       % (left, y, left + plot_w, y, colour))
        y = height + legend_height * index + 11
        out.append('<rect x="%d" y="%d" width="10" height="3" fill="%s"/>' % (left, y - 4, colour))
        out.append('<text x="%d" y="%d" font-size="10" fill="%s" %s>%s</text>' % (left + 14, y, TEXT, FONT, esc(line.get('legend'))))
    out.append('</svg>')
    return ''.join(out)


def stacked_bar(segments, width=660, height=34):
    """One bar split by count: [{label, count, status}] -> SVG text (labels under the bar)."""
    total = sum(s.get('count') or 0 for s in segments) or 1
    out = ['<svg class="chart" width="%d" height="%d" viewBox="0 0 %d %d" role="img">'
           % (width, height + 18, width, height + 18)]
    x = 0.0
    legend_x = 0
    for seg in segments:
        count = seg.get('count') or 0
        seg_w = width * count / float(total)
        colour = COLOURS.get(seg.get('status'), COLOURS['unknown'])
        if seg_w > 0:
            out.append('<rect x="%.1f" y="0" width="%.1f" height="%d" fill="%s"/>' % (x, seg_w, height - 14, colour))
        x += seg_w
        out.append('<rect x="%d" y="%d" width="10" height="10" fill="%s"/>' % (legend_x, height - 6, colour))
        label = '%s %d' % (seg.get('label'), count)
        out.append('<text x="%d" y="%d" font-size="11" fill="%s" %s>%s</text>' % (legend_x + 14, height + 3, TEXT, FONT, esc(label)))
        legend_x += 24 + 9 * len(label) + 20
    out.append('</svg>')
    return ''.join(out)


def score_ring(score, label=None, size=132):
    """A ring filled to `score` percent, the score in the middle, coloured by its band (grading.SCORE_BANDS)."""
    radius = size / 2.0 - 10
    circumference = 2 * 3.141592653589793 * radius
    value = max(0.0, min(float(score or 0), 100.0))
    status = score_band(value)[1]
    centre = size / 2.0
    out = ['<svg class="ring" width="%d" height="%d" viewBox="0 0 %d %d" role="img">' % (size, size, size, size)]
    out.append('<circle cx="%.1f" cy="%.1f" r="%.1f" fill="none" stroke="#e5e7eb" stroke-width="12"/>' % (centre, centre, radius))
    out.append('<circle cx="%.1f" cy="%.1f" r="%.1f" fill="none" stroke="%s" stroke-width="12" stroke-dasharray="%.1f %.1f" '
               'transform="rotate(-90 %.1f %.1f)"/>'
               % (centre, centre, radius, COLOURS[status], circumference * value / 100.0, circumference, centre, centre))
    out.append('<text x="%.1f" y="%.1f" font-size="34" font-weight="700" text-anchor="middle" fill="%s" %s>%s</text>'
               % (centre, centre + 10, TEXT, FONT, esc(_num(value))))
    if label:
        out.append('<text x="%.1f" y="%.1f" font-size="11" text-anchor="middle" fill="%s" %s>%s</text>' % (centre, centre + 28, MUTED, FONT, esc(label)))
    out.append('</svg>')
    return ''.join(out)
