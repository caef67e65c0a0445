"""Whole conversations through bot.inbox.receive on real SQLite and PostgreSQL databases.

Each transcript is `[(customer says, bot answer contains), ...]`; the clock stands still on
Monday 2 March 2026, 9:30 in Chicago.
"""

from __future__ import annotations

import pytest

from domain.jobs import AppointmentStatus, JobState
from domain.messages import Direction, MessageKind, MessageStatus
from domain.parties import Channel
from domain.quotes import QuoteState
from domain.staff import Role
from tests.integration.dialogue_world import JOE, MARIA, NEWCOMER, TOM_PHONE, World, build_world


@pytest.fixture
def world(uow_factory) -> World:  # type: ignore[no-untyped-def]
    return build_world(uow_factory)


def booked_visits(world: World, phone: str) -> list:  # type: ignore[type-arg]
    with world.uow_factory() as uow:
        contact = uow.contacts.first(phone=phone)
        assert contact is not None
        return [a for a in uow.appointments.find(account_id=contact.account_id) if a.is_active]


def notices_to_dispatchers(world: World) -> list:  # type: ignore[type-arg]
    with world.uow_factory() as uow:
        return uow.messages.find(direction=Direction.OUT, kind=MessageKind.NOTICE,
                                 staff_id=world.ids["dana"])


def test_an_unknown_number_is_onboarded_then_books_what_it_asked_for(world: World) -> None:
    world.transcript(NEWCOMER, [
        ("AC's out, can someone come tomorrow morning?", "name and service address"),
        ("Pat Lee, 40 Oak Ave, Chicago 60625", "Tue Mar 3, 8-10am with Tom"),
        ("2", "Booked: Heating & cooling repair on Tue Mar 3, 10am-12pm. Tom will come to "
              "40 Oak Ave, Chicago 60625"),
    ])
    with world.uow_factory() as uow:
        contact = uow.contacts.first(phone=NEWCOMER)
        assert contact is not None and contact.name == "Pat Lee"
        site = uow.sites.first(account_id=contact.account_id)
        assert site is not None and (site.zone_id, site.postal_code) == ("north", "60625")
    assert len(booked_visits(world, NEWCOMER)) == 1


def test_an_address_outside_the_service_area_is_told_so_and_passed_on_as_a_lead(
        world: World) -> None:
    world.transcript(NEWCOMER, [
        ("hi, I need a plumber", "name and service address"),
        ("Pat Lee, 40 Oak Ave, Springfield 62701", "don't serve ZIP 62701. We serve Chicago"),
    ])
    assert len(notices_to_dispatchers(world)) == 1


def test_an_unreadable_text_is_asked_for_again_and_a_name_alone_asks_for_the_address(
        world: World) -> None:
    world.transcript(NEWCOMER, [
        ("hello", "name and service address"),
        ("uh what", "couldn't read that"),
        ("Pat", "What's the service address"),
        ("Pat Lee, 40 Oak Ave, Chicago 60625", "Thanks, Pat!"),
    ])


@pytest.mark.parametrize("pick, visit", [
    ("2", "Wed Mar 4, 12-2pm"),
    ("the second one", "Wed Mar 4, 12-2pm"),
    ("thursday works", "Thu Mar 5, 8-10am"),
])
def test_a_customer_picks_an_offer_by_number_ordinal_or_day(world: World, pick: str,
                                                             visit: str) -> None:
    world.transcript(MARIA, [
        ("the outlet in the kitchen stopped working",
         "1) Wed Mar 4, 8-10am with Ana\n2) Wed Mar 4, 12-2pm with Ana\n3) Thu Mar 5, 8-10am"),
        (pick, f"Booked: Electrical repair on {visit}. Ana will come to 1 Clark St"),
    ])
    assert len(booked_visits(world, MARIA)) == 3


def test_a_new_wish_while_choosing_brings_new_offers(world: World) -> None:
    world.transcript(MARIA, [
        ("my outlet stopped working", "Reply 1, 2 or 3"),
        ("friday afternoon?", "Fri Mar 6, 2:30-4:30pm with Ana"),
        ("1", "Booked: Electrical repair on Fri Mar 6, 2:30-4:30pm"),
    ])


