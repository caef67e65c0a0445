"""A customer asks about work under way: answered from where the job stands (paused, still on
site, past the ETA given), never with an offer to book and never padded with other visits.

Joe's plumbing repair is today 1-3pm with Tom (the chat world's clock starts at 9am Chicago)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.jobs import JobState
from domain.messages import Direction, Message, MessageKind
from tests.unit.dialogue.chat_world import DANA, JOE, TOM, ChatWorld


def to_dispatch(chat: ChatWorld) -> list[Message]:
    return [m for m in chat.uow.messages.find(direction=Direction.OUT, kind=MessageKind.NOTICE)
            if m.address == DANA]


def joes_job_state(chat: ChatWorld) -> JobState:
    job = chat.uow.jobs.get(chat.visit("joe_today").job_id)
    assert job is not None
    return job.state


@pytest.fixture
def on_site(chat: ChatWorld) -> ChatWorld:
    chat.clock.advance(timedelta(hours=4))  # 1pm, Tom at Joe's
    chat.text(TOM, "here")
    return chat


@pytest.mark.parametrize("ask", [
    "the plumber left, said he needs a part. when is he coming back?",
    "is tom coming back tomorrow?", "when will he return to finish?",
    "so is anyone coming back to finish the job?"])
def test_a_paused_jobs_customer_hears_the_office_will_arrange_the_return_visit(
        on_site: ChatWorld, ask: str) -> None:
    on_site.text(TOM, "need a part, back tmrw")
    on_site.clock.advance(timedelta(minutes=20))
    before = on_site.model()
    answer = on_site.text(JOE, ask).text
    assert "Tom needs to come back to finish your plumbing repair" in answer
    assert "Our office will contact you to arrange it." in answer
    assert "We can come" not in answer and "1)" not in answer
    assert on_site.changed_since(before) == set()


@pytest.mark.parametrize("ask", [
    "got a text the job is done but Tom is still here working?? did you invoice me already",
    "you said it was done but hes still here?", "is he still working or finished?"])
def test_a_customer_told_done_by_mistake_hears_the_job_is_open_and_not_billed(
        on_site: ChatWorld, ask: str) -> None:
    on_site.text(TOM, "done, replaced the trap")
    on_site.text(TOM, "undo")
    answer = on_site.text(JOE, ask).text
    assert answer.startswith("Tom is still working on your plumbing repair; it isn't finished")
    assert "no invoice has gone out" in answer
    assert joes_job_state(on_site) is JobState.ON_SITE


@pytest.mark.parametrize("ask", ["did tom finish? he left", "the plumber left, is it done?",
                                 "has he gone? did he finish"])
def test_a_technician_gone_from_an_open_job_is_checked_by_the_office(
        on_site: ChatWorld, ask: str) -> None:
    answer = on_site.text(JOE, ask).text
    assert "Tom hasn't marked your plumbing repair finished yet" in answer
    assert "asked our office to check with Tom" in answer
    assert "We can come" not in answer
    [notice] = to_dispatch(on_site)
    assert "still open (on site) with Tom" in notice.body


@pytest.mark.parametrize("ask", ["is tom coming back? the sink still doesnt work",
                                 "it's still not draining, is he coming back?",
                                 "sink still broken and tom is gone??"])
def test_still_broken_while_the_job_is_open_is_not_a_new_booking(
        on_site: ChatWorld, ask: str) -> None:
    before_jobs = len(on_site.uow.jobs.find(account_id=on_site.ids["joe_account"]))
    answer = on_site.text(JOE, ask).text
    assert "it still isn't working" in answer or "check with Tom" in answer
    assert "We can come" not in answer and "1)" not in answer
    assert len(on_site.uow.jobs.find(account_id=on_site.ids["joe_account"])) == before_jobs
    assert len(to_dispatch(on_site)) == 1


@pytest.mark.parametrize("ask", ["its 12:58 and nobody here??", "where is he",
                                 "whats the ETA on tom?", "still waiting, how long?"])
def test_past_the_eta_the_customer_gets_an_apology_and_the_office_is_alerted_once(
        chat: ChatWorld, ask: str) -> None:
    chat.clock.advance(timedelta(hours=3, minutes=30))  # 12:30pm
    chat.text(TOM, "omw 20")  # ETA 12:50pm
    chat.clock.advance(timedelta(minutes=28))  # 12:58pm
    answer = chat.text(JOE, ask).text
    assert answer.startswith("Sorry, Tom is running late (expected about 12:50pm)")
    assert "Also booked" not in answer and "more visits" not in answer
    chat.text(JOE, "hello?? where is he")
    assert [m.body.startswith("Job J-3: the customer is still waiting for Tom")
            for m in to_dispatch(chat)] == [True]


def test_before_the_eta_where_is_he_gives_the_eta_without_other_visits(chat: ChatWorld) -> None:
    chat.clock.advance(timedelta(hours=3, minutes=30))
    chat.text(TOM, "omw 20")
    chat.clock.advance(timedelta(minutes=5))
    chat.transcript(JOE, [("where is he", "arriving about 12:50pm")])
    assert to_dispatch(chat) == []


@pytest.mark.parametrize("ask", ["wheres the quote for the softener", "where is our quote?"])
def test_a_question_about_papers_during_paused_work_is_not_answered_as_the_work(
        on_site: ChatWorld, ask: str) -> None:
    on_site.text(TOM, "waiting on parts")
    assert "needs to come back" not in on_site.text(JOE, ask).text


def test_another_visit_asked_about_while_the_work_goes_on_is_answered(on_site: ChatWorld) -> None:
    on_site.book("joe", "electrical", "ana", on_site.clock.now() + timedelta(days=3))
    said = on_site.text(JOE, "hes still here i think. when is the electrician coming").text
    assert "electrical repair" in said.lower() and "Thu Mar 5" in said


@pytest.mark.parametrize("ask", ["ok but where is tom right now, hes supposed to be here at 1",
                                 "where is tom right now"])
def test_where_is_the_technician_by_name_gives_the_eta(chat: ChatWorld, ask: str) -> None:
    chat.clock.advance(timedelta(hours=3, minutes=30))
    chat.text(TOM, "omw 20")
    chat.clock.advance(timedelta(minutes=5))
    chat.transcript(JOE, [(ask, "with Tom (on the way, about 12:50pm)")])


def test_where_is_the_technician_beside_a_question_about_another_visit_answers_both(
        chat: ChatWorld) -> None:
    chat.book("joe", "electrical", "ana", chat.clock.now() + timedelta(days=3))
    chat.clock.advance(timedelta(hours=3, minutes=30))
    chat.text(TOM, "omw 20")
    said = chat.text(JOE, "hi where is tom?? also what is the thursday appointment for, i dont "
                          "remember booking that").text
    assert "on the way, about 12:50pm" in said and "Thu Mar 5" in said


def test_done_yet_and_the_cost_asked_together_are_both_answered(on_site: ChatWorld) -> None:
    said = on_site.text(JOE, "is the plumber done yet? how much is that gonna cost me").text
    assert "still working" in said and "$" in said


def test_another_technician_named_as_still_coming_is_answered_with_that_visit(
        on_site: ChatWorld) -> None:
    on_site.book("joe", "electrical", "ana", on_site.clock.now() + timedelta(hours=3))  # 4pm
    said = on_site.text(JOE, "ok thanks. and is ana still coming at 4").text
    assert "Ana" in said and "4-6pm" in said and "at your place" not in said
