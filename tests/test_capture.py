"""Quick capture: ``sen-workbook add`` through a real process, with standard input."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from sen_workbook.capture import parse_editor_text, write_in_editor
from sen_workbook.workbook import Workbook
from tests.command_line import run_command


def run(db: Path, *argv: str, stdin: str | None = None, **kwargs) -> subprocess.CompletedProcess:
    # In this process: the entries written and the sentences said are what is tested.
    return run_command("--db", str(db), *argv, stdin=stdin, **kwargs)


@pytest.fixture
def book_with_child(db_path: Path) -> Path:
    with Workbook(db_path) as book:
        book.add_child({"name": "Amara Okafor", "preferred_name": "Mara"})
    return db_path


def stored_entries(db: Path) -> list[dict]:
    return list(json.loads(db.read_text())["entries"].values())


def test_add_reads_details_from_standard_input_and_prints_the_new_id(book_with_child):
    result = run(
        book_with_child,
        "add",
        "Mara",
        "observation",
        "Upset after school",
        "--details",
        "-",
        "--date",
        "2026-11-20 16:05",
        "--areas",
        "semh, Other",
        stdin='She said: "it was too loud".\nThen she slept.\n',
    )
    assert result.returncode == 0, result.stderr
    [entry] = stored_entries(book_with_child)
    assert result.stdout.strip() == entry["id"]
    assert entry["kind"] == "observation"
    assert entry["title"] == "Upset after school"
    assert entry["date"] == "2026-11-20 16:05"
    assert entry["areas"] == ["semh", "other"]
    assert entry["details"] == 'She said: "it was too loud".\nThen she slept.'


def test_kind_fields_are_typed_and_files_are_stored_and_attached(book_with_child, tmp_path):
    letter = tmp_path / "letter from school.pdf"
    letter.write_bytes(b"%PDF-1.4 sent home at lunch")
    result = run(
        book_with_child,
        "add",
        "Amara",
        "incident",
        "Sent home at lunch",
        "--field",
        "incident_type=sent_home",
        "--field",
        "days_lost=0.5",
        "--field",
        "people=Mrs Patel, Mr Brown",
        "--attach",
        str(letter),
    )
    assert result.returncode == 0, result.stderr
    [entry] = stored_entries(book_with_child)
    assert entry["incident_type"] == "sent_home" and entry["days_lost"] == 0.5
    assert entry["people"] == ["Mrs Patel", "Mr Brown"]
    [attached] = entry["attachments"]
    assert attached["filename"] == "letter from school.pdf"
    stored = book_with_child.parent / "files" / attached["sha256"]
    assert stored.read_bytes() == letter.read_bytes()


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("request", "EHC needs assessment request"), "needs its request_type"),
        (
            (
                "incident",
                "Sent home",
                "--field",
                "incident_type=sent_home",
                "--field",
                "days_lost=two",
            ),
            "Days of education lost must be a number such as 2, 0.5 or half, not 'two'",
        ),
        (("meeting", "Review", "--field", "actions=call"), "cannot be given with --field"),
        (("meeting", "Review", "--field", "colour=red"), "'colour' is not a field"),
        (("meeting", "Review", "--date", "2026-02-30"), "is not a real date"),
        (("diary", "Review"), "'diary' is not a kind of entry"),
        (("observation", "Tired", "--attach", "no-such-file.pdf"), "is not there"),
        (("observation", "Tired", "--areas", "maths"), "area 'maths' is not one of"),
        (("observation", "   "), "title is empty"),
    ],
)
def test_bad_input_is_one_sentence_exit_2_and_nothing_written(book_with_child, argv, words):
    before = book_with_child.read_bytes()
    result = run(book_with_child, "add", "Amara", *argv, "--attach", __file__)
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert book_with_child.read_bytes() == before
    assert not (book_with_child.parent / "files").exists()


def test_add_refuses_while_the_workbook_is_open_in_the_app(book_with_child):
    before = book_with_child.read_bytes()
    with Workbook(book_with_child):  # holds the writer's lock, as the app does
        result = run(book_with_child, "add", "Amara", "observation", "Tired", "--details", "x")
    assert result.returncode == 2
    assert "open in another window or program" in result.stderr
    assert "Nothing was saved" in result.stderr
    assert book_with_child.read_bytes() == before


def test_without_a_title_and_a_terminal_it_asks_for_the_title(book_with_child):
    result = run(book_with_child, "add", "Amara", "observation", stdin="")
    assert result.returncode == 2
    assert "Give the entry's title" in result.stderr
    assert stored_entries(book_with_child) == []


def _editor_script(tmp_path: Path, text: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\n"
        "path = sys.argv[1]\n"
        "template = open(path, encoding='utf-8').read()\n"
        f"open(path, 'w', encoding='utf-8').write({text!r} + template)\n"
    )
    return f"{sys.executable} {script}"


def test_without_a_title_in_a_terminal_the_editor_writes_the_entry(book_with_child, tmp_path):
    editor = _editor_script(tmp_path, "Meltdown at pick-up\nHid under the table.\n")
    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "sen_workbook",
                "--db",
                str(book_with_child),
                "add",
                "Amara",
                "observation",
            ],
            stdin=follower,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "EDITOR": editor, "VISUAL": ""},
        )
    finally:
        os.close(leader)
        os.close(follower)
    assert result.returncode == 0, result.stderr
    [entry] = stored_entries(book_with_child)
    assert entry["title"] == "Meltdown at pick-up"
    assert entry["details"] == "Hid under the table."


def test_the_editor_template_lines_are_left_out_and_empty_means_nothing(tmp_path):
    assert parse_editor_text("\n# a comment\n") == ("", "")
    assert parse_editor_text("\n\nTitle\n# note\nline 1\n\nline 2\n") == (
        "Title",
        "line 1\n\nline 2",
    )
    editor = _editor_script(tmp_path, "")
    assert write_in_editor("observation", environ={"EDITOR": editor}) == ("", "")


def test_a_kind_and_a_day_can_be_named_in_everyday_words(book_with_child):
    import datetime as dt

    result = run(
        book_with_child,
        "add",
        "Amara",
        "phone call",
        "Rang the SENCo",
        "--field",
        "direction=sent",
        "--date",
        "yesterday",
    )
    assert result.returncode == 0, result.stderr
    [entry] = stored_entries(book_with_child)
    assert entry["kind"] == "correspondence" and entry["direction"] == "sent"
    assert entry["date"] == (dt.date.today() - dt.timedelta(days=1)).isoformat()
