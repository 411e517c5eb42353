# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inline SVG helper: well-formed, escaped, bounded."""

import xml.etree.ElementTree as ET

from ansible_collections.medops.itops.plugins.module_utils.report import svg


def test_usage_bars_are_well_formed_and_escaped():
    text = svg.usage_bars([{'label': '<script>x</script>', 'value': 150, 'status': 'critical', 'warning': 80, 'critical': 90},
                           {'label': '/data', 'value': 12.25, 'status': 'ok'},
                           {'label': 'none', 'value': None, 'status': 'unknown'}], title='CPU & 内存')
    root = ET.fromstring(text)
    assert root.tag == 'svg'
    assert '<script' not in text and '&lt;script&gt;' in text
    widths = [float(r.get('width')) for r in root.iter('rect')]
    assert max(widths) <= 660  # 150 % is drawn as 100 %
    assert 'http' not in text and 'url(' not in text


def test_stacked_bar_and_ring():
    ET.fromstring(svg.stacked_bar([{'label': '正常', 'count': 3, 'status': 'ok'}, {'label': '严重', 'count': 0, 'status': 'critical'}]))
    ET.fromstring(svg.stacked_bar([]))
    ring = svg.score_ring(87, '健康评分')
    assert '>87<' in ring and svg.COLOURS['warning'] in ring
    assert svg.COLOURS['ok'] in svg.score_ring(95)
