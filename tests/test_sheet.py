"""Spreadsheet in: a parent's CSV log, in the encodings Excel writes, through the command
line into a real workbook."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from sen_workbook.sheet import SheetError, read_sheet
from sen_workbook.workbook import Workbook
from tests.command_line import run_command


def run(db: Path, *argv: str) -> subprocess.CompletedProcess:
    # In this process: the entries written and the sentences said are what is tested.
    return run_command("--db", str(db), *argv)


@pytest.fixture
def book(db_path: Path) -> Path:
    with Workbook(db_path) as workbook:
        workbook.add_child({"name": "Amara Okafor"})
    return db_path


def entries(db: Path) -> list[dict]:
    return sorted(json.loads(db.read_text())["entries"].values(), key=lambda e: e["date"])


LOG = (
    "Amara's school log,,,,\r\n"  # a title row above the headings
    "Date,What happened,,Who,Type\r\n"  # "What happened" merged across two columns
    "05/03/2024,Sent home at lunch,for biting,Mrs Patel,Sent home\r\n"
    "\r\n"  # a blank row
    "12 March 2024,Meeting with SENCo about the café,,Mrs Patel and Dad,Meeting\r\n"
    "2024-03-14 15:30,Cried at the school gate,,,Home\r\n"
)


@pytest.mark.parametrize(
    ("encoding", "prefix", "shown"),
    [
        ("utf-8", b"\xef\xbb\xbf", "UTF-8 with BOM"),
        ("cp1252", b"", "Windows-1252"),
        ("utf-8", b"", "UTF-8"),
    ],
)
def test_a_log_in_each_encoding_is_read_into_entries(book, tmp_path, encoding, prefix, shown):
    log = tmp_path / "log.csv"
    log.write_bytes(prefix + LOG.encode(encoding))
    result = run(book, "import", str(log), "--child", "Amara")
    assert result.returncode == 0, result.stderr
    assert f"Read as {shown}." in result.stdout
    assert (
        "Date -> date; What happened -> title; (no heading) -> title; Who -> people; "
        "Type -> kind." in result.stdout
    )
    assert "Row 1, above the headings, was left out." in result.stdout
    assert "Row 3: 2024-03-05  incident" in result.stdout
    sent_home, meeting, home = entries(book)
    assert (sent_home["kind"], sent_home["incident_type"]) == ("incident", "sent_home")
    assert sent_home["title"] == "Sent home at lunch for biting"
    assert sent_home["people"] == ["Mrs Patel"]
    assert (meeting["kind"], meeting["date"]) == ("meeting", "2024-03-12")
    assert meeting["title"] == "Meeting with SENCo about the café"
    assert meeting["people"] == ["Mrs Patel", "Dad"]
    assert (home["kind"], home["date"]) == ("observation", "2024-03-14 15:30")
    assert "Imported 3 entries" in result.stdout
    again = run(book, "import", str(log), "--child", "Amara")
    assert "Imported 0 entries" in again.stdout and "3 rows already" in again.stdout
    assert len(entries(book)) == 3


def test_a_bad_date_names_its_row_and_nothing_is_written(book, tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("Date,Event\n01/03/2024,Fine\n\n31/02/2024,Not a day\n")
    before = book.read_bytes()
    result = run(book, "import", str(log), "--child", "Amara")
    assert result.returncode == 2
    assert result.stderr == (
        "sen-workbook: Row 4: the date '31/02/2024' is not a real date; nothing was imported.\n"
    )
    assert book.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "argv", "words"),
    [
        ("When it was,Event\n2024-01-01,x\n", (), "No column of log.csv holds the date"),
        ("Date,Event\n2024-01-01,x\n", ("--map", "Colour=date"), "has no column 'Colour'"),
        ("Date,Event\n2024-01-01,x\n", ("--map", "Event=mood"), "'mood' is not one of"),
        ("Date,Event\nyesterday,x\n", (), "Row 2: the date 'yesterday' cannot be read"),
        ("Date,Event,Area\n2024-01-01,x,maths\n", (), "Row 2: the area 'maths'"),
        ("Date,Event\n2024-01-01,\n", (), "Row 2 says nothing about what happened"),
        ("Date,Event\n", (), "has no rows below its headings"),
        ("", (), "The spreadsheet is empty"),
        ("Date,Event\n2024-01-01,x\n", ("--skip-damaged",), "is for workbook archives"),
    ],
)
def test_bad_logs_are_one_sentence_and_exit_2(book, tmp_path, content, argv, words):
    log = tmp_path / "log.csv"
    log.write_text(content)
    result = run(book, "import", str(log), "--child", "Amara", *argv)
    assert result.returncode == 2, result.stdout
    assert words in result.stderr and result.stderr.count("\n") == 1
    assert entries(book) == []


def test_map_names_the_columns_the_guess_does_not_know_and_dry_run_writes_nothing(book, tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("Dia;Qué pasó;Con quién\n2024-02-01;Llamada al colegio;Sra. Patel\n")
    before = book.read_bytes()
    result = run(
        book,
        "import",
        str(log),
        "--child",
        "Amara",
        "--map",
        "Dia=date",
        "--map",
        "qué pasó=title",
        "--map",
        "Con quién=people",
        "--dry-run",
    )
    assert result.returncode == 0, result.stderr
    assert "Dia -> date; Qué pasó -> title; Con quién -> people." in result.stdout
    assert "Would import 1 entry" in result.stdout
    assert book.read_bytes() == before


@pytest.mark.parametrize(
    "count",
    [
        pytest.param(10_000, id="10000"),
        pytest.param(100_000, id="100000", marks=pytest.mark.slow),
    ],
)
def test_a_large_sheet_imports_in_one_save(book, tmp_path, count):
    log = tmp_path / "big.csv"
    rows = ["Date,What happened,Who,Type"] + [
        f"{1 + n % 28:02d}/{1 + n // 28 % 12:02d}/2023,Note {n},Mrs Patel,Observation"
        for n in range(count)
    ]
    log.write_text("\n".join(rows) + "\n", encoding="utf-8")
    started = time.perf_counter()
    with Workbook(book) as workbook:
        child = workbook.children()[0]
        found = read_sheet(log, child["id"])
        workbook.add_entries(found.entries)
    elapsed = time.perf_counter() - started
    assert len(entries(book)) == count
    # 100,000 rows in about 10 s on a loaded two-core machine
    assert elapsed < max(20, 60 * count / 100_000)


def test_a_bad_row_deep_in_a_large_file_is_found_before_anything_is_written(tmp_path):
    log = tmp_path / "big.csv"
    rows = ["Date,Event"] + [f"2023-01-01,Row {n}" for n in range(20_000)] + ["2023-13-01,x"]
    log.write_text("\n".join(rows))
    with pytest.raises(SheetError, match="Row 20002: the date '2023-13-01' is not a real date"):
        read_sheet(log, "child-id")


def test_a_quote_left_open_is_named_and_long_notes_and_escapes_are_kept_but_shown_harmless(
    book, tmp_path
):
    log = tmp_path / "log.csv"
    log.write_text('Date,Event\n2024-01-01,"never closed\n2024-01-02,next\n')
    result = run(book, "import", str(log), "--child", "Amara")
    assert result.returncode == 2
    assert "Row 2 cannot be read as CSV (unexpected end of data)" in result.stderr
    long_note = "x" * 200_000
    log.write_text(f"Date,Event,Notes\n2024-01-01,\x1b[31mred,{long_note}\n")
    result = run(book, "import", str(log), "--child", "Amara")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\\x1b[31mred" in result.stdout
    [entry] = entries(book)
    assert entry["title"] == "\x1b[31mred" and entry["details"] == long_note  # as written
