"""Every reply template, as SMS renders it, stays SMS-sized, GSM-only, and never tells anyone to
"reply CANCEL"; questions carry what they wait for as structure, for every channel to render."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.channels.sms import render
from bot.dialogue import replies
from bot.dialogue.gsm import MAX_REPLY, is_gsm, sms, to_gsm
from bot.dialogue.reply import Expect, Reply
from bot.dialogue.times import clock_label, visit_label, window_label

# Long, accented and typographic on purpose: templates must clip and clean it.
LONG = "Zoë “Bartholomew” O’Connor-Łukasiewicz — Apartment 1234… " * 4

TEMPLATES: list[tuple[str, Callable[..., Reply]]] = [
    (name, fn) for name, fn in inspect.getmembers(replies, inspect.isfunction)
    if fn.__module__ == replies.__name__ and not name.startswith("_")
]


def worst_case_arguments(fn: Callable[..., Reply]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, parameter in inspect.signature(fn).parameters.items():
        annotation = str(parameter.annotation)
        if "Sequence[tuple[str, str]]" in annotation:  # (service, when) pairs
            values[name] = [(LONG, LONG)] * 5
        elif "Sequence[tuple[str, str, str" in annotation:  # (when, work, price) triples
            values[name] = [(LONG, LONG, LONG)] * 5
        elif annotation.startswith("tuple[str, str, str]"):  # a visit's (service, day, window)
            values[name] = (LONG, LONG, LONG)
        elif "Sequence" in annotation:
            values[name] = [LONG] * 5
        elif annotation == "int":
            values[name] = 3
        elif annotation == "bool":
            values[name] = True
        elif annotation == "Reply":
            values[name] = Reply.yes_no(LONG)
        else:
            values[name] = LONG
    return values


def test_there_are_templates_to_check() -> None:
    assert len(TEMPLATES) > 30


@pytest.mark.parametrize("name, template", TEMPLATES, ids=[name for name, _ in TEMPLATES])
def test_every_template_fits_two_sms_segments_in_gsm(name: str,
                                                    template: Callable[..., Reply]) -> None:
    text = render(template(**worst_case_arguments(template)))
    assert len(text) <= MAX_REPLY
    assert is_gsm(text), f"{name} has characters outside the GSM alphabet: {text!r}"


@pytest.mark.parametrize("name, template", TEMPLATES, ids=[name for name, _ in TEMPLATES])
def test_no_template_asks_anyone_to_reply_cancel(name: str,
                                                template: Callable[..., Reply]) -> None:
    text = render(template(**worst_case_arguments(template))).lower()
    assert not re.search(r"\b(reply|text|send|type)\W+cancel\b", text)


def test_the_cancel_question_reads_as_promised() -> None:
    question = replies.confirm_cancel("Thu Mar 5, 8-10am")
    assert question.expects is Expect.YES_NO
    assert render(question) == "Cancel your Thu Mar 5, 8-10am visit? Reply Y or N"


def test_offers_are_numbered_with_the_right_choices_named() -> None:
    offers = replies.offers(["Thu Mar 5, 8-10am with Tom", "Thu Mar 5, 1-3pm with Ana"],
                            wish_missed=False)
    assert offers.expects is Expect.CHOICE
    assert offers.options == ("Thu Mar 5, 8-10am with Tom", "Thu Mar 5, 1-3pm with Ana")
    text = render(offers)
    assert "1) Thu Mar 5, 8-10am with Tom\n2) Thu Mar 5, 1-3pm with Ana" in text
    assert text.endswith("Reply 1 or 2, or tell me another day.")


def test_the_carrier_help_text_names_business_rates_and_how_to_stop() -> None:
    text = render(replies.keyword_help("Northwind Heating & Plumbing", "+13125550100"))
    assert "Northwind Heating & Plumbing" in text and "+13125550100" in text
    assert "Msg & data rates may apply" in text and "Reply STOP to opt out" in text


def test_typographic_characters_become_their_gsm_look_alikes() -> None:
    assert to_gsm("“Hi” – it’s…\u00a0Zoë") == "\"Hi\" - it's... Zoe"
    assert sms("x" * 400).endswith("...") and len(sms("x" * 400)) == MAX_REPLY


@pytest.mark.parametrize("start, end, label", [
    ((14, 0), (16, 0), "8-10am"),
    ((17, 0), (19, 0), "11am-1pm"),
    ((17, 30), (19, 30), "11:30am-1:30pm"),
    ((18, 0), (20, 0), "12-2pm"),
    ((21, 0), (23, 0), "3-5pm"),
])
def test_windows_read_in_the_customers_local_time(start: tuple[int, int], end: tuple[int, int],
                                                 label: str) -> None:
    utc = [datetime(2026, 3, 5, h, m, tzinfo=UTC) for h, m in (start, end)]
    assert window_label(utc[0], utc[1], "America/Chicago") == label


def test_a_visit_after_the_dst_change_is_shown_in_daylight_time() -> None:
    # 13:00 UTC is 8am CDT on Monday 9 March 2026 (7am the week before).
    start, end = datetime(2026, 3, 9, 13, 0, tzinfo=UTC), datetime(2026, 3, 9, 15, 0, tzinfo=UTC)
    assert visit_label(start, end, "America/Chicago") == "Mon Mar 9, 8-10am"
    assert clock_label(datetime(2026, 3, 2, 15, 55, tzinfo=UTC), "America/Chicago") == "9:55am"


@pytest.mark.parametrize("template", [replies.which_appointment, replies.which_quote])
def test_a_long_list_shows_the_first_three_and_says_how_to_reach_the_rest(
        template: Callable[[list[str], str], Reply]) -> None:
    text = render(template([f"{LONG} {n}" for n in range(1, 8)], "cancel"))
    assert len(text) <= MAX_REPLY and "3) " in text and "4) " not in text and "(4 more)" in text


@pytest.mark.parametrize("template", [replies.which_appointment, replies.which_quote])
def test_a_short_list_just_asks_for_the_number(
        template: Callable[[list[str], str], Reply]) -> None:
    assert render(template(["a", "b"], "move")).endswith("2) b\nReply 1 or 2.")


def test_work_named_inside_a_sentence_keeps_its_units_and_acronyms() -> None:
    assert "Your panel upgrade to 200 A visit is booked" in replies.booked_already(
        "Panel upgrade to 200 A", "Tue Dec 8, 8-10am", None).text
    assert replies.status_done("Kitchen repipe in PEX", "Northwind").text.startswith(
        "Your kitchen repipe in PEX is done.")
    assert "your AC tune-up visit" in replies.already_booked("AC tune-up", "Mon", "Dave").text
    assert "your heating & cooling repair visit" in replies.already_booked(
        "Heating & cooling repair", "Mon", "Dave").text