@pytest.mark.parametrize("which", ["2", "the one in 60302"])
def test_a_customer_with_two_addresses_is_asked_which_one(world: World, which: str) -> None:
    world.transcript(JOE, [
        ("my toilet keeps running, wednesday?", "Which address is this for?\n"
                                                "1) 5 Lake St, Chicago 60613\n"
                                                "2) 9 Oak Ave, Oak Park 60302"),
        (which, "1) Wed Mar 4, 7-9am with Tom"),
        ("1", "Tom will come to 9 Oak Ave, Oak Park 60302"),
    ])


def test_a_problem_is_asked_for_when_the_booking_names_none(world: World) -> None:
    world.transcript(MARIA, [
        ("can someone come out wednesday?", "What do you need help with?"),
        ("no hot water", "Wed Mar 4"),
    ])


def test_rescheduling_with_several_visits_asks_which_then_when(world: World) -> None:
    world.transcript(MARIA, [
        ("I need to reschedule", "Which visit do you want to move?\n1) Thu Mar 5, 8-10am, "
                                 "Heating & cooling repair\n2) Fri Mar 6, 1-3pm, Electrical"),
        ("1", "When would suit you better?"),
        ("friday morning", "1) Fri Mar 6, 8-10am with Tom"),
        ("1", "to Fri Mar 6, 8-10am with Tom"),
    ])
    with world.uow_factory() as uow:
        moved = uow.appointments.get(world.ids["maria_thu"])
        assert moved is not None and moved.window_start.hour == 14 and moved.start.day == 6


def test_a_time_without_a_day_keeps_the_visits_own_day(world: World) -> None:
    world.transcript(MARIA, [
        ("can the tech come at 4pm instead?", "Which visit do you want to move?"),
        ("1", "1) Thu Mar 5, 4-6pm with Tom"),
        ("1", "to Thu Mar 5, 4-6pm with Tom"),
    ])


def test_cancelling_asks_for_confirmation_and_n_keeps_the_visit(world: World) -> None:
    world.transcript(MARIA, [
        ("cancel my appointment", "Which visit do you want to cancel?"),
        ("2", "Cancel your Fri Mar 6, 1-3pm visit? Reply Y or N"),
        ("N", "stays as booked"),
    ])
    assert len(booked_visits(world, MARIA)) == 2


def test_cancelling_with_y_cancels_the_visit(world: World) -> None:
    world.transcript(JOE, [
        ("please cancel my appointment", "Cancel your Mon Mar 2, 1-3pm visit? Reply Y or N"),
        ("Y", "Your Mon Mar 2, 1-3pm visit is cancelled"),
        ("where's the tech?", "no open jobs"),
    ])
    with world.uow_factory() as uow:
        visit = uow.appointments.get(world.ids["joe_today"])
        assert visit is not None and visit.status is AppointmentStatus.CANCELLED


@pytest.mark.parametrize("states, eta, answer", [
    ((), None, "Your visit is Mon Mar 2, 1-3pm (arrival window) with Tom"),
    ((JobState.EN_ROUTE,), 25, "Tom is on the way, arriving about 9:55am"),
    ((JobState.EN_ROUTE, JobState.ON_SITE), None, "Tom is at your place now"),
    ((JobState.EN_ROUTE, JobState.ON_SITE, JobState.COMPLETED), None,
     "Your plumbing repair is done"),
])
def test_job_status_answers_from_the_jobs_real_state(world: World, states: tuple[JobState, ...],
                                                     eta: int | None, answer: str) -> None:
    from domain.commands import ChangeJobState

    with world.uow_factory() as uow:
        visit = uow.appointments.get(world.ids["joe_today"])
        assert visit is not None
        for state in states:
            world.engine.bus.handle_in(uow, ChangeJobState(
                job_id=visit.job_id, new_state=state, actor=world.dispatcher(),
                eta_minutes=eta if state is JobState.EN_ROUTE else None))
        uow.commit()
    world.transcript(JOE, [("where's the tech?", answer)])


