"""The command line run in the tests' own process says and does what the program says and does.

Most command-line tests call ``sen-workbook`` in this process (``tests.command_line``); this
checks, command by command, that doing so changes nothing a user would see: the same exit
code, the same standard output and the same standard error as ``python -m sen_workbook``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.command_line import run_command, run_program
from tests.test_archive_damage import one_sentence
from tests.test_cli import write_archive_json


@pytest.fixture
def db(tmp_path: Path, family) -> Path:
    source = write_archive_json(tmp_path / "family.json", *family)
    path = tmp_path / "book" / "workbook.json"
    assert run_command("--db", str(path), "import", str(source)).returncode == 0
    return path


def test_in_this_process_and_as_a_program_the_command_line_says_the_same(db, tmp_path):
    commands = [
        ("check",),  # a sound workbook: exit 0 and one line
        ("timeline", "Amara", "--purpose", "ehcna", "--as-of", "2024-09-01"),  # Markdown out
        ("timeline", "Nobody"),  # a refusal: exit 2, one sentence on standard error
        ("frobnicate",),  # argparse's own refusal
        ("add", "Amara", "observation", "--details", "-"),  # no title: asked for, exit 2
    ]
    for argv in commands:
        here = run_command("--db", str(db), *argv, stdin="")
        there = run_program("--db", str(db), *argv, stdin="")
        assert (here.returncode, here.stdout, here.stderr) == (
            there.returncode,
            there.stdout,
            there.stderr,
        ), argv
    assert run_command("--db", str(db), "check").stdout.startswith(f"{db} is sound")


def test_a_variable_given_to_the_command_is_put_back_afterwards(db, tmp_path, monkeypatch):
    monkeypatch.delenv("SEN_WORKBOOK_DB", raising=False)
    result = run_command("check", env={"SEN_WORKBOOK_DB": str(db)})
    assert result.returncode == 0 and "is sound" in result.stdout
    assert "SEN_WORKBOOK_DB" not in os.environ


def test_an_object_that_fails_to_finish_during_the_command_is_said_on_its_error_stream(
    monkeypatch,
):
    # A program says "Exception ignored in: ..." on its standard error when an object it
    # lets go of fails to finish (a file left open whose last bytes cannot be written to a
    # full disk), and a refusal is then no longer one sentence.  Run in this process, the
    # command must say it there too, not only in a warning of the run's summary.
    from sen_workbook import cli

    class Unfinished:
        def __del__(self):
            raise OSError(28, "No space left on device")

    def main(argv):
        Unfinished()  # let go of at once, as a file object left open is
        print("sen-workbook: The disk is full.", file=sys.stderr)
        return 2

    monkeypatch.setattr(cli, "main", main)
    # (Not also a warning in the run's summary: this failure is the test's own.)
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: None)
    result = run_command("import", "family.zip")
    assert result.returncode == 2
    assert "Exception ignored" in result.stderr
    assert "No space left on device" in result.stderr
    with pytest.raises(AssertionError):
        one_sentence(result)
