"""Reps' texts around a snooze and beside the work: "thanksgiving" alone as the day, "the monday
after" counted from the snooze just made, "how's alvarez" asked as a deal's standing, and small
talk that is no command."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from tests.unit.dialogue.demo_world import LENA, DemoWorld, build_demo_world

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def demo() -> DemoWorld:
    return build_demo_world()


def _snoozed_day(demo: DemoWorld, account: str) -> str:
    moment = demo.deal(account).next_follow_up_at
    assert moment is not None
    local = moment.astimezone(CHICAGO)
    return f"{local:%a %b} {local.day}"


@pytest.mark.parametrize("text", ["snooze lopez till thanksgiving", "snooze lopez to thanksgiving"])
def test_thanksgiving_alone_is_its_next_working_day_said_so(demo: DemoWorld, text: str) -> None:
    answer = demo.text(LENA, text)
    assert "Fri Nov 26" in answer and "Thanksgiving" in answer
    assert _snoozed_day(demo, "Lopez household") == "Fri Nov 26"


def test_thanksgiving_answers_when_asked(demo: DemoWorld) -> None:
    assert "When" in demo.text(LENA, "snooze lopez")
    assert "Fri Nov 26" in demo.text(LENA, "thanksgiving")


@pytest.mark.parametrize(("text", "day"), [("the monday after", "Mon Nov 29"),
                                           ("actually the tuesday after", "Tue Nov 30")])
def test_a_weekday_after_counts_from_the_snooze_just_made(demo: DemoWorld, text: str,
                                                          day: str) -> None:
    demo.text(LENA, "snooze lopez till after thanksgiving")
    answer = demo.text(LENA, text)
    assert day in answer
    assert _snoozed_day(demo, "Lopez household") == day


def test_a_weekday_after_with_no_snooze_made_changes_nothing(demo: DemoWorld) -> None:
    before = demo.deal("Lopez household").next_follow_up_at
    demo.text(LENA, "the monday after")
    assert demo.deal("Lopez household").next_follow_up_at == before


# --- "how's alvarez" ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["how's lopez", "hows the lopez deal", "how is lopez?"])
def test_hows_a_name_is_asked_like_whats_the_deal_at(demo: DemoWorld, text: str) -> None:
    assert demo.text(LENA, text) == demo.text(LENA, "whats the lopez deal at")


@pytest.mark.parametrize("text", ["how's it going", "how are you"])
def test_hows_small_talk_names_no_deal(demo: DemoWorld, text: str) -> None:
    assert "No open deal" not in demo.text(LENA, text)


# --- small talk that is no command -------------------------------------------------------------


@pytest.mark.parametrize("text", ["grabbing coffee, back in 10", "ugh traffic", "lunch then calls",
                                  "hows your day", "long day", "brb"])
def test_small_talk_gets_a_short_word_and_changes_nothing(demo: DemoWorld, text: str) -> None:
    before = [(d.stage, d.next_follow_up_at) for d in demo.uow.deals.find()]
    answer = demo.text(LENA, text)
    assert "didn't get that" not in answer and len(answer) < 120
    assert [(d.stage, d.next_follow_up_at) for d in demo.uow.deals.find()] == before
