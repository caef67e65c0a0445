"""A technician runs the day by text; the customer hears about it through the outbox.

Tom's day (Monday, Chicago): Joe's plumbing repair at 1pm and, added here, the Fischers' HVAC
repair at 3pm on 42 Elm St. Ana has a visit today at the Lopez household, which Tom may not touch.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.actors import Actor
from domain.commands import BookAppointment
from domain.deals import DealStage
from domain.demo import DEMO_TIMEZONE
from domain.jobs import AppointmentStatus, Job, JobState
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Account, Channel, Contact, Site
from domain.quotes import InvoiceState, QuoteState
from domain.staff import Role
from tests.unit.dialogue.chat_world import ANA, JOE, MARIA, TOM, ChatWorld

FISCHER = "+13125550177"
LOPEZ = "+13125550188"
NINE = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)  # the chat world's clock: 9am in Chicago


def add_visit(chat: ChatWorld, key: str, name: str, phone: str, street: str, service: str,
              technician: str, start: datetime) -> None:
    uow = chat.uow
    account = uow.accounts.add(Account(name=f"{name.split()[1]} household"))
    assert account.id is not None
    contact = uow.contacts.add(Contact(account_id=account.id, name=name, phone=phone))
    site = uow.sites.add(Site(account_id=account.id, address=street, city="Chicago",
                              postal_code="60614", zone_id="north", timezone=DEMO_TIMEZONE,
                              access_notes="Side gate, code 4412" if key == "fischer" else ""))
    assert contact.id is not None and site.id is not None
    chat.ids[f"{key}_account"] = account.id
    chat.ids[key] = chat.run(BookAppointment(
        account_id=account.id, site_id=site.id, service_id=service,
        technician_id=chat.ids[technician], start=start, actor=chat.dispatcher()))


@pytest.fixture
def day(chat: ChatWorld) -> ChatWorld:
    add_visit(chat, "fischer", "Karl Fischer", FISCHER, "42 Elm St", "hvac_repair", "tom",
              datetime(2026, 3, 2, 21, 0, tzinfo=UTC))
    add_visit(chat, "lopez", "Rosa Lopez", LOPEZ, "7 Pine Ave", "electrical", "ana",
              datetime(2026, 3, 2, 17, 0, tzinfo=UTC))
    return chat


def job_of(chat: ChatWorld, visit_key: str) -> Job:
    job = chat.uow.jobs.get(chat.visit(visit_key).job_id)
    assert job is not None
    return job


def told(chat: ChatWorld, phone: str) -> list[Message]:
    """What the customer behind `phone` has been sent through the outbox."""
    return [m for m in chat.uow.messages.find() if m.direction is Direction.OUT
            and m.kind is MessageKind.NOTICE and m.address == phone]


# --- on the way -------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "minutes"), [("omw 20", 20), ("otw 15", 15),
                                               ("on my way, 20 min", 20)])
def test_on_my_way_sets_the_next_visit_en_route_with_its_eta_and_tells_the_customer(
        day: ChatWorld, text: str, minutes: int) -> None:
    answer = day.text(TOM, text).text
    job = job_of(day, "joe_today")
    assert job.state is JobState.EN_ROUTE
    assert job.eta == NINE + timedelta(minutes=minutes)
    assert "Joe Okafor" in answer and "has been told" in answer
    [message] = told(day, JOE)
    assert message.status is MessageStatus.QUEUED and message.channel is Channel.SMS
    assert message.body == (f"Tom from {day.engine.business.name} is on the way and should "
                            f"arrive about 9:{minutes}am.")
    assert job_of(day, "fischer").state is JobState.SCHEDULED  # only the next visit moved


@pytest.mark.parametrize("plan", ["lunch then headed to lake st", "grabbing lunch, heading to "
                                  "okafor after that", "after this im heading to Joe's"])
def test_a_plan_to_set_off_later_changes_nothing_and_a_real_omw_then_works(
        day: ChatWorld, plan: str) -> None:
    before = day.model()
    day.transcript(TOM, [(plan, "nothing sent yet")])
    assert day.changed_since(before) == set() and told(day, JOE) == []
    day.transcript(TOM, [("omw 20", "Joe has been told")])
    assert job_of(day, "joe_today").state is JobState.EN_ROUTE
    assert told(day, JOE)[-1].body.endswith("should arrive about 9:20am.")


def test_on_my_way_while_still_on_site_elsewhere_says_that_job_is_still_open(
        day: ChatWorld) -> None:
    day.text(TOM, "here")  # on site at Joe's
    day.transcript(TOM, [("omw to Fischer's 20", "starts in about 6 h"),  # hours early: asked
                         ("y", 'J-3 at Joe Okafor is still open (on site): text "done at Okafor"')])
    assert job_of(day, "fischer").state is JobState.EN_ROUTE
    assert job_of(day, "joe_today").state is JobState.ON_SITE


def test_on_my_way_without_minutes_tells_the_customer_the_technician_is_coming_now(
        day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=3))  # noon, Joe's window opens at 1pm
    day.text(TOM, "omw")
    assert job_of(day, "joe_today").eta is None
    [message] = told(day, JOE)
    assert message.body.endswith("is on the way now.")


@pytest.mark.parametrize("omw", ["omw", "on my way", "heading out now", "otw"])
def test_a_bare_on_my_way_hours_before_the_window_is_asked_about_first(
        day: ChatWorld, omw: str) -> None:
    before = day.model()  # 9am; Joe's window is 1-3pm
    day.transcript(TOM, [(omw, "starts in about 4 h. Tell Joe you're on the way now?")])
    assert day.changed_since(before) == set() and told(day, JOE) == []
    day.transcript(TOM, [("n", "nothing changed")])
    assert told(day, JOE) == []
    day.text(TOM, omw)
    day.transcript(TOM, [("y", "Joe has been told")])
    assert job_of(day, "joe_today").state is JobState.EN_ROUTE
    assert told(day, JOE)[-1].body.endswith("is on the way now.")


@pytest.mark.parametrize(("text", "arrives"), [
    ("otw to okafors, traffic bad prob 1:15", "1:15pm"), ("omw 40", "1:10pm"),
    ("on my way, there by 1:20", "1:20pm"), ("omw eta 1:05pm", "1:05pm")])
def test_a_new_arrival_time_while_on_the_way_updates_the_eta_and_the_customer(
        day: ChatWorld, text: str, arrives: str) -> None:
    day.clock.advance(timedelta(hours=3, minutes=30))  # 12:30pm
    day.text(TOM, "omw 15")
    day.transcript(TOM, [(text, f"ETA {arrives}")])
    assert told(day, JOE)[-1].body.endswith(f"should arrive about {arrives}.")
    day.transcript(JOE, [("where is he?", f"arriving about {arrives}")])


@pytest.mark.parametrize("text", ["heading to fischer's, eta 9:45", "otw fischers 15"])
def test_an_eta_hours_before_the_window_is_asked_about_and_kept_for_the_yes(
        day: ChatWorld, text: str) -> None:
    day.clock.advance(timedelta(minutes=30))  # 9:30am; Karl's window opens at 3pm
    assert "Tell Karl you're on the way now?" in day.text(TOM, text).text
    assert job_of(day, "fischer").state is JobState.SCHEDULED and told(day, FISCHER) == []
    day.clock.advance(timedelta(minutes=3))
    day.text(TOM, "yes")  # the arrival said stands, whenever the yes comes
    assert job_of(day, "fischer").eta == NINE + timedelta(minutes=45)
    assert len(told(day, FISCHER)) == 1


def test_the_minutes_of_an_omw_asked_which_visit_are_kept_for_the_answer(
        day: ChatWorld) -> None:
    add_visit(day, "lena", "Lena Fischer", "+13125550166", "8 Oak St", "hvac_repair", "tom",
              NINE + timedelta(hours=2))  # 11am-1pm
    day.clock.advance(timedelta(minutes=30))
    assert day.text(TOM, "otw to fischer 20").replies[0].options
    day.transcript(TOM, [("1", "on the way to 11am-1pm Lena Fischer")])
    assert job_of(day, "lena").eta == NINE + timedelta(minutes=50)


def test_a_text_naming_a_customer_or_street_picks_that_visit(day: ChatWorld) -> None:
    day.transcript(TOM, [("omw to Fischer's, 20 min", "Karl Fischer"),  # 6 h early: asked
                         ("y", "on the way to 3-5pm Karl Fischer")])
    assert job_of(day, "fischer").state is JobState.EN_ROUTE
    assert job_of(day, "joe_today").state is JobState.SCHEDULED
    day.transcript(TOM, [("here at 42 Elm", "Checked in at 3-5pm Karl Fischer")])
    assert job_of(day, "fischer").state is JobState.ON_SITE
    assert told(day, JOE) == [] and len(told(day, FISCHER)) == 1


# --- which visit, when it is not clear --------------------------------------------------------


def test_two_visits_in_progress_get_a_numbered_question_answered_by_number(
        day: ChatWorld) -> None:
    day.text(TOM, "omw to Joe's")
    day.text(TOM, "omw to Fischer's")
    before = day.model()
    said = day.text(TOM, "here")
    assert said.replies[0].options == ("1-3pm Joe Okafor, 5 Lake St",
                                       "3-5pm Karl Fischer, 42 Elm St")
    assert day.changed_since(before) == set()  # nothing happens before the answer
    day.transcript(TOM, [("2", "Checked in at 3-5pm Karl Fischer")])
    assert job_of(day, "fischer").state is JobState.ON_SITE
    assert job_of(day, "joe_today").state is JobState.EN_ROUTE


def test_the_question_may_be_answered_by_the_customers_name(day: ChatWorld) -> None:
    day.text(TOM, "omw to Joe's")
    day.text(TOM, "omw to Fischer's")
    day.text(TOM, "running 10 late")
    day.transcript(TOM, [("okafor", "running late to Joe Okafor")])
    assert job_of(day, "joe_today").eta == NINE + timedelta(hours=4, minutes=10)  # 1pm + 10


# --- only one's own visits --------------------------------------------------------------------


def test_a_technician_cannot_touch_another_technicians_visit_nor_learn_it_exists(
        day: ChatWorld) -> None:
    before = day.model()
    for text in ("omw to Lopez's", "done at 7 Pine", "here at Rosa Lopez's"):
        answer = day.text(TOM, text).text
        assert "can't find a visit of yours" in answer
        assert "Lopez" not in answer and "Pine" not in answer
    assert day.changed_since(before) == set()


@pytest.mark.parametrize("text", ["omw to rosa lopez 15", "here at 7 pine ave", "omw rosa lopez",
                                  "here at joe smith", "omw to maria chen",
                                  "on my way to sofia chen", "here at 792 s harvey"])
def test_a_name_or_street_not_among_todays_visits_never_falls_back_to_another_visit(
        day: ChatWorld, text: str) -> None:
    assert "can't find a visit of yours" in answer_changing_nothing(day, text)


def answer_changing_nothing(day: ChatWorld, text: str) -> str:
    """Tom's answer to a text naming Ana's visit: nothing changed, Ana's customer unnamed."""
    before = day.model()
    answer = day.text(TOM, text).text
    assert "Lopez" not in answer and "Pine" not in answer  # another's customer stays unknown
    assert day.changed_since(before) == set() and told(day, JOE) == []
    return answer


