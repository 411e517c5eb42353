# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fan-out is written once: no thread pool, asyncio.gather or semaphore under plugins/ outside
module_utils/inspection/ (fanout.py). A new many-target collector uses fanout.run_threads/run_async."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ast
import os

PLUGINS = os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', '..', 'plugins')
ALLOWED = os.path.join('module_utils', 'inspection') + os.sep
BANNED_NAMES = {'ThreadPoolExecutor', 'ProcessPoolExecutor', 'Semaphore', 'BoundedSemaphore'}
BANNED_FROM_ASYNCIO = {'gather', 'Semaphore', 'BoundedSemaphore'}


def offences(source):
    """[(line, what)] of fan-out machinery used in Python source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name) and node.id in BANNED_NAMES:
            found.append((node.lineno, node.id))
        elif isinstance(node, ast.Attribute) and node.attr in BANNED_NAMES:
            found.append((node.lineno, node.attr))
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == 'asyncio' and node.attr == 'gather':
            found.append((node.lineno, 'asyncio.gather'))
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name in BANNED_NAMES or (node.module == 'asyncio' and alias.name in BANNED_FROM_ASYNCIO):
                    found.append((node.lineno, 'import %s' % alias.name))
    return found


def plugin_sources():
    root = os.path.normpath(PLUGINS)
    for folder, _dirs, files in os.walk(root):
        for name in files:
            if name.endswith('.py'):
                path = os.path.join(folder, name)
                yield os.path.relpath(path, root), path


def test_no_fanout_outside_module_utils_inspection():
    sources = list(plugin_sources())
    assert len(sources) > 50                       # the walk found the plugins
    bad = []
    for rel, path in sources:
        if rel.startswith(ALLOWED):
            continue
        with open(path, encoding='utf-8') as handle:
            lines = handle.read().splitlines()
        for line, what in offences('\n'.join(lines)):
            bad.append('plugins/%s:%d: %s: %s' % (rel, line, what, lines[line - 1].strip()))
    assert not bad, 'use module_utils/inspection/fanout.py instead of:\n' + '\n'.join(bad)


def test_the_guard_sees_each_form():
    planted = '\n'.join([
        'import asyncio, threading',
        'from concurrent.futures import ThreadPoolExecutor',
        'from asyncio import gather',
        'limit = asyncio.Semaphore(4)',
        'gate = threading.BoundedSemaphore(2)',
        'async def f(xs):',
        '    return await asyncio.gather(*xs)',
    ])
    assert offences(planted) == [(2, 'import ThreadPoolExecutor'), (3, 'import gather'), (4, 'Semaphore'), (5, 'BoundedSemaphore'),
                                 (7, 'asyncio.gather')]
    assert offences('results = fanout.run_threads(specs, one, 4, failed)') == []