def test_a_customer_approves_one_of_two_quotes_by_number(world: World) -> None:
    world.transcript(MARIA, [
        ("I approve quote 1043", "Approve quote Q-1043 (AC replacement) for $4,250.00? "
                                 "Reply Y or N"),
        ("Y", "Approved: quote Q-1043, $4,250.00"),
    ])
    with world.uow_factory() as uow:
        states = {q.number: q.state for q in uow.quotes.find()}
    assert states == {"Q-1042": QuoteState.SENT, "Q-1043": QuoteState.APPROVED,
                      "Q-2001": QuoteState.SENT}
    assert any("Q-1043 was approved" in n.body for n in notices_to_dispatchers(world))


def test_approving_without_a_number_asks_which_quote(world: World) -> None:
    world.transcript(MARIA, [
        ("approve the quote", "Which quote do you want to approve?\n1) Q-1042 Water heater "
                              "replacement, $1,850.00\n2) Q-1043 AC replacement, $4,250.00"),
        ("1", "Approve quote Q-1042 (Water heater replacement) for $1,850.00?"),
        ("no", "stays open"),
    ])
    with world.uow_factory() as uow:
        assert all(q.state is QuoteState.SENT for q in uow.quotes.find())


def test_a_customer_declines_a_quote_after_confirming(world: World) -> None:
    world.transcript(MARIA, [
        ("decline quote 1042", "Decline quote Q-1042 (Water heater replacement) for $1,850.00?"),
        ("yes", "Quote Q-1042 declined"),
    ])
    with world.uow_factory() as uow:
        declined = uow.quotes.get(world.ids["q1042"])
        assert declined is not None and declined.state is QuoteState.DECLINED


def test_another_customers_quote_number_is_refused_like_a_missing_one(world: World) -> None:
    world.transcript(MARIA, [
        ("approve quote 2001", "I can't find quote 2001 waiting on your account"),
        ("approve quote 9999", "I can't find quote 9999 waiting on your account"),
        ("Y", "Nothing is waiting for a yes"),
    ])
    with world.uow_factory() as uow:
        others = uow.quotes.get(world.ids["q2001"])
        assert others is not None and others.state is QuoteState.SENT


def test_asking_for_a_person_queues_a_call_back_for_the_dispatcher(world: World) -> None:
    world.transcript(MARIA, [("can I talk to a person", "will call you shortly")])
    [notice] = notices_to_dispatchers(world)
    assert notice.status is MessageStatus.QUEUED and "Maria Rivera" in notice.body


def test_two_misunderstandings_in_a_row_hand_over_to_a_person(world: World) -> None:
    world.transcript(MARIA, [
        ("asdf", "didn't get that"),
        ("qwer zxcv", "asked someone from Northwind Heating & Plumbing to call you"),
    ])
    assert len(notices_to_dispatchers(world)) == 1


def test_stop_opts_out_silently_when_the_provider_answers_keywords(world: World) -> None:
    world.transcript(MARIA, [
        ("STOP", None),
        ("hello?", None),
        ("start", None),
        ("hello", "Hi from Northwind"),
    ])


def test_stop_keeps_an_opt_out_on_record(world: World) -> None:
    world.transcript(MARIA, [("Stop", None)])
    with world.uow_factory() as uow:
        consent = uow.consents.first(channel=Channel.SMS, address=MARIA)
        assert consent is not None and consent.opted_out_at == world.clock.now()


def test_help_keyword_answers_with_the_carrier_help_text_when_asked_to(world: World) -> None:
    answer = world.text(MARIA, "HELP", reply_to_keywords=True).replies
    assert answer and "Msg & data rates may apply" in answer[0] and "STOP" in answer[0]


def test_an_unknown_number_that_texts_stop_is_not_onboarded_and_gets_nothing(world: World) -> None:
    world.transcript(NEWCOMER, [("STOP", None), ("hi", None)])
    with world.uow_factory() as uow:
        assert uow.contacts.first(phone=NEWCOMER) is None


def test_a_polite_opt_out_is_honoured_and_confirmed(world: World) -> None:
    world.transcript(MARIA, [
        ("stop texting me", "You won't get more texts"),
        ("hello", None),
    ])


