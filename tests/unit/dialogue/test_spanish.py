"""A text in Spanish: a short Spanish answer that a person will call, a notice, never an account."""

from __future__ import annotations

import inspect

import pytest

from bot.channels.sms import render
from bot.dialogue import safety_replies
from bot.dialogue.gsm import MAX_REPLY, is_gsm
from bot.nlu.urgency import Danger
from tests.unit.dialogue.chat_world import JOE, MARIA, NEWCOMER, ChatWorld

CALL_BACK = "Una persona del equipo le va a llamar pronto."


def test_a_new_number_writing_spanish_is_answered_in_spanish_and_gets_no_account(
        chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(NEWCOMER, [("hola, necesito un plomero mañana por favor",
                                f"Gracias por escribir a Northwind Heating & Plumbing. {CALL_BACK}")])
    assert chat.changed_since(before) == {"notices", "outbox"}
    [notice] = chat.notices()
    assert notice.body == (f"Call-back request: A new number ({NEWCOMER}) wrote in Spanish and "
                           "needs a call from a Spanish speaker via sms.")


def test_a_spanish_address_during_sign_up_creates_no_account_named_by_its_words(
        chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [("hi", "name and service address"),
                               ("perdon, mi direccion es 1500 W Addison St", CALL_BACK)])
    assert chat.contact(NEWCOMER) is None
    assert not any("Perdon" in a.name for a in chat.uow.accounts.find())


def test_a_known_customer_writing_spanish_is_called_and_nothing_else_changes(
        chat: ChatWorld) -> None:
    before = chat.model()
    chat.transcript(MARIA, [("quiero cancelar la cita del jueves", CALL_BACK)])
    assert chat.changed_since(before) == {"notices", "outbox", "timeline"}
    assert chat.visits(MARIA) == [chat.visit("maria_thu"), chat.visit("maria_fri")]


def test_the_dispatchers_hear_once_while_the_spanish_conversation_goes_on(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("hola, necesito ayuda con el aire acondicionado", CALL_BACK),
                            ("por favor llamen pronto", CALL_BACK)])
    assert len(chat.notices()) == 1


def test_a_spanish_emergency_gets_the_safety_step_in_spanish_and_an_urgent_notice(
        chat: ChatWorld) -> None:
    chat.transcript(NEWCOMER, [("huele a gas en la cocina", "Salga de la casa ahora")])
    said = chat.text(NEWCOMER, "huele a gas en la cocina").text
    assert "llame al 911" in said
    assert all(n.body.startswith("URGENT, call now") for n in chat.notices())
    assert chat.contact(NEWCOMER) is None


@pytest.mark.parametrize("text", ["hola, huele mucho a gas en mi cocina, que hago?",
                                  "hay un olor muy fuerte a gas en la casa"])
def test_a_spanish_gas_smell_in_other_words_is_an_emergency_too(chat: ChatWorld, text: str) -> None:
    said = chat.text(NEWCOMER, text).text
    assert "Salga de la casa" in said and "911" in said
    assert [n.body.startswith("URGENT, call now") for n in chat.notices()] == [True]
    assert "Thanks, Ya" not in chat.text(NEWCOMER, "ya estamos afuera").text


@pytest.mark.parametrize("danger", list(Danger))
def test_every_safety_step_fits_two_sms_segments_in_gsm(danger: Danger) -> None:
    for reply in (safety_replies.safety_step(danger), safety_replies.safety_step_es(danger),
                  safety_replies.reminder(danger), safety_replies.switch_off(danger),
                  safety_replies.where_shutoff(danger), safety_replies.out_safely(danger),
                  safety_replies.kept_off(danger), safety_replies.safe_to_stay(danger)):
        text = render(reply)
        assert is_gsm(text) and len(text) <= MAX_REPLY, text


def test_every_safety_template_is_gsm_and_sms_sized_at_its_longest() -> None:
    longest = "Northwind Heating & Plumbing of Greater Chicagoland"
    for name, fn in inspect.getmembers(safety_replies, inspect.isfunction):
        by_danger = ("safety_step", "safety_step_es", "reminder", "switch_off",
                     "where_shutoff", "out_safely", "kept_off",
                     "safe_to_stay")  # tested above, per danger
        if fn.__module__ != safety_replies.__name__ or name in by_danger:
            continue
        parameters = inspect.signature(fn).parameters
        arguments = {p: ([longest] * 5 if "choices" in p else longest) for p in parameters}
        text = render(fn(**arguments))
        assert is_gsm(text) and len(text) <= MAX_REPLY, (name, text)


def test_the_spanish_call_back_fits_one_sms_segment() -> None:
    text = render(safety_replies.call_back_es("Northwind Heating & Plumbing"))
    assert is_gsm(text) and len(text) <= 160


def test_a_spanish_yes_to_a_pending_question_still_answers_it(chat: ChatWorld) -> None:
    chat.transcript(JOE, [("please cancel my appointment", "Reply Y or N")])
    said = chat.text(JOE, "Sí, perfecto. ¡Gracias!").text
    assert CALL_BACK not in said
    assert chat.visits(JOE) == []


@pytest.mark.parametrize("thanks", ["ok gracias, espero la llamada", "gracias, es urgente porfa",
                                    "muchas gracias", "gracias", "ok gracias!"])
def test_a_thanks_after_a_spanish_answer_is_answered_in_spanish(chat: ChatWorld,
                                                                thanks: str) -> None:
    chat.transcript(NEWCOMER, [("hola, se me rompio un tubo y esta goteando", "llamar"),
                               (thanks, CALL_BACK)])
    assert len(chat.notices()) == 1
    assert chat.contact(NEWCOMER) is None


def test_a_spanish_thanks_without_a_spanish_answer_before_is_answered_in_spanish(
        chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("muchas gracias por todo, buenas noches", CALL_BACK)])


def test_an_english_thanks_after_an_english_answer_stays_english(chat: ChatWorld) -> None:
    chat.transcript(MARIA, [("thanks!", "welcome")])


@pytest.mark.parametrize("text", ["gracias. alguien me va a llamar todavia? ya no hace falta",
                                  "ya esta arreglado, no es necesario que me llamen"])
def test_no_call_needed_in_spanish_opens_no_call_back(chat: ChatWorld, text: str) -> None:
    before = chat.model()
    said = chat.text(NEWCOMER, text).text
    assert "no hace falta" in said.lower() or "de acuerdo" in said.lower(), said
    assert "notices" not in chat.changed_since(before)
