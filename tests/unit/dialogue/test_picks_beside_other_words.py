"""A pick said with more around it: "2. tenant is Amy, 773-555-0199" picks the address and keeps
the details for the technician; "yes. now can someone come tmrw" confirms the pending Y/N and
asks the new visit too; "el 1 porfavor" picks; a text in Spanish while times are offered keeps
them; the booked time named again after booking says it is booked.

The chat world's clock starts Mon Mar 2, 9am Chicago. Maria has an electrical visit Fri Mar 6,
1-3pm; Joe has two sites (5 Lake St and 9 Oak Ave)."""

from __future__ import annotations

from bot.dialogue.offers import note_beside_option
from tests.unit.dialogue.chat_world import JOE, MARIA, ChatWorld


def test_an_address_picked_with_tenant_details_keeps_them_for_the_technician(
        chat: ChatWorld) -> None:
    chat.text(JOE, "my tenant's kitchen faucet is leaking, needs a repair visit tomorrow")
    said = chat.text(JOE, "2. tenant is Amy, 773-555-0199, shes home all day").text
    assert "Which address" not in said and "Tue Mar 3" in said
    booked = chat.text(JOE, "1").text
    assert "9 Oak Ave" in booked and "tenant is Amy" in booked
    job = chat.uow.jobs.get(chat.visits(JOE)[-1].job_id)
    assert job is not None and "773-555-0199" in job.scope


def test_a_question_beside_a_pick_is_never_kept_as_a_note() -> None:
    assert note_beside_option("1. what does the visit cost?") is None
    assert note_beside_option("1. tenant Mike will let her in. how much is it") == \
        "tenant Mike will let her in"


def test_a_yes_then_a_new_request_confirms_and_asks_both(chat: ChatWorld) -> None:
    chat.text(MARIA, "cancel my friday visit")
    said = chat.text(MARIA, "yes. now can someone come tomorrow for a leaking sink").text
    assert not chat.visit("maria_fri").is_active
    assert "cancelled" in said and "Tue Mar 3" in said


def test_a_pick_in_spanish_words_books_it(chat: ChatWorld) -> None:
    chat.text(MARIA, "my kitchen sink is leaking, can someone come tomorrow")
    said = chat.text(MARIA, "el 1 porfavor").text
    assert "Booked" in said and "Tue Mar 3, 7-9am" in said


def test_times_offered_stay_through_a_text_in_spanish(chat: ChatWorld) -> None:
    chat.text(MARIA, "my kitchen sink is leaking, can someone come tomorrow")
    chat.text(MARIA, "el tecnico habla español? cuanto cuesta?")
    said = chat.text(MARIA, "1").text
    assert "Booked" in said and "Tue Mar 3, 7-9am" in said


def test_the_booked_time_named_again_says_it_is_booked(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("my kitchen sink is leaking, can someone come tomorrow", "We can come"),
                            ("1", "Booked")])
    before = len(chat.visits(MARIA))
    said = chat.text(MARIA, "tuesday 7-9 with tom please").text
    assert "booked for Tue Mar 3, 7-9am" in said and len(chat.visits(MARIA)) == before
