"""The runner itself: every kind of check fails when the bot's answer or the state says otherwise,
and the loader names the conversation and field of every mistake in a file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from domain.demo import demo_company
from tests.conversations import score
from tests.conversations.fake_world import FakeWorld
from tests.conversations.runner import ConversationResult, kind_of, run_conversation
from tests.conversations.spec import ConversationFileError, ConversationSpec, parse_document

WORLD = """
[[conversation]]
id = "wrong"
about = "a deliberately wrong expectation"
now = "2026-12-07T10:00"

  [[conversation.visit]]
  key = "furnace"
  service = "hvac_repair"
  date = "2026-12-08"
  start = "08:00"
  technician = "Dave"

  [[conversation.quote]]
  number = "Q-3001"
  title = "Furnace replacement"
  lines = [["96% AFUE furnace", 1, 420000], ["Labor", 6, 12500]]
  visit = "furnace"
"""
CANCEL = """
  [[conversation.turn]]
  text = "i need to cancel my appointment"
  [[conversation.turn]]
  text = "yes"
"""


def conversation(turns: str, world: str = WORLD) -> ConversationSpec:
    [found] = parse_document(tomllib.loads(world + turns), "test.toml", demo_company())
    return found


def run(turns: str) -> ConversationResult:
    return run_conversation(conversation(turns), FakeWorld)


def failures(result: ConversationResult) -> list[str]:
    return [f for t in result.turns for f in t.failures]


def test_a_right_expectation_passes() -> None:
    result = run(CANCEL + 'says = ["cancelled", "Tue Dec 8"]\nchanges = ["visit:furnace"]\n')
    assert result.passed, result.report()


@pytest.mark.parametrize(("check", "reported"), [
    ('says = ["Wed Dec 9"]', "says: 'Wed Dec 9' is missing"),
    ('says_any = ["Wed Dec 9", "Dave"]', "says_any: none of"),
    ('never = ["cancelled"]', "never: 'cancelled' is there"),
    ('expects = "choice"', "expects: the reply waits for text, expected choice"),
])
def test_each_reply_check_fails_when_the_reply_says_otherwise(check: str, reported: str) -> None:
    result = run(CANCEL + f'{check}\nchanges = ["visit:furnace"]\n')
    assert not result.passed
    assert [f for f in failures(result) if f.startswith(reported)], result.report()
    assert result.turns[1].reply.startswith("Your Tue Dec 8")


@pytest.mark.parametrize(("after", "reported"), [
    ('visits = { furnace = "scheduled" }', "after: visit 'furnace' is 'cancelled 2026-12-08 08:00'"),
    ('visits = { furnace = "cancelled 2026-12-09 08:00" }', "expected 'cancelled 2026-12-09 08:00'"),
    ('quotes = { "Q-3001" = "approved" }', "after: quote Q-3001 is 'sent', expected 'approved'"),
    ("new_jobs = 1", "after: new_jobs is 0, expected 1"),
    ("notices = 1", "after: notices is 0, expected 1"),
    ("urgent_notices = 1", "after: urgent_notices is 0, expected 1"),
])
def test_each_state_check_fails_when_the_state_says_otherwise(after: str, reported: str) -> None:
    result = run(CANCEL + f'changes = ["visit:furnace"]\n[conversation.turn.after]\n{after}\n')
    assert any(reported in f for f in failures(result)), result.report()


def test_a_change_the_turn_did_not_allow_is_an_unintended_change() -> None:
    result = run(CANCEL)  # the "yes" may change nothing, but cancels the visit and its job
    assert result.turns[1].unintended == ["visit:furnace", "job:furnace"]
    assert not result.turns[1].right and result.turns[0].right


def test_a_visit_allowed_to_change_takes_its_jobs_state_along() -> None:
    result = run(CANCEL + 'changes = ["visit:furnace"]\n')
    assert result.turns[1].unintended == []


def test_a_new_visit_and_its_job_are_named_as_new() -> None:
    result = run('[[conversation.turn]]\ntext = "my sink is clogged, can you come wednesday"\n'
                 '[[conversation.turn]]\ntext = "1"\n')
    assert result.turns[1].unintended == ["new_visit", "new_job"], result.report()


def test_a_dispatcher_item_is_a_notice_but_a_quotes_decision_report_belongs_to_the_quote() -> None:
    handed_over = run('[[conversation.turn]]\ntext = "can I talk to a real person please"\n')
    assert handed_over.turns[0].unintended == ["notice"]
    approved = run('[[conversation.turn]]\ntext = "approve quote Q-3001"\n'
                   '[[conversation.turn]]\ntext = "yes"\n')
    assert approved.turns[1].unintended == ["quote:Q-3001"], approved.report()


def test_the_rendered_reply_tells_what_it_waits_for() -> None:
    assert kind_of("Cancel your Tue Dec 8 visit? Reply Y or N") == "yes_no"
    assert kind_of("We can come:\n1) Tue\n2) Wed\nReply 1 or 2, or tell me another day.") == "choice"
    assert kind_of("Eddie is on the way.") == "text"


def test_a_world_that_cannot_be_built_fails_its_turns_without_stopping_others() -> None:
    clash = WORLD + """
  [[conversation.visit]]
  key = "clash"
  service = "hvac_repair"
  date = "2026-12-08"
  start = "08:30"
  technician = "Dave"
  [[conversation.turn]]
  text = "hi"
