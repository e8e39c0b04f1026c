"""The record store: atomic saves, refusals that leave files untouched, backups, modes."""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import stat
from pathlib import Path

import pytest

from sen_workbook import model, storage
from sen_workbook.collector import collector_paused
from sen_workbook.storage import StorageError, WorkbookFileError
from sen_workbook.workbook import Workbook, WorkbookError


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def add_family(book: Workbook, family) -> tuple[dict, list[dict]]:
    children, entries = family
    child = book.add_child(children[0])
    saved = [book.add_entry(e["kind"], child["id"], e) for e in entries]
    return child, saved


def test_records_survive_reopening(db_path, family):
    with Workbook(db_path) as book:
        child, saved = add_family(book, family)
    with Workbook(db_path) as book:
        assert book.children() == [child]
        assert book.entries(child["id"]) == sorted(saved, key=lambda e: e["date"])
    raw = json.loads(db_path.read_text())
    # records are keyed by their own UUIDs, not by row numbers
    assert set(raw["entries"]) == {e["id"] for e in saved}
    assert all(len(k) == 36 for k in raw["entries"])


@pytest.mark.parametrize("failing", ["replace", "fsync", "write"])
def test_a_failing_save_leaves_the_file_byte_identical(db_path, family, monkeypatch, failing):
    with Workbook(db_path) as book:
        child, _ = add_family(book, family)
        before = db_path.read_bytes()
        if failing == "write":
            real_fdopen = os.fdopen

            class Full:
                def __init__(self, handle):
                    self.handle = handle

                def __enter__(self):
                    return self

                def __exit__(self, *exc):
                    self.handle.close()

                def write(self, data):
                    raise OSError(28, "No space left on device")

                writelines = write

            monkeypatch.setattr(storage.os, "fdopen", lambda fd, m: Full(real_fdopen(fd, m)))
        else:

            def boom(*args, **kwargs):
                raise OSError(28, "No space left on device")

            monkeypatch.setattr(storage.os, failing, boom)
        with pytest.raises(StorageError) as caught:
            book.update_entry(book.entries(child["id"])[0]["id"], {"title": "Changed"})
        monkeypatch.undo()
        assert "No space left on device" in str(caught.value)
        assert "Nothing was changed on disk" in str(caught.value)
        assert db_path.read_bytes() == before
        assert [p.name for p in db_path.parent.iterdir() if p.name.endswith(".tmp")] == []
        # the open workbook still shows what is on disk, and the next save works
        assert all(e["title"] != "Changed" for e in book.entries())
        book.update_entry(book.entries(child["id"])[0]["id"], {"title": "Changed"})
    with Workbook(db_path) as book:
        assert "Changed" in {e["title"] for e in book.entries()}


def test_invalid_changes_are_refused_and_nothing_written(db_path, family):
    with Workbook(db_path) as book:
        child, saved = add_family(book, family)
        before = db_path.read_bytes()
        with pytest.raises(model.ModelError) as caught:
            book.update_entry(saved[0]["id"], {"date": "2024-02-30"})
        assert "'2024-02-30' is not a real date" in str(caught.value)
        with pytest.raises(model.ModelError):
            book.add_entry(
                "incident", child["id"], {"date": "2024-01-01", "title": "x", "days_lost": -2}
            )
        assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    "content, reason",
    [
        (
            b'{"meta": {"workbook": {"format": "sen-workbook", "schema": 1}}, "entries": {',
            "is not valid JSON",
        ),
        (b"", "is not valid JSON"),
        (b'{"_default": {"1": {"name": "x"}}}', "not an SEN Workbook database"),
        (b"[1, 2, 3]", "not an SEN Workbook database"),
        (
            b'{"meta": {"workbook": {"format": "sen-workbook", "schema": 99}}, "children": {}, "entries": {}}',
            "written by a newer version",
        ),
        (
            b'{"meta": {"workbook": {"format": "sen-workbook", "schema": 1}}, "children": {}, "entries": {}, "x": NaN}',
            "is not valid JSON",
        ),
    ],
)
def test_files_that_are_not_our_workbook_are_refused_untouched(db_path, content, reason):
    with Workbook(db_path, today=lambda: dt.date(2026, 1, 5)) as book:
        book.add_child({"name": "Sam"})  # makes a backup of the empty workbook first
    backup = db_path.parent / "backups" / "workbook-2026-01-05.json"
    assert backup.exists()
    db_path.write_bytes(content)
    with pytest.raises(WorkbookFileError) as caught:
        Workbook(db_path)
    message = str(caught.value)
    assert reason in message
    assert str(db_path) in message
    assert f"The newest backup is {backup}" in message
    assert db_path.read_bytes() == content
    assert [p.name for p in db_path.parent.iterdir() if p.suffix == ".tmp"] == []


