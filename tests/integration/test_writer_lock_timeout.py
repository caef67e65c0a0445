"""The SQLite writer's lock waits a bounded time, and a wait that was given up never keeps the
lock from the others."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from store.writer_lock import WriterLock, WriterLockTimeout


def waiting_threads() -> int:
    return sum(thread.name == "writer-lock-wait" for thread in threading.enumerate())


def free_within(lock: WriterLock, seconds: float) -> bool:
    """Whether the lock can be taken (and is then let go) within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        held = lock.try_acquire()
        if held is not None:
            held.close()
            return True
        time.sleep(0.01)
    return False


@pytest.fixture
def lock(tmp_path) -> WriterLock:
    return WriterLock(str(tmp_path / "db.sqlite.lane"), timeout=0.2)


def test_a_wait_longer_than_the_timeout_raises_in_time(lock: WriterLock) -> None:
    held = lock.acquire()
    try:
        started = time.monotonic()
        with pytest.raises(WriterLockTimeout):
            lock.acquire()
        assert 0.2 <= time.monotonic() - started < 1
        with pytest.raises(WriterLockTimeout):
            lock.acquire(timeout=0.05)
    finally:
        held.close()


def test_a_given_up_wait_lets_go_of_the_lock_as_soon_as_it_gets_it(lock: WriterLock) -> None:
    before = waiting_threads()
    held = lock.acquire()
    with pytest.raises(WriterLockTimeout):
        lock.acquire()
    held.close()
    assert free_within(lock, 2)  # the abandoned wait got the lock and dropped it at once
    assert waiting_threads() - before <= 1  # the lock's one waiting thread, idle again


def test_waits_given_up_one_after_another_share_one_waiting_thread_not_many(
        lock: WriterLock) -> None:
    before = waiting_threads()
    held = lock.acquire()
    try:
        for _ in range(5):
            with pytest.raises(WriterLockTimeout):
                lock.acquire(timeout=0.02)
        assert waiting_threads() - before <= 1
    finally:
        held.close()
    assert free_within(lock, 2)


def test_the_next_writer_takes_over_a_given_up_wait_and_gets_the_lock_when_it_is_free(
        lock: WriterLock) -> None:
    held = lock.acquire()
    with pytest.raises(WriterLockTimeout):
        lock.acquire(timeout=0.02)
    threading.Timer(0.1, held.close).start()
    taken = lock.acquire(timeout=2)  # takes over the waiting thread, which gets it at release
    try:
        assert lock.try_acquire() is None
    finally:
        taken.close()
    assert free_within(lock, 2)


def test_an_event_loop_waits_for_the_lock_without_blocking_and_gives_up_in_time(
        lock: WriterLock) -> None:
    asyncio.run(_waits_on_an_event_loop(lock))


async def _waits_on_an_event_loop(lock: WriterLock) -> None:
    held = lock.acquire()
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    ticker = asyncio.create_task(tick())
    started = time.monotonic()
    with pytest.raises(WriterLockTimeout):
        await lock.acquire_async()
    assert 0.2 <= time.monotonic() - started < 1 and ticks >= 10  # the loop went on meanwhile
    threading.Timer(0.05, held.close).start()
    taken = await lock.acquire_async()
    ticker.cancel()
    try:
        assert lock.try_acquire() is None
    finally:
        taken.close()
    assert free_within(lock, 2)
