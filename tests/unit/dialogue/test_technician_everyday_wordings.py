"""Technicians' updates in everyday words: an arrival behind an "ok", "done" said otherwise or in
a longer text (the summary keeps the work, not the chit-chat), a name shared with another
technician's visit, texts for the office, plans with a time, and a customer asking after a
technician past the time given."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.jobs import JobState
from tests.unit.dialogue.chat_world import JOE, TOM, ChatWorld
from tests.unit.dialogue.test_technician_flow import add_visit, day, job_of, told

__all__ = ["day"]  # the fixture, shared with the technician flow's tests


def _on_the_way_to_joe(day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=3, minutes=30))  # 12:30pm, Joe's window opens at 1pm
    day.text(TOM, "omw 20")
    assert job_of(day, "joe_today").state is JobState.EN_ROUTE


# --- an arrival behind an acknowledgement ------------------------------------------------------


@pytest.mark.parametrize("text", ["k im here", "ok here now", "pulled up", "ok, pulled up"])
def test_an_arrival_behind_an_ok_checks_in_while_on_the_way(day: ChatWorld, text: str) -> None:
    _on_the_way_to_joe(day)
    said = day.text(TOM, text).text
    assert "Checked in" in said
    assert job_of(day, "joe_today").state is JobState.ON_SITE
    assert job_of(day, "fischer").state is JobState.SCHEDULED


@pytest.mark.parametrize("text", ["ok", "k", "ok thanks", "ok here's the thing", "k here is the gate code"])
def test_a_bare_ok_is_still_no_update(day: ChatWorld, text: str) -> None:
    _on_the_way_to_joe(day)
    before = day.model()
    day.text(TOM, text)
    assert day.changed_since(before) == set()


# --- "done" in other words, or inside a longer text --------------------------------------------


@pytest.mark.parametrize(("text", "summary"), [
    ("all set here", ""),
    ("good to go here, new igniter installed", "new igniter installed"),
    ("finished up, heading out", ""),
    ("wrapped up at the okafors, new igniter", "new igniter"),
    ("swapped the inducer motor, all set. customer happy. heading to lunch",
     "swapped the inducer motor"),
    ("ok so the homeowner was really nice, we chatted about the bears. anyway the job is "
     "complete, replaced the flame sensor and cleaned the burners. have a good one",
     "replaced the flame sensor and cleaned the burners"),
    ("so that took forever but its finally done. ended up replacing the inducer motor and "
     "resetting the board", "ended up replacing the inducer motor and resetting the board"),
])
def test_done_in_other_words_completes_with_the_work_and_not_the_chit_chat(
        day: ChatWorld, text: str, summary: str) -> None:
    _on_the_way_to_joe(day)
    day.text(TOM, "here")
    said = day.text(TOM, text).replies
    job = job_of(day, "joe_today")
    assert job.state is JobState.COMPLETED and job.summary == summary
    assert not any("Noted on" in reply.text for reply in said)  # chit-chat is no note
    assert job_of(day, "fischer").state is JobState.SCHEDULED


# --- a text for the office, whatever its opening -----------------------------------------------


@pytest.mark.parametrize("text", [
    "tell rachel the customer wants a quote for a new unit",
    "office: need the invoice resent",
    "message for dana: running out of filters in the van",
    "pls call mrs okafor she asked about a water softener",
])
def test_a_text_for_the_office_is_passed_on_and_changes_nothing(day: ChatWorld,
                                                                 text: str) -> None:
    _on_the_way_to_joe(day)
    before = day.model()
    said = day.text(TOM, text).text
    assert "passed that to the office" in said
    assert day.changed_since(before) == {"notices", "outbox"}  # the dispatcher item only
    assert any(text in notice.body for notice in day.notices())


# --- plans and promised times ------------------------------------------------------------------


@pytest.mark.parametrize("plan", ["grabbing lunch then heading to okafor",
                                  "stopping at the supply house first, be at okafor by 1:30"])
def test_a_plan_with_a_stop_first_sends_nothing(day: ChatWorld, plan: str) -> None:
    day.clock.advance(timedelta(hours=3))  # noon, Joe's window opens at 1pm
    before = day.model()
    day.transcript(TOM, [(plan, "nothing sent yet")])
    assert day.changed_since(before) == set() and told(day, JOE) == []


def test_a_promised_time_alone_asks_whether_on_the_way_and_y_sets_off(day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=3))  # noon
    before = day.model()
    day.transcript(TOM, [("be at okafor by 1:30", "Are you on the way to")])
    assert day.changed_since(before) == set() and told(day, JOE) == []
    day.transcript(TOM, [("y", "Joe has been told")])
    assert job_of(day, "joe_today").state is JobState.EN_ROUTE
    assert told(day, JOE)[-1].body.endswith("should arrive about 1:30pm.")


def test_heading_to_lunch_after_done_sets_no_next_visit_off(day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=4))  # 1pm
    day.text(TOM, "here")
    day.text(TOM, "replaced the trap, all set. heading to lunch")
    assert job_of(day, "joe_today").state is JobState.COMPLETED
    assert job_of(day, "joe_today").summary == "replaced the trap"
    assert job_of(day, "fischer").state is JobState.SCHEDULED


# --- a customer asking after a technician past the time given ----------------------------------


def test_a_customer_past_a_late_eta_hears_the_technician_is_behind_and_the_office_is_told(
        day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=3, minutes=30))  # 12:30pm
    day.text(TOM, "running 30 late")  # Joe's window opens at 1pm: ETA 1:30pm, not set off
    day.clock.advance(timedelta(hours=1, minutes=10))  # 1:40pm
    answer = day.text(JOE, "where's the tech?").text
    assert answer.startswith("Sorry, Tom is running behind") and "office" in answer
    assert "We'll text you when" not in answer
    assert any("still waiting for Tom" in notice.body for notice in day.notices())


def test_a_customer_after_the_window_without_a_visit_started_hears_of_the_delay(
        day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=6, minutes=15))  # 3:15pm, Joe's 1-3pm window is over
    answer = day.text(JOE, "hello? where is he").text
    assert answer.startswith("Sorry, Tom is running behind")
    assert job_of(day, "joe_today").state is JobState.SCHEDULED
    assert len([n for n in day.notices() if "still waiting for Tom" in n.body]) == 1


# --- a customer's name shared with another technician's visit ----------------------------------


@pytest.mark.parametrize("text", ["omw to fischer via lake st", "omw to the fischers, on lake now"])
def test_a_name_shared_with_another_technicians_visit_picks_ones_own(day: ChatWorld,
                                                                     text: str) -> None:
    add_visit(day, "greta", "Greta Fischer", "+13125550199", "9 Lake St", "electrical", "ana",
              datetime(2026, 3, 2, 20, 0, tzinfo=UTC))  # Ana's, 2pm, on the street said
    day.clock.advance(timedelta(hours=5))  # 2pm, Tom's Fischer visit is at 3pm
    said = day.text(TOM, text).text
    assert "Karl Fischer" in said and "can't find" not in said
    assert job_of(day, "fischer").state is JobState.EN_ROUTE
    assert job_of(day, "greta").state is JobState.SCHEDULED


def test_a_name_only_another_technician_has_today_is_still_refused(day: ChatWorld) -> None:
    before = day.model()
    said = day.text(TOM, "omw to lopez").text  # Ana's visit, none of Tom's
    assert "Lopez" not in said and day.changed_since(before) == set()


# --- two updates in one text -------------------------------------------------------------------


@pytest.mark.parametrize("text", ["done, omw to fischer 20 running a bit behind",
                                  "done at okafor. omw to fischer 20, running a bit behind"])
def test_done_then_on_the_way_running_behind_does_both_in_order(day: ChatWorld,
                                                                 text: str) -> None:
    day.clock.advance(timedelta(hours=5))  # 2pm, on site at Joe's
    day.text(TOM, "here")
    said = day.text(TOM, text).replies
    assert "completed" in said[0].text and "on the way to" in said[1].text
    assert job_of(day, "joe_today").state is JobState.COMPLETED
    fischer = job_of(day, "fischer")
    assert fischer.state is JobState.EN_ROUTE and fischer.eta is not None
    assert fischer.eta == day.clock.now() + timedelta(minutes=20)


def test_here_with_a_gate_code_checks_in_and_notes_it(day: ChatWorld) -> None:
    _on_the_way_to_joe(day)
    said = day.text(TOM, "here, gate code is 4412").replies
    assert "Checked in" in said[0].text and "Noted on" in said[-1].text
    assert job_of(day, "joe_today").state is JobState.ON_SITE


def test_done_then_a_stop_then_the_next_visit_is_a_plan_that_sends_nothing(day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=4))  # 1pm
    day.text(TOM, "here")
    said = day.text(TOM, "done. new trap. grabbing lunch then off to fischer").text
    assert "nothing sent yet" in said
    assert job_of(day, "joe_today").state is JobState.COMPLETED
    assert job_of(day, "fischer").state is JobState.SCHEDULED