def test_refusal_without_backups_says_so(db_path):
    db_path.parent.mkdir()
    db_path.write_bytes(b"not json")
    with pytest.raises(WorkbookFileError, match="There is no backup"):
        Workbook(db_path)
    assert db_path.read_bytes() == b"not json"


def test_backup_before_the_first_write_of_each_day_keeps_thirty(db_path):
    day = [dt.date(2026, 1, 1)]
    with Workbook(db_path, today=lambda: day[0]) as book:
        child = book.add_child({"name": "Sam"})
        first = (db_path.parent / "backups" / "workbook-2026-01-01.json").read_bytes()
        book.update_child(child["id"], {"notes": "second write, same day"})
        # the backup holds the state before the day's first write, not after the second
        assert (db_path.parent / "backups" / "workbook-2026-01-01.json").read_bytes() == first
        assert json.loads(first)["children"] == {}
        for offset in range(1, 40):
            day[0] = dt.date(2026, 1, 1) + dt.timedelta(days=offset)
            book.update_child(child["id"], {"notes": f"day {offset}"})
    backups = storage.backup_files(db_path)
    assert len(backups) == 30
    assert backups[-1].name == "workbook-2026-02-09.json"
    assert backups[0].name == "workbook-2026-01-11.json"
    assert json.loads(backups[-1].read_text())["children"][child["id"]]["notes"] == "day 38"


def test_modes_after_create_save_backup_import_and_archive(tmp_path, family):
    db = tmp_path / "new" / "deeper" / "workbook.json"
    with Workbook(db) as book:
        assert mode(db) == 0o600
        assert mode(db.parent) == 0o700 and mode(db.parent.parent) == 0o700
        child, saved = add_family(book, family)
        source = tmp_path / "report.txt"
        source.write_text("Report")
        os.chmod(source, 0o644)
        book.add_attachment(saved[0]["id"], source, "the report")
        archive = book.write_archive(tmp_path / "all.zip")
    assert mode(archive) == 0o600
    other = tmp_path / "other" / "workbook.json"
    with Workbook(other) as book:
        book.import_archive(archive)
    for root in (db.parent, other.parent):
        for path in [root, *root.rglob("*")]:
            expected = 0o700 if path.is_dir() else 0o600
            assert mode(path) == expected, path
    assert (db.parent / "backups").is_dir() and (db.parent / "files").is_dir()


def test_trash_restore_and_revisions(db_path, family):
    with Workbook(db_path) as book:
        child, saved = add_family(book, family)
        concern = saved[0]
        book.update_entry(concern["id"], {"title": "Not speaking in class (updated)"})
        book.update_entry(concern["id"], {"response": "Observed twice"})
        now = book.entry(concern["id"])
        assert [r["record"]["title"] for r in now["revisions"]] == [
            "Not speaking in class",
            "Not speaking in class (updated)",
        ]
        assert now["revisions"][1]["record"]["response"] == "Will observe"
        item = book.delete_entry(concern["id"])
        assert concern["id"] not in {e["id"] for e in book.entries()}
        assert book.trash()[0]["record"]["id"] == concern["id"]
        book.restore(item)
        assert book.entry(concern["id"])["response"] == "Observed twice"
        assert book.trash() == []
        removed = book.remove_child(child["id"])
        assert book.children() == [] and book.entries() == []
        book.restore(removed)
        assert len(book.entries(child["id"])) == len(saved)


