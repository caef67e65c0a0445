"""`fieldbot chat --phone`: the terminal talks to the same engine as that number's texts."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest

from api.cli import main
from bot.chat import converse
from domain.jobs import JobState
from tests.integration.dialogue_world import MARIA, TOM, World, build_world


def test_the_chat_command_migrates_onboards_and_stops_at_quit(
        database_url: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(
        "hello\nPat Lee, 40 Oak Ave, Chicago 60625\nHELP\nquit\nhello again\n"))
    assert main(["chat", "--phone", "(555) 010-0001", "--database-url", database_url]) == 0
    printed = capsys.readouterr().out
    assert "bot> Hi, this is Northwind" in printed
    assert "bot> Thanks, Pat! You're set up at 40 Oak Ave, Chicago 60625." in printed
    assert "Msg & data rates may apply" in printed  # the terminal shows keyword answers
    assert printed.count("bot> ") == 4  # welcome, thanks, menu, help; nothing after quit


def test_the_chat_command_refuses_a_number_that_is_not_one(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["chat", "--phone", "12", "--database-url", "sqlite://"]) == 2
    assert "not a complete phone number" in capsys.readouterr().err


def test_chatting_as_a_customers_number_books_for_that_customer(uow_factory) -> None:  # type: ignore[no-untyped-def]
    world: World = build_world(uow_factory)
    said: list[str] = []
    converse(uow_factory=world.uow_factory, engine=world.engine, clock=world.clock, phone=MARIA,
             lines=["no hot water, tomorrow morning", "1"], write=said.append)
    assert said[-1].startswith("bot> Booked: Water heater service on Tue Mar 3, 8-10am")


def test_the_chat_command_acts_at_the_moment_given_by_now(
        database_url: str, uow_factory, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
        capsys: pytest.CaptureFixture[str]) -> None:
    world: World = build_world(uow_factory)
    monkeypatch.setattr("sys.stdin", io.StringIO("omw 20\nmy day\n"))
    assert main(["chat", "--phone", TOM, "--now", "2026-03-02T12:40",
                 "--database-url", database_url]) == 0
    printed = capsys.readouterr().out
    assert "ETA 1pm." in printed  # 12:40 in the business's zone, plus twenty minutes
    with world.uow_factory() as uow:
        visit = uow.appointments.get(world.ids["joe_today"])
        assert visit is not None
        job = uow.jobs.get(visit.job_id)
        assert job is not None and job.state is JobState.EN_ROUTE
        assert job.eta == datetime(2026, 3, 2, 19, 0, tzinfo=UTC)