@pytest.mark.parametrize("text", ["actually im closer to lopez on pine, ill grab that one first omw",
                                  "omw rosa lopez pine ave, ana asked me to cover it",
                                  "here, lopez let me in"])
def test_a_status_naming_only_another_technicians_visit_changes_none_of_ones_own(
        day: ChatWorld, text: str) -> None:
    answer = answer_changing_nothing(day, text)
    assert "don't see that on your schedule today" in answer and "Joe Okafor" in answer


@pytest.mark.parametrize("refused", ["closer to lopez on pine, omw", "omw to rosa lopez"])
@pytest.mark.parametrize("undo", ["undo", "no undo that, i said lopez not fischer"])
def test_an_undo_after_a_refused_text_takes_back_no_older_update(
        day: ChatWorld, refused: str, undo: str) -> None:
    day.clock.advance(timedelta(hours=4, minutes=30))  # 1:30pm at Joe's
    day.text(TOM, "here")
    day.text(TOM, "done, replaced the flapper")
    day.text(TOM, refused)
    assert "Undone" not in day.text(TOM, undo).text
    assert job_of(day, "joe_today").state is JobState.COMPLETED
    assert job_of(day, "fischer").state is JobState.SCHEDULED


def test_everyday_words_and_roads_on_the_way_name_no_other_technicians_visit(
        day: ChatWorld) -> None:
    add_visit(day, "books", "Two Rivers", "+13125550199", "9 Late Ave", "electrical", "ana",
              datetime(2026, 3, 2, 20, 0, tzinfo=UTC))
    day.clock.advance(timedelta(hours=3))
    for text in ("omw, two more min, running late", "running late, stuck in traffic on pine"):
        assert "schedule" not in day.text(TOM, text).text
    assert job_of(day, "joe_today").state is JobState.EN_ROUTE


@pytest.mark.parametrize("text", ["omw to the next job", "headed to ur house now",
                                  "on my way to the second job", "heading over to the customer"])
def test_everyday_words_after_omw_name_no_place_and_mean_the_next_visit(
        day: ChatWorld, text: str) -> None:
    day.clock.advance(timedelta(hours=3))  # noon, an hour before Joe's window
    day.transcript(TOM, [(text, "on the way to 1-3pm Joe Okafor")])
    assert job_of(day, "joe_today").state is JobState.EN_ROUTE


def test_a_name_of_the_technicians_visit_on_another_day_says_which_day_and_changes_nothing(
        day: ChatWorld) -> None:
    before = day.model()
    day.transcript(TOM, [("omw to maria rivera 20", "Maria Rivera's visit is Thu Mar 5"),
                         ("here at 1 clark st", "not today")])
    assert day.changed_since(before) == set()
    assert job_of(day, "joe_today").state is JobState.SCHEDULED and told(day, JOE) == []


def test_each_technician_moves_only_their_own_visit(day: ChatWorld) -> None:
    day.transcript(ANA, [("omw 10", "Rosa Lopez")])
    assert job_of(day, "lopez").state is JobState.EN_ROUTE
    assert job_of(day, "joe_today").state is JobState.SCHEDULED


def test_a_technician_with_no_visit_left_today_is_told_so(day: ChatWorld) -> None:
    for text in ("done at Joe's", "y", "done at Fischer's", "y"):  # Y: not started, done anyway
        day.text(TOM, text)
    before = day.model()
    day.transcript(TOM, [("omw", "no visit left")])
    assert day.changed_since(before) == set()


