"""No output is ever written over or into the workbook's own files, even with --force."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from sen_workbook.workbook import Workbook
from tests.test_cli import run


def _fingerprint(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (links as their targets) and its SHA-256."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def db(tmp_path: Path, family) -> Path:
    children, entries = family
    path = tmp_path / "book" / "workbook.json"
    with Workbook(path) as book:
        book.load_sample(children, entries, {})
        report = tmp_path / "report.pdf"
        report.write_bytes(b"%PDF-1.4 the SALT report")
        book.add_attachment(entries[1]["id"], report)
        book.backup_now()
    return path


def _link(db: Path, name: str) -> Path:
    link = db.parent.parent / name
    if not link.is_symlink():
        link.symlink_to(db)
    return link


def _targets(db: Path) -> dict[str, str]:
    sha = next(p.name for p in (db.parent / "files").iterdir())
    link = _link(db, "innocent.zip")
    return {
        "the workbook": str(db),
        "its lock": str(db) + ".lock",
        "its folder": str(db.parent),
        "its files folder": str(db.parent / "files"),
        "an attached file": str(db.parent / "files" / sha),
        "inside files": str(db.parent / "files" / "bundle.zip"),
        "inside backups": str(db.parent / "backups" / "bundle.zip"),
        "a PDF inside backups": str(db.parent / "backups" / "bundle.pdf"),
        "a PDF link to the workbook": str(_link(db, "innocent.pdf")),
        "a link to the workbook": str(link),
        "the folder above": str(db.parent.parent),
    }


@pytest.mark.parametrize("command", ["bundle", "archive"])
def test_force_never_writes_over_or_into_the_workbook(db, command):
    before = _fingerprint(db.parent)
    for what, target in _targets(db).items():
        if command == "archive":
            result = run("--db", str(db), "archive", target, "--force")
        else:  # a folder, or a zip where the name ends so
            result = run("--db", str(db), "bundle", "Amara", "--out", target, "--force")
        assert result.returncode == 2, (what, result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.stderr, (what, result.stderr)
        assert "nothing was written there" in lines[0], (what, lines[0])
        assert _fingerprint(db.parent) == before, what
    with Workbook(db, read_only=True) as book:
        assert book.check() == []


def test_an_output_beside_the_workbook_is_still_written(db):
    result = run("--db", str(db), "archive", str(db.parent / "family.zip"))
    assert result.returncode == 0, result.stderr
    result = run("--db", str(db), "bundle", "Amara", "--out", str(db.parent / "bundle"))
    assert result.returncode == 0, result.stderr
    assert (db.parent / "bundle" / "MANIFEST.sha256").is_file()


def test_the_check_is_one_call_for_every_output(db):
    with Workbook(db, read_only=True) as book:
        assert book.check_output_path(db.parent / "letter.pdf") == db.parent / "letter.pdf"
        for target in (db, db.parent / "backups" / "x.ics", Path(os.path.relpath(db))):
            with pytest.raises(Exception, match="nothing was written there"):
                book.check_output_path(target)
