# -*- coding: utf-8 -*-
# Copyright: medops.itops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one bounded fan-out of the collection: many targets, one task, per-target isolation.

Every many-target collector runs its targets through this module and nothing else (a unit test
refuses ThreadPoolExecutor, asyncio.gather and asyncio.Semaphore anywhere else under plugins/):

- run_threads(items, work, concurrency, on_error, timeout): blocking work(item) in threads;
- run_async(items, work, concurrency, on_error, timeout): coroutine work(item) on the running loop;
- run_loop(...): run_async in an event loop of its own (the blocking caller's form);
- own_loop(coroutine, threads): that loop, for callers with setup around the fan-out (a shared
  pysnmp engine) whose async work also runs blocking calls through asyncio.to_thread.

Results come back in input order. An exception raised by work(item), or a per-target timeout
(a TimeoutError), is handed to on_error(item, exc), whose return value is that item's result:
one target's crash or hang is that target's finding, never the loss of the others.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import asyncio
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def _bound(concurrency, count):
    return max(1, min(int(concurrency or 1), count))


class TargetTimeout(TimeoutError):
    """What on_error receives for a target that did not finish within the fan-out's timeout."""


def timed_out(timeout):
    return TargetTimeout('no result within %s s' % timeout)


def describe(exc):
    """'TypeName: message', the way a finding names an exception."""
    return '%s: %s' % (type(exc).__name__, exc)


class _Raised(object):
    """What on_error raised in a worker thread, carried to the calling thread."""
    def __init__(self, exc):
        self.exc = exc


def run_threads(items, work, concurrency, on_error, timeout=None):
    """[work(item) or on_error(item, exc)] in input order, at most `concurrency` at a time.

    Each item runs in a daemon thread of its own. A thread that exceeds `timeout` (seconds from its
    start) gets on_error(item, TimeoutError) and frees its slot; Python cannot stop it, so it is
    abandoned (its late result is dropped, and it never holds up the interpreter's exit).
    """
    items = list(items)
    results = [None] * len(items)
    finished = queue.Queue()
    limit = _bound(concurrency, len(items))
    running = {}            # index -> start time
    todo = list(range(len(items)))

    def runner(index):
        try:
            try:
                value = work(items[index])
            except Exception as exc:  # pylint: disable=broad-except  # isolation: the error is this item's result
                value = on_error(items[index], exc)
        except BaseException as exc:  # pylint: disable=broad-except  # on_error itself refused: the caller re-raises it
            value = _Raised(exc)
        finished.put((index, value))

    while todo or running:
        while todo and len(running) < limit:
            index = todo.pop(0)
            running[index] = time.monotonic()
            threading.Thread(target=runner, args=(index,), daemon=True).start()
        try:
            index, value = finished.get(timeout=_wait(running, timeout))
        except queue.Empty:
            _expire(running, results, items, on_error, timeout)
            continue
        if index in running:     # not already given up on
            del running[index]
            if isinstance(value, _Raised):
                raise value.exc
            results[index] = value
    return results


def _wait(running, timeout):
    """Seconds until the earliest running item times out (None: wait for the next result)."""
    if timeout is None:
        return None
    return max(0.0, min(running.values()) + timeout - time.monotonic())


def _expire(running, results, items, on_error, timeout):
    now = time.monotonic()
    for index, started in list(running.items()):
        if now - started >= timeout:
            del running[index]
            results[index] = on_error(items[index], timed_out(timeout))


class _Expired(Exception):
    """The per-target timeout of run_async (kept apart from a TimeoutError the work raises itself)."""


async def _within(awaitable, timeout):
    task = asyncio.ensure_future(awaitable)
    done, _pending = await asyncio.wait([task], timeout=timeout)
    if done:
        return task.result()
    task.cancel()
    try:
        await task
    except (asyncio.CancelledError, Exception):  # pylint: disable=broad-except  # it is abandoned: its end is of no interest
        pass
    raise _Expired()


async def run_async(items, work, concurrency, on_error, timeout=None):
    """[await work(item) or on_error(item, exc)] in input order, at most `concurrency` awaited at once."""
    limit = asyncio.Semaphore(_bound(concurrency, len(items) or 1))

    async def one(item):
        async with limit:
            try:
                if timeout is None:
                    return await work(item)
                return await _within(work(item), timeout)
            except _Expired:
                return on_error(item, timed_out(timeout))
            except Exception as exc:  # pylint: disable=broad-except  # isolation: the error is this item's result
                return on_error(item, exc)
    return list(await asyncio.gather(*[one(item) for item in items]))


def own_loop(coroutine, threads=None):
    """Run `coroutine` in a new event loop; its default executor (asyncio.to_thread) has `threads` threads."""
    loop = asyncio.new_event_loop()
    pool = ThreadPoolExecutor(max_workers=max(1, int(threads))) if threads else None
    if pool is not None:
        loop.set_default_executor(pool)
    try:
        return loop.run_until_complete(coroutine)
    finally:
        try:
            loop.run_until_complete(loop.shutdown_asyncgens())
        finally:
            loop.close()
            if pool is not None:
                pool.shutdown(wait=False)


def run_loop(items, work, concurrency, on_error, timeout=None, threads=None):
    """run_async from blocking code, in a loop of its own."""
    items = list(items)
    if not items:
        return []
    return own_loop(run_async(items, work, concurrency, on_error, timeout), threads)
