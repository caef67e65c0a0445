"""Other reference times and zones, UK clock wording, and the typo fixer leaving real words alone.

Reference time here: Friday 27 November 2026, 16:00 in London.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.nlu.text import normalize
from bot.nlu.typos import TypoFixer

FRIDAY_IN_LONDON = datetime(2026, 11, 27, 16, 0, tzinfo=ZoneInfo("Europe/London"))


def _when(day=None, start=None, end=None):
    return {"date": day, "start": start, "end": end}


@pytest.mark.parametrize(
    ("text", "intent", "when"),
    [
        ("can you come half 2 tomorrow", "book", _when("2026-11-28", "14:30")),
        ("quarter past 3 on monday ok?", "book", _when("2026-11-30", "15:15")),
        ("monday at half nine", "book", _when("2026-11-30", "09:30")),
        ("quarter to ten tomorrow for the boiler service", "book", _when("2026-11-28", "09:45")),
        ("could an engineer come tuesday week", "book", _when("2026-12-08")),
        ("any time next week", "book", _when("2026-11-30")),
        ("sat morning works for the boiler", "book", _when("2026-11-28", "08:00", "12:00")),
        ("around 10:30 on the 3rd", "book", _when("2026-12-03", "10:30")),
        ("2nd of december at 9", "book", _when("2026-12-02", "09:00")),
        ("dec 2nd after lunch", "book", _when("2026-12-02")),
        ("can u do 12/1", "book", _when("2026-12-01")),
        ("can you come in a fortnight", "book", _when("2026-12-11")),
        ("first thing monday", "book", _when("2026-11-30", "08:00", "12:00")),
        ("after 5 today", "book", _when("2026-11-27", "17:00")),
        ("sometime tomorrow between 10 and 2", "book", _when("2026-11-28", "10:00", "14:00")),
        ("tmrw anytime after 11am", "book", _when("2026-11-28", "11:00")),
        ("this friday", "book", _when("2026-12-04")),
        ("2moro b4 noon", "book", _when("2026-11-28", None, "12:00")),
        (
            "can't do monday any more, how about wednesday at half 10",
            "reschedule",
            _when("2026-12-02", "10:30"),
        ),
        (
            "The engineer is booked in for Tuesday, could we do Thursday instead?",
            "reschedule",
            _when("2026-12-03"),
        ),
        ("monday's no good now, tuesday?", "reschedule", _when("2026-12-01")),
    ],
)
def test_days_and_hours_read_from_a_friday_in_london(parser, text, intent, when):
    result = parser.parse(text, now=FRIDAY_IN_LONDON)
    assert (result.intent, result.slots.get("when")) == (intent, when)


@pytest.mark.parametrize(
    "word",
    [
        "leaving",
        "leading",
        "blocking",
        "boosting",
        "thinks",
        "scheduled",
        "complete",
        "completely",
        "electrical",
        "electricity",
        "technical",
        "technicians",
        "engineers",
        "conditions",
        "plumbers",
        "furnaces",
        "postponed",
        "bookings",
        "weekends",
        "breakers",
        "furnished",
        "mounting",
    ],
)
def test_real_words_near_scheduling_words_are_left_alone(word):
    assert TypoFixer().fix(word) == word


@pytest.mark.parametrize(
    ("typo", "word"),
    [
        ("thrusday", "thursday"),
        ("apointment", "appointment"),
        ("thermastat", "thermostat"),
        ("resceduel", "reschedule"),
    ],
)
def test_typos_of_scheduling_words_are_still_repaired(typo, word):
    assert TypoFixer().fix(typo) == word


def test_accents_are_dropped_so_spanish_replies_read_plainly():
    assert normalize("Sí, perfecto. ¡Gracias!") == "si, perfecto. ¡gracias!"


@pytest.mark.parametrize(
    ("text", "role", "intent"),
    [
        ("ok so option 3 pls", "customer", "choose"),
        ("the 2nd one lol", "customer", "choose"),
        ("HELP thanks", "customer", "help"),
        ("agent please", "customer", "human"),
        ("here thanks", "technician", "tech_arrived"),
        ("ok so im at the Johnson place", "technician", "tech_arrived"),
        ("um so note: gate code is 4411", "technician", "note"),
        ("great, thanks!", "customer", "thanks"),
        ("No thank you", "customer", "deny"),
    ],
)
def test_fillers_around_a_short_message_do_not_change_it(understand, text, role, intent):
    assert understand(text, role=role).intent == intent


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("is Riverside won or lost", "sales"),
        ("did Harbor Foods sign", "sales"),
        ("has the quote been approved", "customer"),
        ("should we decline the estimate", "customer"),
        ("what if we cancel", "customer"),
    ],
)
def test_a_text_opening_as_a_question_never_acts(understand, text, role):
    assert understand(text, role=role).intent not in {
        "deal_won",
        "deal_lost",
        "approve_quote",
        "decline_quote",
        "cancel",
    }


@pytest.mark.parametrize(
    ("text", "intent", "target"),
    [
        ("mark coastal bakery won", "deal_won", "coastal bakery"),
        ("lost northgate plaza, went with the cheaper bid", "deal_lost", "northgate plaza"),
        ("greenfield schools said no, mark it lost", "deal_lost", "greenfield schools"),
        ("desert sun property went with another contractor, mark lost", "deal_lost", "desert sun property"),
    ],
)
def test_deals_typed_in_lower_case_are_read_from_crm_wording(understand, text, intent, target):
    result = understand(text, role="sales")
    assert (result.intent, result.slots.get("target")) == (intent, target)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("the tech was great, job done, thanks!", "thanks"),
        ("Dave did a great job yesterday", "thanks"),
        ("great job but the sink is still leaking", "book"),
        ("too expensive, no thanks", "deny"),
    ],
)
def test_praise_thanks_and_a_polite_no_book_nothing(understand, text, intent):
    assert understand(text).intent == intent


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("go ahead with the quote I guess", "customer"),
        ("I think we'll accept the estimate", "customer"),
        ("pretty sure we lost Hilltop", "sales"),
        ("sounds like we won Maple Grove", "sales"),
        ("opt out of the marketing emails only", "customer"),
        ("we were going to cancel but decided to keep it", "customer"),
        ("we'd approve the quote if it included the permit", "customer"),
    ],
)
def test_guesses_hearsay_and_other_channels_never_act(understand, text, role):
    assert understand(text, role=role).intent not in {
        "deal_won",
        "deal_lost",
        "approve_quote",
        "cancel",
        "opt_out",
    }
