"""Every conversation of tests/conversations/*.toml on the in-memory fakes, one case each.

A conversation in known_failures.toml (or with `xfail = "..."`) is expected to fail, strictly:
once it passes, its case fails until the mark is removed.
"""

from __future__ import annotations

import pytest

from tests.conversations.fake_world import FakeWorld
from tests.conversations.runner import run_conversation
from tests.conversations.score import conversation_files
from tests.conversations.spec import ConversationSpec, load_files

CONVERSATIONS = load_files(conversation_files())


def cases(conversations: list[ConversationSpec]) -> list[object]:
    """One pytest case per conversation, strictly xfail where marked."""
    return [pytest.param(c, id=c.id, marks=[pytest.mark.xfail(strict=True, reason=c.xfail)]
                         if c.xfail else []) for c in conversations]


@pytest.mark.parametrize("conversation", cases(CONVERSATIONS))
def test_conversation_on_the_fakes(conversation: ConversationSpec) -> None:
    result = run_conversation(conversation, FakeWorld)
    assert result.passed, result.report()