def test_a_retried_message_books_nothing_twice_and_gets_the_same_answer(world: World) -> None:
    world.transcript(NEWCOMER, [
        ("my sink is leaking, tomorrow morning please", "name and service address"),
        ("Pat Lee, 40 Oak Ave, Chicago 60625", "Reply 1, 2 or 3"),
    ])
    first = world.text(NEWCOMER, "1", message_id="SMreplayed")
    again = world.text(NEWCOMER, "1", message_id="SMreplayed")
    assert "Booked" in first.replies[0]
    # A provider retries only when our first answer never reached it: answer as the first time.
    assert again.duplicate and again.replies == first.replies
    assert len(booked_visits(world, NEWCOMER)) == 1
    with world.uow_factory() as uow:
        assert len(uow.messages.find(provider_message_id="SMreplayed")) == 1
        inbound = uow.messages.first(provider_message_id="SMreplayed")
        assert [m.body for m in uow.messages.find(reply_to_id=inbound.id)] == first.replies


def test_every_text_and_reply_is_stored(world: World) -> None:
    world.transcript(MARIA, [("hi", "Hi from")])
    with world.uow_factory() as uow:
        stored = uow.messages.find(address=MARIA)
    assert [(m.direction, m.status) for m in stored] == [
        (Direction.IN, MessageStatus.RECEIVED), (Direction.OUT, MessageStatus.REPLIED)]
    assert all(m.account_id == world.ids["maria_account"] for m in stored)


def test_a_technicians_text_is_handled_in_their_role(world: World) -> None:
    world.transcript(TOM_PHONE, [("on my way, 20 min", "on the way to 1-3pm Joe Okafor")])
    with world.uow_factory() as uow:
        conversation = next(iter(uow.conversations.find(channel=Channel.SMS, address=TOM_PHONE)),
                            None)
        assert conversation is not None and conversation.role is Role.TECHNICIAN
        assert uow.appointments.find(technician_id=world.ids["tom"], status=AppointmentStatus.BOOKED)


def test_a_pending_question_lapses_after_half_an_hour(world: World) -> None:
    from datetime import timedelta

    world.transcript(JOE, [("cancel my appointment", "Reply Y or N")])
    world.clock.advance(timedelta(minutes=31))
    world.transcript(JOE, [("Y", "that question has timed out, so nothing was changed")])
    assert len(booked_visits(world, JOE)) == 1


# Rough edges a real customer hits ------------------------------------------------------------

@pytest.mark.parametrize("nod", ["yes", "ok", "\N{THUMBS UP SIGN}"])
def test_a_nod_with_no_question_pending_is_acknowledged_not_misunderstood(world: World,
                                                                         nod: str) -> None:
    world.transcript(MARIA, [
        ("asdf", "didn't get that"),
        (nod, "Nothing is waiting for a yes"),
        ("qwer zxcv", "didn't get that"),
    ])
    assert notices_to_dispatchers(world) == []


def test_a_nod_after_a_booking_is_answered_see_you_then(world: World) -> None:
    world.transcript(MARIA, [
        ("the outlet in the kitchen stopped working", "Reply 1, 2 or 3"),
        ("2", "Booked: Electrical repair on Wed Mar 4, 12-2pm"),
        ("\N{THUMBS UP SIGN}", "Great, see you then!"),
        ("ok", "Great, see you then!"),
    ])
    assert len(booked_visits(world, MARIA)) == 3


def test_a_plain_no_with_no_question_pending_is_not_a_misunderstanding(world: World) -> None:
    world.transcript(MARIA, [("asdf", "didn't get that"), ("no", "Text us anytime"),
                             ("qwer zxcv", "didn't get that")])
    assert notices_to_dispatchers(world) == []