def test_a_customer_texting_technician_words_changes_no_job(day: ChatWorld) -> None:
    before = day.model()["jobs"]
    day.text(JOE, "omw 20")
    day.text(MARIA, "done, replaced the capacitor")
    assert day.model()["jobs"] == before


def test_finishing_a_paused_job_tells_the_office_no_return_visit_is_needed(
        day: ChatWorld) -> None:
    day.text(TOM, "here")
    day.text(TOM, "waiting on parts, back tmrw")
    day.clock.advance(timedelta(minutes=40))
    day.text(TOM, "done at okafor, replaced the trap")
    paused, finished = day.notices()
    assert "Please arrange the return visit" in paused.body
    assert "no return visit is needed" in finished.body and "J-3" in finished.body


def test_a_visit_paused_for_parts_is_not_current_once_the_next_is_under_way(
        day: ChatWorld) -> None:
    day.text(TOM, "here")
    day.text(TOM, "waiting on parts, back tmrw")  # Joe's visit paused
    day.text(TOM, "omw to Fischer's 20")
    day.text(TOM, "y")  # hours before the window: asked first
    day.transcript(TOM, [("here", "Checked in at 3-5pm Karl Fischer"),
                         ("done, replaced the capacitor", "invoice INV-")])
    assert job_of(day, "fischer").state is JobState.COMPLETED
    assert job_of(day, "fischer").summary == "replaced the capacitor"
    assert job_of(day, "joe_today").state is JobState.PAUSED


def test_a_question_which_visit_keeps_the_work_description_of_the_done_text(
        day: ChatWorld) -> None:
    day.text(TOM, "here")
    day.text(TOM, "waiting on parts, back tmrw")  # Joe's paused, Fischer's next: which one?
    day.clock.advance(timedelta(hours=5, minutes=30))  # 2:30pm
    said = day.text(TOM, "done - flushed the drain, replaced the trap")
    assert said.replies[0].options is not None and len(said.replies[0].options) == 2
    day.transcript(TOM, [("1", "invoice INV-")])
    assert job_of(day, "joe_today").summary == "flushed the drain, replaced the trap"


# --- arrived, late, paused --------------------------------------------------------------------


def test_here_checks_in_even_without_on_my_way_first(day: ChatWorld) -> None:
    day.transcript(TOM, [("here", "Checked in at 1-3pm Joe Okafor")])
    assert job_of(day, "joe_today").state is JobState.ON_SITE
    assert told(day, JOE) == []  # the customer sees the technician at the door


def test_running_late_counts_from_the_eta_given_and_tells_the_customer(day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=3, minutes=40))  # 12:40pm
    day.text(TOM, "omw 20")
    day.clock.advance(timedelta(minutes=5))
    day.transcript(TOM, [("running 15 late, traffic", "new ETA 1:15pm")])
    assert job_of(day, "joe_today").eta == NINE + timedelta(hours=4, minutes=15)
    assert told(day, JOE)[-1].body.endswith("should now arrive about 1:15pm. Sorry for the wait!")
    assert any("running 15 min late" in a.summary
               for a in day.timeline(day.ids["joe_account"]))


def test_running_late_before_setting_off_counts_from_the_planned_arrival(day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=3, minutes=40))  # 12:40pm; Joe expects Tom from 1pm
    day.transcript(TOM, [("gonna be 20 late to okafor", "new ETA 1:20pm")])
    assert job_of(day, "joe_today").eta == NINE + timedelta(hours=4, minutes=20)
    assert told(day, JOE) == []  # 1:20pm is inside the 1-3pm window Joe was promised
    day.transcript(TOM, [("running 2 hrs behind", "new ETA 3:20pm")])
    assert "should now arrive about 3:20pm" in told(day, JOE)[-1].body


@pytest.mark.parametrize("text", ["running late, there by 2:15", "gonna be late, prob 2:15",
                                  "late - eta 2:15pm"])
def test_a_time_of_day_given_as_the_delay_is_the_new_arrival(day: ChatWorld, text: str) -> None:
    day.clock.advance(timedelta(hours=3, minutes=40))  # 12:40pm
    day.transcript(TOM, [(text, "new ETA 2:15pm")])
    assert job_of(day, "joe_today").eta == NINE + timedelta(hours=5, minutes=15)


@pytest.mark.parametrize("text", ["gonna be late, prob 2", "running behind, there by 2",
                                  "late, be there 2 oclock", "stuck in traffic, gonna be there 2ish"])
def test_a_bare_hour_given_as_the_arrival_is_that_clock_time_never_minutes(
        day: ChatWorld, text: str) -> None:
    day.clock.advance(timedelta(hours=3, minutes=40))  # 12:40pm
    day.text(TOM, "omw")
    day.transcript(TOM, [(text, "new ETA 2pm")])
    assert job_of(day, "joe_today").eta == NINE + timedelta(hours=5)
    assert "arrive about 2pm" in told(day, JOE)[-1].body


@pytest.mark.parametrize("text", ["omw joe prob 2", "omw okafor by 2"])
def test_a_visit_named_before_a_hedged_arrival_time_is_that_visit_at_that_time(
        day: ChatWorld, text: str) -> None:
    day.clock.advance(timedelta(hours=3, minutes=40))  # 12:40pm
    day.transcript(TOM, [(text, "on the way to 1-3pm Joe Okafor")])
    assert job_of(day, "joe_today").eta == NINE + timedelta(hours=5)


def test_an_arrival_time_beside_minutes_until_setting_off_is_the_eta_the_customer_hears(
        day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=3, minutes=55))  # 12:55pm
    day.transcript(TOM, [("leaving for joe in 10, shud be there by 145", "ETA 1:45pm")])
    assert job_of(day, "joe_today").eta == NINE + timedelta(hours=4, minutes=45)
    assert "arrive about 1:45pm" in told(day, JOE)[-1].body


def test_a_delay_that_still_arrives_before_the_window_tells_the_customer_nothing(
        day: ChatWorld) -> None:
    day.text(TOM, "omw 20")  # 9am, for Joe's 1-3pm window
    day.clock.advance(timedelta(minutes=5))
    day.transcript(TOM, [("running 15 late", "wasn't told")])
    assert job_of(day, "joe_today").eta == NINE + timedelta(minutes=35)  # the 9:20 ETA + 15
    assert [m.body for m in told(day, JOE)][1:] == []  # only the on-the-way text


@pytest.mark.parametrize("late", ["running 150 late", "running 150 behind, okafor job took longer",
                                  "gonna be 150 late to the next one"])
def test_late_while_on_site_asks_before_telling_a_customer_whose_visit_is_hours_away(
        day: ChatWorld, late: str) -> None:
    day.text(TOM, "here")  # 9am, on site at Joe's; Fischer's visit is at 3pm
    before = day.model()
    day.transcript(TOM, [(late, "still on site at Joe Okafor")])
    assert day.changed_since(before) == set() and told(day, FISCHER) == []
    day.transcript(TOM, [("n", "nothing changed")])
    assert told(day, FISCHER) == []
    day.text(TOM, late)
    day.transcript(TOM, [("y", "new ETA 5:30pm")])
    assert job_of(day, "fischer").eta == datetime(2026, 3, 2, 23, 30, tzinfo=UTC)
    assert "about 5:30pm" in told(day, FISCHER)[-1].body


