"""`fieldbot serve --workers N`: the workers only serve; the supervising process sends the outbox."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path

from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Channel
from store.engine import create_db_engine, make_session_factory
from store.uow import SqlAlchemyUnitOfWork
from tests.e2e.servers import fieldbot_servers


def holders_of(path: str, pids: list[int]) -> list[int]:
    """Which of these processes hold an open file on `path`."""
    found = []
    for pid in pids:
        folder = Path(f"/proc/{pid}/fd")
        try:
            links = [os.readlink(fd) for fd in folder.iterdir()]
        except OSError:
            continue
        if path in links:
            found.append(pid)
    return found


def children_of(pid: int) -> list[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return [int(child) for child in text.split()]


def test_with_two_workers_the_supervisor_alone_sends_the_outbox(sqlite_url: str,
                                                                 tmp_path: Path) -> None:
    engine = create_db_engine(sqlite_url)
    uow_factory = lambda: SqlAlchemyUnitOfWork(make_session_factory(engine))  # noqa: E731
    with fieldbot_servers(sqlite_url, 1, tmp_path, sender=True, workers=2) as [server]:
        with uow_factory() as uow:
            now = datetime.now(UTC)
            notice = uow.messages.add(Message(
                channel=Channel.SMS, direction=Direction.OUT, address="+13125550100",
                body="A notice for the dispatcher", created_at=now, status=MessageStatus.QUEUED,
                kind=MessageKind.NOTICE, due_at=now, idempotency_key="workers-test"))
            uow.commit()
        deadline = time.monotonic() + 20
        status = MessageStatus.QUEUED
        while time.monotonic() < deadline and status in (MessageStatus.QUEUED,
                                                          MessageStatus.SENDING):
            time.sleep(0.2)
            with uow_factory() as uow:
                found = uow.messages.get(notice.id)
                assert found is not None
                status = found.status
        assert status is MessageStatus.SENT
        lease = f"{sqlite_url.removeprefix('sqlite:///')}.outbox-sender.singleton"
        workers = children_of(server.process.pid)
        assert holders_of(lease, [server.process.pid, *workers]) == [server.process.pid]
    engine.dispose()
