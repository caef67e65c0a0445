"""A pending Y/N answered by a no with words around it ("wait no wrong job, that was yesterday's"):
read as the no it opens with, so nothing changes and a later nod has nothing to confirm."""

from __future__ import annotations

import pytest

from domain.jobs import JobState
from tests.unit.dialogue.chat_world import JOE, TOM, ChatWorld
from tests.unit.dialogue.test_technician_flow import job_of


@pytest.mark.parametrize("said", ["wait no wrong job, that was yesterday's", "no wait, not yet",
                                  "oops no, wrong visit", "nope that was the other one",
                                  "hang on no"])
def test_a_no_with_words_around_it_leaves_the_early_done_alone(chat: ChatWorld,
                                                              said: str) -> None:
    question = chat.text(TOM, "done - replaced thermocouple, hot water back").text
    assert "hasn't started" in question and "Reply Y or N" in question
    assert chat.text(TOM, said).text.startswith("OK, nothing changed on")
    assert "Done:" not in chat.text(TOM, "\N{THUMBS UP SIGN}").text
    assert job_of(chat, "joe_today").state is not JobState.COMPLETED
    assert all("completed" not in m.body for m in chat.uow.messages.find() if m.address == JOE)
