# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one fan-out: order kept, bound respected, one item's exception or timeout is that item's result."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import asyncio
import threading
import time

import pytest

from ansible_collections.medops.itops.plugins.module_utils.inspection import fanout


class Gauge(object):
    """Counts how many works run at once (threads or tasks)."""
    def __init__(self):
        self.now = self.most = 0
        self.lock = threading.Lock()

    def __enter__(self):
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)

    def __exit__(self, *exc):
        with self.lock:
            self.now -= 1


def failed(item, exc):
    return ('failed', item, fanout.describe(exc))


def blocking(gauge, seconds=0.02):
    def work(item):
        with gauge:
            time.sleep(seconds * (item % 3))
            if item == 4:
                raise ValueError('four')
            return item * 10
    return work


def asynchronous(gauge, seconds=0.02):
    async def work(item):
        with gauge:
            await asyncio.sleep(seconds * (item % 3))
            if item == 4:
                raise ValueError('four')
            return item * 10
    return work


def expected(count):
    return [('failed', 4, 'ValueError: four') if i == 4 else i * 10 for i in range(count)]


def test_threads_keep_order_bound_and_isolate():
    gauge = Gauge()
    assert fanout.run_threads(range(12), blocking(gauge), 3, failed) == expected(12)
    assert gauge.most == 3


def test_loop_keeps_order_bound_and_isolates():
    gauge = Gauge()
    assert fanout.run_loop(range(12), asynchronous(gauge), 3, failed) == expected(12)
    assert gauge.most == 3


def test_async_inside_a_running_loop():
    gauge = Gauge()
    assert asyncio.run(fanout.run_async(list(range(7)), asynchronous(gauge), 2, failed)) == expected(7)
    assert gauge.most == 2


def test_thread_timeout_is_that_items_result_and_frees_its_slot():
    hang = threading.Event()

    def work(item):
        if item == 'stuck':
            hang.wait(5)
        return item
    started = time.monotonic()
    out = fanout.run_threads(['a', 'stuck', 'b', 'c'], work, 1, failed, timeout=0.2)
    hang.set()
    assert out == ['a', ('failed', 'stuck', 'TargetTimeout: no result within 0.2 s'), 'b', 'c']
    assert time.monotonic() - started < 2          # the others did not wait for the stuck one


def test_async_timeout_is_that_items_result():
    async def work(item):
        if item == 'stuck':
            await asyncio.sleep(5)
        return item
    out = fanout.run_loop(['a', 'stuck', 'b'], work, 2, failed, timeout=0.2)
    assert out == ['a', ('failed', 'stuck', 'TargetTimeout: no result within 0.2 s'), 'b']


def test_a_timeout_error_of_the_work_itself_keeps_its_message():
    async def work(item):
        raise TimeoutError('socket said so')
    assert fanout.run_loop(['x'], work, 1, failed, timeout=5) == [('failed', 'x', 'TimeoutError: socket said so')]


def test_empty_input():
    assert fanout.run_threads([], blocking(Gauge()), 4, failed) == []
    assert fanout.run_loop([], asynchronous(Gauge()), 4, failed) == []
    assert asyncio.run(fanout.run_async([], asynchronous(Gauge()), 4, failed)) == []


def test_an_error_raised_by_on_error_reaches_the_caller():
    def refuse(item, exc):
        raise exc
    with pytest.raises(ValueError, match='four'):
        fanout.run_threads(range(6), blocking(Gauge(), 0), 2, refuse)
    with pytest.raises(ValueError, match='four'):
        fanout.run_loop(range(6), asynchronous(Gauge(), 0), 2, refuse)


def test_own_loop_bounds_blocking_calls_of_async_work():
    gauge = Gauge()

    def block(item):
        with gauge:
            time.sleep(0.02)
        return item

    async def work(item):
        return await asyncio.get_running_loop().run_in_executor(None, block, item)
    assert fanout.run_loop(range(10), work, 10, failed, threads=2) == list(range(10))
    assert gauge.most <= 2
