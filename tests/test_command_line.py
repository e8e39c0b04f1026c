"""The command line run in the tests' own process says and does what the program says and does.

Most command-line tests call ``sen-workbook`` in this process (``tests.command_line``); this
checks, command by command, that doing so changes nothing a user would see: the same exit
code, the same standard output and the same standard error as ``python -m sen_workbook``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.command_line import run_command, run_program
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
