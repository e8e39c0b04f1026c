"""The SEN Workbook app: children, each child's workspace, entries, the trash and help.

The app holds the open workbook and the few things every screen shares: the day it counts
as "today", the count of changes (so screens reload only when something changed), the last
delete (for undo), and the settings file that remembers the colour theme.  Every change a
parent makes goes through one of the methods below, which say in words why it cannot be
done (read-only, an export running) instead of failing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import ModalScreen, Screen
from textual.theme import Theme

from sen_workbook import model
from sen_workbook.collector import collector_paused
from sen_workbook.settings import (
    LAST_PLACE,
    load_settings,
    parent_name,
    save_settings,
    settings_path,
)
from sen_workbook.tui.commands import WorkbookCommands
from sen_workbook.tui.parsed_styles import KeptStylesheet
from sen_workbook.tui.screens.base import WorkbookScreen
from sen_workbook.tui.screens.child import ChildScreen
from sen_workbook.tui.screens.children import ChildrenScreen
from sen_workbook.tui.styles import every_stylesheet
from sen_workbook.tui.terminal import make_control_characters_harmless
from sen_workbook.tui.widgets.banner import ReadOnlyBanner
from sen_workbook.workbook import Workbook, WorkbookError

if TYPE_CHECKING:  # the letters are loaded when the first one is written
    from sen_workbook.letters import Letter

make_control_characters_harmless()

WATCH_SECONDS = 1.0  # how often a read-only window looks for the other window's saves
# How long after styles were first parsed (a new kind of widget shown) they are written to
# the cache, so that those parsed together are written once.
KEEP_STYLES_AFTER = 0.5  # seconds

T = TypeVar("T")

# The forms, the entry view, help, the kind picker and the trash are imported when first
# opened: the app starts on the children list, and a parent often only reads.

__all__ = ["SenWorkbookApp", "run_app"]


class SenWorkbookApp(App[int]):
    """The journal of each child in one workbook.

    ``today`` fixes the day the app counts from (flags, deadlines, the timeline's
    preparation date); by default it is the real date each time it is asked.
    """

    TITLE = "SEN Workbook"
    # Every screen's stylesheet, read once at start (see every_stylesheet).
    CSS_PATH = every_stylesheet()
    COMMANDS = App.COMMANDS | {WorkbookCommands}
    # A widget maximized from the palette is shown with the footer's keys under it, as
    # Textual shows its own footer (the app's is a widget of its own).
    ALLOW_IN_MAXIMIZED_VIEW = "Footer, KeyFooter"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
        Binding("question_mark", "help", "Help"),
        # Where "?" is typed (a letter, a note) or in a dialog, f1 opens the help; the
        # footer says so.  It has priority to reach past a dialog to the app.
        Binding("f1", "help", "Help", show=False, priority=True),
        Binding("t", "trash", "Trash", show=False),
        Binding("u", "undo_delete", "Undo delete"),
    ]

    def __init__(
        self, workbook: Workbook, *, today: date | None = None, remember_place: bool = True
    ):
        super().__init__()
        # The stylesheets' parsed rules, kept between runs (see parsed_styles).
        self.stylesheet = KeptStylesheet.in_cache_folder(self.get_css_variables())
        self._kept_styles = self.stylesheet.kept
        self._kept_styles.on_added = self._keep_styles_soon
        # Off for the sample workbook: its folder is gone when the app closes.
        self.remember_place = remember_place
        self.workbook = workbook
        self._fixed_today = today
        self.generation = 0
        self.last_deleted: tuple[str, str] | None = None  # (trash id, what was deleted)
        self.exporting = False
        self.settings_file = settings_path()
        self.settings = load_settings(self.settings_file)
        self._open_copies: Path | None = None  # private copies of files opened, removed at exit

    def _keep_styles_soon(self) -> None:
        # Styles parsed now are usually the first of several (a screen's widgets): they
        # are written together, a moment later, once the screen is drawn.
        try:
            self.set_timer(KEEP_STYLES_AFTER, self._kept_styles.save)
        except Exception:  # not running (yet): written when the app closes
            pass

    def _handle_exception(self, error: Exception) -> None:
        """A fault in the program: close with a non-zero exit code and a report that
        shows no record contents (Textual's own report lists every variable's value).

        Textual 8 calls this for every unhandled error; what it does there (the exit
        code, keeping the error for the test harness, closing) is done here the same way.
        """
        from rich.text import Text

        from sen_workbook.tui.crash import CRASH_EXIT_CODE, crash_report

        self._return_code = CRASH_EXIT_CODE
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        self.bell()
        self._exit_renderables.append(Text(crash_report(error)))
        self._close_messages_no_wait()

    # Textual's own handler is a coroutine; this one, run first, needs no awaiting.
    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]
        # The terminal reports its size more than once as the app starts (and tmux again
        # when a window is selected).  Textual keeps each report, even of the size it has,
        # and hands the last to the screen in front when the app is next idle, which then
        # lays itself out and draws itself again, whole, for nothing: the children list
        # three times as it opened, the child's screen once as it appeared.  A report of
        # the size the app already has is dropped unless a change is still on its way.
        # (Textual's own handler, run after this one, is skipped by prevent_default.)
        unchanged = self._size is not None and self._size == event.size
        if unchanged and self._resize_event is None and self._resize_timer is None:
            event.prevent_default()
            event.stop()

    def today(self) -> date:
        """The day the app counts as today: the workbook's (the computer's date unless
        fixed), so what the screens say and what the workbook checks agree."""
        return self._fixed_today or self.workbook.today()

    def get_default_screen(self) -> Screen[Any]:
        # Reopening where the parent left off: the child's screen is the first screen.
        # Pushed over the children list once the app had started, it was drawn inside
        # Textual's start-up batch, thrown away and drawn again (a tenth of a second),
        # over a children list built for nothing.  Escape makes the list then.
        place = self._place_to_reopen() if self.remember_place else None
        if place is not None:
            return ChildScreen(*place)
        return ChildrenScreen()

    def show_children(self) -> None:
        """Back to the children list: the screen underneath, or a new one in the child's
        place when the app opened on a child."""
        if len(self.screen_stack) > 1:
            self.pop_screen()
            return
        # Textual's switch_screen drops the result callback every pushed screen carries,
        # which the first screen (never pushed) lacks: give it the empty one a push gives.
        self.screen._push_result_callback(self.screen, None)
        self.switch_screen(ChildrenScreen())

    def on_mount(self) -> None:
        theme = self.settings.get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.workbook.read_only:
            # Shown read-only because another window has it: follow that window's saves,
            # and offer to take over once it closes.
            self._seen_stamp = self.workbook.file_stamp()
            self._offered_writer = False
            self.set_interval(WATCH_SECONDS, self._watch_other_window)

    # --- a read-only window --------------------------------------------------------------

    def _watch_other_window(self) -> None:
        """Redraw after the other window saved; ask to take over once it has closed."""
        if not self.workbook.read_only:
            return
        stamp = self.workbook.file_stamp()
        if stamp != self._seen_stamp:
            self._seen_stamp = stamp
            self.note_change()
        if not self._offered_writer and self.workbook.writer_free():
            self._offered_writer = True
            self._offer_to_write()

    @work(group="forms")
    async def _offer_to_write(self) -> None:
        from sen_workbook.tui.screens.confirm import ConfirmScreen

        sure = await self.push_screen_wait(
            ConfirmScreen(
                "The other window has closed the workbook. Make changes in this window now?",
                "Yes lets you add and edit here; no keeps this window read-only.",
                yes="Make changes here",
                no="Stay read-only",
            )
        )
        if not sure:
            return
        try:
            became = self.workbook.try_become_writer()
        except WorkbookError as error:
            self._failed(error)
            return
        if not became:
            self._offered_writer = False  # another window was quicker: ask again later
            self.notify(
                "Another window opened the workbook first; this one stays read-only.",
                severity="warning",
            )
            return
        for screen in self.screen_stack:
            for banner in screen.query(ReadOnlyBanner):
                banner.display = False
            screen.refresh_bindings()
        self.note_change()
        self.notify("This window can now make changes.", title="Read-only no more")

    # --- where the parent left off -------------------------------------------------------

    def _place_to_reopen(self) -> tuple[str, str] | None:
        """(child id, tab) the app was left on last time with this workbook, if that
        child is still in it; the children list is one escape away."""
        place = self.settings.get(LAST_PLACE)
        if not isinstance(place, dict) or place.get("workbook") != str(self.workbook.path):
            return None
        child_id, tab = place.get("child"), place.get("tab")
        if not isinstance(child_id, str) or not isinstance(tab, str):
            return None
        try:
            self.workbook.child(child_id)
        except WorkbookError:  # removed since, or the id is not this workbook's
            return None
        return child_id, tab

    def _remember_place(self) -> None:
        """Note the child and tab on screen (or none: the children list) for next time."""
        child = next(
            (screen for screen in reversed(self.screen_stack) if isinstance(screen, ChildScreen)),
            None,
        )
        place = (
            None
            if child is None
            else {
                "workbook": str(self.workbook.path),
                "child": child.child_id,
                "tab": child.active_tab,
            }
        )
        saved = load_settings(self.settings_file).get(LAST_PLACE)
        if saved == place:
            return
        if place is None and (
            not isinstance(saved, dict) or saved.get("workbook") != str(self.workbook.path)
        ):
            return  # another workbook's place, left for it
        try:
            self._remember(LAST_PLACE, place, "Where you were")
        except WorkbookError:
            pass  # a convenience only: the app still closes, and opens on the children list

    def exit(self, *args: Any, **kwargs: Any) -> None:
        try:
            # A read-only window never decides where the app reopens: the window that
            # was writing does.
            if self.remember_place and not self.workbook.read_only:
                self._remember_place()
        except Exception:  # never stand between the parent and closing the app
            pass
        super().exit(*args, **kwargs)

    def _remember(self, key: Literal["theme", "last_place"], value: Any, what: str) -> None:
        """Save one setting (None removes it), keeping what another window of the app
        may have saved since this one started.  A ``FilesError`` saying that ``what``
        will not be remembered if the settings cannot be written."""
        settings = load_settings(self.settings_file)
        if value is None:
            settings.pop(key, None)
        else:
            settings[key] = value
        self.settings = settings
        save_settings(self.settings_file, settings, what)

    def _remember_theme(self, theme: Theme) -> None:
        if self.settings.get("theme") == theme.name:
            return
        try:
            self._remember("theme", theme.name, "The theme")
        except WorkbookError as error:
            self.notify(
                error.sentence,
                severity="warning",
                markup=False,
            )

    # --- changes -------------------------------------------------------------------------

    def can_change(self) -> bool:
        """Whether the workbook may be changed now; if not, say why and return False."""
        if self.workbook.read_only:
            self.notify(
                self.workbook.read_only_reason,
                title="Read-only",
                severity="warning",
                markup=False,
            )
            return False
        if self.exporting:
            self.notify(
                "An evidence bundle is being exported; wait for it to finish.", severity="warning"
            )
            return False
        return True

    def note_change(self) -> None:
        """Something was saved: count it, and redraw the screen on top."""
        self.generation += 1
        current = self.screen
        if isinstance(current, WorkbookScreen):
            current.reload()

    def _failed(self, error: WorkbookError) -> None:
        if isinstance(error, model.ModelError):
            message = " ".join(error.problems)
        else:
            message = error.sentence
        self.notify(message, title="Not done", severity="error", markup=False)

    def _to_change(self, read: Callable[[], T]) -> T | None:
        """What a change starts from, read by ``read``; None, with the reason said, when
        the workbook may not be changed now or the record is no longer there."""
        if not self.can_change():
            return None
        try:
            return read()
        except WorkbookError as error:
            self._failed(error)
            return None

    def _run_change(self, change: Callable[[], T]) -> T | None:
        """Run a workbook change, turning its refusal into a message; None if refused."""
        try:
            result = change()
        except WorkbookError as error:
            self._failed(error)
            return None
        self.note_change()
        return result

    # --- navigation ----------------------------------------------------------------------

    def open_child(self, child_id: str) -> None:
        self.push_screen(ChildScreen(child_id))

    def open_entry(self, entry_id: str) -> None:
        from sen_workbook.tui.screens.entry import EntryScreen

        if isinstance(self.screen, EntryScreen) and self.screen.entry_id == entry_id:
            return
        self.push_screen(EntryScreen(entry_id))

    def action_help(self) -> None:
        from sen_workbook.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(str(self.workbook.path)))

    def action_trash(self) -> None:
        from sen_workbook.tui.screens.trash import TrashScreen

        if not isinstance(self.screen, TrashScreen):
            self.push_screen(TrashScreen())

    # --- children ------------------------------------------------------------------------

    @work(group="forms")
    async def add_child(self) -> None:
        from sen_workbook.tui.forms.child_form import ChildForm

        if not self.can_change():
            return
        saved = await self.push_screen_wait(ChildForm(self.workbook))
        if saved:
            self.note_change()
            self.notify(f"Added {saved.get('name', '')}.", markup=False)

    @work(group="forms")
    async def edit_child(self, child_id: str) -> None:
        from sen_workbook.tui.forms.child_form import ChildForm

        child = self._to_change(lambda: self.workbook.child(child_id))
        if child is None:
            return
        saved = await self.push_screen_wait(ChildForm(self.workbook, child))
        if saved:
            self.note_change()

    @work(group="forms")
    async def remove_child(self, child_id: str) -> None:
        from sen_workbook.tui.screens.confirm import ConfirmScreen

        child = self._to_change(lambda: self.workbook.child(child_id))
        if child is None:
            return
        count = self.workbook.entry_count(child_id)
        sure = await self.push_screen_wait(
            ConfirmScreen(
                f"Remove {child['name']} and their {count} entr{'y' if count == 1 else 'ies'}?",
                "They go to the trash, and can be restored from there (press t).",
            )
        )
        if not sure:
            return
        trash_id = self._run_change(lambda: self.workbook.remove_child(child_id))
        if trash_id:
            self.last_deleted = (trash_id, child["name"])
            self.refresh_bindings()
            self.notify("Moved to the trash. Press u to undo.", title="Removed")

    # --- entries -------------------------------------------------------------------------

    @work(group="forms")
    async def new_entry(
        self,
        child_id: str,
        kind: str | None = None,
        *,
        carry_from_plan: model.Entry | None = None,
        review_of_plan: model.Entry | None = None,
    ) -> None:
        from sen_workbook.tui.forms.entry_form import EntryForm
        from sen_workbook.tui.screens.kind_picker import KindPicker

        if not self.can_change():
            return
        if kind is None:
            kind = await self.push_screen_wait(KindPicker())
            if kind is None:
                return
        saved = await self.push_screen_wait(
            EntryForm(
                self.workbook,
                child_id,
                kind,
                carry_from_plan=carry_from_plan,
                review_of_plan=review_of_plan,
            )
        )
        if saved:
            self.note_change()
            self.notify(f"Saved: {saved.get('title', '')}", markup=False)

    @work(group="forms")
    async def edit_entry(self, entry_id: str) -> None:
        from sen_workbook.tui.forms.entry_form import EntryForm

        entry = self._to_change(lambda: self.workbook.entry(entry_id))
        if entry is None:
            return
        saved = await self.push_screen_wait(
            EntryForm(self.workbook, entry["child_id"], entry["kind"], entry)
        )
        if saved:
            self.note_change()
            self.notify("Saved. The earlier version is kept in the history.")

    @work(group="forms")
    async def delete_entry(self, entry_id: str) -> None:
        """Ask, then move an entry to the trash, leave its screen, and offer undo.

        A single letter must not throw a record away unasked: "d" pressed by mistake
        (a parent who thought they were typing) only asks a question.
        """
        from sen_workbook.tui.screens.confirm import ConfirmScreen
        from sen_workbook.tui.screens.entry import EntryScreen

        entry = self._to_change(lambda: self.workbook.entry(entry_id))
        if entry is None:
            return
        title = entry.get("title", "")
        sure = await self.push_screen_wait(
            ConfirmScreen(
                f"Delete “{' '.join(str(title).split())}”?",
                "It goes to the trash, and can be restored from there (press t), or undone "
                "straight away with u.",
                yes="Delete",
                no="Keep",
            )
        )
        if not sure:
            return
        try:
            trash_id = self.workbook.delete_entry(entry_id)
        except WorkbookError as error:
            self._failed(error)
            return
        self.last_deleted = (trash_id, title)
        if isinstance(self.screen, EntryScreen) and self.screen.entry_id == entry_id:
            self.pop_screen()
        self.note_change()
        self.refresh_bindings()
        self.notify("Deleted. Press u to undo", title="Moved to the trash")

    @work(group="forms")
    async def attach_file(self, entry_id: str) -> None:
        from sen_workbook.tui.screens.attachments import AttachmentsScreen

        files = self._to_change(lambda: AttachmentsScreen(self.workbook, entry_id))
        if files is None:
            return
        changed = await self.push_screen_wait(files)
        if changed:
            self.note_change()
            self.notify("The entry's files are saved.")

    # --- letters -------------------------------------------------------------------------

    @work(group="letters", exclusive=True)  # a second press replaces the first
    async def write_letter(
        self,
        child_id: str,
        letter_type: str | None = None,
        entry_id: str | None = None,
        rule: str = "",
    ) -> None:
        """Open a letter about the child, filled in from the records, in the editor.

        Without a type, the parent chooses one.  A letter the records give nothing to say
        (no missed deadline to chase...) is not opened: the sentence saying so is shown.
        """
        from sen_workbook import letters
        from sen_workbook.tui.screens.letter import LetterPicker, LetterScreen

        if letter_type is None:
            letter_type = await self.push_screen_wait(LetterPicker())
            if letter_type is None:
                return
        try:
            child = self.workbook.child(child_id)
            # Read here, on the app's thread (the one that writes); worked out in a thread,
            # as a long journal's facts take a moment and the keys must keep answering.
            stored = self.workbook.stored_entries(child_id)
            letter = await asyncio.to_thread(
                lambda: letters.write_letter(
                    child,
                    model.copy_record(stored),
                    letter_type,
                    as_of=self.today(),
                    entry_id=entry_id,
                    rule=rule,
                    signed=parent_name(self.settings),
                )
            )
        except letters.NothingToSay as nothing:
            self.notify(str(nothing), title="Nothing to write", severity="warning", markup=False)
            return
        except WorkbookError as error:
            self._failed(error)
            return
        self.push_screen(LetterScreen(child, letter))

    def record_letter(self, letter: Letter, child_id: str, text: str) -> model.Entry | None:
        """Record a letter as sent (see :meth:`Workbook.record_letter`); None if refused."""
        if not self.can_change():
            return None
        return self._run_change(lambda: self.workbook.record_letter(letter, child_id, text))

    # --- files: opening them, saving copies ---------------------------------------------

    def open_path(self, path: Path) -> bool:
        """Open ``path`` with the computer's own program; say why not if it cannot be."""
        from sen_workbook.opener import OpenerError, open_with_system

        try:
            process = open_with_system(path)
        except OpenerError as error:
            self.notify(
                str(error), title="Not opened", severity="warning", markup=False, timeout=12
            )
            return False
        if process is not None:
            self._watch_opener(process, path)
        return True

    @work(thread=True, group="opener", description="the opener")
    def _watch_opener(self, process: Any, path: Path) -> None:
        """Say so when the opener ends at once with an error: nothing was opened."""
        from sen_workbook.opener import opener_refused

        refused = opener_refused(process, path)
        if refused:
            self.call_from_thread(
                self.notify,
                refused,
                title="Not opened",
                severity="warning",
                markup=False,
                timeout=15,
            )

    def open_attachment(self, entry_id: str, sha256: str) -> None:
        """Open an attached file: a private copy, named like the original, goes to the
        computer's own program (the stored file is never handed out to be changed)."""
        from sen_workbook.opener import private_copy

        try:
            record, data = self.workbook.attachment_bytes(entry_id, sha256)
            if self._open_copies is None:
                import tempfile

                self._open_copies = Path(tempfile.mkdtemp(prefix="sen-workbook-"))
            copy = private_copy(data, str(record["filename"]), self._open_copies)
        except WorkbookError as error:
            self._failed(error)
            return
        if self.open_path(copy):
            self.notify(
                f"Opening {record['filename']} (a private copy at {copy}; changes "
                "to it are not saved in the workbook).",
                markup=False,
            )

    @work(group="forms")
    async def save_attachment_copy(self, entry_id: str, sha256: str) -> None:
        """Ask where, then write a copy of an attached file there; ask again on a problem."""
        from sen_workbook.tui.screens.paths import SaveCopyDialog

        try:
            record, _ = self.workbook.attachment_bytes(entry_id, sha256)
        except WorkbookError as error:
            self._failed(error)
            return
        problem, start = "", ""
        while True:
            where = await self.push_screen_wait(
                SaveCopyDialog(str(record["filename"]), problem, start)
            )
            if where is None:
                return
            try:
                written = self.workbook.save_attachment_copy(entry_id, sha256, where)
            except WorkbookError as error:
                problem, start = str(error), where
                continue
            self.notify(f"Saved a copy to {written}", title="Copy saved", markup=False)
            return

    def on_unmount(self) -> None:
        self._remove_open_copies()
        self._kept_styles.save()

    def _remove_open_copies(self) -> None:
        if self._open_copies is not None:
            import shutil

            shutil.rmtree(self._open_copies, ignore_errors=True)
            self._open_copies = None

    # --- the trash -----------------------------------------------------------------------

    def restore(self, trash_id: str) -> model.Child | model.Entry | None:
        if not self.can_change():
            return None
        came_back = self.workbook.restore_meets_record(trash_id)
        record = self._run_change(lambda: self.workbook.restore(trash_id))
        if record is not None:
            if self.last_deleted and self.last_deleted[0] == trash_id:
                self.last_deleted = None
                self.refresh_bindings()
            name = record.get("title") or record.get("name", "")
            if came_back:
                self.notify(
                    f"{name} was already back in the workbook (imported again), so it was "
                    "kept as it is and the restored version added to its history.",
                    title="Restored",
                    markup=False,
                    timeout=10,
                )
            else:
                self.notify(f"Restored {name}.", markup=False)
        return record

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # The palette's own "Theme" would stand beside "Theme: Light", "Theme: Dark" and
        # "Theme: More themes…", which the workbook's commands offer first.
        for command in super().get_system_commands(screen):
            if command.title != "Theme":
                yield command

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Inside a form or a question, a letter pressed on a checkbox or a list must not
        # open the trash or undo a deletion behind it.
        # The palette, itself a modal screen, offers the actions of the screen beneath it.
        screen = self.screen
        if isinstance(screen, CommandPalette) and len(self.screen_stack) > 1:
            screen = self.screen_stack[-2]
        if action in ("undo_delete", "trash") and isinstance(screen, ModalScreen):
            return False
        if action == "undo_delete":
            return self.last_deleted is not None and not self.workbook.read_only
        return True

    def action_undo_delete(self) -> None:
        if self.last_deleted is not None:
            self.restore(self.last_deleted[0])


def run_app(path: Path, *, remember_place: bool = True) -> int:
    """Open the workbook at ``path`` in the app; errors are raised for the command line."""
    # The records are kept for the whole session: set aside from the cycle collector once
    # read, or every full pass of it would go over them all again.
    with collector_paused(freeze=True):
        workbook = Workbook(path)
    app = SenWorkbookApp(workbook, remember_place=remember_place)
    try:
        result = app.run()
    finally:
        workbook.close()
    if app.return_code:  # a crash: non-zero, so scripts and the shell see it
        return app.return_code
    return result or 0