@pytest.mark.parametrize("late", ["running 20 late", "running 30 behind, okafor job took longer"])
def test_a_delay_while_on_site_that_keeps_the_next_visit_in_its_window_tells_no_one(
        day: ChatWorld, late: str) -> None:
    day.text(TOM, "here")  # 9am, on site at Joe's; Fischer's visit is at 3-5pm
    day.transcript(TOM, [(late, "still within the 3-5pm window")])
    assert told(day, FISCHER) == []
    assert job_of(day, "joe_today").state is JobState.ON_SITE


def test_a_pause_keeps_the_reason_tells_the_dispatcher_and_the_customer(
        day: ChatWorld) -> None:
    day.text(TOM, "here")
    day.transcript(TOM, [("waiting on parts, back tmrw", "office will arrange the return")])
    assert job_of(day, "joe_today").state is JobState.PAUSED
    assert any("on_site -> paused: waiting on parts, back tmrw" in a.summary
               for a in day.timeline(day.ids["joe_account"]))
    [notice] = day.notices()
    assert "paused" in notice.body and "return visit" in notice.body
    assert "office will contact you to arrange the return visit" in told(day, JOE)[-1].body


# --- done ---------------------------------------------------------------------------------------


def test_done_completes_the_job_keeps_the_summary_drafts_the_invoice_and_tells_the_customer(
        day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=4))  # 1pm: Joe's visit has begun
    day.text(TOM, "here")
    day.transcript(TOM, [("done, replaced the capacitor", "invoice INV-")])
    job = job_of(day, "joe_today")
    assert job.state is JobState.COMPLETED and job.summary == "replaced the capacitor"
    assert day.visit("joe_today").status is AppointmentStatus.DONE
    [invoice] = day.uow.invoices.find(job_id=job.id)
    assert invoice.state is InvoiceState.DRAFT and invoice.total_cents == 8900  # service price
    timeline = [a.summary for a in day.timeline(day.ids["joe_account"])]
    assert f"Invoice INV-{job.id} drafted for $89.00" in timeline
    assert "completed your visit. Work done: replaced the capacitor." in told(day, JOE)[-1].body


def test_the_invoice_takes_the_approved_quotes_lines(day: ChatWorld) -> None:
    job = job_of(day, "joe_today")
    quote = day.uow.quotes.get(day.ids["q2001"])
    assert quote is not None and job.id is not None
    quote.job_id, quote.state = job.id, QuoteState.APPROVED
    day.text(TOM, "done - sewer line relined")
    day.text(TOM, "y")  # the visit had not started: done anyway
    [invoice] = day.uow.invoices.find(job_id=job.id)
    assert invoice.total_cents == 990000


def test_a_repair_on_equipment_needing_upkeep_opens_a_maintenance_deal_for_the_rep(
        day: ChatWorld) -> None:
    day.text(TOM, "done at Fischer's - new capacitor, unit cooling")
    day.text(TOM, "y")  # the visit had not started: done anyway
    [deal] = day.uow.deals.find(account_id=day.ids["fischer_account"])
    assert deal.stage is DealStage.NEW and deal.service_id == "hvac_maintenance"
    assert deal.owner_id == day.ids["rita"]
    day.text(TOM, "done at Joe's")  # a plumbing repair: no upkeep to sell
    day.text(TOM, "y")
    assert day.uow.deals.find(account_id=day.ids["joe_account"]) == []


@pytest.mark.parametrize(("text", "summary", "work"), [
    ("done", "", ""),
    ("done at okafor, replaced the capacitor", "replaced the capacitor",
     " Work done: replaced the capacitor."),
    ("back, done - swapped the trap, all drains clear", "swapped the trap, all drains clear",
     " Work done: swapped the trap, all drains clear."),
    ("wrapping up, found a loose fitting, fixed", "found a loose fitting, fixed",
     " Work done: found a loose fitting, fixed."),
    ("done, snaked the line, told customer needs a camera inspection",
     "snaked the line, told customer needs a camera inspection", ""),
])
def test_the_customer_reads_a_plain_completion_never_the_technicians_shorthand(
        day: ChatWorld, text: str, summary: str, work: str) -> None:
    day.clock.advance(timedelta(hours=4, minutes=30))  # 1:30pm, on site at Joe's
    day.text(TOM, "here")
    day.text(TOM, text)
    assert job_of(day, "joe_today").summary == summary  # the technician's words, kept inside
    assert told(day, JOE)[-1].body == (f"Tom from {day.engine.business.name} has completed your "
                                       f"visit.{work} Your invoice will follow. Thank you!")


@pytest.mark.parametrize("text", [
    "told u already its DONE at joe's. close it out",
    "joe's wrapped up? should be finished by now",
])
def test_talk_about_closing_a_job_completes_it_but_is_no_work_summary(
        day: ChatWorld, text: str) -> None:
    day.clock.advance(timedelta(hours=4, minutes=30))  # 1:30pm, on site at Joe's
    day.text(TOM, "here")
    day.text(TOM, text)
    job = job_of(day, "joe_today")
    assert job.state is JobState.COMPLETED and job.summary == ""
    assert "Work done" not in told(day, JOE)[-1].body
    day.text(TOM, "joe's is finished, can you close it?")  # done already: nothing replaced
    assert job_of(day, "joe_today").summary == ""


def test_an_unsafe_finding_goes_to_the_office_not_to_the_customer(day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=4, minutes=30))
    day.text(TOM, "here")
    day.text(TOM, "done cracked hx, red tagged furnace, told customer needs replacment")
    body = told(day, JOE)[-1].body
    assert "red" not in body and "hx" not in body and "has completed your visit." in body
    [notice] = day.notices()
    assert "unsafe" in notice.body and "red tagged furnace" in notice.body
    assert job_of(day, "joe_today").summary.startswith("cracked hx, red tagged furnace")


def test_done_on_a_visit_hours_from_starting_asks_first_and_keeps_the_work_description(
        day: ChatWorld) -> None:
    before = day.model()
    day.transcript(TOM, [("done, replaced the capacitor", "J-3 at 1-3pm Joe Okafor, 5 Lake St "
                                                          "hasn't started. Mark it done")])
    assert day.changed_since(before) == set() and told(day, JOE) == []
    day.transcript(TOM, [("n", "nothing changed")])
    assert day.changed_since(before) == set()
    day.text(TOM, "done, replaced the capacitor")
    day.transcript(TOM, [("y", "invoice INV-")])
    assert job_of(day, "joe_today").summary == "replaced the capacitor"


def test_done_near_the_window_fills_in_the_skipped_steps_without_asking(
        day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=3, minutes=30))  # 12:30pm, the 1-3pm window is near
    day.transcript(TOM, [("done, replaced the capacitor", "invoice INV-")])
    assert job_of(day, "joe_today").state is JobState.COMPLETED


# --- next, notes --------------------------------------------------------------------------------


def test_whats_next_names_the_next_visit_with_its_address_service_access_and_open_quote(
        day: ChatWorld) -> None:
    day.transcript(TOM, [("whats next?", "Next: 1-3pm Joe Okafor, 5 Lake St, Chicago - "
                                         "plumbing repair")])
    day.transcript(TOM, [("whats next?", "Open quote Q-2001")])
    day.transcript(TOM, [("done at Joe's", "hasn't started"), ("y", "completed")])
    day.transcript(TOM, [("what's next", "Access: Side gate, code 4412")])
    day.transcript(TOM, [("done at Fischer's", "hasn't started"), ("y", "completed")])
    day.transcript(TOM, [("next job?", "No more visits today")])


