"""The app's "Import emails" and calendar actions, through real key presses."""

from __future__ import annotations

import mailbox
from datetime import date
from pathlib import Path

import icalendar
import pytest
from textual.widgets import Input, SelectionList

from sen_workbook import model
from sen_workbook.tui.app import SenWorkbookApp
from sen_workbook.tui.screens.intake import CalendarScreen, MailImportScreen
from sen_workbook.workbook import Workbook
from tests.test_mail import ME, parent_letter_html, school_reply
from tests.tui.conftest import palette_choice, screen_text, type_text, wait_for

SIZE = (110, 34)
TODAY = date(2026, 11, 30)


@pytest.fixture
def book(tmp_path: Path):
    child = model.new_child(name="Amara Okafor", preferred_name="Mara")
    request = model.new_entry(
        "request", child["id"], date="2026-11-02", title="EHCNA request", request_type="ehcna"
    )
    with Workbook(tmp_path / "book" / "w.json") as workbook:
        workbook.load_sample([child], [request], {})
        yield workbook


@pytest.fixture
def mbox(tmp_path: Path) -> Path:
    path = tmp_path / "school.mbox"
    box = mailbox.mbox(path)
    box.add(school_reply())
    box.add(parent_letter_html())
    box.flush()
    box.close()
    return path


async def open_amara(pilot) -> None:
    await wait_for(pilot, lambda: "Amara" in screen_text(pilot.app))
    await pilot.press("enter")
    await wait_for(
        pilot, lambda: "Overview" in screen_text(pilot.app) and pilot.app.screen.records is not None
    )


async def test_import_emails_lists_the_messages_to_tick_and_imports_the_ticked(book, mbox):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_amara(pilot)
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, MailImportScreen))
        await type_text(pilot, str(mbox))
        await pilot.press("tab", *ME, "enter")
        listing = app.screen.query_one("#mail-list", SelectionList)
        await wait_for(pilot, lambda: listing.option_count == 2)
        text = screen_text(app)
        assert "2 new emails in school.mbox, all ticked" in text
        assert "received  from Mrs Patel <senco@riverside.sch.uk>: Re: Amara's" in text
        assert "sent      to SEND team <send@council.gov.uk>: EHC needs" in text
        assert app.screen.focused is listing
        await pilot.press("down", "space")  # untick the second: the parent's own request
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, MailImportScreen))
        await wait_for(pilot, lambda: "Imported 1 email." in screen_text(app))
    with Workbook(book.path, read_only=True) as saved:
        letters = [e for e in saved.entries() if e["kind"] == "correspondence"]
    assert [e["title"] for e in letters] == ["Re: Amara's timetable – next steps"]
    assert [a["filename"] for a in letters[0]["attachments"]] == ["timetable.pdf", "photo.png"]


async def test_import_emails_is_in_the_palette_and_says_a_bad_file_in_a_sentence(book, tmp_path):
    not_mail = tmp_path / "notes.mbox"
    not_mail.write_text("Dear diary\n")
    before = book.path.read_bytes()
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_amara(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "import emails")
        await wait_for(pilot, lambda: palette_choice(app).startswith("Import emails"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MailImportScreen))
        app.screen.query_one("#mail-path", Input).value = str(not_mail)
        app.screen.query_one("#mail-path", Input).focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: "is not an mbox file" in screen_text(app))
        status = app.screen.query_one("#mail-status")
        assert str(status.render()) == (
            "notes.mbox is not an mbox file: it should begin with a line starting 'From '; "
            "nothing was imported."
        )
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, MailImportScreen))
    assert book.path.read_bytes() == before


async def test_the_calendar_action_writes_the_upcoming_dates(book, tmp_path):
    out = tmp_path / "mara.ics"
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_amara(pilot)
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CalendarScreen))
        field = app.screen.query_one("#calendar-path", Input)
        assert field.value.endswith("mara-sen-dates.ics")
        await type_text(pilot, str(out), "ctrl+u")
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, CalendarScreen))
        # The 6-week decision and, with no decision yet, the one overall 20-week limit.
        await wait_for(pilot, lambda: "Wrote 2 dates to" in screen_text(app))
    events = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events][0] == (
        "Due: Decision whether to carry out an EHC needs assessment (Mara)"
    )
