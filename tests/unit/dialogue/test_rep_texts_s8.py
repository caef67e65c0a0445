"""A sales rep's texts on the demo company (fakes), as the eighth blind round (s8) played them:
two snoozes in one text, a yes with news after it, a loss's reason kept, a clarifying list that
leaves the follow-up list's numbers alone, free-form and vague snoozes. The clock stands on
Tuesday 8 December 2026, 8:30 in Chicago."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from tests.unit.dialogue.demo_world import LENA, TONY, DemoWorld, build_demo_world

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def demo() -> DemoWorld:
    return build_demo_world()


def _follow_up_day(demo: DemoWorld, account: str, title: str = "") -> date:
    until = demo.deal(account, title).next_follow_up_at
    assert until is not None
    return until.astimezone(CHICAGO).date()


# --- Two snoozes in one text -------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "snooze kowalski till january. lopez back to friday",
    "snooze kowalski till january. lopez to friday",
    "snooze kowalski till january, and lopez friday"])
def test_two_sentences_each_naming_a_deal_and_a_day_are_two_snoozes(demo: DemoWorld,
                                                                    text: str) -> None:
    answer = demo.text(LENA, text)
    assert _follow_up_day(demo, "Kowalski household", "plan") == date(2027, 1, 4)
    assert _follow_up_day(demo, "Lopez household") == date(2026, 12, 11)
    assert "Kowalski household" in answer and "Jan 4" in answer
    assert "Lopez household" in answer and "Fri Dec 11" in answer


# --- Free-form and vague snoozes ---------------------------------------------------------


@pytest.mark.parametrize(("text", "day"), [
    ("later next week", date(2026, 12, 17)),  # Thursday of next week
    ("late next week", date(2026, 12, 17)),
    ("mid month", date(2026, 12, 15)),
    ("mid-month", date(2026, 12, 15)),
    ("the middle of the month", date(2026, 12, 15))])
def test_a_vague_snooze_wording_names_its_day(text: str, day: date) -> None:
    from bot.dialogue.snooze_days import snooze_day
    assert snooze_day(text, date(2026, 12, 8)) == day


def test_mid_month_once_the_15th_is_gone_is_next_months_next_working_day() -> None:
    from bot.dialogue.snooze_days import snooze_day
    assert snooze_day("mid month", date(2026, 12, 20)) == date(2027, 1, 15)
    assert snooze_day("mid month", date(2026, 11, 2)) == date(2026, 11, 16)  # the 15th: a Sunday


@pytest.mark.parametrize(("text", "day"), [
    ("chen wants to wait, push them to mid month", date(2026, 12, 15)),
    ("chen wants to think about it, bump them to later next week", date(2026, 12, 17))])
def test_a_rep_snoozes_to_a_vague_day(demo: DemoWorld, text: str, day: date) -> None:
    answer = demo.text(LENA, text)
    assert f"{day:%a %b} {day.day}" in answer
    assert _follow_up_day(demo, "Chen household", "Sewer") == day


@pytest.mark.parametrize("text", ["left lopez a vm, try again monday",
                                  "left lopez a voicemail. will call them back friday"])
def test_a_message_left_and_a_day_to_try_again_is_a_snooze(demo: DemoWorld, text: str) -> None:
    answer = demo.text(LENA, text)
    assert "Lopez household" in answer
    assert _follow_up_day(demo, "Lopez household") in (date(2026, 12, 14), date(2026, 12, 11))


# --- A yes with news after it ------------------------------------------------------------


@pytest.mark.parametrize("yes", ["yup. and sunrise is WON", "yes, and sunrise signed",
                                 "y. sunrise bakery signed!"])
def test_a_yes_answers_the_question_and_the_news_after_it_asks_its_own(demo: DemoWorld,
                                                                       yes: str) -> None:
    demo.text(LENA, "lost chen sewer - theyre selling the house")
    answer = demo.text(LENA, yes)
    assert demo.deal("Chen household", "Sewer").stage.value == "lost"
    assert demo.deal("Chen household", "Sewer").lost_reason == "theyre selling the house"
    assert "Sunrise Bakery" in answer and "as won?" in answer
    assert demo.deal("Sunrise Bakery").stage.value != "won"  # asked, never taken for granted
    demo.text(LENA, "y")
    assert demo.deal("Sunrise Bakery").stage.value == "won"


# --- A loss's reason kept ----------------------------------------------------------------


def test_a_reason_given_with_the_loss_is_kept_when_the_yes_says_more(demo: DemoWorld) -> None:
    demo.text(TONY, "alvarez is dead, she never calls back")
    answer = demo.text(TONY, "yeah kill it")
    assert demo.deal("Alvarez household").stage.value == "lost"
    assert demo.deal("Alvarez household").lost_reason == "she never calls back"
    assert "kill it" not in answer


# --- A clarifying list leaves the follow-up list's numbers alone -------------------------


def test_news_with_the_deals_paper_and_a_numbered_line_are_two_requests(demo: DemoWorld) -> None:
    listed = demo.text(LENA, "followups")
    assert "2. Chen household" in listed
    answer = demo.text(LENA, "sunrise signed the sewer job!! and lost 2, theyre selling the house")
    assert "Mark Sunrise Bakery" in answer and "as won?" in answer and "Which deal" not in answer
    answer = demo.text(LENA, "y")
    assert demo.deal("Sunrise Bakery").stage.value == "won"
    assert "Mark Chen household" in answer and "as lost (theyre selling the house)?" in answer
    demo.text(LENA, "y")
    assert demo.deal("Chen household", "Sewer").stage.value == "lost"


def test_a_numbered_line_during_a_which_deal_question_is_the_follow_up_lists(
        demo: DemoWorld) -> None:
    demo.text(LENA, "followups")
    assert "Which deal" in demo.text(LENA, "lost the sewer line")
    answer = demo.text(LENA, "lost 2")  # the follow-up list's line 2, whatever the options were
    assert "Mark Chen household" in answer and "as lost" in answer
    assert "line 2 of your follow-up list" in answer


@pytest.mark.parametrize("text", ["fischer signed the nda", "lopez signed the nda with us"])
def test_other_paper_signed_is_no_win(demo: DemoWorld, text: str) -> None:
    assert "as won?" not in demo.text(LENA, text)


def test_a_snooze_whose_sentences_name_two_days_and_one_deal_asks_when(demo: DemoWorld) -> None:
    before = _follow_up_day(demo, "Kowalski household", "plan")
    answer = demo.text(LENA, "snooze kowalski till january. friday works too")
    assert "When" in answer
    assert _follow_up_day(demo, "Kowalski household", "plan") == before
