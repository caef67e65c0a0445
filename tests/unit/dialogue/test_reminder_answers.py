"""A Y or an R to the visit reminder that asked for one: the visit confirmed, or moved."""

from __future__ import annotations

from datetime import timedelta

from domain.commands import CancelAppointment, RescheduleAppointment
from domain.due import reminder_key
from domain.messages import Direction, Message, MessageKind, MessageStatus
from domain.parties import Channel
from domain.quotes import QuoteState
from tests.unit.dialogue.chat_world import JOE, MARIA, ChatWorld


def remind(chat: ChatWorld, visit: str = "joe_today", *, offset: timedelta = timedelta(hours=24),
           status: MessageStatus = MessageStatus.SENT, phone: str = JOE) -> None:
    """The scheduler's reminder of `visit`, as sent to its customer an hour ago."""
    appointment = chat.visit(visit)
    assert appointment.id is not None
    chat.uow.messages.add(Message(
        channel=Channel.SMS, direction=Direction.OUT, address=phone, body="reminder",
        created_at=chat.clock.now() - timedelta(hours=1), status=status,
        kind=MessageKind.REMINDER, idempotency_key=reminder_key(appointment.id,
                                                                appointment.start, offset),
        about_kind="appointment", about_id=appointment.id))


def test_y_to_the_reminder_confirms_the_visit_it_named(chat: ChatWorld) -> None:
    remind(chat)
    assert not chat.visit("joe_today").confirmed
    chat.transcript(JOE, [("Y", "you're confirmed: Plumbing repair Mon Mar 2, 1-3pm")])
    assert chat.visit("joe_today").confirmed
    assert chat.timeline(chat.visit("joe_today").account_id)[-1].summary.endswith(
        "confirmed by the customer")


def test_r_to_the_reminder_starts_moving_that_visit(chat: ChatWorld) -> None:
    remind(chat)
    chat.transcript(JOE, [
        ("R", "Your visit is Mon Mar 2, 1-3pm. When would suit you better?"),
        ("wednesday morning", "1) Wed Mar 4, 8-10am with Tom"),
        ("1", "to Wed Mar 4, 8-10am with Tom."),
    ])


def test_y_after_the_visit_moved_names_the_new_time_and_confirms_nothing(
        chat: ChatWorld) -> None:
    remind(chat)
    visit = chat.visit("joe_today")
    assert visit.id is not None
    chat.run(RescheduleAppointment(appointment_id=visit.id, technician_id=visit.technician_id,
                                   start=visit.start + timedelta(days=2),
                                   actor=chat.dispatcher()))
    chat.transcript(JOE, [("Y", "has moved since that reminder: it's now Wed Mar 4, 1-3pm")])
    assert not chat.visit("joe_today").confirmed


def test_a_y_with_no_reminder_last_sent_is_not_a_confirmation(chat: ChatWorld) -> None:
    remind(chat, offset=timedelta(hours=2))  # the later reminder asks nothing
    chat.text(JOE, "Y")
    remind(chat, status=MessageStatus.QUEUED)  # not sent yet: Joe has not seen it
    chat.text(JOE, "Y")
    assert not chat.visit("joe_today").confirmed


def nudge(chat: ChatWorld, quote: str, phone: str) -> None:
    """The scheduler's quote nudge ("Reply YES to approve it"), sent in the same pass."""
    chat.uow.messages.add(Message(
        channel=Channel.SMS, direction=Direction.OUT, address=phone, body="nudge",
        created_at=chat.clock.now() - timedelta(hours=1), status=MessageStatus.SENT,
        kind=MessageKind.FOLLOW_UP, idempotency_key=f"quote-nudge:{chat.ids[quote]}:2d",
        about_kind="quote", about_id=chat.ids[quote]))


def test_a_yes_in_plain_words_confirms_the_reminded_visit(chat: ChatWorld) -> None:
    for said in ("yep see you then", "yes confirming", "\U0001f44d", "sounds good",
                 "we'll be here"):
        visit = chat.visit("joe_today")
        visit.confirmed = False  # each wording confirms anew
        remind(chat)
        chat.transcript(JOE, [(said, "you're confirmed: Plumbing repair Mon Mar 2, 1-3pm")])
        assert chat.visit("joe_today").confirmed, said


def test_a_yes_with_a_change_is_not_a_confirmation(chat: ChatWorld) -> None:
    remind(chat)
    said = chat.text(JOE, "ok but can the tech come closer to 3? i wont be home til then").text
    assert not chat.visit("joe_today").confirmed and "When would suit you better" not in said


