"""Real processes: a writer killed mid-save, and a second process opening the same workbook."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from sen_workbook import model
from sen_workbook.storage import ReadOnlyError
from sen_workbook.workbook import Workbook

WRITER = textwrap.dedent(
    """
    import sys
    from sen_workbook.workbook import Workbook
    book = Workbook(sys.argv[1])
    child = book.children()[0]
    print("ready", flush=True)
    counter = int(book.child(child["id"])["notes"] or 0)
    while True:
        counter += 1
        book.update_child(child["id"], {"notes": str(counter)})
        print(counter, flush=True)
    """
)

HOLDER = textwrap.dedent(
    """
    import sys
    from sen_workbook.workbook import Workbook
    book = Workbook(sys.argv[1])
    child = book.children()[0]
    print("read_only" if book.read_only else "writer", flush=True)
    for line in sys.stdin:
        if line.strip() == "save":
            book.add_entry("observation", child["id"], {"date": "2024-01-01", "title": "from holder"})
            print("saved", flush=True)
        elif line.strip() == "quit":
            break
    book.close()
    """
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _big_workbook(path: Path, entries: int) -> str:
    with Workbook(path) as book:
        child = book.add_child({"name": "Sam", "notes": "0"})
        records = [
            model.new_entry(
                "observation",
                child["id"],
                date="2024-01-01",
                title=f"Observation {n}",
                details="At home. " * 40,
            )
            for n in range(entries)
        ]
        book.load_sample([], records, {})
    return child["id"]


@pytest.mark.parametrize(
    "kills",
    [pytest.param(8, id="8-kills"), pytest.param(None, id="long", marks=pytest.mark.slow)],
)
def test_writer_killed_at_random_moments_never_tears_the_file(tmp_path, request, kills):
    kills = kills or request.config.getoption("--kills")
    path = tmp_path / "workbook.json"
    child_id = _big_workbook(path, 1500)
    rng = random.Random(20261127)
    torn_saves = 0
    for _ in range(kills):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)],
            stdout=subprocess.PIPE,
            env=_env(),
            text=True,
        )
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.25))
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate()
        completed = [int(x) for x in out.split()] or [None]
        last = completed[-1]
        data = json.loads(path.read_bytes())  # must always parse
        notes = int(data["children"][child_id]["notes"])
        if last is not None:
            # the last completed save, or one more whose completion was not yet printed
            assert notes in (last, last + 1), (notes, last)
        assert len(data["entries"]) == 1500
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        assert len(leftovers) <= 1  # at most the one save that was cut short
        torn_saves += len(leftovers)
    with Workbook(path) as book:
        assert [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
        assert book.check() == []
    print(f"{kills} kills, {torn_saves} of them while the temporary file was open")


KILL_AT = textwrap.dedent(
    """
    import os, signal, sys
    from sen_workbook import storage
    from sen_workbook.workbook import Workbook
    point = sys.argv[2]
    real = {name: getattr(os, name) for name in ("fsync", "replace")}
    calls = {"fsync": 0}

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    def fsync(fd):
        calls["fsync"] += 1
        if point == "before-file-fsync" and calls["fsync"] == 1:
            die()
        real["fsync"](fd)
        if point == "after-file-fsync" and calls["fsync"] == 1:
            die()
        if point == "after-folder-fsync" and calls["fsync"] == 2:
            die()

    def replace(a, b):
        if point == "before-replace":
            die()
        real["replace"](a, b)
        if point == "after-replace":
            die()

    book = Workbook(sys.argv[1])
    child = book.children()[0]
    storage.os.fsync = fsync
    storage.os.replace = replace
    book.update_child(child["id"], {"notes": "new"})
    """
)


@pytest.mark.parametrize(
    "point, expected",
    [
        ("before-file-fsync", "old"),
        ("after-file-fsync", "old"),
        ("before-replace", "old"),
        ("after-replace", "new"),
        ("after-folder-fsync", "new"),
    ],
)
def test_writer_killed_at_each_step_of_a_save(tmp_path, point, expected):
    path = tmp_path / "workbook.json"
    with Workbook(path) as book:
        book.add_child({"name": "Sam", "notes": "old"})
    died = subprocess.run(
        [sys.executable, "-c", KILL_AT, str(path), point],
        env=_env(),
        capture_output=True,
        timeout=60,
    )
    assert died.returncode == -signal.SIGKILL
    data = json.loads(path.read_bytes())
    assert [c["notes"] for c in data["children"].values()] == [expected]
    with Workbook(path) as book:  # reopening clears what the killed save left behind
        assert [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
        assert book.children()[0]["notes"] == expected


def test_second_process_is_read_only_and_first_keeps_its_saves(tmp_path):
    path = tmp_path / "workbook.json"
    with Workbook(path) as book:
        book.add_child({"name": "Sam"})
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=_env(),
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "writer"
        second = Workbook(path)
        try:
            assert second.read_only and second.open_elsewhere
            assert "open in another window or program" in second.read_only_reason
            before = path.read_bytes()
            with pytest.raises(ReadOnlyError, match="Nothing was saved"):
                second.add_child({"name": "Intruder"})
            assert path.read_bytes() == before
            for _ in range(3):
                holder.stdin.write("save\n")
                holder.stdin.flush()
                assert holder.stdout.readline().strip() == "saved"
            # the read-only view sees the writer's saves
            assert len(second.entries()) == 3
        finally:
            second.close()
        third = subprocess.run(
            [sys.executable, "-c", HOLDER, str(path)],
            input="save\nquit\n",
            capture_output=True,
            env=_env(),
            text=True,
            timeout=60,
        )
        assert third.stdout.split()[0] == "read_only"
        assert "ReadOnlyError" in third.stderr
    finally:
        holder.stdin.write("quit\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    with Workbook(path) as book:
        assert not book.read_only
        assert [e["title"] for e in book.entries()] == ["from holder"] * 3
