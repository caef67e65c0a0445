"""Compound technician texts read part by part: a note stays a note, a question after "done" is
answered rather than filed as the work, a customer named in the text is that customer's visit,
and a paused job taken up again tells the office and the customer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.jobs import JobState
from tests.unit.dialogue.chat_world import JOE, TOM, ChatWorld
from tests.unit.dialogue.test_technician_flow import FISCHER, add_visit, day, job_of, told

__all__ = ["day"]  # the fixture, shared with the technician flow's tests
KIMURA = "+13125550166"


def add_kimura(day: ChatWorld, on: int) -> None:
    """Tom's visit at Grace Kimura's, 9am on March `on` (today is March 2)."""
    add_visit(day, "kim", "Grace Kimura", KIMURA, "9 Birch Rd", "plumbing_repair", "tom",
              datetime(2026, 3, on, 15, 0, tzinfo=UTC))


@pytest.mark.parametrize("text", [
    "here. note side gate code 5120, dog in the yard",
    "on site - add note: dogs in the yard, use the front door",
    "here, note: big dog out back, ring first",
])
def test_a_note_after_checking_in_is_filed_and_never_pauses_the_job(day: ChatWorld,
                                                                    text: str) -> None:
    said = day.text(TOM, text).text
    job = job_of(day, "joe_today")
    assert job.state is JobState.ON_SITE
    assert "Noted on" in said and "Paused" not in said
    assert not any("can't finish" in m.body for m in told(day, JOE))
    assert not day.notices()  # the office is asked for nothing
    assert any(a.summary.startswith(f"Note on {job.number}:")
               for a in day.timeline(day.ids["joe_account"]))


@pytest.mark.parametrize(("text", "summary", "asked"), [
    ("done, replaced flapper. whats tmrw look like?", "replaced flapper", "Tomorrow"),
    ("all done - cleared the drain line. what's next?", "cleared the drain line", "Karl Fischer"),
    ("finished up, new wax ring. anything for me today?", "new wax ring", "Today"),
])
def test_a_question_after_done_is_answered_and_kept_out_of_the_work_summary(
        day: ChatWorld, text: str, summary: str, asked: str) -> None:
    day.text(TOM, "here")
    replies = day.text(TOM, text).replies
    job = job_of(day, "joe_today")
    assert job.state is JobState.COMPLETED and job.summary == summary
    assert "invoice INV-" in replies[0].text
    assert asked.lower() in replies[-1].text.lower() and "?" not in job.summary


@pytest.mark.parametrize("text", ["and tmrw?", "whats tuesday look like", "tomorrow?"])
def test_a_short_question_about_another_day_lists_that_days_visits(day: ChatWorld,
                                                                   text: str) -> None:
    said = day.text(TOM, text).text
    assert said.startswith(("Tomorrow, Tue Mar 3", "No visits on your list tomorrow"))


def test_a_customer_named_in_a_done_text_is_their_visit_never_the_current_job(
        day: ChatWorld) -> None:
    add_kimura(day, 4)
    day.text(TOM, "here")  # at Joe's
    said = day.text(TOM, "kimura done, swapped the cartridge").text
    assert "Kimura" in said and "nothing was changed" in said and "Mark it done" not in said
    assert job_of(day, "joe_today").state is JobState.ON_SITE
    assert job_of(day, "kim").state is JobState.SCHEDULED


@pytest.mark.parametrize("text", ["back on the job", "found the part in the van, back at it"])
def test_back_on_a_paused_job_resumes_it_and_tells_the_office_and_the_customer(
        day: ChatWorld, text: str) -> None:
    day.text(TOM, "here")
    day.text(TOM, "waiting on parts, need a new cartridge")
    day.clock.advance(timedelta(minutes=20))
    said = day.text(TOM, text).text
    assert job_of(day, "joe_today").state is JobState.ON_SITE
    assert "no return visit is needed" in said
    assert "no return visit is needed" in day.notices()[-1].body.lower()
    assert "back on today's work" in told(day, JOE)[-1].body
    assert not told(day, FISCHER)


@pytest.mark.parametrize("text", ["ugh undo that, wrong house", "actually undo the late thing",
                                  "pls undo my last one, wrong"])
def test_undo_inside_a_sentence_takes_back_the_last_update(day: ChatWorld, text: str) -> None:
    day.text(TOM, "omw 20")
    assert "Undone" in day.text(TOM, text).text
    assert job_of(day, "joe_today").state is JobState.SCHEDULED


@pytest.mark.parametrize("text", ["note for the kimura job wednesday: bring 1/2in sharkbites",
                                  "note at kimura's: its copper, bring the crimp tool"])
def test_a_note_for_a_visit_on_another_day_is_filed_on_that_visit(day: ChatWorld,
                                                                  text: str) -> None:
    add_kimura(day, 4)
    day.text(TOM, "here")  # at Joe's: the note is still Kimura's
    kim = job_of(day, "kim")
    assert f"Noted on {kim.number}" in day.text(TOM, text).text
    assert any(a.summary.startswith(f"Note on {kim.number}:")
               for a in day.timeline(day.ids["kim_account"]))
    assert not any("Note on" in a.summary for a in day.timeline(day.ids["joe_account"]))
    assert kim.state is JobState.SCHEDULED


@pytest.mark.parametrize("text", ["got a flat, can't make tomorrow's first job",
                                  "fyi truck won't start, might miss kimura tmrw"])
def test_trouble_about_tomorrow_names_tomorrows_visits_for_the_office(day: ChatWorld,
                                                                      text: str) -> None:
    add_kimura(day, 3)
    said = day.text(TOM, text).text
    assert "I've told the office" in said and "Noted" not in said
    [item] = day.notices()
    assert "Grace Kimura" in item.body and "Joe Okafor" not in item.body
    assert job_of(day, "kim").state is JobState.SCHEDULED
    assert not told(day, KIMURA)


@pytest.mark.parametrize("text", ["can the office move kimura tmrw to the afternoon?",
                                  "kimura asked me to come after lunch tomorrow instead"])
def test_a_move_for_the_office_names_the_visit_of_the_day_said(day: ChatWorld,
                                                               text: str) -> None:
    add_kimura(day, 3)
    said = day.text(TOM, text).text
    assert "passed your request" in said and "Grace Kimura" in said
    [item] = day.notices()
    assert "asks to move a visit" in item.body and "Grace Kimura" in item.body
    assert job_of(day, "kim").state is JobState.SCHEDULED


def test_a_note_naming_a_visit_finished_earlier_today_is_filed_on_it(day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=4, minutes=30))  # 1:30pm at Joe's; Fischer's is next
    day.text(TOM, "here")
    day.text(TOM, "done, replaced the trap")
    day.clock.advance(timedelta(minutes=40))
    day.text(TOM, "omw 15")  # on the way to Fischer's: the current job is Fischer's now
    joe, fischer = job_of(day, "joe_today"), job_of(day, "fischer")
    said = day.text(TOM, "note on okafor from earlier - he wants a quote for a water softener")
    assert f"Noted on {joe.number}" in said.text
    assert not any("Note on" in a.summary for a in day.timeline(day.ids["fischer_account"]))
    assert fischer.state is JobState.EN_ROUTE and joe.state is JobState.COMPLETED
