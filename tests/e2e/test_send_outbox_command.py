"""`fieldbot send-outbox` delivers what is due with the log provider when Twilio is not set up."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from api.cli import main
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Channel
from store.engine import create_db_engine, make_session_factory
from store.uow import SqlAlchemyUnitOfWork


def test_send_outbox_once_sends_due_messages_with_the_log_provider(
        sqlite_url: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM_NUMBER"):
        monkeypatch.setenv(name, "")
    engine = create_db_engine(sqlite_url)
    uow_factory = make_session_factory(engine)
    with SqlAlchemyUnitOfWork(uow_factory) as uow:
        uow.messages.add(Message(
            channel=Channel.SMS, direction=Direction.OUT, address="+15550100099",
            body="New call-back request", created_at=datetime(2026, 3, 2, tzinfo=UTC),
            status=MessageStatus.QUEUED, kind=MessageKind.NOTICE,
            due_at=datetime(2026, 3, 2, tzinfo=UTC)))
        uow.commit()
    assert main(["send-outbox", "--database-url", sqlite_url]) == 0
    assert "sent 1," in capsys.readouterr().out
    with SqlAlchemyUnitOfWork(uow_factory) as uow:
        [message] = uow.messages.find()
        assert message.status is MessageStatus.SENT
        assert (message.provider_message_id or "").startswith("log-")
    engine.dispose()
    assert main(["send-outbox", "--database-url", sqlite_url]) == 0
    assert "sent 0," in capsys.readouterr().out
