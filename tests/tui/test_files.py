"""Attached files and exported bundles: opened with the computer's own program, saved as
copies, chosen in a folder tree; each platform's opener chosen as that platform would."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from sen_workbook import opener
from sen_workbook.tui.app import SenWorkbookApp
from sen_workbook.tui.screens.attachments import AttachmentsScreen
from sen_workbook.tui.screens.entry import EntryScreen
from sen_workbook.tui.screens.paths import FilePicker, SaveCopyDialog, completion
from sen_workbook.workbook import Workbook, WorkbookError
from tests.tui import test_app as app_tests
from tests.tui.conftest import screen_text, settle, type_text, wait_for
from tests.tui.test_app import SIZE, TODAY, on_disk, open_amara

# The app tests' family, workbook and private settings.
book, path = app_tests.book, app_tests.path

REPORT = b"%PDF-1.4 speech and language report\n"


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """What the opener was asked to run, as a Linux desktop with xdg-open would run it."""
    runs: list[list[str]] = []
    monkeypatch.setattr(opener, "_platform", lambda: "linux")
    monkeypatch.setattr(
        opener.shutil, "which", lambda name: f"/usr/bin/{name}" if name == "xdg-open" else None
    )
    monkeypatch.setattr(opener, "_launch", runs.append)
    return runs


def attach_report(book: Workbook, tmp_path: Path) -> tuple[dict, str]:
    source = tmp_path / "SALT report (2025).pdf"
    source.write_bytes(REPORT)
    entry = next(e for e in book.entries() if e["kind"] == "observation")
    attachment = book.add_attachment(entry["id"], source, "Speech and language report")
    return entry, attachment["sha256"]


async def open_observation(pilot) -> None:
    await open_amara(pilot, "2")
    await pilot.press("slash")
    await type_text(pilot, "tramp")
    await wait_for(pilot, lambda: pilot.app.screen.query_one("#journal-table").row_count == 1)
    await pilot.press("down", "enter")  # from the search box into the results, and open
    await settle(pilot)
    assert isinstance(pilot.app.screen, EntryScreen)


# --- the opener on each platform ---------------------------------------------------------


def test_windows_opens_with_startfile(tmp_path, monkeypatch):
    target = tmp_path / "letter.pdf"
    target.write_bytes(b"x")
    started: list[str] = []
    monkeypatch.setattr(opener, "_platform", lambda: "win32")
    monkeypatch.setattr(opener.os, "startfile", started.append, raising=False)
    opener.open_with_system(target)
    assert started == [str(target)]


@pytest.mark.parametrize(
    "platform, program", [("darwin", "open"), ("linux", "xdg-open"), ("freebsd14", "xdg-open")]
)
def test_macos_uses_open_and_other_systems_xdg_open(tmp_path, monkeypatch, platform, program):
    target = tmp_path / "letter.pdf"
    target.write_bytes(b"x")
    runs: list[list[str]] = []
    monkeypatch.setattr(opener, "_platform", lambda: platform)
    monkeypatch.setattr(opener.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(opener, "_launch", runs.append)
    opener.open_with_system(target)
    assert runs == [[f"/usr/bin/{program}", str(target)]]


@pytest.mark.parametrize("platform", ["darwin", "linux"])
def test_a_missing_opener_says_where_the_file_is(tmp_path, monkeypatch, platform):
    target = tmp_path / "letter.pdf"
    target.write_bytes(b"x")
    monkeypatch.setattr(opener, "_platform", lambda: platform)
    monkeypatch.setattr(opener.shutil, "which", lambda name: None)
    with pytest.raises(opener.OpenerError) as raised:
        opener.open_with_system(target)
    assert str(target) in str(raised.value)
    assert str(raised.value).endswith("open it from your file manager.")


def test_a_windows_opener_that_fails_says_where_the_file_is(tmp_path, monkeypatch):
    target = tmp_path / "letter.xyz"
    target.write_bytes(b"x")

    def refuse(path: str) -> None:
        raise OSError(1155, "No application is associated with the specified file")

    monkeypatch.setattr(opener, "_platform", lambda: "win32")
    monkeypatch.setattr(opener.os, "startfile", refuse, raising=False)
    with pytest.raises(opener.OpenerError) as raised:
        opener.open_with_system(target)
    assert "No application is associated" in str(raised.value)
    assert str(target) in str(raised.value)


def test_a_private_copy_keeps_the_extension_and_is_readable_only_by_the_owner(tmp_path):
    copy = opener.private_copy(REPORT, "Rapport d'évaluation/../x.PDF", tmp_path)
    assert copy.read_bytes() == REPORT
    assert copy.suffix == ".PDF" and copy.parent.parent == tmp_path
    assert "/" not in copy.name and ".." not in copy.name.removesuffix(".PDF")
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700


# --- saving a copy through the workbook ----------------------------------------------------


def test_a_copy_is_saved_by_name_into_a_folder_and_never_over_a_file(book, tmp_path):
    entry, sha = attach_report(book, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    written = book.save_attachment_copy(entry["id"], sha, out)
    assert written == out / "SALT report (2025).pdf" and written.read_bytes() == REPORT
    with pytest.raises(WorkbookError, match="already exists; nothing was written"):
        book.save_attachment_copy(entry["id"], sha, out)
    assert written.read_bytes() == REPORT


def test_a_damaged_stored_file_is_not_handed_out(book, tmp_path):
    entry, sha = attach_report(book, tmp_path)
    stored = book.attachment_path(sha)
    os.chmod(stored, 0o600)
    stored.write_bytes(b"changed")
    with pytest.raises(WorkbookError, match="no longer matches its fingerprint"):
        book.save_attachment_copy(entry["id"], sha, tmp_path / "copy.pdf")
    assert not (tmp_path / "copy.pdf").exists()


# --- in the app ----------------------------------------------------------------------------


async def test_o_opens_a_private_copy_of_the_file_and_the_screen_says_where_it_is_kept(
    book, tmp_path, launched
):
    attach_report(book, tmp_path)
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_observation(pilot)
        text = " ".join(screen_text(app).split())
        assert "SALT report (2025).pdf" in text
        assert f"Stored in {book.files_folder}" in text
        await pilot.press("o")
        await pilot.pause()
        assert len(launched) == 1
        program, opened = launched[0]
        assert program == "/usr/bin/xdg-open"
        copy = Path(opened)
        assert copy.suffix == ".pdf" and copy.read_bytes() == REPORT
        assert copy.parent.name.startswith("sen-workbook-open-")
        assert "Opening SALT report (2025).pdf" in " ".join(screen_text(app).split())
    assert not copy.exists()  # the private copies go when the app closes


async def test_without_an_opener_the_app_names_the_file_s_path(book, tmp_path, monkeypatch):
    attach_report(book, tmp_path)
    monkeypatch.setattr(opener, "_platform", lambda: "linux")
    monkeypatch.setattr(opener.shutil, "which", lambda name: None)
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await open_observation(pilot)
        await pilot.press("o")
        await pilot.pause()
        # A notification's lines each start with its bar: read it as one sentence.
        text = " ".join(screen_text(app).replace("\u258c", " ").split())
        assert "xdg-open was not found). The file is at" in text
        # The private copy's path is wrapped where the notification ends a line.
        assert "SALT-report-2025.pdf:openitfromyourfilemanager." in "".join(text.split())


async def test_s_saves_a_copy_where_the_parent_says_and_asks_again_if_it_exists(
    book, tmp_path, monkeypatch
):
    attach_report(book, tmp_path)
    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_observation(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SaveCopyDialog)
        assert app.screen.query_one("#save-copy-path").value == "~/Downloads/"
        await pilot.press("enter")
        await settle(pilot)
        saved = home / "Downloads" / "SALT report (2025).pdf"
        assert saved.read_bytes() == REPORT
        assert isinstance(app.screen, EntryScreen)
        await pilot.press("s", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SaveCopyDialog)
        assert "already exists" in " ".join(screen_text(app).split())
        await type_text(pilot, "copy.pdf", "end")
        await pilot.press("enter")
        await settle(pilot)
        assert (home / "Downloads" / "copy.pdf").read_bytes() == REPORT


def test_a_path_is_completed_from_the_only_name_that_fits(tmp_path):
    (tmp_path / "Letters").mkdir()
    (tmp_path / "Letters" / "from school.pdf").write_bytes(b"x")
    (tmp_path / "Reports").mkdir()
    assert completion(str(tmp_path / "Let")) == str(tmp_path / "Letters") + os.sep
    assert completion(str(tmp_path / "Letters" / "f")) == str(
        tmp_path / "Letters" / "from school.pdf"
    )
    assert completion(str(tmp_path / "Nothing")) is None


async def test_files_are_chosen_in_a_tree_from_home_narrowed_by_typing_several_at_once(
    book, path, tmp_path, monkeypatch
):
    home = tmp_path / "home"
    (home / "Letters").mkdir(parents=True)
    (home / "Letters" / "school letter.pdf").write_bytes(b"letter")
    (home / "Letters" / "school report.pdf").write_bytes(b"report")
    (home / "Letters" / "holiday.jpg").write_bytes(b"photo")
    monkeypatch.setenv("HOME", str(home))
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_observation(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AttachmentsScreen)
        # The picker and the tree's loader wait for the parent: no settling from here.
        # From the path box past what it is and "Attach file" to "Choose files…".
        await pilot.press("tab", "tab", "tab", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, FilePicker))
        tree = app.screen.files_tree
        assert Path(tree.path) == home
        await pilot.press("ctrl+f")
        await type_text(pilot, "school")
        await pilot.press("enter")  # to the tree
        await wait_for(pilot, lambda: tree.has_focus and len(tree.root.children) == 1)
        await pilot.press("down", "enter")  # open Letters
        await wait_for(pilot, lambda: len(tree.cursor_node.children) == 2)
        names = sorted(child.data.path.name for child in tree.cursor_node.children)
        assert names == ["school letter.pdf", "school report.pdf"]  # the photo is hidden
        await pilot.press("down", "enter", "down", "enter")
        await wait_for(pilot, lambda: "Ticked (2)" in screen_text(app))
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: isinstance(app.screen, AttachmentsScreen))
        await wait_for(pilot, lambda: len(app.screen.query(".file-row")) == 2)
        await pilot.press("escape")
        await settle(pilot)
    with on_disk(path) as reader:
        entry = next(e for e in reader.entries() if e["kind"] == "observation")
        assert sorted(a["filename"] for a in entry["attachments"]) == [
            "school letter.pdf",
            "school report.pdf",
        ]


async def test_tab_goes_from_the_path_to_what_it_is_and_a_space_there_presses_nothing(
    book, path, tmp_path
):
    drawing = tmp_path / "drawing.png"
    drawing.write_bytes(b"not really a picture")
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_observation(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AttachmentsScreen)
        await type_text(pilot, str(drawing))
        await pilot.press("tab")
        await type_text(pilot, "Sammy's drawing of school")
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(app.screen.query(".file-row")) == 1)
        assert isinstance(app.screen, AttachmentsScreen)  # no chooser opened
        assert app.focused is app.screen.query_one(".attach-path")  # ready for the next file
        await pilot.press("escape")
        await settle(pilot)
    with on_disk(path) as reader:
        entry = next(e for e in reader.entries() if e["kind"] == "observation")
        [attached] = entry["attachments"]
        assert attached["filename"] == "drawing.png"
        assert attached["description"] == "Sammy's drawing of school"


async def test_an_exported_bundle_opens_with_the_computer_s_program(book, tmp_path, launched):
    app = SenWorkbookApp(book, today=TODAY)
    out = tmp_path / "bundle.zip"
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_amara(pilot, "4")
        timeline = app.screen.query_one("#timeline-out")
        timeline.value = str(out)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_for(pilot, lambda: out.exists())
        await settle(pilot)
        assert "Open the bundle" in screen_text(app)
        await pilot.press("ctrl+o")
        await pilot.pause()
    assert launched == [["/usr/bin/xdg-open", str(out)]]


@pytest.mark.parametrize("name", ["CON.txt", "nul", "com1.pdf", "Lpt9.doc"])
def test_a_private_copy_never_takes_a_windows_device_name(tmp_path, name):
    copy = opener.private_copy(b"report", name, folder=tmp_path)
    assert copy.read_bytes() == b"report"
    assert copy.name.startswith("_")
    assert copy.suffix == Path(name).suffix