def test_later_that_is_not_about_the_visit_moves_nothing(chat: ChatWorld) -> None:
    remind(chat)
    said = chat.text(JOE, "thanks, i'll text you later").text
    assert "1)" not in said and "When would suit you better" not in said


def test_a_wish_after_the_reminder_moves_the_visit_with_it(chat: ChatWorld) -> None:
    remind(chat)
    said = chat.text(JOE, "can we make it later that day").text
    assert "When would suit you better" not in said
    assert "Mon Mar 2, 3-5pm" in said or "Nothing is free then" in said
    remind(chat)
    said = chat.text(JOE, "closer to 3?").text
    assert "When would suit you better" not in said and "1)" in said


def test_y_after_a_reminder_and_a_quote_nudge_confirms_the_visit(chat: ChatWorld) -> None:
    remind(chat)
    nudge(chat, "q2001", JOE)  # written after the reminder, in the same pass
    chat.transcript(JOE, [("Y", "you're confirmed: Plumbing repair")])
    assert chat.visit("joe_today").confirmed
    remind(chat)
    nudge(chat, "q2001", JOE)
    chat.transcript(JOE, [("R", "When would suit you better?")])


def test_two_visits_reminded_a_bare_yes_asks_which_and_both_confirms_both(
        chat: ChatWorld) -> None:
    remind(chat, "maria_thu", phone=MARIA)
    remind(chat, "maria_fri", phone=MARIA)
    nudge(chat, "q1042", MARIA)
    chat.transcript(MARIA, [("Y", "Which visit do you want to confirm?"),
                            ("2", "you're confirmed: Electrical repair")])
    assert chat.visit("maria_fri").confirmed and not chat.visit("maria_thu").confirmed
    remind(chat, "maria_thu", phone=MARIA)
    remind(chat, "maria_fri", phone=MARIA)
    chat.text(MARIA, "yes confirming both appts")
    assert chat.visit("maria_thu").confirmed and chat.visit("maria_fri").confirmed


def test_two_visits_reminded_and_one_cancelled_since_a_yes_confirms_the_other(
        chat: ChatWorld) -> None:
    remind(chat, "maria_thu", phone=MARIA)
    remind(chat, "maria_fri", phone=MARIA)
    chat.run(CancelAppointment(appointment_id=chat.ids["maria_thu"], actor=chat.dispatcher()))
    chat.transcript(MARIA, [("Y", "you're confirmed: Electrical repair")])
    assert chat.visit("maria_fri").confirmed


def test_a_nod_to_the_reminder_that_asked_nothing_gets_a_short_word(chat: ChatWorld) -> None:
    remind(chat, offset=timedelta(hours=2))
    said = chat.text(JOE, "\U0001f44d").text
    assert said.startswith("See you then! Your visit is Mon Mar 2") and "What do you need" not in said


def test_a_plain_no_after_a_quote_nudge_declines_that_quote_and_tells_the_rep(
        chat: ChatWorld) -> None:
    for said in ("no thanks", "no thanks, going w someone else", "we'll pass"):
        nudge(chat, "q2001", JOE)
        chat.transcript(JOE, [(said, "Decline quote Q-2001 (Sewer line repair)"),
                              ("N", "")])
    nudge(chat, "q2001", JOE)
    chat.transcript(JOE, [("no thanks", "Decline quote Q-2001"), ("Y", "Q-2001 declined")])
    assert chat.quote_states()["Q-2001"] is QuoteState.DECLINED
    assert any("Q-2001 was declined" in m.body for m in chat.uow.messages.find()
               if m.direction is Direction.OUT and m.staff_id is not None)


def test_yes_to_a_quote_nudge_asks_to_approve_it_and_two_nudged_ask_which(
        chat: ChatWorld) -> None:
    nudge(chat, "q2001", JOE)
    chat.transcript(JOE, [("YES", "Approve quote Q-2001"), ("N", "")])
    nudge(chat, "q1042", MARIA)
    nudge(chat, "q1043", MARIA)
    chat.transcript(MARIA, [("no thanks", "Which quote do you want to decline?")])


def test_a_no_with_no_nudge_or_a_maybe_after_one_decides_nothing(chat: ChatWorld) -> None:
    said = chat.text(JOE, "no thanks").text
    assert "Decline" not in said
    nudge(chat, "q2001", JOE)
    for maybe in ("ok thx ill think about it", "nope not yet", "no, still deciding"):
        said = chat.text(JOE, maybe).text
        assert "Decline" not in said and "Approve" not in said, maybe
