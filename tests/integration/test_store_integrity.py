"""The database guards what the model promises: unique phones and numbers, one job per won deal."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from domain.actors import Actor
from domain.commands import MarkDealWon
from domain.deals import DealStage
from domain.money import Line
from domain.parties import Account, Channel, Contact
from domain.quotes import Quote
from domain.staff import Role
from tests.integration.world import bus_on, stored_deal, stored_world


def test_two_contacts_cannot_share_a_phone_number(uow_factory):
    world = stored_world(uow_factory)

    with uow_factory() as uow, pytest.raises(IntegrityError):
        uow.contacts.add(Contact(account_id=world.other_account_id, name="Impostor",
                                 phone="+13125550142"))


def test_two_quotes_cannot_share_a_number(uow_factory):
    world = stored_world(uow_factory)
    lines = (Line("Tune-up", 1, 14_900),)
    with uow_factory() as uow:
        uow.quotes.add(Quote(number="Q-1042", account_id=world.account_id, lines=lines))
        uow.commit()

    with uow_factory() as uow, pytest.raises(IntegrityError):
        uow.quotes.add(Quote(number="Q-1042", account_id=world.other_account_id, lines=lines))


def test_nothing_is_stored_unless_the_unit_of_work_commits(uow_factory):
    with uow_factory() as uow:
        uow.accounts.add(Account(name="Forgotten household"))
    with pytest.raises(RuntimeError), uow_factory() as uow:
        uow.accounts.add(Account(name="Failed household"))
        raise RuntimeError("the handler failed")

    with uow_factory() as uow:
        assert uow.accounts.find(name="Forgotten household") == []
        assert uow.accounts.find(name="Failed household") == []


def test_objects_stay_readable_after_commit(uow_factory):
    with uow_factory() as uow:
        account = uow.accounts.add(Account(name="Kept household"))
        uow.commit()

    assert account.id is not None and account.name == "Kept household"


def test_marking_a_deal_won_twice_hands_over_exactly_one_job(uow_factory):
    world = stored_world(uow_factory)
    deal_id = stored_deal(uow_factory, world)
    bus = bus_on(uow_factory)
    rep = Actor(role=Role.SALES, channel=Channel.TELEGRAM, staff_id=world.sam_id)

    first = bus.handle(MarkDealWon(deal_id=deal_id, actor=rep))
    second = bus.handle(MarkDealWon(deal_id=deal_id, actor=rep))

    with uow_factory() as uow:
        deal = uow.deals.get(deal_id)
        assert first == second == deal.job_id
        assert deal.stage is DealStage.WON
        assert [job.id for job in uow.jobs.find(deal_id=deal_id)] == [first]


def test_two_racing_transactions_winning_one_deal_hand_over_exactly_one_job(uow_factory):
    world = stored_world(uow_factory)
    deal_id = stored_deal(uow_factory, world)
    bus = bus_on(uow_factory)
    rep = Actor(role=Role.SALES, channel=Channel.TELEGRAM, staff_id=world.sam_id)
    both_have_read = threading.Barrier(2, timeout=10)
    outcomes: list[object] = []

    def mark_won() -> None:
        try:
            with uow_factory() as uow:
                uow.deals.get(deal_id)  # both see the deal without a job before either writes
                both_have_read.wait()
                job_id = bus.handle_in(uow, MarkDealWon(deal_id=deal_id, actor=rep))
                uow.commit()
            outcomes.append(job_id)
        except Exception as error:  # the loser's error is the point of the test
            outcomes.append(error)

    racers = [threading.Thread(target=mark_won) for _ in range(2)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(timeout=timedelta(seconds=30).total_seconds())

    winners = [outcome for outcome in outcomes if isinstance(outcome, int)]
    # Both saw a deal without a job, but the handler holds the deal and reads it afresh first:
    # the second waits for the first, sees its job and hands back the same one (jobs.deal_id
    # being unique stays the backstop).
    assert len(winners) == 2 and winners[0] == winners[1], outcomes
    with uow_factory() as uow:
        jobs = uow.jobs.find(deal_id=deal_id)
        assert [job.id for job in jobs] == [winners[0]]
        assert uow.deals.get(deal_id).job_id == winners[0]
