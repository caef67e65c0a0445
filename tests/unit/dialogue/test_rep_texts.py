"""A sales rep's texts on the demo company (fakes), as the fourteenth blind round played them:
a correction naming the right deal, two deals signed in one text, an account whose deal is won
already, holiday and vague snoozes, filler for a loss's reason. The clock stands on Tuesday
8 December 2026, 8:30 in Chicago."""

from __future__ import annotations

import pytest

from bot.dialogue.sales_reasons import NO_REASON, kept_reason, reason_in
from tests.unit.dialogue.demo_world import LENA, DemoWorld, build_demo_world


@pytest.fixture
def demo() -> DemoWorld:
    return build_demo_world()


# --- Why a deal was lost ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["idk", "whatever", "no reason", "eh", "Dunno.", "who knows lol",
                                  "idk whatever"])
def test_filler_gives_no_reason(text: str) -> None:
    assert reason_in(text) == ""
    assert kept_reason(text) == NO_REASON


@pytest.mark.parametrize(("text", "reason"), [
    ("they went with a cheaper bid from abc heating",
     "they went with a cheaper bid from abc heating"),
    ("dunno, they just went quiet", "they just went quiet"),
    ("no budget", "no budget"), ("price", "price")])
def test_a_reason_in_a_longer_text_is_taken(text: str, reason: str) -> None:
    assert reason_in(text) == reason


@pytest.mark.parametrize("filler", ["idk", "whatever", "eh"])
def test_filler_for_why_records_no_reason_given_and_never_echoes_it(demo: DemoWorld,
                                                                    filler: str) -> None:
    demo.text(LENA, "lost lopez")
    demo.text(LENA, "y")
    answer = demo.text(LENA, filler)
    deal = demo.deal("Lopez household")
    assert deal.stage.value == "lost" and deal.lost_reason == NO_REASON
    assert NO_REASON in answer and f"({filler})" not in answer


def test_filler_after_the_deal_is_no_reason_in_the_question(demo: DemoWorld) -> None:
    question = demo.text(LENA, "lost lopez - idk")
    assert "idk" not in question and "Reply Y or N" in question
    demo.text(LENA, "y")
    assert demo.deal("Lopez household").lost_reason == NO_REASON


def test_a_real_reason_for_why_is_kept(demo: DemoWorld) -> None:
    demo.text(LENA, "lost lopez")
    demo.text(LENA, "y")
    demo.text(LENA, "they went with a cheaper bid from abc heating")
    assert demo.deal("Lopez household").lost_reason == (
        "they went with a cheaper bid from abc heating")
