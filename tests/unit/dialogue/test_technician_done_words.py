""""Done" that is not the job finished: a part that is done (broken), a text that pauses the job
whatever else it says, the end of the technician's day; and a job marked done by mistake
taken back when the technician says it is not done."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.jobs import JobState
from tests.unit.dialogue.chat_world import JOE, TOM, ChatWorld
from tests.unit.dialogue.test_technician_flow import day, job_of, told

__all__ = ["day"]  # the fixture, shared with the technician flow's tests


@pytest.mark.parametrize("text", [
    "thermocouple bad AND gas valve is done, no valve on the truck. pausing, need to come back tmrw",
    "compressor is done, waiting on parts from the supplier",
    "found it, the control board is shot. need to order one, pausing",
    "all done diagnosing, need to come back tomorrow with the part",
])
def test_a_text_that_pauses_the_job_never_completes_it(day: ChatWorld, text: str) -> None:
    day.text(TOM, "here")
    said = day.text(TOM, text).text
    job = job_of(day, "joe_today")
    assert job.state is JobState.PAUSED, said
    assert "invoice" not in said.lower()
    assert not any("completed" in m.body for m in told(day, JOE))


@pytest.mark.parametrize("text", ["gas valve is done", "the inducer motor is shot",
                                  "blower motor is toast"])
def test_a_part_that_is_done_is_broken_never_the_job_finished(day: ChatWorld, text: str) -> None:
    day.text(TOM, "here")
    said = day.text(TOM, text).text
    assert job_of(day, "joe_today").state is JobState.ON_SITE, said
    assert "invoice" not in said.lower()


@pytest.mark.parametrize("text", ["thx. im done for the day, heading home", "done for today",
                                  "ok calling it a day", "that's it for me, done for the night"])
def test_the_end_of_the_technicians_day_never_completes_a_paused_job(day: ChatWorld,
                                                                     text: str) -> None:
    day.text(TOM, "here")
    day.text(TOM, "waiting on parts, need a new cartridge")
    day.text(TOM, "at fischer")
    day.text(TOM, "done at fischer, replaced the filter")
    assert job_of(day, "fischer").state is JobState.COMPLETED  # the paused job is the only open one
    day.clock.advance(timedelta(minutes=20))
    said = day.text(TOM, text).text
    assert job_of(day, "joe_today").state is JobState.PAUSED, said
    assert "invoice" not in said.lower()
    assert not any("completed" in m.body for m in told(day, JOE))


@pytest.mark.parametrize("text", ["im done for the day, heading home", "calling it a day"])
def test_the_end_of_the_technicians_day_never_completes_the_job_in_hand(day: ChatWorld,
                                                                        text: str) -> None:
    day.text(TOM, "here")
    day.clock.advance(timedelta(minutes=20))
    said = day.text(TOM, text).text
    assert job_of(day, "joe_today").state is not JobState.COMPLETED, said
    assert "invoice" not in said.lower()


def test_a_bare_done_on_a_paused_job_is_asked_before_completing_it(day: ChatWorld) -> None:
    day.text(TOM, "here")
    day.text(TOM, "waiting on parts, need a new cartridge")
    day.text(TOM, "at fischer")
    day.text(TOM, "done at fischer, replaced the filter")
    day.clock.advance(timedelta(minutes=20))
    said = day.text(TOM, "done").text
    assert job_of(day, "joe_today").state is JobState.PAUSED, said
    assert "Y" in said and "?" in said
    said = day.text(TOM, "yes").text
    assert job_of(day, "joe_today").state is JobState.COMPLETED, said


@pytest.mark.parametrize("text", ["ok im done for the day, heading home",
                                  "thx. im done for the day, heading home"])
def test_the_end_of_the_day_is_answered_with_the_jobs_left_as_they_stand(day: ChatWorld,
                                                                         text: str) -> None:
    day.text(TOM, "here")
    day.text(TOM, "waiting on parts, need a new cartridge")
    said = day.text(TOM, text).text
    assert "Nothing was changed" in said and "stays paused" in said
@pytest.mark.parametrize("text", ["what?? no joe is NOT done its paused waiting on parts. fix that",
                                  "that one isnt done", "wait its not done yet, still working"])
def test_not_done_right_after_a_completion_takes_it_back(day: ChatWorld, text: str) -> None:
    day.text(TOM, "here")
    day.clock.advance(timedelta(minutes=20))
    day.text(TOM, "done, replaced the cartridge")
    assert job_of(day, "joe_today").state is JobState.COMPLETED
    day.clock.advance(timedelta(minutes=2))
    said = day.text(TOM, text).text
    assert "Undone" in said, said
    assert job_of(day, "joe_today").state is JobState.ON_SITE




def test_not_done_after_a_paused_job_was_completed_puts_it_back_on_pause(day: ChatWorld) -> None:
    day.text(TOM, "here")
    day.text(TOM, "waiting on parts, need a new cartridge")
    day.text(TOM, "done at joe")  # a paused job completed by mistake
    assert job_of(day, "joe_today").state is JobState.COMPLETED
    said = day.text(TOM, "what?? no joe is NOT done its paused waiting on parts. fix that").text
    assert "Undone" in said and job_of(day, "joe_today").state is JobState.PAUSED


def test_not_done_about_another_visit_takes_nothing_back(day: ChatWorld) -> None:
    day.text(TOM, "here")
    day.text(TOM, "done, replaced the cartridge")
    said = day.text(TOM, "fischer isnt done yet").text
    assert "Undone" not in said and job_of(day, "joe_today").state is JobState.COMPLETED


def test_undo_right_after_a_note_takes_the_note_back_and_says_so(day: ChatWorld) -> None:
    day.text(TOM, "here")
    day.clock.advance(timedelta(minutes=30))
    day.text(TOM, "note: part# fasco 702110545 for the inducer")
    day.clock.advance(timedelta(minutes=1))
    said = day.text(TOM, "undo").text
    assert "note" in said.lower() and "702110545" in said, said
    assert job_of(day, "joe_today").state is JobState.ON_SITE  # the check-in stays
    assert any("withdrawn" in a.summary for a in day.timeline(day.ids["joe_account"]))


@pytest.mark.parametrize("text", [
    "oh and the summary should also say the 2 receptacles + 20A breaker i did earlier",
    "add to the summary: 2 receptacles + 20A breaker",
])
def test_more_for_the_summary_right_after_done_is_added_to_it(day: ChatWorld, text: str) -> None:
    day.text(TOM, "here")
    day.text(TOM, "done, reset the bathroom gfci")
    day.clock.advance(timedelta(minutes=4))
    said = day.text(TOM, text).text
    job = job_of(day, "joe_today")
    assert job.state is JobState.COMPLETED
    assert "reset the bathroom gfci" in job.summary and "20A breaker" in job.summary, said
    assert "summary" in said.lower()
