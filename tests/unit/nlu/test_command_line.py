"""The `fieldbot parse` command: one message, or JSON lines in and out in order."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from bot.nlu.cli import parse_lines


def answers(parser, *lines):
    out = io.StringIO()
    code = parse_lines(parser, io.StringIO("\n".join(lines) + "\n"), out, default_tz="America/Chicago")
    return code, [json.loads(line) for line in out.getvalue().splitlines()]


def test_each_line_gets_one_answer_in_order(parser):
    code, out = answers(
        parser,
        json.dumps({"id": "a", "text": "yes", "now": "2026-03-02T09:30:00", "tz": "America/Chicago"}),
        json.dumps({"id": "b", "text": "tmrw at 3", "now": "2026-03-02T09:30:00"}),
    )
    assert code == 0
    assert [o["id"] for o in out] == ["a", "b"]
    assert out[1]["slots"]["when"] == {"date": "2026-03-03", "start": "15:00", "end": None}


def test_bad_lines_get_an_error_and_the_run_goes_on(parser):
    code, out = answers(
        parser,
        "not json",
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "bad-zone", "text": "hi", "tz": "Mars/Olympus"}),
        json.dumps({"id": "bad-now", "text": "hi", "now": "yesterday-ish"}),
        json.dumps({"id": "fine", "text": "hi", "intent": "greet", "extra": [1, 2]}),
    )
    assert code == 0
    assert [("error" in o) for o in out] == [True, True, True, True, False]
    assert out[1]["id"] == "no-text"
    assert out[4]["intent"] == "greet"


def test_the_installed_command_parses_one_message():
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "api.cli",
            "parse",
            "can you come tmrw at 3",
            "--role",
            "customer",
            "--now",
            "2026-03-02T09:30:00",
            "--tz",
            "America/Chicago",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(completed.stdout) == {
        "intent": "book",
        "slots": {"when": {"date": "2026-03-03", "start": "15:00", "end": None}},
        "confidence": 0.85,
    }