def test_a_plan_with_reviews_cannot_be_deleted_alone(db_path, family):
    with Workbook(db_path) as book:
        _, saved = add_family(book, family)
        plan = next(e for e in saved if e["kind"] == "plan")
        with pytest.raises(
            WorkbookError, match="has a review recorded against it; delete that review first"
        ):
            book.delete_entry(plan["id"])


def test_attachments_are_stored_by_hash_and_deduplicated(db_path, family, tmp_path):
    with Workbook(db_path) as book:
        _, saved = add_family(book, family)
        letter = tmp_path / "letter.txt"
        letter.write_bytes(b"Dear parent")
        first = book.add_attachment(saved[0]["id"], letter, "Letter")
        copy = tmp_path / "copy of letter.txt"
        copy.write_bytes(b"Dear parent")
        second = book.add_attachment(saved[1]["id"], copy)
        assert first["sha256"] == second["sha256"]
        assert first["filename"] == "letter.txt" and second["filename"] == "copy of letter.txt"
        assert [p.name for p in (db_path.parent / "files").iterdir()] == [first["sha256"]]
        with pytest.raises(WorkbookError, match="There is no file"):
            book.add_attachment(saved[0]["id"], tmp_path / "missing.pdf")
        with pytest.raises(WorkbookError, match="already attached"):
            book.add_attachment(saved[0]["id"], copy)
        assert book.check() == []
        (db_path.parent / "files" / first["sha256"]).write_bytes(b"tampered")
        problems = book.check()
        assert len(problems) == 2 and all("changed or damaged" in p for p in problems)


def test_migration_runs_after_a_backup(db_path, monkeypatch):
    with Workbook(db_path) as book:
        book.add_child({"name": "Sam"})
    before = db_path.read_bytes()
    now = model.SCHEMA_VERSION
    monkeypatch.setattr(model, "SCHEMA_VERSION", now + 1)

    def one_to_two(data):
        for child in data["children"].values():
            child["notes"] = child["notes"] + "[migrated]"
        return data

    monkeypatch.setitem(storage.MIGRATIONS, now, one_to_two)
    with Workbook(db_path, today=lambda: dt.date(2026, 3, 3)) as book:
        assert book.children()[0]["notes"] == "[migrated]"
    backup = db_path.parent / "backups" / "workbook-2026-03-03-before-update.json"
    assert backup.read_bytes() == before
    assert json.loads(db_path.read_text())["meta"]["workbook"]["schema"] == now + 1


def test_a_schema_1_workbook_gets_every_field_of_its_kinds(db_path, family):
    """Schema 2 added a correspondence entry's message_id: older entries, in the workbook
    and in the trash, are given it empty, and the check finds nothing wrong."""
    with Workbook(db_path) as book:
        child, saved = add_family(book, family)
        letters = [e for e in saved if e["kind"] == "correspondence"]
        book.delete_entry(
            book.add_entry(
                "correspondence",
                child["id"],
                {"date": "2024-03-01", "title": "Old letter", "direction": "received"},
            )["id"]
        )
    data = json.loads(db_path.read_text())
    data["meta"]["workbook"]["schema"] = 1
    for entry in data["entries"].values():
        entry.pop("message_id", None)
    for item in data["trash"].values():
        item["record"].pop("message_id", None)
    db_path.write_text(json.dumps(data))
    with Workbook(db_path) as book:
        assert book.entry(letters[0]["id"])["message_id"] == ""
        assert book.check() == []
        [item] = book.trash()
        assert item["record"]["message_id"] == ""
    assert json.loads(db_path.read_text())["meta"]["workbook"]["schema"] == model.SCHEMA_VERSION