def test_my_day_lists_every_visit_with_where_it_stands(day: ChatWorld) -> None:
    day.text(TOM, "omw 30")
    day.transcript(TOM, [("my day", "1. 1-3pm Joe Okafor, 5 Lake St - en route; "
                                    "2. 3-5pm Karl Fischer, 42 Elm St - scheduled")])


@pytest.mark.parametrize("text", ["gm, first one not till 1 right?", "good morning dana! 2 today?",
                                  "hey whats on for me", "only 2??"])
def test_a_loosely_worded_question_about_the_day_is_answered_from_the_own_visits(
        day: ChatWorld, text: str) -> None:
    day.transcript(TOM, [(text, "Today: 1. 1-3pm Joe Okafor, 5 Lake St - scheduled; "
                                "2. 3-5pm Karl Fischer, 42 Elm St - scheduled")])
    assert office_items(day) == []


def test_the_schedule_for_another_day_lists_that_day_under_its_name(day: ChatWorld) -> None:
    add_visit(day, "chen", "Sofia Chen", "+13125550166", "792 S Harvey Ave", "hvac_repair", "tom",
              datetime(2026, 3, 3, 16, 0, tzinfo=UTC))  # Tuesday 10am
    day.transcript(TOM, [("whats my day look like tomorrow",
                          "Tomorrow, Tue Mar 3: 1. 10am-12pm Sofia Chen, 792 S Harvey Ave"),
                         ("what do i have thursday", "Thu Mar 5: 1. 8-10am Maria Rivera"),
                         ("my day", "Today: 1. 1-3pm Joe Okafor")])
    answer = day.text(TOM, "what do i have tomorrow").text
    assert "Joe Okafor" not in answer and "Today" not in answer


def test_a_note_goes_on_the_current_jobs_timeline(day: ChatWorld) -> None:
    day.text(TOM, "here")
    day.transcript(TOM, [("add note gate code 4412", "Noted on J-")])
    job = job_of(day, "joe_today")
    assert f"Note on {job.number}: gate code 4412" in [
        a.summary for a in day.timeline(day.ids["joe_account"])]


def test_a_note_just_after_done_goes_to_the_job_just_finished(day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=4, minutes=30))  # 1:30pm at Joe's; Fischer's is next
    day.text(TOM, "here")
    day.text(TOM, "done, replaced the capacitor")
    day.clock.advance(timedelta(minutes=2))
    day.transcript(TOM, [("note: customer wants quote for a water softener", "Noted on J-3")])
    joe, fischer = job_of(day, "joe_today"), job_of(day, "fischer")
    assert f"Note on {joe.number}: customer wants quote for a water softener" in [
        a.summary for a in day.timeline(day.ids["joe_account"])]
    assert not any("Note on" in a.summary for a in day.timeline(day.ids["fischer_account"]))
    day.text(TOM, "omw 20")  # an update since: notes are about Fischer's visit again
    day.transcript(TOM, [("note gate code 4412", f"Noted on {fischer.number}")])


@pytest.mark.parametrize(("text", "hazard"), [
    ("running late to fischer, red tagged the furnace here", "red tagged the furnace here"),
    ("this ones a mess, cracked heat exchanger, red tagged it. omw fischer",
     "cracked heat exchanger, red tagged it")])
def test_a_hazard_beside_a_trip_or_delay_is_noted_on_the_job_it_was_found_at(
        day: ChatWorld, text: str, hazard: str) -> None:
    day.clock.advance(timedelta(hours=4, minutes=30))  # 1:30pm at Joe's; Fischer's is next
    day.text(TOM, "here")
    joe = job_of(day, "joe_today")
    answer = day.text(TOM, text).text
    assert f"Noted on {joe.number} (Joe Okafor): {hazard}" in answer and "Karl Fischer" in answer
    assert f"Note on {joe.number}: {hazard}" in [
        a.summary for a in day.timeline(day.ids["joe_account"])]
    assert not any("Note on" in a.summary for a in day.timeline(day.ids["fischer_account"]))


def test_a_hazard_naming_the_visit_headed_to_is_noted_there(day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=4, minutes=30))  # 1:30pm at Joe's; Fischer's is next
    day.text(TOM, "here")
    fischer = job_of(day, "fischer")
    day.transcript(TOM, [("running late to fischer. fischer has a gas leak, they said",
                          f"Noted on {fischer.number} (Karl Fischer): fischer has a gas leak")])
    assert not any("Note on" in a.summary for a in day.timeline(day.ids["joe_account"]))


def test_a_hazard_beside_a_delay_with_no_job_it_could_be_from_is_asked_about(
        day: ChatWorld) -> None:
    day.transcript(TOM, [("running late, red tagged the furnace at the last place",
                          "Which job was the safety issue at?")])
    assert not any("Note on" in a.summary for a in day.timeline(day.ids["joe_account"]))


# --- undo ---------------------------------------------------------------------------------------


def test_undo_takes_back_on_my_way_and_withdraws_the_unsent_message(day: ChatWorld) -> None:
    day.text(TOM, "omw 20")
    day.transcript(TOM, [("wrong job", "is scheduled again")])
    job = job_of(day, "joe_today")
    assert job.state is JobState.SCHEDULED and job.eta is None
    assert [m.status for m in told(day, JOE)] == [MessageStatus.CANCELLED]


def test_undo_after_the_customer_was_told_sends_a_short_correction(day: ChatWorld) -> None:
    day.text(TOM, "omw 20")
    told(day, JOE)[0].status = MessageStatus.SENT
    day.transcript(TOM, [("undo", "Joe got a short correction")])
    assert told(day, JOE)[-1].body.endswith(
        "sent by mistake: Tom is not on the way yet; your visit is still 1-3pm as planned.")


def test_undo_of_done_reopens_the_job_and_voids_its_invoice(day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=4))
    day.text(TOM, "here")
    day.text(TOM, "done, replaced the capacitor")
    day.transcript(TOM, [("undo", "is on site again")])
    job = job_of(day, "joe_today")
    assert job.state is JobState.ON_SITE and job.summary == ""
    assert day.visit("joe_today").status is AppointmentStatus.BOOKED
    [invoice] = day.uow.invoices.find(job_id=job.id)
    assert invoice.state is InvoiceState.VOID
    day.text(TOM, "done, capacitor replaced after all")  # done again: the invoice comes back
    assert invoice.state is InvoiceState.DRAFT and job.state is JobState.COMPLETED


@pytest.mark.parametrize("text", ["wait no still at joe's, undo that", "no wait undo",
                                  "oops wrong one - undo"])
def test_an_undo_at_the_end_of_a_longer_text_takes_back_the_last_update(
        day: ChatWorld, text: str) -> None:
    day.text(TOM, "omw 20")
    day.transcript(TOM, [(text, "is scheduled again")])
    assert job_of(day, "joe_today").state is JobState.SCHEDULED
    assert [m.status for m in told(day, JOE)] == [MessageStatus.CANCELLED]


@pytest.mark.parametrize("text", ["\N{THUMBS UP SIGN}", "Y", "ok"])
def test_a_nod_with_nothing_pending_gets_a_staff_answer_not_the_customers_menu(
        day: ChatWorld, text: str) -> None:
    before = day.model()
    answer = day.text(TOM, text).text
    assert "nothing is waiting on you" in answer.lower() and "my day" in answer
    assert "book a visit" not in answer and "quote" not in answer
    assert day.changed_since(before) == set()


