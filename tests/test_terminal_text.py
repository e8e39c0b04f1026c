"""Text from records reaches the terminal harmless, and errors quote only a short excerpt.

The app runs in a real terminal (tmux): a child's name holding the escape sequences that
retitle the window and clear the screen must neither do so nor vanish.  The command line
prints such names escaped, and a 50 MB field gives a short sentence, not a 50 MB one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid

import pytest

from sen_workbook.workbook import Workbook
from tests.test_archive_damage import one_sentence
from tests.test_cli import run
from tests.test_crash import ROOT, _wait_for

EVIL_NAME = "Sam \x1b]2;OWNED\x07\x1b[2J\x9b31mRed"


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux for a real terminal")
def test_the_app_draws_a_name_with_escape_sequences_harmlessly(tmp_path):
    db = tmp_path / "workbook.json"
    with Workbook(db) as book:
        book.add_child({"name": EVIL_NAME, "notes": "x"})
    session = f"escape-{uuid.uuid4().hex[:8]}"
    command = (
        f"cd {ROOT} && PYTHONPATH={ROOT} {sys.executable} -m sen_workbook --db {db}; sleep 600"
    )
    env = dict(os.environ, TERM="xterm-256color", SEN_WORKBOOK_CONFIG=str(tmp_path / "s.json"))
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "30", command],
        check=True,
        env=env,
    )
    try:
        shown = _wait_for(session, "Red")
        title = subprocess.run(
            ["tmux", "display", "-p", "-t", session, "#{pane_title}"],
            capture_output=True,
            text=True,
        ).stdout
        subprocess.run(["tmux", "send-keys", "-t", session, "C-q"], check=True)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    assert "OWNED" not in title
    assert "Children" in shown  # the screen was not cleared by the name
    assert "Sam" in shown and "]2;OWNED" in shown  # shown, with the escapes made visible


def test_the_command_line_prints_names_with_escape_sequences_escaped(tmp_path):
    db = tmp_path / "workbook.json"
    with Workbook(db) as book:
        book.add_child({"name": EVIL_NAME})
    result = run("--db", str(db), "timeline", "Nobody")
    line = one_sentence(result)
    assert "\x1b" not in result.stderr and "\x9b" not in result.stderr
    assert "\x07" not in result.stderr
    assert "Sam \\x1b]2;OWNED" in line


def test_a_50_mb_field_gives_a_short_sentence(tmp_path, family):
    children, entries = family
    entries[0]["date"] = "2024-" + "9" * 50_000_000
    entries[1]["people"] = "x" * 1_000_000
    source = tmp_path / "huge.json"
    source.write_text(
        json.dumps(
            {"format": "sen-workbook", "version": 1, "children": children, "entries": entries}
        )
    )
    line = one_sentence(run("--db", str(tmp_path / "new" / "workbook.json"), "import", str(source)))
    assert "must be a date written as YYYY-MM-DD" in line
    assert "more characters" in line and len(line) < 400
