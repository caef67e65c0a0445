"""Where the technician is: answered from the job's real state, and changing nothing."""

from __future__ import annotations

import pytest

from domain.commands import CancelAppointment, ChangeJobState
from domain.jobs import JobState
from tests.unit.dialogue.chat_world import JOE, MARIA, NEWCOMER, ChatWorld


@pytest.mark.parametrize("states, eta, answer", [
    ((), None, "Your visit is Mon Mar 2, 1-3pm (arrival window) with Tom. We'll text you when "
               "they're on the way."),
    ((JobState.EN_ROUTE,), 25, "Tom is on the way, arriving about 9:25am (in about 25 min)."),
    ((JobState.EN_ROUTE, JobState.ON_SITE), None, "Tom is at your place now."),
    ((JobState.EN_ROUTE, JobState.ON_SITE, JobState.COMPLETED), None,
     "Your plumbing repair is done. Thanks for choosing Northwind Heating & Plumbing!"),
])
def test_status_is_answered_from_the_jobs_state(chat: ChatWorld, states: tuple[JobState, ...],
                                               eta: int | None, answer: str) -> None:
    job_id = chat.visit("joe_today").job_id
    for state in states:
        chat.run(ChangeJobState(job_id=job_id, new_state=state, actor=chat.dispatcher(),
                                eta_minutes=eta if state is JobState.EN_ROUTE else None))
    before = chat.model()
    assert chat.text(JOE, "where's the tech?").text == answer
    assert chat.changed_since(before) == set()


def test_with_two_visits_the_soonest_is_told(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("where's the tech?", "Your visit is Thu Mar 5, 8-10am (arrival "
                                                  "window) with Tom.")])


def test_with_nothing_open_the_customer_is_told_so(chat: ChatWorld) -> None:
    chat.run(CancelAppointment(appointment_id=chat.ids["joe_today"], actor=chat.dispatcher()))
    chat.transcript(JOE, [("where's the tech?", "You have no open jobs with us.")])


def test_a_new_customer_has_nothing_open(chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [("Pat Lee, 40 Oak Ave, Chicago 60625", "set up"),
                               ("where's the tech?", "You have no open jobs with us.")])