"""
    result = run_conversation(conversation("", clash), FakeWorld)
    assert result.error is not None and "Dave" in result.error
    assert [t.failures for t in result.turns] == [["not run"]]


def test_the_scorer_counts_replies_right_and_unintended_changes(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mixed.toml"
    path.write_text(WORLD + CANCEL + WORLD.replace('"wrong"', '"right"') + CANCEL
                    + 'changes = ["visit:furnace"]\n')
    assert score.main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "conversations   2 (all right:   1)  replies    4  right    3 (75.0%)  " \
           "unintended changes 2 (to visits, jobs, quotes: 2)" in out
    assert "wrong" in out and "unintended change: visit:furnace" in out


@pytest.mark.parametrize(("mistake", "reported"), [
    ('\n  [[conversation.turn]]\n  text = "hi"\n  say = ["x"]\n',
     "conversation 'wrong': turn 1: unknown key 'say'"),
    ('\n  [[conversation.turn]]\n  text = "hi"\n  changes = ["visit:boiler"]\n',
     "conversation 'wrong': turn 1: changes: 'visit:boiler': no visit 'boiler' declared"),
    ('\n  [[conversation.turn]]\n  text = "hi"\n  [conversation.turn.after]\n  notices = "one"\n',
     "turn 1: after: notices: must be a whole number"),
])
def test_the_loader_names_the_conversation_and_field_of_a_mistake(mistake: str,
                                                                   reported: str) -> None:
    with pytest.raises(ConversationFileError) as raised:
        conversation(mistake)
    assert any(reported in p for p in raised.value.problems), raised.value.problems


@pytest.mark.parametrize(("old", "new", "reported"), [
    ('technician = "Dave"', 'technician = "Bob"', "visit 'furnace': technician: unknown technician "
                                                   "'Bob' (known: Dave, Alicia"),
    ('date = "2026-12-08"', 'date = "2026-12-32"', "visit 'furnace': date: '2026-12-32' is not a date"),
    ('now = "2026-12-07T10:00"', 'now = "Monday 10am"', "now: 'Monday 10am' is not a local time"),
    ('technician = "Dave"', 'technician = "Ben"', "Ben Okoro does not do hvac work in the north zone"),
    ('service = "hvac_repair"', 'service = "roofing"', "unknown service 'roofing'"),
])
def test_the_loader_refuses_unknown_technicians_services_and_bad_dates(old: str, new: str,
                                                                       reported: str) -> None:
    with pytest.raises(ConversationFileError) as raised:
        conversation('[[conversation.turn]]\ntext = "hi"\n', WORLD.replace(old, new, 1))
    assert any(reported in p and "conversation 'wrong'" in p for p in raised.value.problems), \
        raised.value.problems