def test_a_schema_2_workbook_gives_each_observation_the_childs_and_parents_views(db_path, family):
    """Schema 3 added an observation's child_views and parent_views: older observations
    are given them empty, the check finds nothing wrong, and a backup keeps the old file."""
    with Workbook(db_path) as book:
        add_family(book, family)
    data = json.loads(db_path.read_text())
    data["meta"]["workbook"]["schema"] = 2
    observations = [e for e in data["entries"].values() if e["kind"] == "observation"]
    assert observations
    for entry in observations:
        del entry["child_views"], entry["parent_views"]
    db_path.write_text(json.dumps(data))
    with Workbook(db_path) as book:
        for entry in observations:
            stored = book.entry(entry["id"])
            assert (stored["child_views"], stored["parent_views"]) == ("", "")
        assert book.check() == []
    assert json.loads(db_path.read_text())["meta"]["workbook"]["schema"] == model.SCHEMA_VERSION


def test_a_schema_3_workbook_gets_what_a_request_was_asked_for(db_path):
    """Schema 4 added a request's asked_for, asked_for_date and supplied_date (the subject
    access clock): older requests, in the workbook and in the trash, are given them empty."""
    with Workbook(db_path) as book:
        child = book.add_child({"name": "Sam"})
        kept = book.add_entry(
            "request",
            child["id"],
            {"date": "2026-03-02", "title": "Subject access", "request_type": "subject_access"},
        )
        book.delete_entry(
            book.add_entry(
                "request",
                child["id"],
                {"date": "2026-03-03", "title": "Old request", "request_type": "other"},
            )["id"]
        )
    data = json.loads(db_path.read_text())
    data["meta"]["workbook"]["schema"] = 3
    added = ("asked_for", "asked_for_date", "supplied_date")
    for record in [*data["entries"].values(), *(i["record"] for i in data["trash"].values())]:
        for name in added:
            record.pop(name)
    db_path.write_text(json.dumps(data))
    with Workbook(db_path) as book:
        assert [book.entry(kept["id"])[name] for name in added] == ["", "", ""]
        assert book.check() == []
        [item] = book.trash()
        assert [item["record"][name] for name in added] == ["", "", ""]
    assert json.loads(db_path.read_text())["meta"]["workbook"]["schema"] == 4


def _schema_3_workbook(db_path: Path, *, damaged: bool = False) -> bytes:
    """A workbook written by the version before requests had what was asked for: a
    request and an observation, the observation's title a number if ``damaged``."""
    with Workbook(db_path) as book:
        child = book.add_child({"name": "Sam"})
        for kind, title in (("request", "Subject access"), ("observation", "At home")):
            book.add_entry(kind, child["id"], {"date": "2026-03-02", "title": title})
    data = json.loads(db_path.read_text())
    data["meta"]["workbook"]["schema"] = 3
    for record in data["entries"].values():
        for name in ("asked_for", "asked_for_date", "supplied_date"):
            record.pop(name, None)
        if damaged and record["kind"] == "observation":
            record["title"] = 5
    db_path.write_text(json.dumps(data))
    return db_path.read_bytes()


def test_an_older_workbook_read_only_is_read_as_brought_up_to_date_and_left_as_it_is(db_path):
    """A window showing it read-only, the timeline, the bundle and ``check`` meet the
    records a writer would after updating them; the file and its folder stay untouched
    for a writer to update after a backup."""
    before = _schema_3_workbook(db_path)
    listing = sorted(p.name for p in db_path.parent.rglob("*"))
    with Workbook(db_path, read_only=True) as book:
        [request] = [e for e in book.entries() if e["kind"] == "request"]
        assert (request["asked_for"], request["asked_for_date"], request["supplied_date"]) == (
            "",
            "",
            "",
        )
        assert book.check() == []
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.rglob("*")) == listing


@pytest.mark.parametrize("command", ["timeline", "bundle", "letter", "check"])
def test_a_damaged_older_workbook_is_refused_in_one_sentence_by_the_reading_commands(
    db_path, tmp_path, command
):
    """Read without a writer's update, a damaged record of an older workbook reached the
    timeline unchecked and ended in a traceback; ``check`` called the fields the update
    adds missing.  Now each says what is damaged, and nothing is written."""
    from tests.command_line import run_command
    from tests.test_archive_damage import one_sentence

    before = _schema_3_workbook(db_path, damaged=True)
    argv = {
        "timeline": ["timeline", "Sam"],
        "bundle": ["bundle", "Sam", "--out", str(tmp_path / "bundle")],
        "letter": ["letter", "Sam", "ehcna_request", "--out", str(tmp_path / "l.md")],
        "check": ["check"],
    }[command]
    result = run_command("--db", str(db_path), *argv)
    if command == "check":
        assert result.returncode == 1, result.stderr
        assert "has title 5, which should be text" in result.stdout
        assert "missing" not in result.stdout
    else:
        assert "has title 5, which should be text" in one_sentence(result)
        assert not (tmp_path / "bundle").exists() and not (tmp_path / "l.md").exists()
    assert db_path.read_bytes() == before


