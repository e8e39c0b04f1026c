"""The stylesheets' parsed rules kept between runs: used only while they are the rules the
same texts would give, only from the person's own private file, and never run as code."""

from __future__ import annotations

import os
import pickle
import stat
import sys
from pathlib import Path

import pytest
from textual.app import App

from sen_workbook.tui.app import SenWorkbookApp
from sen_workbook.tui.parsed_styles import KeptRules, KeptStylesheet, cache_path, made_by
from sen_workbook.tui.screens import child as child_screen
from sen_workbook.tui.styles import every_stylesheet
from tests.tui import test_app as app_tests
from tests.tui.conftest import screen_text, settle, still_screen, wait_for
from tests.tui.test_app import SIZE, TODAY, open_amara

book, path = app_tests.book, app_tests.path

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def stylesheet(kept_in: Path, variables: dict[str, str] | None = None) -> KeptStylesheet:
    """The app's own sheets in a stylesheet keeping its rules in ``kept_in``."""
    colours = variables if variables is not None else App().get_css_variables()
    sheet = KeptStylesheet(variables=colours, kept=KeptRules(kept_in, made_by()))
    for sheet_path in every_stylesheet():
        sheet.read(sheet_path)
    return sheet


def rules_css(sheet: KeptStylesheet) -> list[str]:
    return [rule.css for rule in sheet.rules]


