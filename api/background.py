"""Background work, started and stopped in one place: `background_services`, run by the app's
lifespan (api/app.py) when one process serves, or by the supervising process of
`fieldbot serve --workers N` (`running`), so that web workers only serve requests.

Each service has an async `start` and `stop`. Work that must run once however many processes
serve the app (the outbox sender, the scheduler) runs as `SingletonWork`: the process
holding its lease (store/singleton.py) runs it, the others ask again every few seconds.
To add a service, add one line to `background_services`.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from anyio import to_thread

from store.singleton import Lease, lease_for

if TYPE_CHECKING:
    from api.bootstrap import Container

logger = logging.getLogger(__name__)


class BackgroundService(Protocol):
    """Something the app runs beside serving requests, from start-up to shutdown."""

    name: str

    async def start(self) -> None: ...

    async def stop(self) -> None:
        """Stop, letting what is in flight finish."""
        ...


def background_services(container: Container) -> list[BackgroundService]:
    """What this app runs in the background, by its settings."""
    settings = container.settings
    services: list[BackgroundService] = []
    if settings.sender_in_web():
        services.append(outbox_sender_service(container, retry=settings.singleton_retry_seconds))
    if settings.sender_in_web() and settings.run_scheduler:  # the scheduler's pass delivers too
        services.append(scheduler_service(container, interval=settings.due_interval_seconds,
                                          retry=settings.singleton_retry_seconds))
    return services


@contextmanager
def running(container: Container) -> Iterator[None]:
    """The background services of `container` started on entry and stopped on exit, outside an
    app's lifespan (the process that supervises several web workers)."""
    services = background_services(container)

    async def start() -> None:
        for service in services:
            await service.start()

    async def stop() -> None:
        for service in reversed(services):
            await service.stop()

    asyncio.run(start())
    try:
        yield
    finally:
        asyncio.run(stop())


def outbox_sender_service(container: Container, *, interval: float = 2.0,
                          retry: float = 5.0) -> SingletonWork:
    """The outbox sender, run by one process at a time."""
    from api.outbox import sender_for

    sender = sender_for(container)
    return SingletonWork(name="outbox-sender", lease=lease_for(container.engine, "outbox-sender"),
                         work=lambda stop: sender.run_until(stop, interval=interval), retry=retry)


def scheduler_service(container: Container, *, interval: float = 60.0,
                      retry: float = 5.0) -> SingletonWork:
    """The scheduler's due pass every `interval` seconds, run by one process at a time."""
    from api.scheduler import due_pass_for, run_periodically

    # The outbox sender service delivers; this one derives and writes, then delivers what it can.
    due = due_pass_for(container)
    return SingletonWork(name="scheduler", lease=lease_for(container.engine, "scheduler"),
                         work=lambda stop: run_periodically(due, stop, interval=interval),
                         retry=retry)


@dataclass
class SingletonWork:
    """Runs `work` in a thread of this process while this process holds `lease`, and asks for the
    lease again every `retry` seconds while another holds it (so it takes over when that one
    stops or dies). `work` runs until the event it is given is set, then returns."""

    name: str
    lease: Lease
    work: Callable[[threading.Event], None]
    retry: float = 5.0
    running: threading.Event = field(default_factory=threading.Event, init=False)  # runs here
    _stop: threading.Event = field(default_factory=threading.Event, init=False, repr=False)
    _thread: threading.Thread | None = field(default=None, init=False, repr=False)

    async def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self.run, args=(self._stop,),
                                        name=f"{self.name}-lease", daemon=True)
        self._thread.start()

    async def stop(self) -> None:
        self._stop.set()
        thread = self._thread
        if thread is not None:
            await to_thread.run_sync(thread.join)

    def run(self, stop: threading.Event) -> None:
        """Take turns for the lease and run the work while holding it, until `stop` is set."""
        while not stop.is_set():
            try:
                got = self.lease.try_acquire()
            except Exception as exc:  # the database is away: ask again later
                logger.warning("%s: could not ask for the lease (%s)", self.name,
                               type(exc).__name__)
                got = False
            if got:
                self._run_holding(stop)
            stop.wait(self.retry)  # also after the work ended early: no tight restart loop

    def _run_holding(self, stop: threading.Event) -> None:
        logger.info("%s: running in this process", self.name)
        done = threading.Event()
        worker = threading.Thread(target=self.work, args=(done,), name=self.name, daemon=True)
        self.running.set()
        worker.start()
        try:
            while worker.is_alive() and not stop.wait(self.retry):
                if not self.lease.held():
                    logger.warning("%s: lost the lease; stopping here", self.name)
                    break
        finally:
            done.set()
            worker.join()  # what is in flight finishes first
            self.running.clear()
            self.lease.release()
            logger.info("%s: stopped in this process", self.name)
