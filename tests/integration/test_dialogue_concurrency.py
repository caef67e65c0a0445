"""Two first texts from the same new number at once: both are answered, one conversation row."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import pytest

from bot.dialogue.senders import conversation_for
from domain.parties import Channel
from store.engine import create_db_engine, make_session_factory
from store.uow import SqlAlchemyUnitOfWork

NOW = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)


@pytest.mark.postgres
def test_a_racing_first_text_reuses_the_conversation_the_other_created(postgres_url: str) -> None:
    engine = create_db_engine(postgres_url)
    sessions = make_session_factory(engine)
    results: list[int | None] = []
    errors: list[BaseException] = []

    def second_text() -> None:
        try:
            with SqlAlchemyUnitOfWork(sessions) as uow:
                results.append(conversation_for(uow, Channel.SMS, "+15550100009", NOW).id)
                uow.commit()
        except BaseException as error:  # reported below, in the test's own thread
            errors.append(error)

    try:
        with SqlAlchemyUnitOfWork(sessions) as first:
            created = conversation_for(first, Channel.SMS, "+15550100009", NOW)
            racer = threading.Thread(target=second_text)
            racer.start()
            time.sleep(0.3)  # the racer's INSERT now waits on ours
            first.commit()
        racer.join(timeout=10)
        assert not errors and results == [created.id]
        with SqlAlchemyUnitOfWork(sessions) as uow:
            assert len(uow.conversations.find(address="+15550100009")) == 1
    finally:
        engine.dispose()