def test_thanks_from_a_technician_is_answered_as_staff(day: ChatWorld) -> None:
    answer = day.text(TOM, "thx man have a good one").text
    assert answer == "Anytime, Tom!"


def test_undo_after_ten_minutes_is_refused_and_changes_nothing(day: ChatWorld) -> None:
    day.text(TOM, "omw 20")
    day.clock.advance(timedelta(minutes=11))
    before = day.model()
    day.transcript(TOM, [("undo", "nothing of yours to undo")])
    assert day.changed_since(before) == set()
    assert job_of(day, "joe_today").state is JobState.EN_ROUTE


def test_undo_is_only_the_technicians_own_last_update(day: ChatWorld) -> None:
    day.text(TOM, "omw 20")
    day.transcript(ANA, [("undo", "nothing of yours to undo")])
    assert job_of(day, "joe_today").state is JobState.EN_ROUTE


# --- help ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["hi", "what can I text you?"])
def test_help_says_what_a_technician_can_text(day: ChatWorld, text: str) -> None:
    answer = day.text(TOM, text).text
    for example in ("omw 20", "here", "running 15 late", "done", "what's next", "undo"):
        assert example in answer
    assert len(answer) <= 320


def test_the_domain_refuses_a_technician_acting_on_a_job_not_theirs(day: ChatWorld) -> None:
    from domain.commands import ChangeJobState
    from domain.errors import NotFound

    tom = Actor(role=Role.TECHNICIAN, channel=Channel.SMS, staff_id=day.ids["tom"])
    with pytest.raises(NotFound):
        day.run(ChangeJobState(job_id=job_of(day, "lopez").id or 0, new_state=JobState.EN_ROUTE,
                               actor=tom))


def test_on_my_way_again_without_news_tells_nobody_twice(day: ChatWorld) -> None:
    day.text(TOM, "omw 20")
    day.transcript(TOM, [("on my way", "already on the way to 1-3pm Joe Okafor")])
    assert len(told(day, JOE)) == 1


def test_a_word_like_the_customers_is_no_name_and_the_current_visit_is_meant(
        day: ChatWorld) -> None:
    day.transcript(TOM, [("here at the customer's", "Checked in at 1-3pm Joe Okafor")])
    assert job_of(day, "joe_today").state is JobState.ON_SITE


# --- what a text names, and notes after the day's work ---------------------------------------


@pytest.mark.parametrize("done", ["ok now done for real - replaced the trap, tested, no leaks",
                                  "done for the day. replaced the trap, tested, no leaks",
                                  "okay finally finished - replaced the trap, tested, no leaks"])
def test_done_with_words_around_it_closes_the_job_on_site_with_the_work_only(
        day: ChatWorld, done: str) -> None:
    day.clock.advance(timedelta(hours=4))  # 1pm, at Joe's
    day.text(TOM, "here")
    day.transcript(TOM, [(done, "J-3 at Joe Okafor completed")])
    job = job_of(day, "joe_today")
    assert job.state is JobState.COMPLETED
    assert job.summary == "replaced the trap, tested, no leaks"


@pytest.mark.parametrize("omw", ["omw lakeview", "omw to lakeview dental 20", "otw lakeview"])
def test_a_visit_is_named_by_its_business_account_as_well_as_its_contact(
        day: ChatWorld, omw: str) -> None:
    day.clock.advance(timedelta(hours=4))  # 1pm
    account = day.uow.accounts.add(Account(name="Lakeview Dental"))
    assert account.id is not None
    day.uow.contacts.add(Contact(account_id=account.id, name="Chloe Evans", phone="+13125550155"))
    site = day.uow.sites.add(Site(account_id=account.id, address="4032 S Woodlawn Ave",
                                  city="Chicago", postal_code="60614", zone_id="north",
                                  timezone=DEMO_TIMEZONE))
    assert site.id is not None
    day.ids["lakeview"] = day.run(BookAppointment(
        account_id=account.id, site_id=site.id, service_id="hvac_repair",
        technician_id=day.ids["tom"], start=datetime(2026, 3, 2, 23, 0, tzinfo=UTC),
        actor=day.dispatcher()))  # 5pm
    day.transcript(TOM, [(omw, "on the way to 5-7pm Chloe Evans")])
    assert job_of(day, "lakeview").state is JobState.EN_ROUTE
    assert job_of(day, "joe_today").state is JobState.SCHEDULED


@pytest.mark.parametrize("note", ["add note left old breaker in garage for customer",
                                  "note: left the old trap in the garage"])
def test_a_note_long_after_the_days_last_visit_was_done_stays_on_that_job(
        day: ChatWorld, note: str) -> None:
    day.clock.advance(timedelta(hours=4))  # 1pm, Joe's; then Fischer's, the day's last
    day.text(TOM, "here")
    day.text(TOM, "done, cleared the drain")
    day.clock.advance(timedelta(hours=2))
    day.text(TOM, "here at fischer's")
    day.text(TOM, "done, replaced the igniter")
    day.clock.advance(timedelta(minutes=55))
    fischer = job_of(day, "fischer")
    day.transcript(TOM, [(note, f"Noted on {fischer.number} (Karl Fischer)")])
    assert any(a.summary.startswith(f"Note on {fischer.number}: left")
               for a in day.timeline(day.ids["fischer_account"]))


@pytest.mark.parametrize("note", ["add note: customer wants quote for panel upgrade",
                                  "note - homeowner asked about pricing on a new water heater",
                                  "fyi customer is interested in an estimate for a softener"])
def test_a_note_that_the_customer_wants_a_quote_raises_it_with_the_office(
        day: ChatWorld, note: str) -> None:
    day.clock.advance(timedelta(hours=4))
    day.text(TOM, "here")
    day.transcript(TOM, [(note, "asked to follow up on the quote")])
    notices = [m for m in day.uow.messages.find(direction=Direction.OUT, kind=MessageKind.NOTICE)
               if m.staff_id is not None and "Quote request from the field" in m.body]
    assert len(notices) >= 1 and "Joe Okafor" in notices[0].body


def test_a_plain_note_raises_nothing(day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=4))
    day.text(TOM, "here")
    day.transcript(TOM, [("note gate code 4412, dog in yard", "Noted on J-3 (Joe Okafor).")])
    assert not [m for m in day.uow.messages.find(direction=Direction.OUT, kind=MessageKind.NOTICE)
                if m.staff_id is not None]


@pytest.mark.parametrize("no", ["wait no wrong job, that was yesterday's", "nope not that one",
                                "oops wrong customer", "no"])
def test_a_premature_done_question_answered_by_taking_it_back_changes_nothing(
        day: ChatWorld, no: str) -> None:
    before = day.model()
    day.transcript(TOM, [("done - replaced thermocouple, hot water back", "hasn't started"),
                         (no, "nothing changed on J-3")])
    assert day.changed_since(before) == set() and told(day, JOE) == []
    day.transcript(TOM, [("y", "nothing is waiting")])
    assert job_of(day, "joe_today").state is JobState.SCHEDULED


@pytest.mark.parametrize("ask", ["whats next", "what's next?", "next job?"])
def test_whats_next_on_the_way_names_the_visit_headed_to_first(day: ChatWorld, ask: str) -> None:
    day.clock.advance(timedelta(hours=3, minutes=30))  # 12:30pm
    day.text(TOM, "omw 20")
    day.transcript(TOM, [(ask, "You're on the way to 1-3pm Joe Okafor, 5 Lake St (J-3), ETA "
                               "12:50pm. After that: 3-5pm Karl Fischer")])


