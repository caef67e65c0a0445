"""`fieldbot worker` processes against the fake Twilio on loopback: SIGTERM strands nothing,
kill -9 at each moment of a send loses nothing and never resends blindly, and on PostgreSQL four
workers send every message exactly once."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert

from api.bootstrap import Container, bootstrap
from api.settings import Settings
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Account, Channel, Contact
from domain.staff import Role, StaffMember
from store import orm
from tests.e2e.servers import Worker, fieldbot_worker, worker_env
from tests.fake_twilio import FakeTwilio
from tests.integration.outbox_world import stored
from tests.waits import eventually

CUSTOMER = "+15550107711"
DISPATCHER = "+13125550188"


@pytest.fixture
def container(database_url: str) -> Iterator[Container]:
    built = bootstrap(Settings(database_url=database_url))
    with built.uow_factory() as uow:
        uow.staff.add(StaffMember(name="Dana Ortiz", role=Role.DISPATCHER, phone=DISPATCHER))
        account = uow.accounts.add(Account(name="Rosa Quinn"))
        assert account.id is not None
        uow.contacts.add(Contact(account_id=account.id, name="Rosa Quinn", phone=CUSTOMER))
        uow.commit()
    yield built
    built.engine.dispose()


def queue(container: Container, body: str, due_at: datetime | None = None) -> int:
    now = datetime.now(UTC)
    with container.uow_factory() as uow:
        contact = uow.contacts.first(phone=CUSTOMER)
        assert contact is not None
        message = uow.messages.add(Message(
            channel=Channel.SMS, direction=Direction.OUT, address=CUSTOMER, body=body,
            created_at=now, status=MessageStatus.QUEUED, kind=MessageKind.NOTICE,
            contact_id=contact.id, account_id=contact.account_id, due_at=due_at or now))
        uow.commit()
        assert message.id is not None
        return message.id


def statuses(container: Container) -> Counter[MessageStatus]:
    with container.uow_factory() as uow:
        return Counter(m.status for m in uow.messages.find(direction=Direction.OUT))


def worker_for(fake: FakeTwilio, database_url: str, folder: Path, name: str,
               concurrency: int = 1) -> Iterator[Worker]:  # type: ignore[misc]
    env = worker_env(database_url, fake.base_url, fake.account_sid, fake.auth_token)
    return fieldbot_worker(env, folder / f"{name}.log", concurrency=concurrency)  # type: ignore[return-value]


def bodies(fake: FakeTwilio, to: str = CUSTOMER) -> Counter[str]:
    return Counter(text.body for text in fake.sent if text.to == to)


def test_sigterm_finishes_what_is_at_the_provider_and_hands_back_nothing_unsent(
        database_url: str, container: Container, fake_twilio: FakeTwilio, tmp_path: Path) -> None:
    ids = [queue(container, f"visit update {n}") for n in range(6)]
    fake_twilio.hold("before_accept")
    with worker_for(fake_twilio, database_url, tmp_path, "worker", concurrency=2) as worker:
        assert fake_twilio.held.wait(30), worker.logged()
        assert eventually(lambda: fake_twilio.in_flight == 2)
        assert statuses(container) == {MessageStatus.SENDING: 2, MessageStatus.QUEUED: 4}
        worker.process.terminate()
        time.sleep(0.3)
        fake_twilio.release()  # the two at the provider are answered after the stop began
        assert worker.process.wait(timeout=30) == 0, worker.logged()
    assert statuses(container) == {MessageStatus.SENT: 2, MessageStatus.QUEUED: 4}
    assert sum(bodies(fake_twilio).values()) == 2
    with container.uow_factory() as uow:
        waiting = [m for m in uow.messages.get_many(ids) if m.status is MessageStatus.QUEUED]
        assert [(m.attempts, m.claimed_by) for m in waiting] == [(0, None)] * 4


@pytest.mark.parametrize("moment", ["before_the_provider_took_it", "after_the_provider_took_it",
                                    "after_the_commit"])
def test_kill_9_then_restart_loses_nothing_and_resends_nothing_blindly(
        database_url: str, container: Container, fake_twilio: FakeTwilio, tmp_path: Path,
        moment: str) -> None:
    in_flight = queue(container, "your technician is on the way")
    if moment == "before_the_provider_took_it":
        fake_twilio.hold("before_accept")
    elif moment == "after_the_provider_took_it":
        fake_twilio.hold("after_accept")
    with worker_for(fake_twilio, database_url, tmp_path, "first") as worker:
        if moment == "after_the_commit":
            assert eventually(lambda: stored(container, in_flight).status is MessageStatus.SENT, 30), (
                worker.logged())
        else:
            assert fake_twilio.held.wait(30), worker.logged()
        worker.kill()
    fake_twilio.release(drop=True)
    expected_at_provider = 0 if moment == "before_the_provider_took_it" else 1
    assert bodies(fake_twilio)["your technician is on the way"] == expected_at_provider

    # Due while no worker ran: they go out once the next one is back.
    missed = [queue(container, f"missed {n}", due_at=datetime.now(UTC) - timedelta(hours=2))
              for n in range(3)]
    with worker_for(fake_twilio, database_url, tmp_path, "second") as worker:
        assert eventually(lambda: all(stored(container, m).status is MessageStatus.SENT
                                      for m in missed), 30), worker.logged()
        if moment == "after_the_commit":
            assert stored(container, in_flight).status is MessageStatus.SENT
        else:  # the provider's answer never reached the database: flagged, shown, not resent
            assert eventually(
                lambda: stored(container, in_flight).status is MessageStatus.POSSIBLY_SENT, 30)
            assert eventually(lambda: any(f"Check outbox message {in_flight}" in text.body
                                          for text in fake_twilio.texts_to(DISPATCHER)), 30)
        assert worker.stop() == 0, worker.logged()
    sent = bodies(fake_twilio)
    assert sent["your technician is on the way"] == expected_at_provider  # never twice
    assert all(sent[f"missed {n}"] == 1 for n in range(3))
    assert statuses(container)[MessageStatus.SENDING] == 0


@pytest.mark.postgres
def test_four_workers_on_postgresql_send_every_message_exactly_once(
        postgres_url: str, fake_twilio: FakeTwilio, tmp_path: Path) -> None:
    container = bootstrap(Settings(database_url=postgres_url))
    now = datetime.now(UTC)
    count = 400
    with container.engine.begin() as connection:
        connection.execute(insert(orm.messages), [
            {"channel": Channel.SMS, "direction": Direction.OUT, "address": CUSTOMER,
             "body": f"message {n}", "created_at": now, "status": MessageStatus.QUEUED,
             "kind": MessageKind.NOTICE, "due_at": now, "attempts": 0}
            for n in range(count)])
    fake_twilio.delay = 0.02
    try:
        with (worker_for(fake_twilio, postgres_url, tmp_path, "w1", concurrency=8) as w1,
              worker_for(fake_twilio, postgres_url, tmp_path, "w2", concurrency=8) as w2,
              worker_for(fake_twilio, postgres_url, tmp_path, "w3", concurrency=8) as w3,
              worker_for(fake_twilio, postgres_url, tmp_path, "w4", concurrency=8) as w4):
            assert eventually(lambda: statuses(container)[MessageStatus.SENT] == count, 120), (
                w1.logged())
            assert [w.stop() for w in (w1, w2, w3, w4)] == [0, 0, 0, 0]
        sent = bodies(fake_twilio)
        assert len(sent) == count and set(sent.values()) == {1}
        with container.uow_factory() as uow:
            sent_rows = uow.messages.find(status=MessageStatus.SENT)
        assert len({m.provider_message_id for m in sent_rows}) == count
        assert len({m.claimed_by for m in sent_rows}) == 4  # every worker did its share
    finally:
        container.engine.dispose()
