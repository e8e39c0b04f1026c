"""A crash in the app, in a real terminal: a non-zero exit code and a report without records.

The app runs in tmux as a person would run it; a fault is put into one action of the real
app (the only change to it), and a real key press sets it off.  The fault's message and the
variables around it hold a child's name and notes, as a real fault's would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from sen_workbook.workbook import Workbook

ROOT = Path(__file__).resolve().parent.parent

FAULTY_APP = """
import sys
from sen_workbook.tui.screens.children import ChildrenScreen

def action_add_child(self):
    child = self.app.workbook.children()[0]
    private_notes = child["notes"]
    raise RuntimeError(f"cannot add beside {child['name']}: {private_notes}")

ChildrenScreen.action_add_child = action_add_child
from sen_workbook.cli import main
sys.exit(main(["--db", sys.argv[1]]))
"""


def _pane(session: str) -> str:
    return subprocess.run(
        ["tmux", "capture-pane", "-p", "-J", "-S", "-200", "-t", session],
        capture_output=True,
        text=True,
    ).stdout


def _wait_for(session: str, text: str, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        shown = _pane(session)
        if text in shown:
            return shown
        time.sleep(0.3)
    raise AssertionError(f"{text!r} never appeared:\n{_pane(session)}")


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux for a real terminal")
def test_a_crash_exits_non_zero_and_shows_no_record_contents(tmp_path):
    db = tmp_path / "workbook.json"
    with Workbook(db) as book:
        book.add_child({"name": "Amara Okafor", "notes": "Bruise on the left arm, 3 May"})
    script = tmp_path / "faulty_app.py"
    script.write_text(FAULTY_APP)
    session = f"crash-{uuid.uuid4().hex[:8]}"
    command = (
        f"cd {ROOT} && PYTHONPATH={ROOT} {sys.executable} {script} {db}; echo EXIT=$?; sleep 600"
    )
    env = dict(os.environ, TERM="xterm-256color")
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "50", command],
        check=True,
        env=env,
    )
    try:
        _wait_for(session, "Children")
        _wait_for(session, "Amara")  # the list is on the screen: now the fault
        subprocess.run(["tmux", "send-keys", "-t", session, "a"], check=True)
        shown = _wait_for(session, "EXIT=")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    after = shown  # the app's own screen is gone: what is left is what it printed
    assert "EXIT=1" in after
    assert "fault in the program" in after
    assert "RuntimeError" in after and "action_add_child" in after
    assert "Amara" not in after and "Okafor" not in after and "Bruise" not in after
