# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Atomic report files: a reader sees the old file or the complete new one, never a part.

Each file is written to a temporary name in its own directory (same filesystem), flushed and
fsynced, given its final mode, then moved over the final name with os.replace(). Nothing is
left behind when writing fails.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import tempfile

FILE_MODE = 0o640
DIR_MODE = 0o750
TMP_PREFIX = '.tmp-'


def ensure_dir(path, mode=DIR_MODE):
    """Create `path` (and parents) with `mode` when missing; an existing directory is kept as is."""
    if not os.path.isdir(path):
        os.makedirs(path, mode)
        os.chmod(path, mode)  # makedirs is subject to the umask
    return path


def fsync_dir(path):
    """Persist a rename: fsync the directory (not possible on every platform, hence best effort)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _unlink_quietly(path):
    try:
        os.unlink(path)
    except OSError:
        pass


class StagedFile(object):
    """A temporary file beside `final_path`; `commit()` moves it into place, `discard()` removes it."""

    def __init__(self, final_path, mode=FILE_MODE):
        self.final_path = final_path
        self.mode = mode
        directory, name = os.path.split(os.path.abspath(final_path))
        fd, self.tmp_path = tempfile.mkstemp(prefix=TMP_PREFIX + name + '.', dir=directory)
        os.close(fd)
        os.chmod(self.tmp_path, mode)
        self.done = False

    def sync(self):
        """fsync the staged content (the writer has closed it)."""
        fd = os.open(self.tmp_path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(self.tmp_path, self.mode)  # some writers recreate the file

    def commit(self):
        try:
            os.replace(self.tmp_path, self.final_path)
        except BaseException:
            self.discard()
            raise
        self.done = True
        fsync_dir(os.path.dirname(os.path.abspath(self.final_path)))

    def discard(self):
        if not self.done:
            _unlink_quietly(self.tmp_path)
            self.done = True


def write_atomic(final_path, write, mode=FILE_MODE):
    """Write one file atomically: `write(tmp_path)` fills the temporary file."""
    staged = StagedFile(final_path, mode)
    try:
        write(staged.tmp_path)
        staged.sync()
    except BaseException:
        staged.discard()
        raise
    staged.commit()
    return final_path


def write_text_atomic(final_path, text, mode=FILE_MODE):
    """Write a text file (UTF-8) atomically."""
    def _write(tmp_path):
        with open(tmp_path, 'w', encoding='utf-8', newline='\n') as handle:
            handle.write(text)
    return write_atomic(final_path, _write, mode)
