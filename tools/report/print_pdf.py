#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Print a rendered HTML report (health_report.html) to PDF, and optionally a PNG screenshot,
with headless Chromium. Offline: every host name resolves to nothing, so the report must be
self-contained (it is).

    tools/report/print_pdf.py reports/<run-id>/health_report.html [--pdf out.pdf] [--png out.png]

Needs `chromium` (Debian: apt-get install chromium fonts-noto-cjk). The A4 page size, margins
and running header/footer come from the report's own @page rules.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

CHROMIUM_NAMES = ('chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable')
BASE_FLAGS = (
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-extensions', '--disable-dev-shm-usage', '--hide-scrollbars',
    '--host-resolver-rules=MAP * ~NOTFOUND',  # nothing may be fetched: a report that needs the network fails visibly
)


def find_chromium():
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def _run(args, timeout):
    chromium = find_chromium()
    if not chromium:
        raise RuntimeError('print report: chromium not found (apt-get install chromium fonts-noto-cjk)')
    profile = tempfile.mkdtemp(prefix='itops-chromium-')
    try:
        cmd = [chromium] + list(BASE_FLAGS) + ['--user-data-dir=%s' % profile] + list(args)
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, check=False)
        return proc
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def _url(html_path):
    return 'file://' + os.path.abspath(html_path)


def print_pdf(html_path, pdf_path, timeout=180):
    """Print `html_path` to `pdf_path` (A4, from the report's @page rules); returns pdf_path."""
    pdf_path = os.path.abspath(pdf_path)
    if os.path.exists(pdf_path):
        os.unlink(pdf_path)
    proc = _run(['--no-pdf-header-footer', '--print-to-pdf-no-header', '--print-to-pdf=%s' % pdf_path, _url(html_path)], timeout)
    if not os.path.exists(pdf_path) or os.path.getsize(pdf_path) == 0:
        raise RuntimeError('print report %s to PDF failed (exit %s): %s' % (html_path, proc.returncode, proc.stderr.decode('utf-8', 'replace')[-2000:]))
    return pdf_path


def screenshot(html_path, png_path, window_size='1240,1754', timeout=180):
    """A PNG of the first screen of the report (window_size in CSS pixels, default A4-like)."""
    png_path = os.path.abspath(png_path)
    if os.path.exists(png_path):
        os.unlink(png_path)
    proc = _run(['--window-size=%s' % window_size, '--screenshot=%s' % png_path, _url(html_path)], timeout)
    if not os.path.exists(png_path) or os.path.getsize(png_path) == 0:
        raise RuntimeError('screenshot of %s failed (exit %s): %s' % (html_path, proc.returncode, proc.stderr.decode('utf-8', 'replace')[-2000:]))
    return png_path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', 1)[0])
    parser.add_argument('html', help='rendered report, e.g. reports/<run-id>/health_report.html')
    parser.add_argument('--pdf', help='PDF to write (default: beside the HTML, .pdf)')
    parser.add_argument('--png', help='also write a screenshot of the first screen')
    parser.add_argument('--window-size', default='1240,1754')
    args = parser.parse_args(argv)
    pdf = args.pdf or os.path.splitext(args.html)[0] + '.pdf'
    try:
        print(print_pdf(args.html, pdf))
        if args.png:
            print(screenshot(args.html, args.png, args.window_size))
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
