"""The shared development set and the CLINC150 off-domain queries, scored end to end."""

from __future__ import annotations

import pytest

from bot.nlu.evaluation import evaluate
from tests.unit.nlu.conftest import SHARED

DEV = SHARED / "nlu" / "dev.jsonl"
CLINC = SHARED / "external" / "clinc150.jsonl"


@pytest.mark.skipif(not DEV.exists(), reason="../shared/nlu/dev.jsonl is not checked out next to the repo")
def test_dev_set_is_understood(parser):
    with DEV.open(encoding="utf-8") as lines:
        report = evaluate(lines, parser)
    assert report.intent_correct / report.rows >= 0.95
    when = report.slots["when"]
    assert when.exact / when.expected >= 0.9
    assert not any(
        got in {"approve_quote", "decline_quote", "cancel", "deal_won", "deal_lost", "opt_out"}
        for (_, got) in report.consequential_confusions
    )


@pytest.mark.skipif(not CLINC.exists(), reason="../shared/external/clinc150.jsonl is not checked out")
def test_offdomain_queries_almost_never_become_consequential(parser):
    with CLINC.open(encoding="utf-8") as lines:
        report = evaluate(lines, parser)
    assert report.offdomain_consequential <= 5
    assert report.mapped_correct / report.mapped_rows >= 0.85
