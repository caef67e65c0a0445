"""The message log and the outbox: inbound stored once, outbound claimed by one sender only."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest

from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Channel
from store.engine import create_db_engine, make_session_factory
from store.uow import SqlAlchemyUnitOfWork
from tests.integration.world import MONDAY_9AM_CHICAGO

NOW = MONDAY_9AM_CHICAGO
MINUTE = timedelta(minutes=1)


def inbound(sid: str = "SM0001", body: str = "my AC is broken") -> Message:
    return Message(channel=Channel.SMS, direction=Direction.IN, address="+13125550142",
                   body=body, created_at=NOW, status=MessageStatus.RECEIVED,
                   kind=MessageKind.INBOUND, provider_message_id=sid)


def queued(key: str, due_in: timedelta = timedelta(0), **changes) -> Message:
    fields = dict(channel=Channel.SMS, direction=Direction.OUT, address="+13125550142",
                  body=f"notice {key}", created_at=NOW, status=MessageStatus.QUEUED,
                  kind=MessageKind.NOTICE, idempotency_key=key, due_at=NOW + due_in)
    fields.update(changes)
    return Message(**fields)


def test_an_inbound_message_delivered_twice_is_stored_once(uow_factory):
    with uow_factory() as uow:
        first = inbound()
        assert uow.messages.add_inbound_once(first) is True
        assert first.id is not None
        uow.commit()
    with uow_factory() as uow:
        again = inbound(body="a provider's retry, with another body")
        assert uow.messages.add_inbound_once(again) is False
        assert uow.messages.add_inbound_once(inbound(sid="SM0002")) is True
        uow.commit()

    with uow_factory() as uow:
        stored = uow.messages.find(direction=Direction.IN)
        assert [m.provider_message_id for m in stored] == ["SM0001", "SM0002"]
        assert stored[0].body == "my AC is broken"  # the first delivery's row, unchanged


def test_claiming_due_messages_takes_the_oldest_queued_once(uow_factory):
    with uow_factory() as uow:
        later = uow.messages.add(queued("later", due_in=-MINUTE))
        oldest = uow.messages.add(queued("oldest", due_in=-5 * MINUTE))
        uow.messages.add(queued("tomorrow", due_in=timedelta(days=1)))
        uow.messages.add(queued("cancelled", status=MessageStatus.CANCELLED))
        uow.messages.add_inbound_once(inbound())
        uow.commit()

    with uow_factory() as uow:
        claimed = uow.messages.claim_due(NOW, limit=10)
        uow.commit()
    with uow_factory() as uow:
        claimed_again = uow.messages.claim_due(NOW, limit=10)
        stored = uow.messages.get(oldest.id)

    assert [m.id for m in claimed] == [oldest.id, later.id]
    assert all(m.status is MessageStatus.SENDING and m.attempts == 1 for m in claimed)
    assert claimed_again == []
    assert stored.status is MessageStatus.SENDING and stored.attempts == 1


def test_claiming_respects_the_limit(uow_factory):
    with uow_factory() as uow:
        for n in range(3):
            uow.messages.add(queued(f"notice-{n}", due_in=-n * MINUTE))
        uow.commit()

    with uow_factory() as uow:
        claimed = uow.messages.claim_due(NOW, limit=2)
        uow.commit()

    assert [m.idempotency_key for m in claimed] == ["notice-2", "notice-1"]


@pytest.fixture
def postgres_uow_factory(postgres_url: str) -> Iterator:
    engine = create_db_engine(postgres_url)
    session_factory = make_session_factory(engine)
    yield lambda: SqlAlchemyUnitOfWork(session_factory)
    engine.dispose()


@pytest.mark.postgres
def test_two_concurrent_senders_never_claim_the_same_message(postgres_uow_factory):
    with postgres_uow_factory() as uow:
        for n in range(5):
            uow.messages.add(queued(f"notice-{n}", due_in=-n * MINUTE))
        uow.commit()

    with postgres_uow_factory() as first, postgres_uow_factory() as second:
        first_claim = first.messages.claim_due(NOW, limit=3)  # locks its rows until commit
        second_claim = second.messages.claim_due(NOW, limit=10)  # skips them, takes the rest
        first.commit()
        second.commit()

    first_ids = {m.id for m in first_claim}
    second_ids = {m.id for m in second_claim}
    assert len(first_ids) == 3 and len(second_ids) == 2
    assert first_ids.isdisjoint(second_ids)


@pytest.mark.postgres
def test_an_inbound_message_racing_itself_is_stored_once(postgres_uow_factory):
    with postgres_uow_factory() as first, postgres_uow_factory() as second:
        assert first.messages.add_inbound_once(inbound()) is True
        first.commit()
        assert second.messages.add_inbound_once(inbound()) is False
        second.commit()

    with postgres_uow_factory() as uow:
        assert len(uow.messages.find(provider_message_id="SM0001")) == 1


def test_a_first_text_gets_a_new_conversation_and_a_second_finds_it(uow_factory):
    with uow_factory() as uow:
        first = uow.conversations.for_sender(Channel.SMS, "+13125550142", NOW)
        first.start("book", "pick_service", {}, now=NOW, expires_at=NOW + 30 * MINUTE)
        uow.commit()
    with uow_factory() as uow:
        again = uow.conversations.for_sender(Channel.SMS, "+13125550142", NOW)

    assert first.id is not None and again.id == first.id
    assert (again.flow, again.step) == ("book", "pick_service")


@pytest.mark.postgres
def test_two_first_texts_racing_share_one_conversation(postgres_uow_factory):
    outcomes: list[object] = []
    with postgres_uow_factory() as first:
        mine = first.conversations.for_sender(Channel.SMS, "+13125550142", NOW)
        racing = threading.Thread(target=lambda: outcomes.append(
            _conversation_id_in_own_transaction(postgres_uow_factory)))
        racing.start()  # its insert waits for ours, then does nothing
        racing.join(timeout=0.5)
        assert racing.is_alive(), "the second sender must wait for the first one's row"
        first.commit()
    racing.join(timeout=10)

    assert outcomes == [mine.id]


def _conversation_id_in_own_transaction(uow_factory) -> object:
    try:
        with uow_factory() as uow:
            found = uow.conversations.for_sender(Channel.SMS, "+13125550142", NOW)
            uow.commit()
            return found.id
    except Exception as error:  # reported to the test through `outcomes`
        return error