@pytest.mark.parametrize("no", ["n", "no", "never mind"])
@pytest.mark.parametrize("phone, ask, asked", [
    (MARIA, "cancel my appointment", "Which visit do you want to cancel?"),
    (MARIA, "I need to reschedule", "Which visit do you want to move?"),
    (JOE, "I need to move my visit", "When would suit you better?"),
    (MARIA, "approve the quote", "Which quote do you want to approve?"),
    (MARIA, "my outlet stopped working", "Reply 1, 2 or 3"),
    (MARIA, "can someone come out wednesday?", "What do you need help with?"),
])
def test_no_or_never_mind_drops_a_pending_question_and_changes_nothing(
        world: World, no: str, phone: str, ask: str, asked: str) -> None:
    before = len(booked_visits(world, phone))
    world.transcript(phone, [(ask, asked), (no, "OK, I've left everything as it is."),
                             ("2", "didn't get that")])
    assert len(booked_visits(world, phone)) == before
    with world.uow_factory() as uow:
        assert all(q.state is QuoteState.SENT for q in uow.quotes.find())
        conversation = next(iter(uow.conversations.find(channel=Channel.SMS, address=phone)), None)
        assert conversation is not None and conversation.flow is None


def test_never_mind_at_a_yes_or_no_question_keeps_the_visit(world: World) -> None:
    world.transcript(JOE, [
        ("please cancel my appointment", "Reply Y or N"),
        ("never mind", "stays as booked"),
    ])
    assert len(booked_visits(world, JOE)) == 1


def test_no_with_a_new_day_while_choosing_brings_new_offers(world: World) -> None:
    world.transcript(MARIA, [
        ("my outlet stopped working", "Reply 1, 2 or 3"),
        ("no, friday afternoon?", "Fri Mar 6, 2:30-4:30pm with Ana"),
    ])


def test_many_visits_list_the_next_three_and_say_how_to_pick_a_later_one(world: World) -> None:
    from datetime import UTC, datetime

    from domain.commands import BookAppointment

    with world.uow_factory() as uow:
        for day in (9, 10):
            world.engine.bus.handle_in(uow, BookAppointment(
                account_id=world.ids["maria_account"], site_id=world.ids["maria_site"],
                service_id="plumbing_repair", technician_id=world.ids["tom"],
                start=datetime(2026, 3, day, 15, 0, tzinfo=UTC), actor=world.dispatcher()))
        uow.commit()
    answer = "\n".join(world.text(MARIA, "cancel my appointment").replies)
    assert len(answer) <= 320
    assert "3) Mon Mar 9" in answer and "Tue Mar 10" not in answer
    assert "or the date of a later one (1 more)" in answer
    world.transcript(MARIA, [
        ("march 10", "Cancel your Tue Mar 10, 10am-12pm visit? Reply Y or N"),
        ("y", "is cancelled"),
    ])
    assert len(booked_visits(world, MARIA)) == 3


def test_a_time_without_a_day_books_the_nearest_day_with_that_time(world: World) -> None:
    world.transcript(MARIA, [
        ("my sink is leaking, can you come at 4pm?", "1) Mon Mar 2, 4-6pm with Tom"),
        ("1", "Booked: Plumbing repair on Mon Mar 2, 4-6pm"),
    ])


def test_a_time_already_past_today_means_tomorrow(world: World) -> None:
    world.transcript(MARIA, [
        ("my sink is leaking, can you come at 8am?", "1) Tue Mar 3, 8-10am with Tom"),
    ])


def test_a_wish_for_yesterday_is_told_it_has_passed_and_gets_the_soonest_times(
        world: World) -> None:
    world.transcript(MARIA, [
        ("can someone fix my leaking sink yesterday?", "That time has passed; the soonest we "
                                                       "can come:\n1) Mon Mar 2"),
    ])


def test_a_newcomer_whose_first_text_is_their_details_is_set_up_at_once(world: World) -> None:
    world.transcript(NEWCOMER, [
        ("Pat Lee, 40 Oak Ave, Chicago 60625", "Thanks, Pat! You're set up at 40 Oak Ave"),
        ("no hot water, tomorrow", "Tue Mar 3"),
    ])


def test_a_different_problem_while_choosing_starts_a_new_booking(world: World) -> None:
    world.transcript(MARIA, [
        ("my outlet stopped working", "with Ana"),
        ("actually my sink is leaking, can you come at 4pm?", "1) Mon Mar 2, 4-6pm with Tom"),
        ("1", "Booked: Plumbing repair on Mon Mar 2, 4-6pm"),
    ])


