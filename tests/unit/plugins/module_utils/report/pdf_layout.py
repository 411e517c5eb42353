# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a printed page holds, from pdftotext -bbox word positions (poppler-utils)."""

import re
import subprocess

PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">')
# The running header and footer sit in the top and bottom 8 % of an A4 page (18 mm margins).
BAND = 0.08


def pages(pdf):
    """[{'page', 'lines', 'x_max', 'width'}] per page: lines are distinct text rows between the
    running header and footer; x_max is the right edge of the rightmost word on the page."""
    xml = subprocess.run(['pdftotext', '-bbox', pdf, '-'], capture_output=True, check=True).stdout.decode('utf-8')
    out = []
    for number, (width, height, body) in enumerate(PAGE.findall(xml), 1):
        width, height = float(width), float(height)
        words = [tuple(float(v) for v in m) for m in WORD.findall(body)]
        rows = set(round(w[1]) for w in words if BAND * height < w[1] < (1 - BAND) * height)
        out.append({'page': number, 'lines': len(rows), 'x_max': max([w[2] for w in words] or [0.0]), 'width': width})
    return out


def layout_faults(pdf, min_lines=5):
    """Pages holding fewer than `min_lines` lines or text beyond the page's right edge."""
    return [p for p in pages(pdf) if p['lines'] < min_lines or p['x_max'] > p['width']]
