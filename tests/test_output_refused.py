"""The import and timeline commands when their output cannot be written: closed, or on
a full disk.  The records are saved whole and the workbook let go of either way, and the
parent is told in one sentence what happened, never with a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sen_workbook.workbook import Workbook
from tests.command_line import ROOT
from tests.test_cli import write_archive_json


def program(args: list[str], *, stdout: str) -> subprocess.CompletedProcess[str]:
    """``python -m sen_workbook`` with its output closed (``closed``) or on a full disk
    (``full``)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "sen_workbook", *args]
    if stdout == "closed":
        return subprocess.run(
            ["sh", "-c", 'exec "$@" >&-', "sh", *command],
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=120,
        )
    with open("/dev/full", "w") as full:
        return subprocess.run(
            command, stdout=full, stderr=subprocess.PIPE, text=True, env=env, timeout=120
        )


def archive_of(tmp_path: Path, family) -> Path:
    return write_archive_json(tmp_path / "family.json", *family)


def assert_imported_and_free(db: Path, family) -> None:
    children, entries = family
    stored = json.loads(db.read_text(encoding="utf-8"))
    assert sorted(stored["entries"]) == sorted(entry["id"] for entry in entries)
    with Workbook(db) as book:  # the writer lock was let go
        assert not book.read_only


@pytest.mark.parametrize("into", ["new", "existing"])
def test_an_import_with_its_output_closed_saves_everything_and_ends_without_a_fault(
    tmp_path, family, into
):
    db = tmp_path / "book" / "workbook.json"
    if into == "existing":
        Workbook(db).close()
    done = program(["--db", str(db), "import", str(archive_of(tmp_path, family))], stdout="closed")
    assert "Traceback" not in done.stderr
    assert (done.returncode, done.stderr) == (0, "")
    assert_imported_and_free(db, family)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("into", ["new", "existing"])
def test_an_import_whose_report_meets_a_full_disk_says_the_records_were_imported(
    tmp_path, family, into
):
    db = tmp_path / "book" / "workbook.json"
    if into == "existing":
        Workbook(db).close()
    done = program(["--db", str(db), "import", str(archive_of(tmp_path, family))], stdout="full")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert f"were imported into {db}" in done.stderr
    assert "this report could not be written" in done.stderr
    assert "No space left" in done.stderr
    assert_imported_and_free(db, family)


def test_a_timeline_with_its_output_closed_is_refused_in_one_sentence(tmp_path, family):
    db = tmp_path / "book" / "workbook.json"
    assert program(["--db", str(db), "import", str(archive_of(tmp_path, family))], stdout="closed")
    refused = program(["--db", str(db), "timeline", "Amara"], stdout="closed")
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert "output" in refused.stderr
    with Workbook(db) as book:
        assert not book.read_only