def test_a_text_parsed_ahead_of_its_transaction_is_not_parsed_again_in_the_same_zone(
        world: World) -> None:
    import uuid
    from dataclasses import replace

    from bot.channels import sms
    from bot.inbox import receive
    from bot.nlu import intents
    from bot.nlu.result import Parse

    def text(ahead_zone: str | None) -> str:
        inbound = sms.inbound(phone=MARIA, body="thanks", message_id=f"SM{uuid.uuid4().hex}",
                              received_at=world.clock.now())
        ahead = world.engine.parse_ahead(inbound.text, inbound.received_at)
        assert ahead.parse.intent == intents.THANKS
        # A different reading planted in the parse ahead shows whether the engine used it.
        planted = replace(ahead, parse=Parse(intents.HELP, {}, 1.0),
                          timezone=ahead_zone or ahead.timezone)
        result = receive(uow_factory=world.uow_factory, engine=world.engine, inbound=inbound,
                         rules=sms.rules(answer_keywords=False), ahead=planted)
        return "\n".join(result.replies)

    assert "I can book a visit" in text(None)  # same text, instant and zone: used as it is
    assert "welcome" in text("America/New_York")  # another zone: parsed again inside


def selects_during(world: World, table: str, phone: str,
                   turns: list[tuple[str, str | None]]) -> list[str]:
    """The SELECT statements naming `table` that playing `turns` runs."""
    from sqlalchemy import event

    with world.uow_factory() as uow:
        engine = uow.session.get_bind()
    reads: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT") and table in statement:
            reads.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        world.transcript(phone, turns)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return reads


def test_listing_several_visits_reads_their_jobs_in_one_statement(world: World) -> None:
    job_reads = selects_during(world, "FROM jobs", MARIA,
                               [("I need to reschedule", "Which visit do you want to move?")])
    # the listed visits' jobs, by id: one statement, not one per listed visit (the account's
    # paused or waiting jobs are looked for by state, apart)
    by_id = [s for s in job_reads if "WHERE jobs.id" in " ".join(s.split())]
    assert len(by_id) == 1, job_reads


def test_a_text_reads_its_senders_consent_with_the_conversation_not_on_its_own(
        world: World) -> None:
    reads = selects_during(world, "consents", MARIA, [("where's my tech?", "Your visit is"),
                                                       ("STOP", None), ("hello?", None)])
    # Each text reads its consent in the conversation's own SELECT; only the STOP reads the
    # record again, to change it.
    assert all("conversations" in statement for statement in reads[:1])
    assert sum("conversations" not in statement for statement in reads) == 1


def test_get_many_reads_items_in_the_order_asked_and_leaves_out_missing_ones(
        world: World) -> None:
    first, second = world.ids["maria_thu"], world.ids["maria_fri"]
    with world.uow_factory() as uow:
        assert [a.id for a in uow.appointments.get_many([second, 999999, first, second])] == [
            second, first]
        one = uow.appointments.get(first)
        assert uow.appointments.get_many([first]) == [one]  # the session's own object
        assert uow.appointments.get_many([]) == []


def test_a_text_that_changes_nothing_writes_nothing_to_the_conversation(world: World) -> None:
    from datetime import timedelta

    world.transcript(MARIA, [("hi", "I can book a visit")])
    with world.uow_factory() as uow:
        first = next(iter(uow.conversations.find(channel=Channel.SMS, address=MARIA)), None)
        assert first is not None
        stamped = first.updated_at
    world.clock.advance(timedelta(minutes=5))
    world.transcript(MARIA, [("thanks", "welcome")])
    with world.uow_factory() as uow:
        after_thanks = next(iter(uow.conversations.find(channel=Channel.SMS, address=MARIA)), None)
        assert after_thanks is not None and after_thanks.updated_at == stamped
    world.clock.advance(timedelta(minutes=5))
    world.transcript(MARIA, [("cancel my appointment", "Which visit")])
    with world.uow_factory() as uow:
        asked = next(iter(uow.conversations.find(channel=Channel.SMS, address=MARIA)), None)
        assert asked is not None and asked.updated_at == world.clock.now()