@pytest.fixture
def kept_in(tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    os.chmod(folder, 0o700)
    return folder / "parsed-styles.pickle"


def parsed_and_kept(kept_in: Path) -> list[str]:
    """Parse the app's sheets into a new file at ``kept_in``; their rules as CSS."""
    first = stylesheet(kept_in)
    first.parse()
    assert first.kept.added  # nothing was kept yet: all of it parsed
    first.kept.save()
    return rules_css(first)


def test_the_kept_rules_are_the_rules_the_sheets_give(kept_in):
    parsed = parsed_and_kept(kept_in)
    assert kept_in.exists()
    again = stylesheet(kept_in)
    again.parse()
    assert not again.kept.added  # every rule came from the file
    assert rules_css(again) == parsed


def test_an_edited_sheet_or_other_colours_are_parsed_again(kept_in, tmp_path):
    parsed_and_kept(kept_in)
    light = App()
    light.theme = "textual-light"
    other = stylesheet(kept_in, light.get_css_variables())
    other.parse()
    assert other.kept.added  # the kept rules were parsed with other colours
    edited = stylesheet(kept_in)
    extra = tmp_path / "extra.tcss"
    extra.write_text("#journal-status { color: red; }\n", encoding="utf-8")
    edited.read(extra)
    edited.parse()
    assert edited.kept.added
    assert "#journal-status" in "".join(rules_css(edited))


class Planted:
    """What a file made to run something would hold: a call to make a folder."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return os.mkdir, (str(self.marker),)


def test_a_file_made_to_run_code_is_refused_not_run(kept_in, tmp_path):
    parsed = parsed_and_kept(kept_in)
    marker = tmp_path / "it-ran"
    maker, kept = pickle.loads(kept_in.read_bytes())
    # Every set of rules replaced by a call, and then the whole file.
    for sources in kept.values():
        for source in sources:
            sources[source] = pickle.dumps([Planted(marker)])
    kept_in.write_bytes(pickle.dumps((maker, kept)))
    os.chmod(kept_in, 0o600)
    planted = stylesheet(kept_in)
    planted.parse()
    assert not marker.exists()
    assert planted.kept.added and rules_css(planted) == parsed  # parsed from the texts
    kept_in.write_bytes(pickle.dumps(Planted(marker)))
    whole = stylesheet(kept_in)
    whole.parse()
    assert not marker.exists()
    assert rules_css(whole) == parsed


def test_a_damaged_file_is_parsed_again_and_written_anew(kept_in):
    parsed = parsed_and_kept(kept_in)
    kept_in.write_bytes(kept_in.read_bytes()[:1000])
    damaged = stylesheet(kept_in)
    damaged.parse()
    assert damaged.kept.added and rules_css(damaged) == parsed
    damaged.kept.save()
    again = stylesheet(kept_in)
    again.parse()
    assert not again.kept.added and rules_css(again) == parsed


def test_rules_kept_by_another_textual_or_python_are_not_used(kept_in):
    parsed = parsed_and_kept(kept_in)
    _, kept = pickle.loads(kept_in.read_bytes())
    kept_in.write_bytes(pickle.dumps(("format 1 cpython 3.9.0 elsewhere", kept)))
    os.chmod(kept_in, 0o600)
    other = stylesheet(kept_in)
    other.parse()
    assert other.kept.added and rules_css(other) == parsed


@posix_only
def test_a_file_others_may_change_is_not_read(kept_in, tmp_path):
    parsed_and_kept(kept_in)
    assert stat.S_IMODE(kept_in.stat().st_mode) == 0o600
    os.chmod(kept_in, 0o644)  # anyone may read it, so it may have been swapped
    shared = stylesheet(kept_in)
    shared.parse()
    assert shared.kept.added
    os.chmod(kept_in, 0o600)
    os.chmod(kept_in.parent, 0o777)  # anyone may put a file of theirs in its place
    shared_folder = stylesheet(kept_in)
    shared_folder.parse()
    assert shared_folder.kept.added
    os.chmod(kept_in.parent, 0o700)
    link = kept_in.parent / "linked.pickle"
    link.symlink_to(kept_in)
    linked = stylesheet(link)
    linked.parse()
    assert linked.kept.added


@posix_only
async def test_the_file_holds_styles_and_nothing_of_the_family(book, tmp_path, monkeypatch):
    # Run as a parent does, opening a child's journal: the cache is written in the user's
    # own cache folder, private to them, and holds no name, title or text of a record.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_amara(pilot, "2")
        await wait_for(pilot, lambda: "6 of 6 entries" in screen_text(app))
        await settle(pilot)
    kept = cache_path(made_by())
    assert kept.is_relative_to(tmp_path / "user-cache")
    data = kept.read_bytes()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    texts = [child["name"] for child in book.children()]
    texts += [entry["title"] for entry in book.stored_entries()]
    texts += [entry["details"] for entry in book.stored_entries() if entry.get("details")]
    assert texts
    for text in texts:
        assert str(text).encode() not in data, text
    assert b"Amara" not in data and b"Okafor" not in data
    # And the next start reads it: what it shows is the same.
    again = SenWorkbookApp(book, today=TODAY)
    async with again.run_test(size=SIZE) as pilot:
        await open_amara(pilot, "2")
        await wait_for(pilot, lambda: "6 of 6 entries" in screen_text(again))
        assert not again.stylesheet.kept.added


@posix_only
def test_a_file_or_a_link_where_the_cache_folder_goes_is_left_as_it_is(tmp_path):
    # Written nowhere, and nothing of the person's changed: a file of theirs where the
    # folder would be keeps its mode, and a folder a link points to keeps its mode and
    # is given no file of the program's.
    notes = tmp_path / "sen-workbook"
    notes.write_bytes(b"the person's own notes")
    os.chmod(notes, 0o644)
    in_a_file = stylesheet(notes / "parsed-styles.pickle")
    in_a_file.parse()
    in_a_file.kept.save()
    assert stat.S_IMODE(notes.stat().st_mode) == 0o644
    assert notes.read_bytes() == b"the person's own notes"
    documents = tmp_path / "Documents"
    documents.mkdir()
    os.chmod(documents, 0o755)
    link = tmp_path / "linked-cache"
    link.symlink_to(documents, target_is_directory=True)
    through_a_link = stylesheet(link / "parsed-styles.pickle")
    through_a_link.parse()
    through_a_link.kept.save()
    assert stat.S_IMODE(documents.stat().st_mode) == 0o755
    assert list(documents.iterdir()) == []


async def _screens_seen(book) -> list[str]:
    """The screens a parent goes through, as drawn once each is still (on a busy machine,
    what a screen draws after it is first idle was caught in one run and not the other):
    the children list, a child's tabs, help, and the same child after a switch to the
    light theme and back."""
    app = SenWorkbookApp(book, today=TODAY)
    seen = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        seen.append(await still_screen(pilot))
        await open_amara(pilot)
        for key in ("2", "3", "1", "question_mark"):
            await pilot.press(key)
            await settle(pilot)
            seen.append(await still_screen(pilot))
        await pilot.press("escape")
        app.theme = "textual-light"
        await settle(pilot)
        seen.append(await still_screen(pilot))
        app.theme = "textual-dark"
        await settle(pilot)
        seen.append(await still_screen(pilot))
    return seen


# Every screen in both themes, twice over (about 3.5 s of processor time): in the long run
# (CI runs it); what the kept file holds and when it is written again are checked in the
# default run.
@pytest.mark.slow
async def test_the_screens_look_the_same_with_the_kept_rules_as_parsed(book, tmp_path, monkeypatch):
    # Drawn from rules parsed from the texts, then from the rules kept by that run: every
    # screen, in both themes and after switching between them, is the same to the cell
    # and the colour.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    # A busy machine would otherwise show the child's loading cover in one run and not in
    # the other, and a cover met only in the second run brings rules to keep: the file
    # rightly written again.  Neither run shows it, so both meet the same kinds of widget.
    monkeypatch.setattr(child_screen, "LOADING_DELAY", 600)
    parsed = await _screens_seen(book)
    written = cache_path(made_by()).stat()
    kept = await _screens_seen(book)
    # Every rule, of both themes, came from the file: nothing new to keep, so it was
    # not written again.
    again = cache_path(made_by()).stat()
    assert (again.st_ino, again.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)
    assert len(kept) == len(parsed)
    for number, (from_the_file, from_the_texts) in enumerate(zip(kept, parsed, strict=True)):
        assert from_the_file == from_the_texts, number
