"""The `consents` migration moves every opt-out into one record per (channel, address), and its
downgrade puts them back on contacts and conversations."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command

from domain.parties import Channel
from store.engine import create_db_engine, make_session_factory
from store.migrate import alembic_config, upgrade
from store.types import UtcDateTime
from store.uow import SqlAlchemyUnitOfWork

SMS_OUT = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)
TELEGRAM_OUT = datetime(2026, 2, 2, 12, 0, tzinfo=UTC)
STRANGER_OUT = datetime(2026, 2, 3, 12, 0, tzinfo=UTC)

accounts = sa.table("accounts", sa.column("id", sa.Integer), sa.column("name", sa.String),
                    sa.column("kind", sa.String))
contacts = sa.table(
    "contacts", sa.column("id", sa.Integer), sa.column("account_id", sa.Integer),
    sa.column("name", sa.String), sa.column("phone", sa.String),
    sa.column("telegram_chat_id", sa.BigInteger), sa.column("preferred_channel", sa.String),
    sa.column("language", sa.String), sa.column("sms_opted_out_at", UtcDateTime()),
    sa.column("telegram_opted_out_at", UtcDateTime()))
conversations = sa.table(
    "conversations", sa.column("channel", sa.String), sa.column("address", sa.String),
    sa.column("role", sa.String), sa.column("data", sa.JSON),
    sa.column("misunderstandings", sa.Integer))


def test_opt_outs_move_into_consents_and_back(empty_database_url: str) -> None:
    upgrade(empty_database_url, "0001")
    engine = create_db_engine(empty_database_url)
    try:
        with engine.begin() as connection:
            connection.execute(sa.insert(accounts).values(id=1, name="Rivera", kind="household"))
            base = {"account_id": 1, "preferred_channel": "sms", "language": "en",
                    "telegram_chat_id": None, "sms_opted_out_at": None,
                    "telegram_opted_out_at": None}
            connection.execute(sa.insert(contacts), [
                {**base, "id": 1, "name": "Maria", "phone": "+13125550142",
                 "sms_opted_out_at": SMS_OUT},
                {**base, "id": 2, "name": "Joe", "phone": None, "telegram_chat_id": 4242,
                 "telegram_opted_out_at": TELEGRAM_OUT},
                {**base, "id": 3, "name": "Ann", "phone": "+13125550143"},
            ])
            connection.execute(sa.insert(conversations), [
                {"channel": "sms", "address": "+15550100001", "role": "customer",
                 "data": {"opted_out_at": STRANGER_OUT.isoformat()}, "misunderstandings": 0},
                {"channel": "sms", "address": "+15550100002", "role": "customer", "data": {},
                 "misunderstandings": 0},
            ])

        upgrade(empty_database_url)
        with SqlAlchemyUnitOfWork(make_session_factory(engine)) as uow:
            records = {(c.channel, c.address): c.opted_out_at for c in uow.consents.find()}
        assert records == {(Channel.SMS, "+13125550142"): SMS_OUT,
                           (Channel.TELEGRAM, "4242"): TELEGRAM_OUT,
                           (Channel.SMS, "+15550100001"): STRANGER_OUT}
        with engine.connect() as connection:
            columns = {c["name"] for c in sa.inspect(connection).get_columns("contacts")}
        assert not columns & {"sms_opted_out_at", "telegram_opted_out_at"}

        command.downgrade(alembic_config(empty_database_url), "0001")
        with engine.connect() as connection:
            assert "consents" not in sa.inspect(connection).get_table_names()
            restored = connection.execute(
                sa.select(contacts.c.id, contacts.c.sms_opted_out_at,
                          contacts.c.telegram_opted_out_at).order_by(contacts.c.id)).all()
            stranger = connection.execute(
                sa.select(conversations.c.data)
                .where(conversations.c.address == "+15550100001")).scalar_one()
        assert [tuple(row) for row in restored] == [(1, SMS_OUT, None), (2, None, TELEGRAM_OUT),
                                                    (3, None, None)]
        assert datetime.fromisoformat(stranger["opted_out_at"]) == STRANGER_OUT
    finally:
        engine.dispose()