# --- a place that is someone else's -----------------------------------------------------------


@pytest.fixture
def same_street(day: ChatWorld) -> ChatWorld:
    """Ana also works on Elm St today, at number 48; Tom's Fischer visit is at 42 Elm St."""
    add_visit(day, "elm48", "Nora Quist", "+13125550166", "48 Elm St", "electrical", "ana",
              datetime(2026, 3, 2, 22, 0, tzinfo=UTC))
    day.clock.advance(timedelta(hours=6, minutes=10))  # 3:10pm, Tom at the Fischers'
    day.text(TOM, "here at fischers")
    return day


@pytest.mark.parametrize("text", ["wrapped up at 48 elm, new breaker in", "done at 48 elm st",
                                  "omw to 48 elm 10", "finished up at quists"])
def test_another_technicians_address_or_customer_never_falls_back_to_ones_own(
        same_street: ChatWorld, text: str) -> None:
    before = same_street.model()
    answer = same_street.text(TOM, text).text
    assert "can't find a visit of yours today" in answer
    assert "Quist" not in answer and "48 Elm" not in answer  # nothing of Ana's is revealed
    assert same_street.changed_since(before) == set()


def test_a_house_number_not_ones_own_on_ones_street_is_asked_about(same_street: ChatWorld) -> None:
    before = same_street.model()
    asked = same_street.text(TOM, "finished up at 44 elm, cleaned the burners").text
    assert "Which visit is that (done)?" in asked and "42 Elm St" in asked
    assert same_street.changed_since(before) == set()
    same_street.transcript(TOM, [("1", "completed")])
    assert job_of(same_street, "fischer").summary == "cleaned the burners"


# --- two updates in one text ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["pulled up. note: side gate code 7781",
                                  "on site - fyi side gate code 7781",
                                  "here, gate code is 7781 for next time"])
def test_a_check_in_with_a_note_does_both(day: ChatWorld, text: str) -> None:
    day.clock.advance(timedelta(hours=3, minutes=55))  # 12:55pm
    answer = day.text(TOM, text).text
    assert "Checked in" in answer and "Noted on J-3" in answer
    job = job_of(day, "joe_today")
    assert job.state is JobState.ON_SITE
    assert any(a.summary.startswith(f"Note on {job.number}:") and "7781" in a.summary
               for a in day.timeline(day.ids["joe_account"]))


def test_done_then_off_to_the_next_running_late_does_both_in_order(day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=5, minutes=30))  # 2:30pm, still at Joe's
    day.text(TOM, "here")
    answer = day.text(TOM, "all done - flushed the drain line. off to fischers next, "
                           "gonna be 20 late").text
    assert answer.index("completed") < answer.index("on the way") < answer.index("ETA 3:20pm")
    joe, fischer = job_of(day, "joe_today"), job_of(day, "fischer")
    assert joe.state is JobState.COMPLETED and joe.summary == "flushed the drain line"
    assert fischer.state is JobState.EN_ROUTE
    assert fischer.eta == NINE + timedelta(hours=6, minutes=20)  # 3pm window + 20 min
    [heads_up] = told(day, FISCHER)  # one text: on the way, arriving late
    assert "should arrive about 3:20pm" in heads_up.body
    assert "Work done: flushed the drain line" in told(day, JOE)[-1].body


@pytest.mark.parametrize(("text", "minutes"), [("otw now, 25", 25), ("ok leaving now, 40", 40),
                                               ("omw like 12", 12)])
def test_a_bare_number_after_setting_off_is_the_eta(day: ChatWorld, text: str,
                                                    minutes: int) -> None:
    day.clock.advance(timedelta(hours=3, minutes=30))
    day.text(TOM, text)
    assert job_of(day, "joe_today").eta == NINE + timedelta(hours=3, minutes=30 + minutes)


def test_the_work_summary_is_the_work_not_the_chatter_around_done(day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=4))
    day.text(TOM, "here")
    day.text(TOM, "oh right - the okafor job is finished, unclogged the kitchen drain")
    assert job_of(day, "joe_today").summary == "unclogged the kitchen drain"
    assert "Work done: unclogged the kitchen drain" in told(day, JOE)[-1].body


@pytest.mark.parametrize("text", ["wrong job sorry. fischers first", "wrong one, fischer first",
                                  "oops wrong job - going to 42 elm first"])
def test_wrong_job_naming_the_right_one_moves_the_update_there(day: ChatWorld, text: str) -> None:
    day.clock.advance(timedelta(hours=3, minutes=30))
    day.text(TOM, "omw 20")
    answer = day.text(TOM, text).text
    assert "Undone" in answer and "on the way to 3-5pm Karl Fischer" in answer
    assert job_of(day, "joe_today").state is JobState.SCHEDULED
    assert job_of(day, "fischer").state is JobState.EN_ROUTE
    assert [m.status for m in told(day, JOE)] == [MessageStatus.CANCELLED]


@pytest.mark.parametrize("text", ["fischer not joe", "not joe's, im going to fischer",
                                  "wrong one. fischers not joes", "headed to 42 elm, not to joe",
                                  "ugh my bad, i meant the fischer place on elm"])
def test_ruling_out_the_visit_just_updated_moves_the_update_never_back_onto_it(
        day: ChatWorld, text: str) -> None:
    answer = correcting_omw_to_joe(day, text)
    assert "Undone" in answer and "on the way to 3-5pm Karl Fischer" in answer
    assert answer.count("on the way to") == 1  # never made again on the visit ruled out
    assert job_of(day, "fischer").state is JobState.EN_ROUTE


def correcting_omw_to_joe(day: ChatWorld, text: str) -> str:
    """The answer to `text` sent right after "omw 20" set off for Joe: Joe's trip is undone, the
    text to Joe withdrawn."""
    day.clock.advance(timedelta(hours=3, minutes=30))
    day.text(TOM, "omw 20")
    answer = day.text(TOM, text).text
    assert job_of(day, "joe_today").state is JobState.SCHEDULED
    assert [m.status for m in told(day, JOE)] == [MessageStatus.CANCELLED]
    return answer


@pytest.mark.parametrize("text", ["wrong job!! not joe", "undo. im NOT going to joes yet",
                                  "wrong one - not okafor", "im NOT going to joe yet",
                                  "no not okafor"])
def test_a_correction_ruling_out_the_visit_just_updated_undoes_it_and_never_redoes_it(
        day: ChatWorld, text: str) -> None:
    answer = correcting_omw_to_joe(day, text)
    assert "Undone" in answer and "on the way" not in answer
    assert job_of(day, "fischer").state is JobState.SCHEDULED


def test_undo_saying_the_visit_meant_is_another_technicians_undoes_and_redoes_nothing(
        day: ChatWorld) -> None:
    answer = correcting_omw_to_joe(day, "no undo that, i said lopez not joe")
    assert "Undone" in answer and "don't see that on your schedule today" in answer
    assert "Lopez" not in answer and "on the way" not in answer
    assert job_of(day, "fischer").state is JobState.SCHEDULED


@pytest.mark.parametrize("text", ["not at joes yet, 10 more min", "not sure joe is home"])
def test_a_negation_that_turns_no_visit_down_takes_nothing_back(day: ChatWorld, text: str) -> None:
    day.clock.advance(timedelta(hours=3, minutes=30))
    day.text(TOM, "omw 20")
    assert "Undone" not in day.text(TOM, text).text
    assert job_of(day, "joe_today").state is JobState.EN_ROUTE


