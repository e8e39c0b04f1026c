"""One entry in full: every field, its attachments, and its history of edits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sen_workbook import deadlines, model, vocabulary
from sen_workbook.child_facts import area_names, child_label, one_line, provision_text, when
from sen_workbook.tui.screens.base import WorkbookScreen
from sen_workbook.tui.styles import stylesheet
from sen_workbook.tui.widgets.banner import read_only_banner
from sen_workbook.tui.widgets.footer import KeyFooter
from sen_workbook.tui.widgets.header import TitleHeader
from sen_workbook.vocabulary import (
    DIRECTION_LABELS,
    FIELD_LABELS,
    IMPLEMENTED_LABELS,
    RESULT_LABELS,
)
from sen_workbook.workbook import WorkbookError

# Each field's name on this screen, as the form and the timeline name it.
LABELS: dict[str, str] = FIELD_LABELS

# Shown elsewhere on the screen (heading, attachments, history), or bookkeeping.
_NOT_FIELDS = (
    "id",
    "child_id",
    "kind",
    "date",
    "title",
    "created_at",
    "updated_at",
    "revisions",
    "attachments",
)


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _join(*parts: str) -> str:
    return ", ".join(p for p in (one_line(x) for x in parts) if p)


def field_text(
    entry: Mapping[str, Any], name: str, others: Mapping[str, Mapping[str, Any]]
) -> Text:
    """One field of an entry as the parent reads it (user text kept as data)."""
    value = entry.get(name)
    if name == "areas":
        return Text(area_names(value or []))
    if name == "plan_id":
        plan = others.get(str(value))
        return Text(str(plan.get("title", "")) if plan else str(value or ""))
    if name == "links":
        titles = [
            f"{str(others[i].get('date', ''))[:10]} {one_line(others[i].get('title', ''))}"
            if i in others
            else f"(not in the workbook: {i})"
            for i in value or []
        ]
        return Text("\n".join(titles))
    if name == "incident_type":
        return Text(vocabulary.INCIDENT_LABELS.get(str(value), str(value)))
    if name == "request_type":
        return Text(vocabulary.REQUEST_LABELS.get(str(value), str(value)))
    if name == "asked_for":
        # Nothing asked for is the usual case: shown as nothing, not as words.
        return Text(vocabulary.ASKED_FOR_LABELS.get(str(value), str(value)) if value else "")
    if name == "direction":
        return Text(DIRECTION_LABELS.get(str(value), str(value)))
    if name == "days_lost":
        return Text(_number(value))
    if name == "recommendations":
        return Text("\n".join(_recommendation_line(n, r) for n, r in enumerate(value or [], 1)))
    if name == "targets":
        return Text("\n".join(_target_line(n, t) for n, t in enumerate(value or [], 1)))
    if name == "provision":
        return Text("\n".join(_provision_line(p) for p in value or []))
    if name == "outcomes":
        plan = others.get(str(entry.get("plan_id", "")), {})
        texts = {t.get("id"): t.get("text", "") for t in plan.get("targets", [])}
        return Text("\n".join(_outcome_line(o, texts) for o in value or []))
    if name == "actions":
        return Text("\n".join(_action_line(a) for a in value or []))
    if isinstance(value, list):
        return Text(", ".join(one_line(v) for v in value))
    return Text(str(value if value is not None else ""))


def _recommendation_line(number: int, item: Mapping[str, Any]) -> str:
    implemented = item.get("implemented", "")
    return (
        f"{number}. {one_line(item.get('text', ''))} "
        f"({IMPLEMENTED_LABELS.get(implemented, implemented)})"
    )


def _outcome_line(item: Mapping[str, Any], target_texts: Mapping[Any, str]) -> str:
    target = target_texts.get(item.get("target_id"), item.get("target_id", ""))
    result = item.get("result", "")
    line = f"\u2022 {one_line(target)}: {RESULT_LABELS.get(result, result)}"
    evidence = one_line(item.get("evidence", ""))
    return f"{line} \u2014 {evidence}" if evidence else line


def _action_line(item: Mapping[str, Any]) -> str:
    due = f"due {item['due']}" if item.get("due") else ""
    state = "done" if item.get("done") else "not done"
    return f"\u2022 {one_line(item.get('text', ''))} ({_join(item.get('owner', ''), due, state)})"


def _target_line(number: int, target: Mapping[str, Any]) -> str:
    by = f"by {target['by_date']}" if target.get("by_date") else ""
    extra = _join(area_names([target.get("area", "")]), target.get("success_measure", ""), by)
    text = one_line(target.get("text", ""))
    return f"{number}. {text}" + (f" \u2014 {extra}" if extra else "")


def _provision_line(item: Mapping[str, Any]) -> str:
    what, details = provision_text(item)
    return f"\u2022 {what}" + (f" ({details})" if details else "")


def fields_table(entry: Mapping[str, Any], others: Mapping[str, Mapping[str, Any]]) -> Table:
    """Every field with something in it, label on the left."""
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    kind = entry["kind"]
    for name in model.entry_fields(kind):
        if name in _NOT_FIELDS:
            continue
        shown = field_text(entry, name, others)
        if name == "exception_claimed" and not shown.plain:
            continue
        if shown.plain.strip():
            grid.add_row(LABELS.get(name, name.replace("_", " ").capitalize()), shown)
    return grid


def deadlines_text(found: list[deadlines.Deadline]) -> Text:
    """A request's statutory deadlines: each rule, where it stands in the words the
    timeline and the overview use, why its day is that day, and its source."""
    lines = Text()
    for number, due in enumerate(found):
        if number:
            lines.append("\n")
        lines.append(due.label, style="bold")
        lines.append(f"\n{due.sentence}")
        reason = one_line(due.exception_claimed)
        if due.status == "exception" and reason:
            lines.append(f" Reason given: {reason}")
        if due.note:
            lines.append(f"\n{due.note[0].upper()}{due.note[1:]}.", style="italic")
        lines.append(f"\n{due.source}", style="dim")
    return lines


def attachment_option(number: int, item: Mapping[str, Any], missing: bool = False) -> Text:
    """One attached file as its line in the entry's list of files; a ``missing`` one (not
    in the workbook's files, as after an import of a damaged archive with --skip-damaged)
    is marked so."""
    line = Text(f"{number}. ")
    line.append(str(item.get("filename", "")), style="bold")
    added = str(item.get("added_at", ""))[:16].replace("T", " ")
    line.append(f" ({item.get('size', 0):,} bytes, added {added})")
    if str(item.get("description", "")).strip():
        line.append(" \u2014 " + one_line(item["description"]))
    if missing:
        line.append(
            "\n   Missing from the workbook's files: attach the file again.", style="bold red"
        )
    line.append(f"\n   SHA-256 {item.get('sha256', '')}", style="dim")
    return line


def _short(value: Any, limit: int = 60) -> str:
    if isinstance(value, list):
        text = (
            f"{len(value)} item{'s' if len(value) != 1 else ''}"
            if value and isinstance(value[0], Mapping)
            else ", ".join(map(str, value))
        )
    else:
        text = one_line(value)
    text = text or "(empty)"
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(field label, old, new) for every field that differs between two versions."""
    found = []
    for name in before.keys() | after.keys():
        if name in ("revisions", "updated_at", "created_at"):
            continue
        if before.get(name) != after.get(name):
            found.append(
                (LABELS.get(name, name), _short(before.get(name, "")), _short(after.get(name, "")))
            )
    order = list(LABELS)
    found.sort(key=lambda c: order.index(c[0]) if c[0] in order else len(order))
    return found