def test_a_window_that_becomes_the_writer_of_an_older_workbook_updates_it_after_a_backup(
    db_path,
):
    """The writer was an earlier version, which saved the workbook in its own schema and
    closed: the window that takes over updates the file as opening it would have."""
    with Workbook(db_path, today=lambda: dt.date(2026, 3, 3)) as first:
        first.add_child({"name": "Sam"})
        with Workbook(db_path, today=lambda: dt.date(2026, 3, 3)) as second:
            assert second.read_only and second.open_elsewhere
            older = _schema_3_workbook(db_path.parent / "older" / "workbook.json")
            storage.atomic_write(db_path, older)
            first.close()
            assert second.try_become_writer()
            assert json.loads(db_path.read_text())["meta"]["workbook"]["schema"] == (
                model.SCHEMA_VERSION
            )
            [request] = [e for e in second.entries() if e["kind"] == "request"]
            assert request["asked_for"] == ""
            second.add_child({"name": "Ada"})
            assert second.check() == []
    backup = db_path.parent / "backups" / "workbook-2026-03-03-before-update.json"
    assert backup.read_bytes() == older


def test_stale_temp_files_from_a_killed_save_are_removed(db_path):
    with Workbook(db_path):
        pass
    stale = db_path.parent / ".workbook.json.abc123_x.tmp"
    stale.write_text("half")
    with Workbook(db_path):
        assert not stale.exists()


def test_saves_only_reserialise_changed_records_and_the_check_catches_in_place_edits(
    db_path, family
):
    with Workbook(db_path) as book:
        child, saved = add_family(book, family)
        for entry in saved[:3]:
            book.update_entry(entry["id"], {"details": "changed " + entry["id"]})
        book.delete_entry(saved[4]["id"])
        on_disk = json.loads(db_path.read_bytes())
        assert on_disk["entries"] == {e["id"]: e for e in book.entries()}
        assert list(on_disk["trash"].values())[0]["record"]["id"] == saved[4]["id"]
        # a stored record changed in place (never done by the workbook) is caught
        book._data()["entries"][saved[5]["id"]]["title"] = "sneaky"
        with pytest.raises(StorageError, match="changed without being replaced"):
            book.update_entry(saved[6]["id"], {"title": "honest"})
        assert json.loads(db_path.read_bytes()) == on_disk


def test_stored_entries_stay_as_they_were_and_sorted_copies_are_the_apps_own(tmp_path):
    from sen_workbook.workbook import sorted_copies

    child = model.new_child(name="Ada")
    first = model.new_entry("observation", child["id"], date="2024-02-01", title="Second")
    second = model.new_entry("observation", child["id"], date="2024-01-01", title="First")
    with Workbook(tmp_path / "w.json") as book:
        book.load_sample([child], [first, second], {})
        taken = book.stored_entries(child["id"])
        book.update_entry(first["id"], {"title": "Changed"})
        # The list taken before the change still shows the records as they were then.
        assert sorted(e["title"] for e in taken) == ["First", "Second"]
        copies = sorted_copies(taken)
        assert [e["title"] for e in copies] == ["First", "Second"]  # oldest first
        copies[0]["title"] = "Scribbled on"
        copies[1]["areas"].append("semh")
        assert [e["title"] for e in book.entries(child["id"])] == ["First", "Changed"]
        assert all(not e["areas"] for e in book.entries(child["id"]))
    on_disk = json.loads((tmp_path / "w.json").read_text())
    assert {e["title"] for e in on_disk["entries"].values()} == {"First", "Changed"}


