# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Atomic writing: a failure in the middle leaves the previous reports intact and no temporary file."""

import os
import stat

import pytest

from ansible_collections.medops.itops.plugins.module_utils.report import atomic, render, xlsx
from ansible_collections.medops.itops.plugins.module_utils.report.render import ReportError, render_all


def snapshot(directory):
    out = {}
    for name in sorted(os.listdir(directory)):
        with open(os.path.join(directory, name), 'rb') as handle:
            out[name] = handle.read()
    return out


@pytest.fixture
def previous(run, tmp_path):
    """A directory holding the reports of an earlier rendering (in English, to tell them apart)."""
    out = str(tmp_path / 'reports')
    render_all(run, out, language='en')
    return out, snapshot(out)


def test_template_failure_keeps_previous_reports_and_leaves_no_temp(run, previous, monkeypatch):
    out, before = previous

    def broken(*_args, **_kwargs):
        raise RuntimeError('disk on fire')
    monkeypatch.setattr(xlsx, 'write_record_xlsx', broken)  # html already staged, md and json not yet
    with pytest.raises(ReportError, match='inspection_record.xlsx.*disk on fire'):
        render_all(run, out)
    assert snapshot(out) == before


def test_failure_while_streaming_a_template(run, previous, monkeypatch):
    out, before = previous
    original = render._stream_template

    def half_then_fail(env, name, context, path):
        if name == 'health_report.md.j2':
            with open(path, 'w', encoding='utf-8') as handle:
                handle.write('# half a report')
            raise IOError('no space left on device')
        return original(env, name, context, path)
    monkeypatch.setattr(render, '_stream_template', half_then_fail)
    with pytest.raises(ReportError, match='health_report.md'):
        render_all(run, out)
    assert snapshot(out) == before


def test_failing_replace_leaves_no_temp(run, previous, monkeypatch):
    out, before = previous
    calls = []
    real_replace = os.replace

    def flaky_replace(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            raise OSError('replace failed')
        return real_replace(src, dst)
    monkeypatch.setattr(atomic.os, 'replace', flaky_replace)
    with pytest.raises(OSError, match='replace failed'):
        render_all(run, out)
    after = snapshot(out)
    assert set(after) == set(before)  # no temporary file, no file lost
    changed = [name for name in after if after[name] != before[name]]
    assert set(changed) <= {os.path.basename(c) for c in calls[:2]}  # only the files moved before the failure are new
    for name in after:
        assert stat.S_IMODE(os.stat(os.path.join(out, name)).st_mode) == 0o640


def test_write_text_atomic(tmp_path):
    path = str(tmp_path / 'a.txt')
    atomic.write_text_atomic(path, '巡检\n')
    assert open(path, encoding='utf-8').read() == '巡检\n'
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640

    def broken(tmp_path_):
        with open(tmp_path_, 'w') as handle:
            handle.write('partial')
        raise ValueError('boom')
    with pytest.raises(ValueError):
        atomic.write_atomic(path, broken)
    assert open(path, encoding='utf-8').read() == '巡检\n'
    assert os.listdir(str(tmp_path)) == ['a.txt']


def test_ensure_dir_creates_0750_despite_umask(tmp_path):
    old = os.umask(0o077)
    try:
        path = atomic.ensure_dir(str(tmp_path / 'x' / 'y'))
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o750
