"""After the technician's visit: what the customer owes, whether the work is finished, whether
the technician is there yet. Answered from the job and its invoice, never with a booking.

Joe's plumbing repair is today 1-3pm with Tom (the chat world's clock starts at 9am Chicago)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.unit.dialogue.chat_world import JOE, MARIA, TOM, ChatWorld


@pytest.fixture
def finished(chat: ChatWorld) -> ChatWorld:
    chat.clock.advance(timedelta(hours=4))  # 1pm, Tom at Joe's
    chat.text(TOM, "here")
    chat.text(TOM, "done, replaced the trap under the sink")
    chat.clock.advance(timedelta(minutes=30))
    return chat


@pytest.mark.parametrize("ask", [
    "thanks tom. what do i owe for today?", "how much do we owe you",
    "can you send me the bill", "how much was the repair", "do I owe anything today?",
    "what was my total"])
def test_the_bill_is_the_drafted_invoice_with_its_total(finished: ChatWorld, ask: str) -> None:
    [invoice] = finished.uow.invoices.find(account_id=finished.contact(JOE).account_id)
    before = finished.model()
    answer = finished.text(JOE, ask).text
    assert invoice.number in answer and "plumbing repair" in answer
    assert f"${invoice.total_cents // 100:,}." in answer
    assert "We can come" not in answer and "1)" not in answer
    assert finished.changed_since(before) == set()


def test_with_nothing_finished_there_is_no_bill(chat: ChatWorld) -> None:
    answer = chat.text(MARIA, "what do I owe you?").text
    assert "no bill" in answer
    assert "We can come" not in answer


@pytest.mark.parametrize("ask", ["how much is the furnace quote?", "what do you charge to come out?",
                                 "how much is it for you to come out", "ok 2 then", "go ahead",
                                 "how much was the maintenance plan again"])
def test_a_quotes_or_a_services_price_is_not_a_bill_question(chat: ChatWorld, ask: str) -> None:
    assert "no bill" not in chat.text(MARIA, ask).text


@pytest.mark.parametrize("ask", ["is the plumbing job all finished?", "is it done?",
                                 "thanks! did he finish?", "was the sink repair completed"])
def test_finished_work_today_is_said_finished_with_what_was_done(
        finished: ChatWorld, ask: str) -> None:
    answer = finished.text(JOE, ask).text
    assert answer.startswith("Tom finished your plumbing repair")
    assert "replaced the trap" in answer


@pytest.mark.parametrize("ask", ["is he here yet? the doorbell didnt ring", "has he arrived?",
                                 "is the plumber here yet", "are they close"])
def test_is_he_here_yet_is_about_the_work_under_way(chat: ChatWorld, ask: str) -> None:
    chat.clock.advance(timedelta(hours=3, minutes=40))  # 12:40, Tom on his way to Joe
    chat.text(TOM, "omw 20")
    answer = chat.text(JOE, ask).text
    assert "Tom" in answer and "on the way" in answer


@pytest.mark.parametrize("ask", [
    "where's the tech? also is the plumbing repair on thursday still on?",
    "is he close? and the thursday plumbing visit, is that still happening?"])
def test_where_the_tech_is_and_another_visit_are_both_answered(chat: ChatWorld, ask: str) -> None:
    chat.book("joe", "plumbing_repair", "tom", datetime(2026, 3, 5, 20, 0, tzinfo=UTC))  # Thu 2pm
    chat.clock.advance(timedelta(hours=3, minutes=40))  # 12:40, Tom on his way to Joe
    chat.text(TOM, "omw 20")
    answer = chat.text(JOE, ask).text
    assert "Tom is on the way" in answer
    assert "Thu Mar 5" in answer