def test_the_cycle_collector_pauses_only_while_a_workbook_is_read_and_used(tmp_path):
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # nested: still paused, and not resumed early
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a failed read")
    assert gc.isenabled()
    archive = tmp_path / "archive.json"
    archive.write_text(
        json.dumps({"format": model.FORMAT, "version": 1, "children": [], "entries": [{"id": "x"}]})
    )
    with Workbook(tmp_path / "w.json") as book, pytest.raises(WorkbookError):
        book.import_archive(archive)  # refused: nothing imported, the collector back on
    assert gc.isenabled()


def test_a_save_writes_the_bytes_one_serialisation_of_the_whole_workbook_would(db_path, family):
    """Records are turned into JSON one by one; the file is still exactly standard JSON,
    byte for byte what serialising the whole workbook at once gives, and a refused value
    (NaN) leaves the next save as good as ever."""
    children, entries = family
    with Workbook(db_path) as book:
        book.load_sample(children, entries, {})
        child = book.children()[0]
        book.update_child(child["id"], {"name": 'Zoë "Z" Ñandú \u2028 😀'})
    data = json.loads(db_path.read_bytes())
    assert db_path.read_bytes() == storage.serialise(data)
    store = storage.AtomicJSONStorage(db_path)
    store.read()
    looped: dict = {"id": "x"}
    looped["self"] = looped
    for bad in (float("nan"), looped):
        refused = {**data, "entries": {**data["entries"], "x": {"id": "x", "bad": bad}}}
        with pytest.raises(StorageError, match="Nothing was changed on disk"):
            store.write(refused)
        assert json.loads(db_path.read_bytes()) == data
        store.read()
    data["entries"]["x"] = {"id": "x", "nested": [{"a": 1.5}, {"a": [1, 2]}]}
    store.write(data)
    assert db_path.read_bytes() == storage.serialise(data)


def _large_document(extra: str = "") -> bytes:
    """A workbook-like JSON document past the size the quicker reader takes, with text in
    several scripts and JSON's escapes, whole and decimal numbers, nesting and nulls."""
    record = (
        r'"e%d":{"title":"Note %d \u00e9t\u00e9 — “quoted” \ud83d\ude00 \n tab\t",'
        r'"details":"%s","days_lost":%s,"size":%d,"done":%s,"nothing":null,'
        r'"areas":["semh",[]],"targets":[{"id":"t1","text":""}]}'
    )
    said = r"Mrs Doyle said: \"he froze\" " * 8
    records = ",".join(
        record % (n, n, said, n % 3 / 2, 10**20 + n, "true" if n % 2 else "false")
        for n in range(10_000)
    )
    data = ('{"entries":{' + records + "}" + extra + "}").encode("utf-8")
    assert len(data) >= storage.QUICK_READER_FROM
    return data


def test_a_large_file_is_read_exactly_as_the_standard_reader_reads_it():
    data = _large_document()
    parsed = storage.parse_json(data)
    assert parsed == json.loads(data)
    assert repr(parsed) == repr(json.loads(data))  # the same numbers, to the last digit
    first = parsed["entries"]["e1"]
    assert first["title"].endswith("\U0001f600 \n tab\t") and first["size"] == 10**20 + 1


@pytest.mark.parametrize(
    "extra, read_as",
    [
        (', "huge": 1e400', float("inf")),  # past a float: the standard reader's infinity
        (', "half": "\\ud83d"', "\ud83d"),  # half of a UTF-16 pair, as the standard reader
    ],
)
def test_a_large_file_the_quicker_reader_refuses_is_read_as_a_small_one_is(extra, read_as):
    data = _large_document(extra)
    name = extra.split('"')[1]
    assert storage.parse_json(data)[name] == read_as == json.loads(data)[name]


@pytest.mark.parametrize("cut", [b"", b"[" * 5000])
def test_a_large_file_that_is_not_json_is_refused_as_a_small_one_is(cut):
    data = _large_document()[:-2] + cut
    with pytest.raises(ValueError):
        storage.parse_json(data)
    with pytest.raises(ValueError):
        storage.parse_json(data[-1000:])