def history_text(entry: Mapping[str, Any]) -> RenderableType:
    """Every earlier version: when it was replaced and what changed, newest first."""
    revisions = entry.get("revisions") or []
    created = str(entry.get("created_at", "")).replace("T", " ")
    if not revisions:
        return Text(f"Written on {created}; not edited since.", style="dim")
    versions = [r.get("record", {}) for r in revisions] + [entry]
    lines: list[RenderableType] = []
    for number in range(len(revisions), 0, -1):
        revision = revisions[number - 1]
        replaced = str(revision.get("replaced_at", "")).replace("T", " ")
        line = Text(f"Version {number} replaced on {replaced}", style="bold")
        found = changes(versions[number - 1], versions[number])
        if not found:
            line.append(": nothing a parent would see changed")
        lines.append(line)
        for label, old, new in found:
            change = Text(f"   {label}: ")
            change.append(old, style="strike")
            change.append(" \u2192 ")
            change.append(new)
            lines.append(change)
    lines.append(Text(f"First written on {created}.", style="dim"))
    return Group(*lines)


class EntryScreen(WorkbookScreen):
    """An entry in full, with keys to edit it, delete it (to the trash) or attach a file."""

    CSS_PATH = [stylesheet("entry.tcss")]
    TITLE = "SEN Workbook"
    BINDINGS = [
        Binding("e", "edit", "Edit"),
        Binding("d", "delete", "Delete"),
        Binding("a", "attach", "Attach file"),
        Binding("w", "letter", "Write a letter"),
        Binding("o", "open_file", "Open file"),
        Binding("s", "save_copy", "Save copy"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, entry_id: str) -> None:
        super().__init__()
        self.entry_id = entry_id
        self.entry: model.Entry | None = None

    def compose(self) -> ComposeResult:
        yield TitleHeader()
        yield from read_only_banner(self.book_app.workbook)
        with VerticalScroll(id="entry-body"):
            yield Static("", id="entry-heading", markup=False)
            yield Static("", id="entry-fields", markup=False)
            yield Static("Statutory deadlines", id="entry-deadlines-title", classes="section-title")
            yield Static("", id="entry-deadlines", markup=False)
            yield Static("Attachments", classes="section-title")
            yield Static("", id="entry-attachments", markup=False)
            yield OptionList(id="entry-files")
            yield Static("", id="entry-files-where", markup=False)
            yield Static("History", classes="section-title")
            yield Static("", id="entry-history", markup=False)
        yield KeyFooter(compact=True)

    def reload(self) -> None:
        super().reload()
        book = self.book_app.workbook
        try:
            entry = book.entry(self.entry_id)
        except WorkbookError:
            if self.is_current:
                self.app.pop_screen()
            return
        self.entry = entry
        # Only the entries this one points at, not the whole journal: fast at any size.
        others: dict[str, model.Entry] = {}
        for other_id in [*entry.get("links", []), entry.get("plan_id", "")]:
            if other_id and other_id not in others:
                try:
                    others[other_id] = book.entry(other_id)
                except WorkbookError:
                    pass  # shown as "not in the workbook"
        try:
            self.sub_title = child_label(book.child(entry["child_id"]))
        except WorkbookError:
            self.sub_title = ""
        heading = Text(
            f"{vocabulary.KIND_LABELS[entry['kind']]} \u00b7 {when(entry)}\n", style="bold"
        )
        heading.append(one_line(entry.get("title", "")), style="bold")
        self.query_one("#entry-heading", Static).update(heading)
        self.query_one("#entry-fields", Static).update(fields_table(entry, others))
        found: list[deadlines.Deadline] = []
        if entry["kind"] == "request":
            # A request's deadlines depend on the child's other requests and letters.
            mine = book.stored_entries(entry["child_id"])
            found = [
                d
                for d in deadlines.deadlines(mine, self.book_app.today())
                if d.entry_id == entry["id"]
            ]
        self.query_one("#entry-deadlines-title").display = bool(found)
        shown = self.query_one("#entry-deadlines", Static)
        shown.display = bool(found)
        shown.update(deadlines_text(found))
        self._show_files(entry)
        self.query_one("#entry-history", Static).update(history_text(entry))

    def _show_files(self, entry: Mapping[str, Any]) -> None:
        files = entry.get("attachments") or []
        note = self.query_one("#entry-attachments", Static)
        note.update(
            Text("No files attached. Press a to attach one.", style="dim")
            if not files
            else Text(
                "o opens the highlighted file with your computer's own program; "
                "s saves a copy of it where you choose.",
                style="dim",
            )
        )
        chooser = self.query_one("#entry-files", OptionList)
        keep = chooser.highlighted
        chooser.clear_options()
        book = self.book_app.workbook
        chooser.add_options(
            [
                Option(
                    attachment_option(
                        number, item, not book.attachment_path(item["sha256"]).is_file()
                    ),
                    id=item["sha256"],
                )
                for number, item in enumerate(files, 1)
            ]
        )
        chooser.display = bool(files)
        if files:
            chooser.highlighted = min(keep or 0, len(files) - 1)
        where = self.query_one("#entry-files-where", Static)
        where.display = bool(files)
        where.update(
            Text(
                f"Stored in {self.book_app.workbook.files_folder}, each under its SHA-256 "
                "fingerprint; the name you gave a file is kept in the record.",
                style="dim",
            )
        )
        self.refresh_bindings()

    def highlighted_file(self) -> str | None:
        """The SHA-256 of the file highlighted in the list (the only one, if just one)."""
        chooser = self.query_one("#entry-files", OptionList)
        if not chooser.option_count:
            return None
        index = chooser.highlighted if chooser.highlighted is not None else 0
        return chooser.get_option_at_index(index).id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.changes_hidden(action):
            return False
        if action in ("open_file", "save_copy"):
            return bool(self.entry and self.entry.get("attachments"))
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_file()

    def action_open_file(self) -> None:
        sha256 = self.highlighted_file()
        if sha256:
            self.book_app.open_attachment(self.entry_id, sha256)

    def action_save_copy(self) -> None:
        sha256 = self.highlighted_file()
        if sha256:
            self.book_app.save_attachment_copy(self.entry_id, sha256)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_edit(self) -> None:
        self.book_app.edit_entry(self.entry_id)

    def action_delete(self) -> None:
        self.book_app.delete_entry(self.entry_id)

    def action_attach(self) -> None:
        self.book_app.attach_file(self.entry_id)

    def action_letter(self) -> None:
        """The letter this entry calls for: a meeting's follow-up, a concern in writing,
        a chaser for a request's deadline (see :func:`sen_workbook.letters.letter_for_entry`)."""
        if self.entry is not None:
            from sen_workbook.letters import letter_for_entry

            letter_type, about = letter_for_entry(self.entry)
            self.book_app.write_letter(self.entry["child_id"], letter_type, about)
