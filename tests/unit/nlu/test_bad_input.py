"""Junk, huge, empty and foreign texts: harmless, never an exception."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.nlu.intents import CONSEQUENTIAL
from bot.nlu.text import MAX_CHARS


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\n\t",
        "\x00\x01\x02",
        "🔥🔥🔥",
        "😀",
        "...",
        "???",
        "qwerty",
        "我的空调坏了",
        "Bonjour, je voudrais un rendez-vous",
        "ПРИВЕТ",
        "\ud800",
    ],
)
def test_empty_junk_and_foreign_texts_are_unknown(understand, text):
    result = understand(text)
    assert result.intent in {"unknown", "greet"}
    assert 0.0 <= result.confidence <= 1.0


def test_a_20000_character_text_is_cut_and_parsed(understand):
    # How fast is bench/parse_bench.py's business, not a timed unit test's.
    text = "can you come tomorrow at 3 " + "blah " * 4000
    assert understand(text).intent == "book"


def test_text_after_the_limit_is_ignored(understand):
    text = "x" * MAX_CHARS + " cancel my appointment"
    assert understand(text).intent == "unknown"


def test_to_json_is_the_contract_shape(understand):
    payload = understand("tmrw at 3").to_json()
    assert set(payload) == {"intent", "slots", "confidence"}


_JUNK_WORDS = st.sampled_from(
    [
        "at",
        "3",
        "the",
        "5th",
        "pm",
        "tmrw",
        "#",
        "12",
        "/",
        "-",
        "monday",
        "🙂",
        "ok",
        "no",
        "?",
        "q",
        "between",
        "and",
        "half",
        "jan",
        "99",
        "in",
        "days",
        "weeks",
        "option",
        "x",
        ":",
        "30",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_random_text_never_raises_or_turns_consequential(understand, text):
    result = understand(text)
    assert result.intent not in CONSEQUENTIAL or any(c.isalpha() for c in text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_JUNK_WORDS, max_size=25).map(" ".join), st.sampled_from(["customer", "technician", "sales"]))
def test_fragments_of_times_and_numbers_never_raise_or_turn_consequential(understand, text, role):
    result = understand(text, role=role)
    assert result.intent not in CONSEQUENTIAL
    when = result.slots.get("when")
    if when is not None:
        assert set(when) == {"date", "start", "end"}


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_binary_junk_never_raises(understand, blob):
    result = understand(blob.decode("utf-8", errors="replace"))
    assert result.intent not in CONSEQUENTIAL


@pytest.mark.parametrize(
    ("text", "intent"), [("EŃD", "unknown"), ("SŤOP", "unknown"), ("ＳＴＯＰ", "opt_out")]
)
def test_a_carrier_keyword_counts_only_in_plain_letters(understand, text, intent):
    assert understand(text).intent == intent
