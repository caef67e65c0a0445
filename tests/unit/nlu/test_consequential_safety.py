"""Consequential intents need a plain decision; doubt, questions and conditions give none."""

from __future__ import annotations

import pytest

from bot.nlu.intents import CONSEQUENTIAL


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("before I approve, can you tell me what the warranty covers?", "customer"),
        ("will I be charged if I cancel?", "customer"),
        ("not declining yet, still comparing quotes", "customer"),
        ("what's the cancellation policy?", "customer"),
        ("how do i cancel", "customer"),
        ("is it too late to cancel?", "customer"),
        ("thinking about cancelling", "customer"),
        ("I might cancel if nobody shows", "customer"),
        ("cancel my gym membership lol", "customer"),
        ("my card was declined", "customer"),
        ("can I approve the quote later?", "customer"),
        ("what happens if I decline the estimate", "customer"),
        ("I'm not approving anything yet", "customer"),
        ("do I have to accept the quote today?", "customer"),
        ("don't stop texting me", "customer"),
        ("stop by tomorrow", "customer"),
        ("the tap won't stop dripping", "customer"),
        ("has Pinecrest Realty signed?", "sales"),
        ("I think we might lose Acme", "sales"),
        ("hoping Brightside signs this week", "sales"),
        ("Brightside is close to signing", "sales"),
        ("we lost power at the office", "technician"),
        ("cancel", "technician"),
    ],
)
def test_doubtful_texts_are_never_consequential(understand, text, role):
    assert understand(text, role=role).intent not in CONSEQUENTIAL
