"""Two confirmations of the same won deal at once on PostgreSQL: the deal's row lock makes the
second wait for the first, so there is exactly one job and one notice, and both get its id."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from domain.actors import Actor
from domain.commands import ApproveQuote, Command, MarkDealWon
from domain.messages import Direction, MessageKind
from domain.parties import Channel
from domain.staff import Role
from store.engine import create_db_engine, make_session_factory
from store.uow import SqlAlchemyUnitOfWork
from tests.conversation_people import DANA, RITA
from tests.integration.sales_world import LENA, build_sales_world


def race_behind(sessions: Any, bus: Any, first: Command, second: Command) -> tuple[Any, list[Any]]:
    """Run `first` in a transaction left open while `second` starts in another thread and
    waits on the deal's row lock; commit, and return what `first` and then `second` returned
    (an error raised by `second` is raised here)."""
    results: list[Any] = []
    errors: list[BaseException] = []

    def run_second() -> None:
        try:
            results.append(bus.handle(second))
        except BaseException as error:  # reported below, in the test's own thread
            errors.append(error)

    with SqlAlchemyUnitOfWork(sessions) as uow:
        answer = bus.handle_in(uow, first)
        racer = threading.Thread(target=run_second)
        racer.start()
        time.sleep(0.5)  # the racer now waits on the deal's row lock
        assert racer.is_alive()
        uow.commit()
    racer.join(timeout=10)
    if errors:
        raise errors[0]
    return answer, results



@pytest.mark.postgres
def test_two_racing_confirmations_make_one_job(postgres_url: str) -> None:
    engine = create_db_engine(postgres_url)
    sessions = make_session_factory(engine)
    world = build_sales_world(lambda: SqlAlchemyUnitOfWork(sessions))
    bus, deal_id = world.engine.bus, world.ids["acme"]
    rep = Actor(role=Role.SALES, channel=Channel.SMS, staff_id=world.ids["rita"])
    manager = Actor(role=Role.SALES, channel=Channel.SMS, staff_id=world.ids["lena"],
                    all_deals=True)
    try:
        job_id, results = race_behind(sessions, bus, MarkDealWon(deal_id=deal_id, actor=rep),
                                      MarkDealWon(deal_id=deal_id, actor=manager))
        assert results == [job_id]
        with SqlAlchemyUnitOfWork(sessions) as uow:
            assert [j.id for j in uow.jobs.find(deal_id=deal_id)] == [job_id]
            told = [m for m in uow.messages.find(direction=Direction.OUT, kind=MessageKind.NOTICE)
                    if m.address == DANA]
            assert len(told) == 1
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_a_rep_and_a_manager_texting_yes_at_once_make_one_job(postgres_url: str) -> None:
    engine = create_db_engine(postgres_url)
    sessions = make_session_factory(engine)
    world = build_sales_world(lambda: SqlAlchemyUnitOfWork(sessions))
    try:
        world.text(RITA, "Acme signed!")
        world.text(LENA, "won acme corp")
        start = threading.Barrier(2)
        answers: dict[str, str] = {}

        def confirm(phone: str) -> None:
            start.wait()
            answers[phone] = "\n".join(world.text(phone, "Y").replies)

        threads = [threading.Thread(target=confirm, args=(p,)) for p in (RITA, LENA)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=15)
        with SqlAlchemyUnitOfWork(sessions) as uow:
            [job] = uow.jobs.find(deal_id=world.ids["acme"])
        assert all(job.number in said for said in answers.values()), answers
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_a_customers_approval_racing_the_reps_won_makes_one_job(postgres_url: str) -> None:
    engine = create_db_engine(postgres_url)
    sessions = make_session_factory(engine)
    world = build_sales_world(lambda: SqlAlchemyUnitOfWork(sessions))
    bus, deal_id = world.engine.bus, world.ids["acme"]
    rep = Actor(role=Role.SALES, channel=Channel.SMS, staff_id=world.ids["rita"])
    customer = Actor(role=Role.CUSTOMER, channel=Channel.SMS,
                     account_id=world.ids["acme_account"])
    with SqlAlchemyUnitOfWork(sessions) as uow:
        quote = uow.quotes.first(number="Q-3001")
        assert quote is not None and quote.id is not None
        quote_id = quote.id
    try:
        job_id, _ = race_behind(sessions, bus, MarkDealWon(deal_id=deal_id, actor=rep),
                                ApproveQuote(quote_id=quote_id, actor=customer))
        with SqlAlchemyUnitOfWork(sessions) as uow:
            assert [j.id for j in uow.jobs.find(deal_id=deal_id)] == [job_id]
            approved = uow.quotes.get(quote_id)
            assert approved is not None and approved.job_id == job_id
            told = [m for m in uow.messages.find(direction=Direction.OUT, kind=MessageKind.NOTICE)
                    if m.address == DANA and m.body.startswith("Deal won")]
            assert len(told) == 1
    finally:
        engine.dispose()
