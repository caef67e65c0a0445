"""What a technician says besides the update: a note that only mentions work finishes nothing, an
undo with its reason undoes only the last update, the customer's completion text carries the
work and not the asides, a question for the office reaches a dispatcher, a job past an update is
described in plain words, and updates in texting shorthand are read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.commands import BookAppointment
from domain.demo import DEMO_TIMEZONE
from domain.jobs import JobState
from domain.parties import Account, Contact, Site
from tests.unit.dialogue.chat_world import JOE, TOM, ChatWorld
from tests.unit.dialogue.test_technician_flow import day, job_of, told

__all__ = ["day"]  # the fixture, shared with the technician flow's tests


def _at_joes(day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=4))  # 1pm, Joe's window opens
    day.text(TOM, "here")


# --- 1a: a note mentioning work finishes nothing -----------------------------------------------


@pytest.mark.parametrize("text", [
    "note: the water heater should be replaced soon, customer asked for a price",
    "fyi told her the shutoff valve needs to be replaced. wants an estimate",
    "the old disposal will have to be swapped out eventually",
])
def test_work_said_as_a_wish_or_in_a_note_never_completes_the_job(day: ChatWorld,
                                                                 text: str) -> None:
    _at_joes(day)
    said = day.text(TOM, text).text
    assert job_of(day, "joe_today").state is JobState.ON_SITE
    assert "completed" not in said and "Noted on" in said
    assert not any("completed your visit" in m.body for m in told(day, JOE))


def test_done_said_as_the_texts_statement_still_completes(day: ChatWorld) -> None:
    _at_joes(day)
    day.text(TOM, "all wrapped up - replaced the shutoff valve")
    assert job_of(day, "joe_today").state is JobState.COMPLETED


# --- 1b: undo with a reason ----------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "undo the omw, need to stop at the warehouse for a fitting first",
    "undo that - forgot the ladder, going back to the yard",
])
def test_an_undo_with_its_reason_takes_back_only_the_last_update(day: ChatWorld,
                                                                 text: str) -> None:
    day.clock.advance(timedelta(hours=3, minutes=30))  # 12:30pm
    day.text(TOM, "omw 20")
    assert job_of(day, "joe_today").state is JobState.EN_ROUTE
    said = day.text(TOM, text).text
    assert "Undone" in said and "Checked in" not in said
    assert job_of(day, "joe_today").state is JobState.SCHEDULED
    assert job_of(day, "fischer").state is JobState.SCHEDULED


# --- 1c: the customer reads the work only --------------------------------------------------------


@pytest.mark.parametrize(("text", "work"), [
    ("done - flushed the heater, new anode rod. thx for the help today", "flushed the heater, "
                                                                          "new anode rod"),
    ("finished, replaced the wax ring. that toilet is like 30 years old btw", "replaced the wax "
                                                                              "ring"),
    ("okafor, done. snaked the kitchen line", "snaked the kitchen line"),
    # a clause naming no work is for the office, whatever it says
    ("done, replaced the capacitor. attic access is thru the closet", "replaced the capacitor"),
    ("all set - cleaned the flame sensor. dog was friendly", "cleaned the flame sensor"),
])
def test_asides_and_the_customers_name_stay_out_of_the_completion_text(
        day: ChatWorld, text: str, work: str) -> None:
    _at_joes(day)
    day.text(TOM, text)
    body = told(day, JOE)[-1].body
    assert f"Work done: {work}." in body
    assert "okafor" not in body.lower() and "thx" not in body and "btw" not in body


def test_a_quote_wish_inside_done_reaches_sales_like_a_note_would(day: ChatWorld) -> None:
    _at_joes(day)
    replies = day.text(TOM, "done, replaced the trap. she would like a price on a new vanity")
    assert job_of(day, "joe_today").state is JobState.COMPLETED
    assert "follow up" in replies.replies[-1].text
    assert any("Quote request from the field" in m.body for m in day.uow.messages.find())
    assert "vanity" not in told(day, JOE)[-1].body


def test_a_question_after_done_goes_to_the_office_with_its_context(day: ChatWorld) -> None:
    _at_joes(day)
    replies = day.text(TOM, "all set, cleared the line. he asked about a service plan, who handles "
                            "that?").replies
    assert job_of(day, "joe_today").state is JobState.COMPLETED
    assert "passed that to the office" in replies[-1].text
    [item] = [n for n in day.notices() if "asks the office" in n.body]
    assert "service plan" in item.body and "J-" in item.body
    assert "service plan" not in told(day, JOE)[-1].body


# --- 2: no internal errors -----------------------------------------------------------------------


def test_on_the_way_to_a_job_already_checked_in_says_where_it_stands(day: ChatWorld) -> None:
    _at_joes(day)
    day.clock.advance(timedelta(minutes=30))
    said = day.text(TOM, "omw okafor 10").text
    assert "checked in" in said and "cannot become" not in said and "on_site" not in said
    assert job_of(day, "joe_today").state is JobState.ON_SITE


@pytest.mark.parametrize("text", ["here", "im here"])
def test_here_while_already_on_site_says_so(day: ChatWorld, text: str) -> None:
    _at_joes(day)
    day.clock.advance(timedelta(hours=2, minutes=30))  # 3:30pm, Fischer's not reached
    day.text(TOM, "here at fischer's")
    said = day.text(TOM, text).text
    assert "already checked in" in said


# --- 3: texts for the office ---------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "can someone find out if the parts counter on halsted closes at 4",
    "let dana know i have a doctor appt thursday morning",
    "ana is stuck, want me to take her lopez call after this?",
    "truck is running again, mechanic sorted it",
])
def test_a_text_for_the_office_is_passed_on_with_a_dispatcher_item(day: ChatWorld,
                                                                   text: str) -> None:
    before = day.model()
    said = day.text(TOM, text).text
    assert "passed that to the office" in said
    assert any(text[:30] in n.body for n in day.notices())
    assert day.changed_since(before) <= {"messages", "conversations"} or not any(
        job_of(day, key).state is not JobState.SCHEDULED for key in ("joe_today", "fischer"))


# --- 4: shorthand ----------------------------------------------------------------------------------


def test_shorthand_updates_are_read(day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=3, minutes=40))  # 12:40pm
    day.transcript(TOM, [("headin 2 okafor, 15ish", "on the way to 1-3pm Joe Okafor")])
    day.clock.advance(timedelta(minutes=5))
    day.transcript(TOM, [("make it 10 more, bridge is up", "Joe Okafor")])
    assert job_of(day, "joe_today").eta is not None
    day.clock.advance(timedelta(minutes=20))
    day.transcript(TOM, [("k im in", "Checked in at 1-3pm Joe Okafor")])
    assert job_of(day, "joe_today").state is JobState.ON_SITE


@pytest.mark.parametrize(("text", "heading"), [("ok whats tmrw", "Tomorrow"),
                                               ("who do i have today", "Today"),
                                               ("my whole day please", "Today")])
def test_the_days_list_asked_in_few_words(day: ChatWorld, text: str, heading: str) -> None:
    said = day.text(TOM, text).text
    assert said.startswith((heading, "No visits"))


def test_a_business_is_named_by_what_it_is(day: ChatWorld) -> None:
    account = day.uow.accounts.add(Account(name="Northside Veterinary"))
    assert account.id is not None
    day.uow.contacts.add(Contact(account_id=account.id, name="Ivy Park", phone="+13125550144"))
    site = day.uow.sites.add(Site(account_id=account.id, address="88 Clark St", city="Chicago",
                                  postal_code="60614", zone_id="north", timezone=DEMO_TIMEZONE))
    assert site.id is not None
    day.ids["vet"] = day.run(BookAppointment(
        account_id=account.id, site_id=site.id, service_id="hvac_repair",
        technician_id=day.ids["tom"], start=datetime(2026, 3, 2, 23, 0, tzinfo=UTC),
        actor=day.dispatcher()))  # 5pm
    day.clock.advance(timedelta(hours=7, minutes=30))
    day.transcript(TOM, [("omw to the vet 20", "on the way to 5-7pm Ivy Park")])
    assert job_of(day, "vet").state is JobState.EN_ROUTE


def test_a_stuck_text_with_a_time_of_arrival_sets_it(day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=5))  # 2pm; Fischer's window opens at 3pm
    day.transcript(TOM, [("held up at the parts counter, elm st prob 3:20", "3:20pm")])
    assert job_of(day, "fischer").eta is not None


def test_an_apology_closing_an_update_takes_nothing_back(day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=3, minutes=30))
    day.text(TOM, "omw 20")
    day.clock.advance(timedelta(hours=1, minutes=40))  # Joe's undo window long gone
    day.text(TOM, "here")
    day.text(TOM, "done, cleared the line")
    said = day.text(TOM, "otw elm st, 15 min, my bad").text
    assert "on the way to 3-5pm Karl Fischer" in said and "undo" not in said.split(".")[0]
    assert job_of(day, "fischer").state is JobState.EN_ROUTE


@pytest.mark.parametrize("text", ["@ fischer", "k at elm st now"])
def test_at_a_place_of_ones_own_visit_checks_in_there(day: ChatWorld, text: str) -> None:
    day.clock.advance(timedelta(hours=5, minutes=50))  # 2:50pm
    day.transcript(TOM, [(text, "Checked in at 3-5pm Karl Fischer")])
    assert job_of(day, "fischer").state is JobState.ON_SITE
    assert job_of(day, "joe_today").state is JobState.SCHEDULED


def test_a_terse_n_with_a_reason_answers_the_pending_question(day: ChatWorld) -> None:
    before = day.model()
    day.transcript(TOM, [("omw", "Reply Y or N")])
    day.transcript(TOM, [("n. stopping at the warehouse first, there around 12:45",
                          "nothing changed on J-")])
    assert day.changed_since(before) <= {"conversations"} or told(day, JOE) == []
    assert job_of(day, "joe_today").state is JobState.SCHEDULED


def test_a_job_finished_today_named_again_is_said_to_be_done(day: ChatWorld) -> None:
    _at_joes(day)
    day.text(TOM, "done, cleared the line")
    day.clock.advance(timedelta(minutes=25))
    said = day.text(TOM, "here at okafor's").text
    assert "already marked done" in said and "call the office" in said
    assert job_of(day, "joe_today").state is JobState.COMPLETED


def test_taking_back_a_finished_job_after_the_undo_window_goes_to_the_office(
        day: ChatWorld) -> None:
    _at_joes(day)
    day.text(TOM, "done, cleared the line")
    day.clock.advance(timedelta(minutes=25))
    said = day.text(TOM, "ugh still draining slow. not really finished, going back in").text
    assert "passed that to the office" in said
    assert any("not really finished" in n.body for n in day.notices())
    assert job_of(day, "joe_today").state is JobState.COMPLETED


@pytest.mark.parametrize("text", ["nobody let me in", "she didnt answer the door",
                                  "need 2 more filters from the shop"])
def test_words_of_no_way_in_or_of_parts_change_nothing(day: ChatWorld, text: str) -> None:
    day.clock.advance(timedelta(hours=3, minutes=40))
    day.text(TOM, "omw 20")
    day.clock.advance(timedelta(minutes=15))
    eta = job_of(day, "joe_today").eta
    day.text(TOM, text)
    assert job_of(day, "joe_today").state is not JobState.ON_SITE
    assert job_of(day, "joe_today").eta == eta or job_of(day, "joe_today").state is (
        JobState.PAUSED)


def test_a_battery_replaced_for_the_customer_still_completes(day: ChatWorld) -> None:
    _at_joes(day)
    day.text(TOM, "all done, replaced the battery in the thermostat")
    assert job_of(day, "joe_today").state is JobState.COMPLETED
