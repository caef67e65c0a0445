""""can nobody come tonight??" asks for a visit sooner, never a no-show complaint: with a danger
told and the soonest times offered, those times again saying nobody is free tonight; with a
visit named, that visit brought forward; with only a problem, times for it.

The chat world's clock starts Mon Mar 2, 9am Chicago; Maria has a heating repair Thu Mar 5,
8-10am and an electrical visit Fri Mar 6."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.nlu import Parser, intents
from domain.catalog import DEMO_CATALOG
from tests.unit.dialogue.chat_world import MARIA, ChatWorld

NO_SHOW = "nobody came"


def test_nobody_tonight_is_never_read_as_a_status_question() -> None:
    parse = Parser(DEMO_CATALOG).parse("can nobody come tonight??", role=intents.CUSTOMER,
                                       now=datetime(2026, 3, 2, 18, 0))
    assert parse.intent != intents.JOB_STATUS


def test_with_a_flood_told_the_soonest_times_are_said_again(chat: ChatWorld) -> None:
    chat.clock.advance(timedelta(hours=9, minutes=30))  # 6:30pm
    chat.text(MARIA, "water is pouring through my kitchen ceiling")
    said = chat.text(MARIA, "where is the main?? can nobody come tonight??").text
    assert "Nobody is free tonight" in said and NO_SHOW not in said
    assert chat.visit("maria_thu").is_active and len(chat.visits(MARIA)) == 2


def test_with_a_visit_named_that_visit_is_offered_sooner(chat: ChatWorld) -> None:
    chat.clock.advance(timedelta(hours=8))
    said = chat.text(MARIA, "my furnace visit is thursday, can nobody come tonight??").text
    assert "To move it sooner" in said and NO_SHOW not in said


def test_with_a_problem_told_times_are_offered(chat: ChatWorld) -> None:
    chat.clock.advance(timedelta(hours=8))
    said = chat.text(MARIA, "kitchen sink is leaking under the cabinet. can nobody come tonight").text
    assert "Reply 1" in said and NO_SHOW not in said and "no visit booked" not in said


def test_a_real_no_show_is_still_one(chat: ChatWorld) -> None:
    assert NO_SHOW in chat.text(MARIA, "nobody came today, where is the tech").text
