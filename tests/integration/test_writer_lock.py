"""One writer at a time on a SQLite file: the lock file every writer of that file queues on."""

from __future__ import annotations

import threading
import time

from api.bootstrap import bootstrap
from api.outbox import sender_for
from api.settings import Settings
from store.writer_lock import WriterLock


def test_a_held_lock_keeps_every_other_writer_out_until_released(tmp_path):
    lock = WriterLock(str(tmp_path / "db.sqlite.lane"))
    held = lock.acquire()
    assert lock.try_acquire() is None  # another open file description, even in this process

    got_it = threading.Event()

    def second_writer() -> None:
        lock.acquire().close()
        got_it.set()

    waiting = threading.Thread(target=second_writer)
    waiting.start()
    assert not got_it.wait(0.2)  # still waiting while the first holds it
    held.close()
    assert got_it.wait(5)
    waiting.join(5)
    again = lock.try_acquire()
    assert again is not None
    again.close()


def test_the_outbox_sender_holds_the_lock_for_each_transaction_on_a_sqlite_file(sqlite_url):
    container = bootstrap(Settings(database_url=sqlite_url))
    assert container.writer_lock is not None
    sender = sender_for(container)
    held_while_in_transaction: list[bool] = []
    with sender.uow_factory():
        free = container.writer_lock.try_acquire()
        held_while_in_transaction.append(free is None)
        if free is not None:
            free.close()
    after = container.writer_lock.try_acquire()
    assert held_while_in_transaction == [True]
    assert after is not None  # released when the unit of work ends
    after.close()
    container.engine.dispose()


def test_postgresql_needs_no_lock_file(database_url):
    container = bootstrap(Settings(database_url=database_url))
    is_sqlite = container.engine.dialect.name == "sqlite"
    assert (container.writer_lock is not None) == is_sqlite
    container.engine.dispose()


def test_a_webhook_waits_for_a_writer_holding_the_lock_and_then_answers(tmp_path, sqlite_url):
    """The webhook's transaction queues behind a writer in another 'process' (a held lock)."""
    import asyncio

    import httpx
    from twilio.request_validator import RequestValidator

    from api.app import create_app

    settings = Settings(database_url=sqlite_url, twilio_enabled=True, twilio_auth_token="t0ken",
                        public_base_url="https://fieldbot.example.test")
    container = bootstrap(settings)
    app = create_app(container=container)
    params = {"MessageSid": "SM" + "1" * 32, "From": "+15550100001", "To": "+13125550100",
              "Body": "where's the tech?"}
    signature = RequestValidator("t0ken").compute_signature(
        "https://fieldbot.example.test/webhooks/twilio/sms", params)
    assert container.writer_lock is not None
    held = container.writer_lock.acquire()

    async def post() -> tuple[httpx.Response, float]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            started = time.monotonic()
            task = asyncio.create_task(client.post(
                "/webhooks/twilio/sms", data=params, headers={"X-Twilio-Signature": signature}))
            await asyncio.sleep(0.3)
            assert not task.done()  # queued behind the holder; the event loop is not blocked
            held.close()
            response = await task
            return response, time.monotonic() - started

    response, waited = asyncio.run(post())
    assert response.status_code == 200 and "<Message>" in response.text
    assert waited >= 0.3
    container.engine.dispose()