def test_wrong_job_ruling_one_out_and_naming_another_moves_the_update_there(
        day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=3, minutes=30))
    day.text(TOM, "omw fischer")
    answer = day.text(TOM, "wrong job! not fischer, joe").text
    assert "Undone" in answer and "on the way to 1-3pm Joe Okafor" in answer
    assert job_of(day, "fischer").state is JobState.SCHEDULED
    assert job_of(day, "joe_today").state is JobState.EN_ROUTE


@pytest.mark.parametrize("text", ["scratch that, still packing up here",
                                  "pls disregard my last text", "ignore that. not rolling yet"])
def test_taking_back_an_eta_in_other_words_undoes_it_and_withdraws_the_customers_text(
        day: ChatWorld, text: str) -> None:
    day.clock.advance(timedelta(hours=3, minutes=30))
    day.text(TOM, "omw 20")
    assert "Undone" in day.text(TOM, text).text
    assert job_of(day, "joe_today").state is JobState.SCHEDULED
    assert [m.status for m in told(day, JOE)] == [MessageStatus.CANCELLED]


@pytest.mark.parametrize("text", ["ignore the dog, he's friendly", "scratch on the cabinet door"])
def test_ignore_or_scratch_about_something_else_takes_nothing_back(
        day: ChatWorld, text: str) -> None:
    day.clock.advance(timedelta(hours=3, minutes=30))
    day.text(TOM, "omw 20")
    assert "Undone" not in day.text(TOM, text).text
    assert job_of(day, "joe_today").state is JobState.EN_ROUTE


@pytest.mark.parametrize("text", ["front gate is locked, cant get in", "here but the shop is closed til 2",
                                  "no access, front door locked and nobody picking up"])
def test_locked_out_is_no_pause_and_no_customer_text_the_office_is_told(
        day: ChatWorld, text: str) -> None:
    day.clock.advance(timedelta(hours=4))  # 1pm: Joe's visit has begun
    day.text(TOM, "omw 10")
    state, sent = job_of(day, "joe_today").state, len(told(day, JOE))
    answer = day.text(TOM, text).text
    assert "can't get in" in answer and "wasn't texted" in answer
    assert job_of(day, "joe_today").state is state and len(told(day, JOE)) == sent
    assert any("can't get in" in m.body for m in office_items(day))


def test_nobody_home_before_the_window_opens_pauses_nothing_and_texts_nobody(
        day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=3, minutes=30))
    day.text(TOM, "here at fischer")
    day.text(TOM, "y")  # early, but checked in anyway
    sent = len(told(day, FISCHER))
    answer = day.text(TOM, "knocked, nobody home yet. i'll come back in the window").text
    assert "window is 3-5pm" in answer and "wasn't paused" in answer
    assert job_of(day, "fischer").state is not JobState.PAUSED
    assert len(told(day, FISCHER)) == sent


# --- for the office ---------------------------------------------------------------------------


def office_items(chat: ChatWorld) -> list[Message]:
    return [m for m in chat.uow.messages.find(direction=Direction.OUT, kind=MessageKind.NOTICE)
            if m.staff_id == chat.ids["dana"]]


@pytest.mark.parametrize("text", ["could we push the fischer job to thursday",
                                  "customer wants to reschedule, can u move my 3pm to wed?",
                                  "can we bump fischers out to next week"])
def test_a_technician_asking_to_move_a_visit_reaches_the_office_and_nothing_moves(
        day: ChatWorld, text: str) -> None:
    before = day.model()
    answer = day.text(TOM, text).text
    assert "can't move visits by text" in answer and "Nothing has changed yet" in answer
    assert day.changed_since(before) <= {"notices", "outbox"} and told(day, FISCHER) == []
    [item] = office_items(day)
    assert "Tom asks to move a visit" in item.body and "J-4" in item.body


def test_a_note_about_moving_a_thing_is_a_note_not_a_visit_to_move(day: ChatWorld) -> None:
    day.clock.advance(timedelta(hours=4))
    day.text(TOM, "here")
    day.transcript(TOM, [("customer wants to move the thermostat to the hallway", "Noted on J-3")])
    assert office_items(day) == []


@pytest.mark.parametrize("text", ["truck won't start", "got a flat on 94, can't make it",
                                  "undo - van wont turn over"])
def test_trouble_on_the_road_reaches_the_office_with_the_visits_at_risk(
        day: ChatWorld, text: str) -> None:
    day.text(TOM, "omw 20")
    answer = day.text(TOM, text).text
    assert "I've told the office" in answer
    [item] = office_items(day)
    assert "Tom reports a problem" in item.body and "Joe Okafor" in item.body
    assert "Karl Fischer" in item.body


@pytest.mark.parametrize(("text", "late"), [("stuck behind a train, 10 more min", 10),
                                            ("held up by an accident on 90, another 20", 20)])
def test_a_delay_in_other_words_is_running_late(day: ChatWorld, text: str, late: int) -> None:
    day.clock.advance(timedelta(hours=3, minutes=40))  # 12:40pm
    day.text(TOM, "omw 15")
    day.text(TOM, text)
    assert job_of(day, "joe_today").eta == NINE + timedelta(hours=3, minutes=55 + late)
    assert "should now arrive about" in told(day, JOE)[-1].body


@pytest.mark.parametrize("undo", ["undo", "wrong job"])
def test_a_completion_taken_back_withdraws_the_upkeep_deal_and_the_invoice_it_opened(
        day: ChatWorld, undo: str) -> None:
    day.clock.advance(timedelta(hours=6, minutes=5))  # 3:05pm, at the Fischers'
    day.text(TOM, "here at fischers")
    day.text(TOM, "done - new igniter, furnace lighting fine")
    day.clock.advance(timedelta(minutes=3))
    day.text(TOM, undo)
    [withdrawn] = day.uow.deals.find(account_id=day.ids["fischer_account"])
    assert withdrawn.stage is DealStage.LOST and "J-4" in withdrawn.lost_reason
    [invoice] = day.uow.invoices.find(job_id=job_of(day, "fischer").id)
    assert invoice.state is InvoiceState.VOID
    day.text(TOM, "ok done now, new igniter and cleaned the flame sensor")
    open_deals = [d for d in day.uow.deals.find(account_id=day.ids["fischer_account"])
                  if d.stage is DealStage.NEW]
    assert len(open_deals) == 1 and open_deals[0].service_id == "hvac_maintenance"


@pytest.mark.parametrize("text", ["omw, running 10 behind", "leaving now - gonna be 10 late"])
def test_setting_off_late_is_one_trip_with_the_late_arrival(day: ChatWorld, text: str) -> None:
    day.clock.advance(timedelta(hours=3, minutes=40))  # 12:40pm; Joe's window opens at 1pm
    day.text(TOM, text)
    job = job_of(day, "joe_today")
    assert job.state is JobState.EN_ROUTE and job.eta == NINE + timedelta(hours=4, minutes=10)
    [heads_up] = told(day, JOE)
    assert "should arrive about 1:10pm" in heads_up.body


def test_setting_off_late_hours_before_the_visit_is_asked_about_first(day: ChatWorld) -> None:
    before = day.model()
    assert "Reply Y or N" in day.text(TOM, "omw, running 10 behind").text  # 9am, Joe at 1pm
    assert day.changed_since(before) == set() and told(day, JOE) == []
