"""Two confirmations of the same won deal at once on PostgreSQL: the deal's row lock makes the
second wait for the first, so there is exactly one job and one notice, and both get its id."""

from __future__ import annotations

import threading
import time

import pytest

from domain.actors import Actor
from domain.commands import ApproveQuote, MarkDealWon
from domain.messages import Direction, MessageKind
from domain.parties import Channel
from domain.staff import Role
from store.engine import create_db_engine, make_session_factory
from store.uow import SqlAlchemyUnitOfWork
from tests.conversation_people import DANA, RITA
from tests.integration.sales_world import LENA, build_sales_world


@pytest.mark.postgres
def test_two_racing_confirmations_make_one_job(postgres_url: str) -> None:
    engine = create_db_engine(postgres_url)
    sessions = make_session_factory(engine)
    world = build_sales_world(lambda: SqlAlchemyUnitOfWork(sessions))
    bus, deal_id = world.engine.bus, world.ids["acme"]
    rep = Actor(role=Role.SALES, channel=Channel.SMS, staff_id=world.ids["rita"])
    manager = Actor(role=Role.SALES, channel=Channel.SMS, staff_id=world.ids["lena"],
                    all_deals=True)
    results: list[int] = []
    errors: list[BaseException] = []

    def second_confirmation() -> None:
        try:
            results.append(bus.handle(MarkDealWon(deal_id=deal_id, actor=manager)))
        except BaseException as error:  # reported below, in the test's own thread
            errors.append(error)

    try:
        with SqlAlchemyUnitOfWork(sessions) as first:
            job_id = bus.handle_in(first, MarkDealWon(deal_id=deal_id, actor=rep))
            racer = threading.Thread(target=second_confirmation)
            racer.start()
            time.sleep(0.5)  # the racer now waits on the deal's row lock
            assert racer.is_alive()
            first.commit()
        racer.join(timeout=10)
        assert not errors and results == [job_id]
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
    errors: list[BaseException] = []
    with SqlAlchemyUnitOfWork(sessions) as uow:
        quote = uow.quotes.first(number="Q-3001")
        assert quote is not None and quote.id is not None
        quote_id = quote.id

    def approval() -> None:
        try:
            bus.handle(ApproveQuote(quote_id=quote_id, actor=customer))
        except BaseException as error:  # reported below, in the test's own thread
            errors.append(error)

    try:
        with SqlAlchemyUnitOfWork(sessions) as first:
            job_id = bus.handle_in(first, MarkDealWon(deal_id=deal_id, actor=rep))
            racer = threading.Thread(target=approval)
            racer.start()
            time.sleep(0.5)  # the approval now waits on the deal's row lock
            assert racer.is_alive()
            first.commit()
        racer.join(timeout=10)
        assert not errors
        with SqlAlchemyUnitOfWork(sessions) as uow:
            assert [j.id for j in uow.jobs.find(deal_id=deal_id)] == [job_id]
            approved = uow.quotes.get(quote_id)
            assert approved is not None and approved.job_id == job_id
            told = [m for m in uow.messages.find(direction=Direction.OUT, kind=MessageKind.NOTICE)
                    if m.address == DANA and m.body.startswith("Deal won")]
            assert len(told) == 1
    finally:
        engine.dispose()
