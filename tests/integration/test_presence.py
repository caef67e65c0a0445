"""Senders announce themselves while they run (store/presence.py): others see them alive, and
dead once they stop, die, or lose their database connection until they announce again."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from store.engine import create_db_engine
from store.presence import PostgresPresence, presence_for
from tests.waits import eventually


def test_a_sender_is_alive_while_announced_and_dead_after(database_url: str) -> None:
    engine = create_db_engine(database_url)
    mine, other = presence_for(engine, "sender-a"), presence_for(engine, "sender-b")
    try:
        assert not other.is_alive("sender-a")  # never announced
        mine.announce()
        mine.announce()  # again: no harm
        assert other.is_alive("sender-a")
        assert other.is_alive("sender-a")  # asking does not take the announcement away
        mine.withdraw()
        assert not other.is_alive("sender-a")
    finally:
        mine.close()
        other.close()
        engine.dispose()


@pytest.mark.postgres
def test_a_sender_whose_connection_died_is_dead_until_it_announces_again(
        postgres_url: str) -> None:
    engine = create_db_engine(postgres_url)
    mine, other = presence_for(engine, "sender-a"), presence_for(engine, "sender-b")
    try:
        mine.announce()
        assert isinstance(mine, PostgresPresence) and mine._connection is not None
        pid = mine._connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
        mine._connection.commit()
        with engine.connect() as connection:  # the database restarted under it, say
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            connection.commit()
        # pg_terminate_backend only signals the backend: its locks go when it has exited.
        assert eventually(lambda: not other.is_alive("sender-a"))
        mine.announce()
        assert other.is_alive("sender-a")
    finally:
        mine.close()
        other.close()
        engine.dispose()
