"""Which texts ask how long a visit or its work takes, and which ask something else."""

from __future__ import annotations

import pytest

from bot.dialogue.visit_length import asks


@pytest.mark.parametrize("text", [
    "how long will the electrical thing take, i need to know if i can leave for work after",
    "and the drain guy wed, how long does that usually take",
    "how long is the visit?",
    "roughly how many hours will the furnace guy be here",
    "how long r they gonna be at my house",
    "how much time does a tune up take",
    "whats the ballpark on how long the repair lasts",
    "how long do these appointments usually run",
    "roughly how long is the tech there for",
    "will it take all day?",
    "is the tune up gonna take long",
])
def test_questions_about_the_length_of_a_visit(text: str) -> None:
    assert asks(text)


@pytest.mark.parametrize("text", [
    "how long until the tech gets here",
    "how long will it take to get someone out here",
    "how long have you been in business",
    "its about how long the last repair took",
    "how long is the quote good for",
    "how long do i have to wait",
    "how long before i hear back",
])
def test_other_how_long_questions(text: str) -> None:
    assert not asks(text)
