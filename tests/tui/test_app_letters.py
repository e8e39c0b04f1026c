"""Letters in the app, driven by real key presses against a real workbook file.

The family is Toby's from ``test_letters`` (worked out there), as of 2 June 2025: the
reg 5 decision on his EHC needs assessment request is 49 days late, the lunch club
agreed at the meeting of 21 May is 5 days overdue, and the concern of 6 May waits.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, TextArea

from sen_workbook import analysis
from sen_workbook.tui.app import SenWorkbookApp
from sen_workbook.tui.screens.child import ChildScreen
from sen_workbook.tui.screens.confirm import ConfirmScreen
from sen_workbook.tui.screens.entry import EntryScreen
from sen_workbook.tui.screens.letter import ExportAsk, LetterPicker, LetterScreen
from sen_workbook.tui.widgets.overview import OverviewPane
from sen_workbook.workbook import Workbook
from tests.test_letters import AS_OF, toby
from tests.tui.conftest import screen_text, settle, type_text, wait_for

SIZE = (110, 34)


@pytest.fixture
def book(tmp_path: Path):
    child, entries = toby()
    with Workbook(tmp_path / "book" / "w.json") as workbook:
        workbook.load_sample([child], entries, {})
        yield workbook


@pytest.fixture(autouse=True)
def signed(private_settings: Path) -> None:
    """The parent's name is kept, so these letters are signed (the unsigned letter's
    question is tested on its own below)."""
    from sen_workbook.settings import remember_parent_name

    remember_parent_name(private_settings, "Jo Wrenfield")


async def open_toby(pilot) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ChildScreen)


async def highlight(pilot, wanted) -> None:
    """Press down in the to-do list until ``wanted(item)`` holds for the highlighted item."""
    pane = pilot.app.screen.query_one(OverviewPane)
    todo = pane.query_one("#overview-todo", OptionList)
    for _ in range(todo.option_count + 1):
        option = (
            todo.get_option_at_index(todo.highlighted) if todo.highlighted is not None else None
        )
        item = pane.option_items.get(option.id or "") if option else None
        if item is not None and wanted(item):
            return
        await pilot.press("down")
    raise AssertionError("no such item in the to-do list")


def toasts(app) -> str:
    """The notifications on the screen, their lines joined as one text."""
    from textual.widgets._toast import Toast

    return " ".join(" ".join(str(t.render()).split()) for t in app.screen.query(Toast))


def status(app) -> str:
    return str(app.screen.query_one("#letter-status").render())


def editor(app) -> TextArea:
    return app.screen.query_one("#letter-text", TextArea)


async def test_chase_this_on_a_missed_deadline_opens_the_chaser_to_edit_and_record(book):
    app = SenWorkbookApp(book, today=AS_OF)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_toby(pilot)
        await highlight(pilot, lambda item: getattr(item, "rule", "") == "ehcna_decision")
        assert "w Chase this" in screen_text(app)
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen))
        text = editor(app).text
        assert "it is 49 days late" in text and "reg 5" in text
        assert (
            "ctrl+s records it as sent on 2 June 2025: a letter sent, in the journal, "
            "with a reply due by 2025-06-16" in screen_text(app)
        )
        # The parent edits the letter: a line of their own after the greeting.
        area = editor(app)
        row = area.text.split("\n").index("Dear Sir or Madam,")
        area.move_cursor((row, len("Dear Sir or Madam,")))
        await pilot.press("enter", "enter")
        await type_text(pilot, "Our case officer is Sam.")
        assert "Dear Sir or Madam,\n\nOur case officer is Sam." in editor(app).text
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await settle(pilot)
        assert status(app).startswith("Recorded as sent on 2 June 2025")
    with Workbook(book.path, read_only=True) as reader:
        sent = [e for e in reader.entries() if e["kind"] == "correspondence"]
        assert len(sent) == 1
        assert sent[0]["direction"] == "sent" and sent[0]["reply_due"] == "2025-06-16"
        assert "Our case officer is Sam." in sent[0]["details"]
        assert "it is 49 days late" in sent[0]["details"]
        entries = reader.entries()
    # The overview now waits for the reply: overdue the day after it was due.
    flags = analysis.flags(entries, AS_OF.replace(day=17))
    assert [f.code for f in flags if f.entry_id == sent[0]["id"]] == ["reply_overdue"]


async def test_follow_up_this_meeting_from_its_overdue_action(book):
    app = SenWorkbookApp(book, today=AS_OF)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_toby(pilot)
        await highlight(pilot, lambda item: getattr(item, "code", "") == "action_overdue")
        assert "w Follow up this meeting" in screen_text(app)
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen))
        assert "- Set up a lunch club (by Ms Rahman, due 28 May 2025)" in editor(app).text
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await settle(pilot)
        # Recorded once: the key is gone from the footer.
        assert "Record as sent" not in screen_text(app)
    with Workbook(book.path, read_only=True) as reader:
        meeting = next(e for e in reader.entries() if e["kind"] == "meeting")
        assert meeting["follow_up_sent"] == "2025-06-02"


async def test_the_letters_key_offers_every_type_and_says_when_there_is_nothing_to_write(
    book, tmp_path
):
    child, _ = toby()
    app = SenWorkbookApp(book, today=AS_OF)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_toby(pilot)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterPicker))
        shown = screen_text(app)
        assert "8 Comment on a draft EHC plan" in shown and "1 Request for an EHC needs" in shown
        await pilot.press("8")  # no draft plan in Toby's records
        await settle(pilot)
        assert isinstance(app.screen, ChildScreen)
        assert "There is no draft EHC plan recorded up to 2 June 2025" in toasts(app)
        # The education record request: edit nothing, export it to a text file.
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterPicker))
        await pilot.press("5")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen))
        written = editor(app).text
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportAsk))
        out = tmp_path / "record-request.md"
        app.screen.query_one("#letter-export-path").value = str(out)
        await pilot.press("enter")
        await settle(pilot)
        assert status(app) == f"Saved the letter to {out}"
        assert "15 school days" in out.read_text(encoding="utf-8")
        assert "15 school days" in written
        # Leaving an edited letter asks first.
        await pilot.press("x", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, LetterScreen)


async def test_an_entry_s_letter_key_writes_the_letter_it_calls_for(book):
    app = SenWorkbookApp(book, today=AS_OF)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_toby(pilot)
        await highlight(pilot, lambda item: getattr(item, "code", "") == "concern_unanswered")
        assert "w Write a letter about this: put a concern in writing" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen))
        assert "a concern about Toby: “Not eating lunch”" in editor(app).text


async def test_an_edited_letter_exported_as_markdown_keeps_the_parent_s_text_inert(book, tmp_path):
    from markdown_it import MarkdownIt

    app = SenWorkbookApp(book, today=AS_OF)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_toby(pilot)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterPicker))
        await pilot.press("6")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen))
        area = editor(app)
        area.move_cursor((0, 0))
        await type_text(pilot, "<b>[x](https://e.example)</b>")
        await pilot.press("enter", "enter")
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportAsk))
        out = tmp_path / "sar.md"
        app.screen.query_one("#letter-export-path").value = str(out)
        await pilot.press("enter")
        await settle(pilot)
    tokens = MarkdownIt("commonmark").parse(out.read_text(encoding="utf-8"))
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or ()}
    assert not kinds & {"html_inline", "html_block", "link_open"}
    first = next(t for t in tokens if t.type == "inline")
    # What a reader sees is what the parent typed, character for character.
    assert (
        "".join(c.content for c in first.children if c.type == "text")
        == "<b>[x](https://e.example)</b>"
    )
    assert "bullet_list_open" in kinds  # the list of what to include stays a list


async def test_an_unsigned_letter_says_so_asks_before_export_and_is_signed_once(
    book, tmp_path, private_settings
):
    from sen_workbook.settings import load_settings, save_settings

    save_settings(private_settings, {})  # no name kept yet
    app = SenWorkbookApp(book, today=AS_OF)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_toby(pilot)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterPicker))
        await pilot.press("5")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen))
        assert editor(app).text.endswith("(your name)\n")
        assert status(app).startswith(
            "The letter is signed '(your name)': press ctrl+n to add your name"
        )
        # Exporting asks first; "Not yet" saves nothing and says how to sign.
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await wait_for(pilot, lambda: "The letter is signed '(your name)'" in screen_text(app))
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen))
        assert not list(tmp_path.glob("*.txt"))
        # ctrl+n: the name, once; the letter is signed and the name kept.
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: app.screen.query("#letter-name"))
        await type_text(pilot, "Jo Wrenfield")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen))
        await settle(pilot)
        assert editor(app).text.endswith("Yours faithfully,\n\nJo Wrenfield\n")
        assert load_settings(private_settings)["parent_name"] == "Jo Wrenfield"
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportAsk))
        out = tmp_path / "record-request.txt"
        app.screen.query_one("#letter-export-path").value = str(out)
        await pilot.press("enter")
        await settle(pilot)
    assert out.read_text(encoding="utf-8").endswith("Jo Wrenfield\n")
