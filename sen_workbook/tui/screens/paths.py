"""Choosing files and folders without typing a whole path.

:class:`PathSuggester` completes a path typed in a box (right arrow takes the rest of
the suggestion).  :class:`FilePicker` shows the folders from the home folder in a tree,
narrowed by what is typed above it, and lets the parent choose several files at once.
:class:`SaveCopyDialog` asks where to save a copy of an attached file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, DirectoryTree, Input, Static
from textual.widgets.tree import TreeNode

from sen_workbook.tui.styles import stylesheet
from sen_workbook.tui.widgets.footer import KeyFooter, KeysInFirstFrame
from sen_workbook.tui.widgets.keys import TextBox

# Folders with more entries than this are not searched for completions.
_MOST_ENTRIES = 2000


def completion(typed: str) -> str | None:
    """The path ``typed`` most likely means, when only one name in its folder starts so.

    ``~`` stays as typed; a folder gets a trailing separator, so the next name can be
    completed straight away.  None when nothing, or more than one thing, fits.
    """
    if not typed.strip():
        return None
    expanded = os.path.expanduser(typed)
    folder, _, start = expanded.rpartition(os.sep)
    folder = folder or (os.sep if expanded.startswith(os.sep) else ".")
    try:
        with os.scandir(folder) as found:
            names = []
            for number, item in enumerate(found):
                if number > _MOST_ENTRIES:
                    return None
                if item.name.startswith(start) and (
                    start.startswith(".") or not item.name.startswith(".")
                ):
                    names.append((item.name, item.is_dir()))
    except OSError:
        return None
    if len(names) != 1:
        return None
    name, is_dir = names[0]
    if name == start and not is_dir:
        return None
    return typed[: len(typed) - len(start)] + name + (os.sep if is_dir else "")


class PathSuggester(Suggester):
    """Completes the path being typed from the names in its folder."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return completion(value)


class ChoosingTree(DirectoryTree):
    """Folders and files, narrowed by typed words, with the chosen files ticked."""

    def __init__(self, path: Path, *, id: str | None = None) -> None:
        super().__init__(path, id=id)
        self.words: list[str] = []
        self.chosen: list[Path] = []

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        shown = []
        for path in paths:
            if path.name.startswith("."):
                continue  # hidden files and folders: settings, not documents
            if self.words and not self._safe_is_dir(path):
                name = path.name.casefold()
                if not all(word in name for word in self.words):
                    continue
            shown.append(path)
        return shown

    def render_label(self, node: TreeNode[Any], base_style: Style, style: Style) -> Text:
        label = super().render_label(node, base_style, style)
        entry = node.data
        if entry is not None and entry.path in self.chosen:
            return Text.assemble(("\u2714 ", "bold"), label)
        return label


