"""The layers hold in a fresh interpreter: what a module loads is what it needs.

The import contracts (``lint-imports``, configured in ``pyproject.toml``) check the
source; these check what Python really loads, which a lazy or indirect import could
change without a contract noticing.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest


def loaded_after(statement: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``statement``."""
    shown = subprocess.run(
        [sys.executable, "-c", f"{statement}\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(shown.stdout.split())


def test_the_timeline_and_the_core_load_no_textual_and_no_storage():
    # A timeline written by a script, a bundle built on a server: none of it needs the
    # terminal interface, the database library or the storage.
    loaded = loaded_after(
        "import sen_workbook.timeline, sen_workbook.bundle, sen_workbook.analysis, "
        "sen_workbook.deadlines, sen_workbook.markup, sen_workbook.child_facts\n"
        "from sen_workbook.timeline import TimelineOptions"
    )
    assert "sen_workbook.timeline" in loaded
    assert "sen_workbook.child_facts" in loaded
    for outside in ("textual", "rich", "tinydb", "sen_workbook.storage", "sen_workbook.workbook"):
        assert not any(m == outside or m.startswith(outside + ".") for m in loaded), outside


def test_opening_a_question_does_not_load_every_form():
    loaded = loaded_after("from sen_workbook.tui.screens.confirm import ConfirmScreen")
    assert "sen_workbook.tui.screens.confirm" in loaded
    assert "textual" in loaded
    assert "sen_workbook.tui.forms.entry_form" not in loaded
    assert "sen_workbook.tui.forms.child_form" not in loaded


def test_every_refusal_is_caught_by_one_name_and_reads_as_one_sentence(tmp_path):
    # A record that is not valid, a file that cannot be read and a workbook file that
    # is not a workbook: three layers, one name to catch, one sentence each.
    from sen_workbook.errors import FilesError, StorageError, ValidationError, WorkbookError
    from sen_workbook.workbook import Workbook

    refusals = []
    with Workbook(tmp_path / "w.json") as book:
        child = book.add_child({"name": "Amara"})
        try:
            book.add_entry("observation", child["id"], {"date": "2024-02-30", "title": "A"})
        except WorkbookError as error:
            refusals.append(error)
        entry = book.add_entry("observation", child["id"], {"date": "2024-03-01", "title": "A"})
        unreadable = tmp_path / "report.pdf"
        unreadable.write_bytes(b"%PDF")
        unreadable.chmod(0)
        try:
            book.add_attachment(entry["id"], unreadable)
        except WorkbookError as error:
            refusals.append(error)
    (tmp_path / "not.json").write_text("not a workbook")
    try:
        Workbook(tmp_path / "not.json")
    except WorkbookError as error:
        refusals.append(error)

    kinds = [type(error) for error in refusals]
    assert issubclass(kinds[0], ValidationError), kinds
    assert isinstance(refusals[0], ValueError)  # as the checks of values always were
    if len(refusals) == 3:  # root reads a file whatever its mode
        assert issubclass(kinds[1], FilesError), kinds
    assert issubclass(kinds[-1], StorageError), kinds
    for error in refusals:
        sentence = error.sentence
        assert sentence.endswith(".") and "\n" not in sentence and "Traceback" not in sentence
    assert "2024-02-30" in refusals[0].sentence


def test_each_sheet_is_named_by_the_screens_that_use_it_and_read_at_start():
    # The sheets are named only in the screens' CSS_PATH; the app reads the whole folder
    # at start, so no sheet is first read (and the whole app restyled) when a screen opens.
    import importlib
    import pkgutil
    from pathlib import Path

    from textual.screen import Screen

    import sen_workbook.tui
    from sen_workbook.tui.app import SenWorkbookApp
    from sen_workbook.tui.styles import styles_folder

    for module in pkgutil.walk_packages(sen_workbook.tui.__path__, "sen_workbook.tui."):
        importlib.import_module(module.name)
    screens = [s for s in _subclasses(Screen) if s.__module__.startswith("sen_workbook.tui.")]
    assert len(screens) >= 15
    read_at_start = set(SenWorkbookApp.CSS_PATH)
    named = {Path(p).name for screen in screens for p in screen.CSS_PATH or ()}
    for screen in screens:
        assert set(screen.CSS_PATH or ()) <= read_at_start, screen.__name__
    sheets = {path.name for path in styles_folder().glob("*.tcss")}
    assert {Path(p).name for p in read_at_start} == sheets
    assert sheets - named == {"app.tcss"}  # every other sheet belongs to a screen
    assert all(s.__module__.startswith("sen_workbook.tui.screens.") for s in _modal(screens)), [
        s for s in _modal(screens) if not s.__module__.startswith("sen_workbook.tui.screens.")
    ]


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _subclasses(sub)
    return found


def _modal(screens: list[type]) -> list[type]:
    """The modal dialogs among ``screens``, other than the forms (which live in forms/)."""
    from textual.screen import ModalScreen

    from sen_workbook.tui.forms.base import RecordForm

    return [s for s in screens if issubclass(s, ModalScreen) and not issubclass(s, RecordForm)]


def test_a_pseudonym_that_names_the_child_is_a_workbook_refusal_nothing_written(tmp_path):
    # The app's export runs in a worker that catches WorkbookError only: the core's own
    # refusal of the options must reach it as one, in the same sentence.
    from sen_workbook.errors import ValidationError
    from sen_workbook.timeline import TimelineOptions
    from sen_workbook.workbook import Workbook

    with Workbook(tmp_path / "w.json") as book:
        child = book.add_child({"name": "Amara Okafor"})
        book.add_entry("observation", child["id"], {"date": "2024-03-01", "title": "Upset"})
        options = TimelineOptions(as_of=date(2024, 6, 1), pseudonym="Amara")
        for out in ("bundle", "bundle.zip", "bundle.pdf"):
            with pytest.raises(ValidationError) as refused:
                book.export_bundle(child, options, tmp_path / out)
            assert "contains the child's name" in refused.value.sentence
            assert not (tmp_path / out).exists()
        with pytest.raises(ValidationError):
            book.names_inside_exhibits(child, options)


def test_a_path_that_cannot_be_attached_reads_the_same_in_the_form_and_the_workbook(tmp_path):
    # The form asks before the entry is saved, the workbook again when it attaches: one
    # check, one FilesError sentence, and the interface catches the family's name only.
    from sen_workbook.errors import FilesError
    from sen_workbook.tui.forms.values import file_problem
    from sen_workbook.workbook import Workbook

    folder = tmp_path / "reports"
    folder.mkdir()
    refused_paths = {
        tmp_path / "gone.pdf": f"There is no file at {tmp_path / 'gone.pdf'}.",
        folder: f"{folder} is a folder, not a file.",
    }
    with Workbook(tmp_path / "w.json") as book:
        child = book.add_child({"name": "Amara"})
        entry = book.add_entry("observation", child["id"], {"date": "2024-03-01", "title": "A"})
        for path, sentence in refused_paths.items():
            assert file_problem(path) == sentence
            with pytest.raises(FilesError) as refused:
                book.add_attachment(entry["id"], path)
            assert refused.value.sentence == sentence
        assert book.entry(entry["id"])["attachments"] == []
        report = folder / "report.pdf"
        report.write_bytes(b"%PDF-1.4")
        assert file_problem(report) is None
        assert book.add_attachment(entry["id"], report)["filename"] == "report.pdf"
