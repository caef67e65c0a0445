"""A sales rep's texts on the demo company (fakes), as the fourteenth blind round played them:
a correction naming the right deal, two deals signed in one text, an account whose deal is won
already, holiday and vague snoozes, filler for a loss's reason. The clock stands on Tuesday
8 December 2026, 8:30 in Chicago."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from bot.dialogue.sales_corrections import meant, news_in
from bot.dialogue.sales_deals import names_account
from bot.dialogue.sales_reasons import NO_REASON, kept_reason, reason_in
from bot.dialogue.snooze_days import holiday_on, snooze_day, working_day_from
from tests.unit.dialogue.demo_world import LENA, RACHEL, TONY, DemoWorld, build_demo_world

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def demo() -> DemoWorld:
    return build_demo_world()


# --- Why a deal was lost ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["idk", "whatever", "no reason", "eh", "Dunno.", "who knows lol",
                                  "idk whatever"])
def test_filler_gives_no_reason(text: str) -> None:
    assert reason_in(text) == ""
    assert kept_reason(text) == NO_REASON


@pytest.mark.parametrize(("text", "reason"), [
    ("they went with a cheaper bid from abc heating",
     "they went with a cheaper bid from abc heating"),
    ("dunno, they just went quiet", "they just went quiet"),
    ("no budget", "no budget"), ("price", "price")])
def test_a_reason_in_a_longer_text_is_taken(text: str, reason: str) -> None:
    assert reason_in(text) == reason


@pytest.mark.parametrize("filler", ["idk", "whatever", "eh"])
def test_filler_for_why_records_no_reason_given_and_never_echoes_it(demo: DemoWorld,
                                                                    filler: str) -> None:
    demo.text(LENA, "lost lopez")
    demo.text(LENA, "y")
    answer = demo.text(LENA, filler)
    deal = demo.deal("Lopez household")
    assert deal.stage.value == "lost" and deal.lost_reason == NO_REASON
    assert NO_REASON in answer and f"({filler})" not in answer


def test_filler_after_the_deal_is_no_reason_in_the_question(demo: DemoWorld) -> None:
    question = demo.text(LENA, "lost lopez - idk")
    assert "idk" not in question and "Reply Y or N" in question
    demo.text(LENA, "y")
    assert demo.deal("Lopez household").lost_reason == NO_REASON


def test_a_real_reason_for_why_is_kept(demo: DemoWorld) -> None:
    demo.text(LENA, "lost lopez")
    demo.text(LENA, "y")
    demo.text(LENA, "they went with a cheaper bid from abc heating")
    assert demo.deal("Lopez household").lost_reason == (
        "they went with a cheaper bid from abc heating")


# --- Holiday and vague snoozes ------------------------------------------------------------


@pytest.mark.parametrize(("text", "day"), [
    ("after xmas", date(2026, 12, 28)),  # Dec 26 is a Saturday: the first working day after
    ("after christmas", date(2026, 12, 28)),
    ("after new year", date(2027, 1, 4)),  # Jan 2 is a Saturday
    ("after the holidays", date(2027, 1, 4)),
    ("after thanksgiving", date(2027, 11, 26)),
    ("end of month", date(2026, 12, 31)),
    ("end of the week", date(2026, 12, 11)),
    ("end of next week", date(2026, 12, 18)),
    ("end of next month", date(2027, 1, 29)),
    ("next week sometime", date(2026, 12, 14)),
    ("in a couple weeks", date(2026, 12, 22))])
def test_a_snooze_wording_names_its_day(text: str, day: date) -> None:
    assert snooze_day(text, date(2026, 12, 8)) == day


def test_holidays_are_no_working_days() -> None:
    assert holiday_on(date(2026, 11, 26)) == "Thanksgiving"
    assert working_day_from(date(2026, 12, 25)) == date(2026, 12, 28)
    assert working_day_from(date(2026, 12, 24)) == date(2026, 12, 24)


@pytest.mark.parametrize(("text", "day"), [
    ("snooze lopez till after xmas", "Mon Dec 28"),
    ("snooze lopez after new year", "Mon Jan 4"),
    ("remind me about lopez end of month", "Thu Dec 31"),
    ("snooze lopez till after thanksgiving", "Fri Nov 26"),
    ("snooze lopez next week sometime", "Mon Dec 14"),
    ("snooze lopez in a couple weeks", "Tue Dec 22")])
def test_a_rep_snoozes_to_the_day_the_wording_names(demo: DemoWorld, text: str,
                                                    day: str) -> None:
    answer = demo.text(LENA, text)
    assert day in answer and "Dec 25" not in answer
    local = demo.deal("Lopez household").next_follow_up_at
    assert local is not None
    assert f"{local.astimezone(CHICAGO):%a %b} {local.astimezone(CHICAGO).day}" == day


@pytest.mark.parametrize("text", ["snooze lopez till xmas", "snooze lopez to dec 25"])
def test_a_snooze_to_a_holiday_moves_to_the_next_working_day_and_says_so(demo: DemoWorld,
                                                                        text: str) -> None:
    answer = demo.text(LENA, text)
    assert "Mon Dec 28" in answer and "Christmas" in answer
    until = demo.deal("Lopez household").next_follow_up_at
    assert until is not None and until.astimezone(CHICAGO).date() == date(2026, 12, 28)


def test_after_xmas_answers_when_asked(demo: DemoWorld) -> None:
    assert "When" in demo.text(LENA, "snooze lopez")
    assert "Mon Dec 28" in demo.text(LENA, "after xmas")


# --- A correction naming the deal meant ---------------------------------------------------


def test_a_correction_asks_about_the_deal_meant_with_its_news(demo: DemoWorld) -> None:
    demo.text(RACHEL, "fischer signed")
    answer = demo.text(RACHEL, "no not fischer, i meant kowalski. they signed this morning")
    assert "not Fischer household" in answer
    assert "Mark Kowalski household, Panel upgrade to 200 A ($3,350.00) as won?" in answer
    assert "Reply Y or N" in answer
    assert demo.deal("Fischer household", "Furnace").stage.value == "quoted"
    demo.text(RACHEL, "y")
    assert demo.deal("Kowalski household", "Panel").stage.value == "won"
    assert demo.deal("Fischer household", "Furnace").stage.value == "quoted"


def test_a_correction_with_nothing_asked_reads_the_news_about_the_deal_meant(
        demo: DemoWorld) -> None:
    before = demo.stages()
    answer = demo.text(RACHEL, "no not riverside, i meant kowalski. they signed this morning")
    assert "Kowalski household" in answer and "as won?" in answer
    assert demo.stages() == before  # asked first, never acted on


def test_a_correction_keeps_the_pending_verdict(demo: DemoWorld) -> None:
    demo.text(RACHEL, "lost patel")
    answer = demo.text(RACHEL, "sorry i meant nguyen")
    assert "Nguyen household" in answer and "as lost?" in answer


@pytest.mark.parametrize(("text", "name"), [
    ("no not riverside, i meant kowalski. they signed this morning", "kowalski"),
    ("i meant the lopez one", "lopez"), ("i mean chen not patel", "chen"),
    ("i meant to say fischer signed", "fischer"), ("i mean, they signed", "")])
def test_the_deal_meant_is_read_from_a_correction(text: str, name: str) -> None:
    assert meant(text) == name


@pytest.mark.parametrize(("text", "news"), [
    ("they signed this morning", "deal_won"), ("they went with abc", "deal_lost"),
    ("they haven't signed yet", None), ("i meant kowalski", None)])
def test_the_news_a_correction_carries(text: str, news: str | None) -> None:
    assert news_in(text) == news


# --- Two deals in one text ----------------------------------------------------------------


@pytest.mark.parametrize("text", ["kowalski and murphy both signed", "won kowalski & murphy"])
def test_two_deals_signed_in_one_text_are_each_asked(demo: DemoWorld, text: str) -> None:
    first = demo.text(RACHEL, text)
    assert "2 deals" in first and "Kowalski household" in first and "as won?" in first
    second = demo.text(RACHEL, "y")
    assert "Murphy household" in second and "as won?" in second
    demo.text(RACHEL, "y")
    assert demo.deal("Kowalski household", "Panel").stage.value == "won"
    assert demo.deal("Murphy household").stage.value == "won"
    assert sum(1 for j in demo.jobs() if j.deal_id is not None) == 2 + 2  # two seeded wins


def test_won_two_lines_asks_about_both(demo: DemoWorld) -> None:
    demo.text(LENA, "followups")
    first = demo.text(LENA, "won 1 and 3")
    assert "Sunrise Bakery" in first and "as won?" in first
    second = demo.text(LENA, "n")
    assert "Hughes household" in second and "as won?" in second


def test_two_names_signing_other_paper_are_no_two_deals(demo: DemoWorld) -> None:
    assert "2 deals" not in demo.text(RACHEL, "fischer and kowalski signed the nda")


# --- An account whose deal is won already -------------------------------------------------


@pytest.mark.parametrize("text", ["fischers water heater is a go", "fischer hw signed"])
def test_a_won_accounts_name_never_offers_another_accounts_deal(demo: DemoWorld,
                                                              text: str) -> None:
    demo.text(TONY, "fischer signed")
    assert "J-" in demo.text(TONY, "y")
    job = next(j.number for j in demo.jobs() if j.deal_id == demo.deal(
        "Fischer household", "Water heater").id)
    before = demo.stages()
    answer = demo.text(TONY, text)
    assert "Fischer household" in answer and "already won" in answer and job in answer
    assert "Alvarez" not in answer and "?" in answer
    assert demo.stages() == before
    assert "Alvarez" not in demo.text(TONY, "y")  # nothing was asked Y/N


def test_names_account_takes_one_clear_word() -> None:
    assert names_account("fischers", "Fischer household")
    assert not names_account("water", "Fischer household")


# --- A customer disputing a win -----------------------------------------------------------

MURPHY = "+15550100006"
DANA = "+15550100099"


@pytest.mark.parametrize("text", ["we never agreed to this", "we didn't sign anything",
                                  "who approved this?", "i didnt agree to any furnace replacement"])
def test_a_customer_disputing_a_win_is_passed_to_the_office_and_the_rep(demo: DemoWorld,
                                                                       text: str) -> None:
    demo.text(RACHEL, "murphy signed")
    demo.text(RACHEL, "y")
    deal = demo.deal("Murphy household")
    job = next(j for j in demo.jobs() if j.id == deal.job_id)
    stages, jobs = demo.stages(), [(j.id, j.state) for j in demo.jobs()]
    office, rep = len(demo.notices(DANA)), len(demo.notices(RACHEL))
    answer = demo.text(MURPHY, text)
    assert job.number in answer and "call" in answer
    assert "Reply 1" not in answer and "We can come" not in answer
    assert demo.stages() == stages and [(j.id, j.state) for j in demo.jobs()] == jobs
    assert not [a for a in demo.uow.appointments.find() if a.job_id == job.id]
    assert len(demo.notices(DANA)) == office + 1 and len(demo.notices(RACHEL)) == rep + 1
    assert text in demo.notices(RACHEL)[-1].body


def test_a_day_from_the_customer_still_offers_times_for_the_won_job(demo: DemoWorld) -> None:
    demo.text(RACHEL, "murphy signed")
    demo.text(RACHEL, "y")
    assert "Reply 1" in demo.text(MURPHY, "tuesday morning works")


def test_a_customer_with_no_recent_win_is_not_read_as_disputing_one(demo: DemoWorld) -> None:
    assert "records show" not in demo.text(MURPHY, "we never agreed to this")


def test_wrong_one_with_news_asks_about_the_deal_meant(demo: DemoWorld) -> None:
    demo.text(RACHEL, "fischer signed")
    answer = demo.text(RACHEL, "sorry wrong one - kowalski")
    assert "not Fischer household" in answer and "Kowalski household" in answer
    assert "as won?" in answer


def test_wrong_one_right_after_a_win_asks_the_office_to_reopen_it(demo: DemoWorld) -> None:
    demo.text(RACHEL, "fischer signed")
    demo.text(RACHEL, "y")
    before = demo.stages()
    answer = demo.text(RACHEL, "wrong one")
    assert "reopen" in answer and demo.stages() == before
    assert "reopen deal Fischer household" in demo.notices(DANA)[-1].body


def test_i_meant_naming_no_deal_keeps_the_question(demo: DemoWorld) -> None:
    demo.text(RACHEL, "lost patel")
    assert "Still waiting on this" in demo.text(RACHEL, "i meant next week")