class FilePicker(KeysInFirstFrame, ModalScreen[list[Path] | None]):
    """Choose one or more files, starting in the home folder.

    Typing narrows the files shown to names holding every word typed; a folder's path
    typed there opens that folder instead.  Enter on a file ticks or unticks it; enter
    on a folder opens it.  Dismisses with the ticked files, or None.
    """

    CSS_PATH = [stylesheet("dialogs.tcss")]
    AUTO_FOCUS = "#picker-tree"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+t", "done", "Attach the ticked files"),
        Binding("ctrl+f", "focus_filter", "Type to narrow"),
    ]

    def __init__(self, start: Path | None = None, *, many: bool = True) -> None:
        super().__init__()
        self.start = start if start is not None and start.is_dir() else Path.home()
        self.many = many

    def compose(self) -> ComposeResult:
        with Vertical(id="file-picker", classes="dialog"):
            yield Static("Choose files to attach", classes="dialog-title")
            yield TextBox(
                placeholder="Type part of a name to narrow, or a folder's path",
                id="picker-filter",
                suggester=PathSuggester(),
                compact=True,
            )
            yield ChoosingTree(self.start, id="picker-tree")
            yield Static("", id="picker-chosen", markup=False)
            yield Static(
                "enter opens a folder or ticks a file \u00b7 ctrl+t or the button attaches "
                "\u00b7 escape cancels",
                classes="dialog-hint",
            )
            with Horizontal(id="picker-buttons"):
                yield Button(
                    "Attach ticked files", id="picker-done", variant="primary", compact=True
                )
                yield Button("Cancel", id="picker-cancel", compact=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show_chosen()

    @property
    def files_tree(self) -> ChoosingTree:
        return self.query_one("#picker-tree", ChoosingTree)

    def _show_chosen(self) -> None:
        chosen = self.files_tree.chosen
        if not chosen:
            text = "No files ticked yet."
        else:
            names = ", ".join(p.name for p in chosen)
            text = f"Ticked ({len(chosen)}): {names}"
        self.query_one("#picker-chosen", Static).update(Content(text))
        self.query_one("#picker-done", Button).disabled = not chosen

    @on(Input.Changed, "#picker-filter")
    def _filter_typed(self, event: Input.Changed) -> None:
        typed = event.value.strip()
        tree = self.files_tree
        folder = Path(os.path.expanduser(typed)) if typed else None
        if folder is not None and (typed.startswith(("~", os.sep)) or os.sep in typed):
            if folder.is_dir() and folder != Path(tree.path):
                tree.words = []
                tree.path = folder
            return
        words = typed.casefold().split()
        if words != tree.words:
            tree.words = words
            tree.reload()

    @on(Input.Submitted, "#picker-filter")
    def _filter_done(self) -> None:
        self.files_tree.focus()

    @on(DirectoryTree.FileSelected, "#picker-tree")
    def _file_chosen(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        tree = self.files_tree
        if event.path in tree.chosen:
            tree.chosen.remove(event.path)
        elif self.many:
            tree.chosen.append(event.path)
        else:
            tree.chosen = [event.path]
        tree.refresh()
        self._show_chosen()

    def action_focus_filter(self) -> None:
        self.query_one("#picker-filter", Input).focus()

    def action_done(self) -> None:
        if self.files_tree.chosen:
            self.dismiss(list(self.files_tree.chosen))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#picker-done")
    def _done_pressed(self) -> None:
        self.action_done()

    @on(Button.Pressed, "#picker-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()


def default_save_folder() -> str:
    """Where a copy is offered to go: the Downloads folder if there is one, else home."""
    downloads = Path.home() / "Downloads"
    return "~/Downloads/" if downloads.is_dir() else "~/"


class SaveCopyDialog(KeysInFirstFrame, ModalScreen[str | None]):
    """Ask where to save a copy of a file: a folder, or a new file's full path."""

    CSS_PATH = [stylesheet("dialogs.tcss")]
    AUTO_FOCUS = "#save-copy-path"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, filename: str, problem: str = "", start: str = "") -> None:
        super().__init__()
        self.filename = filename
        self.problem = problem
        self.start = start or default_save_folder()

    def compose(self) -> ComposeResult:
        with Vertical(id="save-copy", classes="dialog"):
            yield Static(
                Content(f"Save a copy of {self.filename}"), classes="dialog-title", markup=False
            )
            yield Static(
                "A folder (the copy keeps its name) or a new file's path; \u2192 completes a name.",
                classes="dialog-hint",
            )
            yield TextBox(self.start, id="save-copy-path", suggester=PathSuggester())
            problem = Static(Content(self.problem), id="save-copy-problem", markup=False)
            problem.display = bool(self.problem)
            yield problem
            with Horizontal(id="save-copy-buttons"):
                yield Button("Save copy", id="save-copy-save", variant="primary", compact=True)
                yield Button("Cancel", id="save-copy-cancel", compact=True)
        yield KeyFooter()

    @on(Input.Submitted, "#save-copy-path")
    @on(Button.Pressed, "#save-copy-save")
    def _save(self) -> None:
        typed = self.query_one("#save-copy-path", Input).value.strip()
        if typed:
            self.dismiss(typed)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save-copy-cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)
