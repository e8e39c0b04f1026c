"""One writer, even when the lock file is deleted or two imports race, through real processes.

A window that holds a workbook must never save its copy over records another process saved:
before every save it checks that the lock file is still the one it locked and that the file
on disk is still the one it last read or wrote.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sen_workbook.workbook import Workbook

# A workbook held open by a process that saves an entry when told to, and says what happened.
HOLDER = textwrap.dedent(
    """
    import sys
    from sen_workbook.workbook import Workbook
    book = Workbook(sys.argv[1])
    child = book.children()[0]
    print("read_only" if book.read_only else "writer", flush=True)
    for line in sys.stdin:
        word = line.strip()
        if word.startswith("save"):
            try:
                book.add_entry("observation", child["id"],
                               {"date": "2024-01-01", "title": word})
                print("saved", flush=True)
            except Exception as error:
                print(type(error).__name__, str(error).replace("\\n", " "), flush=True)
        elif word == "try-writer":
            print("writer" if book.try_become_writer() else "read_only", flush=True)
        elif word == "quit":
            break
    book.close()
    """
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    return env


class Holder:
    """A real process holding the workbook open, driven line by line."""

    def __init__(self, path: Path):
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=_env(),
            text=True,
        )
        self.opened_as = self.read()

    def read(self) -> str:
        line = self.process.stdout.readline().strip()
        assert line, "the holder process stopped"
        return line

    def ask(self, word: str) -> str:
        self.process.stdin.write(word + "\n")
        self.process.stdin.flush()
        return self.read()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.write("quit\n")
            self.process.stdin.flush()
            self.process.wait(timeout=60)


@pytest.fixture
def workbook_file(tmp_path: Path) -> Path:
    path = tmp_path / "book" / "workbook.json"
    with Workbook(path) as book:
        book.add_child({"name": "Sam"})
    return path


def titles_on_disk(path: Path) -> list[str]:
    return sorted(e["title"] for e in json.loads(path.read_bytes())["entries"].values())


def test_deleting_the_lock_does_not_let_the_first_window_save_over_the_second(workbook_file):
    first = Holder(workbook_file)
    second = None
    try:
        assert first.opened_as == "writer"
        assert first.ask("save-first-1") == "saved"
        Path(str(workbook_file) + ".lock").unlink()
        second = Holder(workbook_file)
        assert second.opened_as == "writer"  # the lock was gone, so it took the workbook
        assert second.ask("save-second-1") == "saved"
        answer = first.ask("save-first-2")
        assert answer.startswith("LockLostError")
        assert "lock file" in answer and "read-only" in answer and "Nothing was saved" in answer
        assert titles_on_disk(workbook_file) == ["save-first-1", "save-second-1"]
        assert second.ask("save-second-2") == "saved"
        # the first stays read-only while the second has the workbook
        assert first.ask("save-first-3").startswith("ReadOnlyError")
        assert first.ask("try-writer") == "read_only"
        second.close()
        # once the second closes, the first can take the workbook back, with its records
        assert first.ask("try-writer") == "writer"
        assert first.ask("save-first-4") == "saved"
    finally:
        first.close()
        if second is not None:
            second.close()
    assert titles_on_disk(workbook_file) == [
        "save-first-1",
        "save-first-4",
        "save-second-1",
        "save-second-2",
    ]


def test_a_lock_file_deleted_with_no_one_else_about_is_taken_again(workbook_file):
    holder = Holder(workbook_file)
    try:
        lock = Path(str(workbook_file) + ".lock")
        lock.unlink()
        assert holder.ask("save-1") == "saved"
        assert lock.exists()  # the lock was made again and is held
        assert Workbook(workbook_file).read_only
    finally:
        holder.close()
    assert titles_on_disk(workbook_file) == ["save-1"]


def test_a_file_replaced_behind_the_writer_is_not_saved_over(workbook_file):
    holder = Holder(workbook_file)
    try:
        assert holder.ask("save-1") == "saved"
        # another program (or a backup copied back by hand) replaces the file
        data = json.loads(workbook_file.read_bytes())
        entry = next(iter(data["entries"].values()))
        data["entries"]["other"] = {**entry, "id": "other", "title": "written elsewhere"}
        workbook_file.write_text(json.dumps(data))
        answer = holder.ask("save-2")
        assert answer.startswith("WorkbookChangedError")
        assert "changed by another program" in answer and "nothing was saved" in answer
        assert titles_on_disk(workbook_file) == ["save-1", "written elsewhere"]
        # a second try adds the change to what is on disk now
        assert holder.ask("save-2") == "saved"
    finally:
        holder.close()
    assert titles_on_disk(workbook_file) == ["save-1", "save-2", "written elsewhere"]


def test_a_file_touched_but_not_changed_is_still_saved(workbook_file):
    holder = Holder(workbook_file)
    try:
        assert holder.ask("save-1") == "saved"
        os.utime(workbook_file, ns=(1, 1))
        assert holder.ask("save-2") == "saved"
    finally:
        holder.close()
    assert titles_on_disk(workbook_file) == ["save-1", "save-2"]


# --- two imports into a new path ------------------------------------------------------

LOCK_HOLDER = textwrap.dedent(
    """
    import fcntl, os, sys
    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    print("locked", flush=True)
    sys.stdin.readline()
    """
)


def _archive(tmp_path: Path, entries: int) -> Path:
    source = tmp_path / "family.json"
    with Workbook(tmp_path / "source" / "workbook.json") as book:
        child = book.add_child({"name": "Sam"})
        from sen_workbook import model

        book.load_sample(
            [],
            [
                model.new_entry(
                    "observation",
                    child["id"],
                    date="2024-01-01",
                    title=f"Observation {n}",
                    details="At home. " * 20,
                )
                for n in range(entries)
            ],
            {},
        )
        source.write_bytes(json.dumps(book.archive_document()).encode())
    return source


def _import(db: Path, source: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "sen_workbook", "--db", str(db), "import", str(source)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        text=True,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="holds the lock with flock")
def test_an_import_that_loses_the_race_leaves_the_winners_lock_alone(tmp_path):
    source = _archive(tmp_path, 3)
    db = tmp_path / "new" / "workbook.json"
    db.parent.mkdir()
    lock = Path(str(db) + ".lock")
    # another import has taken the lock and is about to write the new workbook
    winner = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(lock)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert winner.stdout.readline().strip() == "locked"
        held = lock.stat().st_ino
        loser = _import(db, source)
        out, err = loser.communicate(timeout=120)
        assert loser.returncode == 2
        assert "being created by another window or program" in err
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1
        assert lock.exists() and lock.stat().st_ino == held
    finally:
        winner.stdin.write("\n")
        winner.stdin.flush()
        winner.wait(timeout=30)


@pytest.mark.parametrize(
    "trials",
    [pytest.param(2, id="2-trials"), pytest.param(None, id="long", marks=pytest.mark.slow)],
)
def test_two_imports_into_a_new_path_at_once_keep_every_record(tmp_path, request, trials):
    source = _archive(tmp_path, 400)
    trials = trials or max(4, request.config.getoption("--kills") // 4)
    for trial in range(trials):
        db = tmp_path / f"trial-{trial}" / "deeper" / "workbook.json"
        runs = [_import(db, source), _import(db, source)]
        results = [(run.wait(timeout=180), *run.communicate()) for run in runs]
        for code, _, err in results:
            assert code in (0, 2), err
            assert "Traceback" not in err
        assert 0 in [code for code, _, _ in results], results
        with Workbook(db, read_only=True) as book:
            assert book.entry_count() == 400, (trial, results)
            assert book.check() == []
