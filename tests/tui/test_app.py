"""The app's screens, driven by real key presses against a real workbook file.

Most tests use one hand-made family whose flags and deadlines are worked out by hand
below; a few use the demo family or a long journal for what only shows at scale.
"""

from __future__ import annotations

import io
import json
import re
import threading
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input, Markdown, OptionList, Select, Static

from sen_workbook import demo, model, vocabulary
from sen_workbook.tui.app import SenWorkbookApp
from sen_workbook.tui.forms.child_form import ChildForm
from sen_workbook.tui.forms.entry_form import EntryForm
from sen_workbook.tui.screens.child import ChildScreen
from sen_workbook.tui.screens.children import ChildrenScreen
from sen_workbook.tui.screens.confirm import ConfirmScreen
from sen_workbook.tui.screens.entry import EntryScreen
from sen_workbook.tui.screens.help import HelpScreen
from sen_workbook.tui.screens.kind_picker import KindPicker
from sen_workbook.tui.screens.trash import TrashScreen
from sen_workbook.tui.widgets.journal import PAGE_SIZE, JournalPane
from sen_workbook.tui.widgets.timeline import paginate_markdown
from sen_workbook.workbook import Workbook
from tests.tui.conftest import (
    long_journal,
    palette_choice,
    screen_text,
    settle,
    type_into,
    type_text,
    wait_for,
)

TODAY = date(2025, 6, 1)
SIZE = (100, 30)


def family() -> tuple[list[dict], list[dict]]:
    """Amara, with two flags and one missed deadline as of 1 June 2025; Ben, with nothing.

    - the concern of 2 May has no response: waited 30 days;
    - the plan's review was due 1 April and no review is recorded: 61 days overdue;
    - the EHC needs assessment request of 3 March has no decision: due 6 weeks later,
      14 April, so missed; with no decision recorded, one overall limit of 20 weeks
      (21 July) is to come, and the 16-week notice waits on the decision.
    So Amara needs attention 2 + 1 = 3 times.
    """
    amara = model.new_child(
        name="Amara Okafor",
        preferred_name="Mara",
        status="sen_support",
        setting="Riverside Primary",
        year_group="Year 4",
        areas=["communication_interaction", "semh"],
    )
    ben = model.new_child(name="Ben Carter", status="ehc_plan")
    cid = amara["id"]
    entries = [
        model.new_entry(
            "plan",
            cid,
            date="2025-01-06",
            title="Spring plan",
            start_date="2025-01-06",
            review_date="2025-04-01",
            areas=["communication_interaction"],
            targets=[{"id": "t-greet", "text": "Greets an adult at the door", "area": "semh"}],
            provision=[{"what": "Speech and language group", "who": "TA", "frequency": "weekly"}],
        ),
        model.new_entry(
            "meeting",
            cid,
            date="2025-02-10 15:30",
            title="Meeting with the SENCo",
            areas=["communication_interaction", "semh"],
        ),
        model.new_entry(
            "correspondence",
            cid,
            date="2025-02-12",
            title="Email confirming the meeting",
            direction="sent",
        ),
        model.new_entry(
            "request",
            cid,
            date="2025-03-03",
            title="EHC needs assessment request",
            request_type="ehcna",
            sent_to="Local authority SEND team",
        ),
        model.new_entry(
            "observation",
            cid,
            date="2025-04-10",
            title="Trampoline park meltdown",
            details="Too loud at the trampoline park; covered her ears.",
            areas=["semh"],
        ),
        model.new_entry(
            "concern",
            cid,
            date="2025-05-02",
            title="Not speaking in class",
            raised_with="Class teacher",
            areas=["communication_interaction"],
        ),
    ]
    return [amara, ben], entries


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "book" / "w.json"


@pytest.fixture
def book(path: Path):
    children, entries = family()
    with Workbook(path) as workbook:
        workbook.load_sample(children, entries, {})
        yield workbook


def on_disk(path: Path) -> Workbook:
    return Workbook(path, read_only=True)


async def open_amara(pilot, tab: str = "") -> None:
    await settle(pilot)
    await pilot.press("enter")  # Amara is first, by name
    await settle(pilot)
    if tab:
        await pilot.press(tab)
        await settle(pilot)


def journal(app: App) -> JournalPane:
    return app.screen.query_one(JournalPane)


def status(app: App) -> str:
    return str(app.screen.query_one("#journal-status", Static).render())


def first_title(app: App) -> str:
    table = journal(app).table
    return table.get_row_at(0)[2].plain


# --- children ----------------------------------------------------------------------------


async def test_children_list_shows_stage_next_review_and_attention(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        text = screen_text(app)
    amara = next(line for line in text.splitlines() if "Amara Okafor (Mara)" in line)
    ben = next(line for line in text.splitlines() if "Ben Carter" in line)
    # Her details say SEN Support; her records hold an assessment request since.
    assert "Assessment requested" in amara and "overdue by 61 days" in amara
    # Two flags and two open deadlines, one of them missed (the Overview's own words).
    assert amara.split()[-4:-1] == ["4", "(1", "missed)"]
    assert "EHC plan" in ben and "no plan yet" in ben and "nothing" in ben


async def test_facts_left_unfinished_when_a_child_opens_at_once_are_finished_on_return(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # before the to-do counts are worked out
        await settle(pilot)
        assert isinstance(app.screen, ChildScreen)
        await pilot.press("escape")
        await settle(pilot)
        amara = next(line for line in screen_text(app).splitlines() if "Amara Okafor" in line)
        assert amara.split()[-4:-1] == ["4", "(1", "missed)"]


async def test_records_arriving_as_the_loading_cover_is_due_are_not_covered(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_amara(pilot)
        # The "loading" timer going off just after the records were shown must not
        # cover them for good.
        app.screen._show_loading()
        await pilot.pause()
        assert not any(pane.loading for pane in app.screen.query("#overview-pane, #journal-pane"))
        assert "Decision whether to carry out an EHC needs assessment" in screen_text(app)


async def test_the_app_reopens_on_the_child_and_tab_it_was_closed_on(book, private_settings):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_amara(pilot, "2")
        await pilot.press("ctrl+q")
    assert json.loads(private_settings.read_text())["last_place"]["tab"] == "journal"

    again = SenWorkbookApp(book, today=TODAY)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, ChildScreen)
        text = screen_text(again)
        assert "Amara Okafor (Mara)" in text and "6 of 6 entries" in text
        assert "Not speaking in class" in text
        await pilot.press("1")  # the other tabs are there too, with the records
        await settle(pilot)
        assert (
            "Needs attention, 4 to do: 1 missed deadline, 2 overdue replies or actions, 1 other"
            in screen_text(again)
        )
        await pilot.press("escape")  # the children list is one escape away
        await settle(pilot)
        amara = next(line for line in screen_text(again).splitlines() if "Amara Okafor" in line)
        assert amara.split()[-4:-1] == ["4", "(1", "missed)"] and "Ben Carter" in screen_text(again)
        # From that list a child opens and escape comes back to it, as on any day.
        await open_amara(pilot, "2")
        assert "6 of 6 entries" in screen_text(again)
        await pilot.press("escape")
        await settle(pilot)
        assert "Ben Carter" in screen_text(again) and "6 of 6 entries" not in screen_text(again)
        await pilot.press("ctrl+q")  # closed on the list: opens on the list next time
    assert "last_place" not in json.loads(private_settings.read_text())
    third = SenWorkbookApp(book, today=TODAY)
    async with third.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not isinstance(third.screen, ChildScreen) and "Ben Carter" in screen_text(third)


async def test_a_remembered_child_no_longer_there_opens_the_children_list(
    book, path, private_settings
):
    amara = next(c for c in book.children() if c["name"] == "Amara Okafor")
    private_settings.parent.mkdir(parents=True)
    for workbook, child in ((str(path), "not-a-child"), ("/elsewhere/w.json", amara["id"])):
        private_settings.write_text(
            json.dumps({"last_place": {"workbook": workbook, "child": child, "tab": "journal"}})
        )
        app = SenWorkbookApp(book, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert not isinstance(app.screen, ChildScreen)
            assert "Ben Carter" in screen_text(app)
    book.remove_child(amara["id"])  # to the trash: not reopened either
    private_settings.write_text(
        json.dumps({"last_place": {"workbook": str(path), "child": amara["id"], "tab": "journal"}})
    )
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, ChildScreen)


async def test_the_sample_workbook_leaves_no_place_to_reopen(book, private_settings):
    app = SenWorkbookApp(book, today=TODAY, remember_place=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_amara(pilot, "2")
        await pilot.press("ctrl+q")
    assert not private_settings.exists()


async def test_closing_keeps_what_another_window_saved_and_another_workbook_s_place(
    book, path, private_settings
):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_amara(pilot, "2")
        # Meanwhile another window of the app chose a theme, and remembered its own place.
        private_settings.parent.mkdir(parents=True, exist_ok=True)
        private_settings.write_text(
            json.dumps(
                {
                    "theme": "textual-light",
                    "last_place": {
                        "workbook": "/elsewhere/w.json",
                        "child": "c",
                        "tab": "overview",
                    },
                }
            )
        )
        await pilot.press("ctrl+q")
    saved = json.loads(private_settings.read_text())
    assert saved["theme"] == "textual-light"
    assert saved["last_place"]["workbook"] == str(path)
    private_settings.write_text(
        json.dumps(
            {"last_place": {"workbook": "/elsewhere/w.json", "child": "c", "tab": "overview"}}
        )
    )
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")  # closed on the list: the other workbook's place stays
    assert json.loads(private_settings.read_text())["last_place"]["workbook"] == "/elsewhere/w.json"


async def test_records_arriving_while_a_tab_is_first_built_are_shown_in_it(
    book, path, private_settings, monkeypatch
):
    # The records are held back until the tab's pane is being built, and then arrive while
    # it is mounted (the pane is slow to make), as they can on a long journal.
    from sen_workbook.tui.screens import child as child_screen
    from sen_workbook.tui.widgets.overview import OverviewPane

    ready = threading.Event()
    build = child_screen.ChildFacts.build
    monkeypatch.setattr(
        child_screen.ChildFacts,
        "build",
        staticmethod(lambda *a, **k: (ready.wait(10), build(*a, **k))[1]),
    )
    make = OverviewPane.__init__

    def slow_make(self, *args, **kwargs):
        make(self, *args, **kwargs)
        ready.set()
        time.sleep(0.3)  # the records are handed over now, and shown as the pane mounts

    monkeypatch.setattr(OverviewPane, "__init__", slow_make)
    amara = next(c for c in book.children() if c["name"] == "Amara Okafor")
    private_settings.parent.mkdir(parents=True)
    private_settings.write_text(
        json.dumps({"last_place": {"workbook": str(path), "child": amara["id"], "tab": "journal"}})
    )
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.05)
        await pilot.press("1")
        await pilot.pause(0.5)
        await settle(pilot)
        assert (
            "Needs attention, 4 to do: 1 missed deadline, 2 overdue replies or actions, 1 other"
            in screen_text(app)
        )
        assert "Decision whether to carry out an EHC needs assessment" in screen_text(app)


async def test_an_empty_workbook_says_what_to_do_first_and_a_adds_a_child(path):
    with Workbook(path) as empty:
        app = SenWorkbookApp(empty, today=TODAY)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await settle(pilot)
            text = screen_text(app)
            assert "no children yet" in text and "Press a to add your first child" in text
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, ChildForm)
            await type_into(pilot, "#name", "Zara Ahmed")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert "Zara Ahmed" in screen_text(app)
    with on_disk(path) as reader:
        assert [c["name"] for c in reader.children()] == ["Zara Ahmed"]


async def test_removing_a_child_asks_then_moves_them_to_the_trash_and_u_undoes_it(book, path):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert "Amara" not in screen_text(app)
        with on_disk(path) as reader:
            assert [c["name"] for c in reader.children()] == ["Ben Carter"]
            assert reader.entries() == []
            assert [t["type"] for t in reader.trash()] == ["child"]
        await pilot.press("u")
        await settle(pilot)
        assert "Amara Okafor (Mara)" in screen_text(app)
    with on_disk(path) as reader:
        assert len(reader.entries()) == 6 and reader.trash() == []


# --- overview ----------------------------------------------------------------------------


async def test_overview_flags_open_their_entries_and_r_and_n_open_the_forms(book, path):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_amara(pilot)
        text = screen_text(app)
        assert (
            "Needs attention, 4 to do: 1 missed deadline, 2 overdue replies or actions, 1 other"
            in text
        )
        assert "Review overdue · 61 days overdue" in text
        assert "Concern with no response · waited 30 days" in text
        assert "Decision whether to carry out an EHC needs assessment · due 2025-04-14" in text
        assert "Cycle 1: Spring plan" in text and "OVERDUE by 61 days" in text
        # The missed deadline first, then the longest overdue: the review (61 days late),
        # then the concern (30 days).
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        assert "EHC needs assessment request" in screen_text(app)
        await pilot.press("escape", "down", "enter")
        await settle(pilot)
        assert "SEN Support plan · 2025-01-06" in screen_text(app)
        await pilot.press("escape", "down", "enter")
        await settle(pilot)
        assert "Concern · 2025-05-02" in screen_text(app)
        assert "Not speaking in class" in screen_text(app)
        # r on the overview reviews the latest plan, in the review form.
        await pilot.press("escape", "r")
        await pilot.pause()
        assert isinstance(app.screen, EntryForm) and app.screen.kind == "review"
        assert app.screen.query_one("#title", Input).value == "Review of Spring plan"
        # n asks which kind, then opens that form; the saved entry is in the journal.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChildScreen)
        await pilot.press("2", "n")
        await pilot.pause()
        assert isinstance(app.screen, KindPicker)
        assert "Letter, email or call" in screen_text(app)
        await pilot.press("8")  # Observation at home
        await pilot.pause()
        assert isinstance(app.screen, EntryForm) and app.screen.kind == "observation"
        await type_into(pilot, "#title", "Calm day")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert status(app).startswith("7 of 7 entries")
        assert first_title(app) == "Calm day"  # dated today by the form, so newest
    with on_disk(path) as reader:
        assert "Calm day" in {e["title"] for e in reader.entries()}


async def test_overview_says_where_each_deadline_stands_in_the_timeline_s_words(path):
    """Sam's case as of 1 June 2025, worked by hand:

    - assessment refused on 10 February 2025: the appeal window ran to 10 April, but
      mediation was asked for on Wednesday 5 March and no certificate is recorded (it was
      due 3 working days later, Monday 10 March), so the window is still open;
    - the mediation adviser's certificate is 83 days late (10 March to 1 June);
    - a subject access request of 1 May: the school asked for proof of identity on 6 May,
      not yet sent, so the clock is stopped.
    """
    from sen_workbook import deadlines

    sam = model.new_child(name="Sam Green")
    cid = sam["id"]
    refusal = model.new_entry(
        "request",
        cid,
        date="2025-01-06",
        title="Assessment request",
        request_type="ehcna",
        outcome="Refused to assess",
        outcome_date="2025-02-10",
    )
    entries = [
        refusal,
        model.new_entry(
            "request",
            cid,
            date="2025-03-05",
            title="Mediation adviser called",
            request_type="mediation",
            links=[refusal["id"]],
        ),
        model.new_entry(
            "request",
            cid,
            date="2025-05-01",
            title="Subject access to school",
            request_type="subject_access",
            asked_for="id",
            asked_for_date="2025-05-06",
        ),
    ]
    with Workbook(path) as book:
        book.load_sample([sam], entries, {})
        app = SenWorkbookApp(book, today=TODAY)
        async with app.run_test(size=(190, 50)) as pilot:
            await open_amara(pilot)
            text = screen_text(app)
            assert (
                "Needs attention, 3 to do: 1 missed deadline, 1 due within 7 days, 1 other" in text
            )
            expected = [
                d.sentence for d in deadlines.deadlines(entries, TODAY) if d.status != "met"
            ]
            assert expected == [
                "Missed: due by 2025-03-10; nothing recorded by 2025-06-01, 83 days late.",
                "Open until 1 month after the mediation certificate; the certificate itself "
                "was due on 2025-03-10. The window does not close before 2025-04-10.",
                "The clock is stopped: the organisation asked for proof of identity on "
                "2025-05-06; 1 calendar month starts again when it receives it.",
            ]
            for words in expected:
                assert words in text
            assert "Passed" not in text
            # Second, due within 7 days, is the subject access request: its entry shows
            # what was asked for and the same words.
            await pilot.press("down", "enter")
            await settle(pilot)
            assert isinstance(app.screen, EntryScreen)
            text = screen_text(app)
            labels = vocabulary.FIELD_LABELS
            assert re.search(rf"{labels['asked_for']} +Proof of identity", text)
            assert re.search(rf"{labels['asked_for_date']} +2025-05-06", text)
            assert "Reply to a subject access request" in text
            assert expected[-1] in text


async def test_the_first_group_heading_shows_above_the_first_to_do_item_however_it_got_there(
    tmp_path: Path,
):
    """At 80x24 the demo's first to-do item is as tall as the list.  The heading above it
    shows when the overview opens, and again after moving down the list and back up; which
    of the two the list showed once depended on the order it was sized and highlighted in."""
    sample = demo.generate(size=120, seed=7)
    with Workbook(tmp_path / "w.json") as book:
        book.load_sample(sample.children, sample.entries, sample.files)
        app = SenWorkbookApp(book, today=date(2026, 7, 20))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            await wait_for(pilot, lambda: app.screen.query("#overview-todo"))
            todo = app.screen.query_one("#overview-todo", OptionList)
            await wait_for(pilot, lambda: todo.highlighted == 1)
            heading = str(todo.get_option_at_index(0).prompt)
            assert heading.startswith("Missed statutory deadlines")
            await wait_for(pilot, lambda: heading in screen_text(app))
            todo.focus()
            await pilot.press(*["down"] * 4)
            await wait_for(pilot, lambda: heading not in screen_text(app))
            await pilot.press(*["up"] * 4)
            await wait_for(pilot, lambda: todo.highlighted == 1)
            await pilot.pause()
            assert heading in screen_text(app)


# --- journal -----------------------------------------------------------------------------


async def test_journal_filters_by_kind_and_area_searches_as_you_type_and_sorts(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_amara(pilot, "2")
        assert status(app).startswith("6 of 6 entries · newest first")
        assert first_title(app) == "Not speaking in class"  # 2 May, the newest
        await pilot.press("o")
        await pilot.pause()
        assert first_title(app) == "Spring plan"  # 6 January, the oldest
        assert "oldest first" in status(app)

        kind = app.screen.query_one("#journal-kind", Select)
        kind.focus()
        await pilot.press("enter")  # open the list of kinds, in the model's order
        await pilot.pause()
        await pilot.press(*["down"] * 8, "enter")
        await settle(pilot)
        assert kind.value == "observation"
        assert journal(app).table.row_count == 1
        assert first_title(app) == "Trampoline park meltdown"
        assert status(app).startswith("1 of 6 entries")
        kind.clear()
        app.screen.query_one("#journal-area", Select).value = "semh"
        await settle(pilot)
        titles = {journal(app).table.get_row_at(i)[2].plain for i in range(2)}
        assert journal(app).table.row_count == 2
        assert titles == {"Trampoline park meltdown", "Meeting with the SENCo"}
        app.screen.query_one("#journal-area", Select).clear()

        await pilot.press("slash", "m", "e", "e")
        # "mee": the meeting, and the email confirming it (once typing pauses)
        await wait_for(pilot, lambda: journal(app).table.row_count == 2)
        journal(app).table.move_cursor(row=1)
        await pilot.press("t")
        # "meet" finds the same two: the table is left as it was, the place kept
        await wait_for(pilot, lambda: "matching \u201cmeet\u201d" in status(app))
        assert journal(app).table.cursor_row == 1
        await pilot.press("space", "c", "o", "n")
        await wait_for(pilot, lambda: journal(app).table.row_count == 1)
        assert first_title(app) == "Email confirming the meeting"
        assert status(app).startswith("1 of 6 entries")
        # Words are found anywhere in the text, in any order and case: here, the details.
        await type_into(pilot, "#journal-search", "EARS cov")
        await wait_for(pilot, lambda: first_title(app) == "Trampoline park meltdown")
        await type_into(pilot, "#journal-search", "xyz")
        await wait_for(pilot, lambda: journal(app).table.row_count == 0)
        assert "nothing matches" in status(app)
        assert "0 of 6 entries matching \u201cxyz\u201d" in status(app)  # says what was asked


async def test_a_tab_chosen_while_the_child_loads_stays_chosen(book):
    # Opening a child focuses the overview's to-do list once the records are in; a key
    # pressed meanwhile must win, and the news of that earlier focus must not switch back.
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "2")
        await settle(pilot)
        tabs = app.screen.query_one("#child-tabs")
        for _ in range(5):
            await pilot.pause(0.05)
            assert tabs.active == "journal"
            assert app.focused is journal(app).table
        assert " entries · " in screen_text(app)
        # Focus moved by the program into a hidden tab leaves the shown tab alone.
        app.screen.set_focus(app.screen.query_one("#overview-todo"))
        await pilot.pause(0.1)
        assert tabs.active == "journal"
        await pilot.press("1")
        await settle(pilot)
        assert tabs.active == "overview"
        assert app.focused is app.screen.query_one("#overview-todo")


async def test_a_long_journal_is_shown_a_page_at_a_time(path):
    with long_journal(path, 450) as book:
        app = SenWorkbookApp(book, today=TODAY)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await open_amara(pilot, "2")
            pages = -(-450 // PAGE_SIZE)
            last = 450 - PAGE_SIZE * (pages - 1)  # rows on the last page
            assert journal(app).table.row_count == PAGE_SIZE
            assert "450 of 450 entries" in status(app)
            assert f"rows 1–{PAGE_SIZE}, page 1 of {pages}" in status(app)
            # The table scrolls to its last row (its size is worked out without measuring).
            table = journal(app).table
            assert table.virtual_size.height == PAGE_SIZE + 1  # the rows and the header
            table.focus()
            await pilot.press("ctrl+end")
            await pilot.pause()
            assert f"Note {450 - PAGE_SIZE}" in screen_text(app)
            await pilot.press(*["right_square_bracket"] * (pages - 1))
            await pilot.pause()
            assert journal(app).table.row_count == last
            assert first_title(app) == f"Note {last - 1}"  # newest first: 449 down to 0
            await pilot.press("slash")
            await type_text(pilot, "note 44")
            # both words, anywhere: notes 44, 144, 244, 344 and 440 to 449
            await wait_for(pilot, lambda: journal(app).table.row_count == 14)
            assert "14 of 450 entries" in status(app)


async def test_on_a_narrow_screen_the_status_keeps_the_keys_that_turn_pages(path):
    child = model.new_child(name="Long Journal")
    notes = [
        model.new_entry(
            "observation",
            child["id"],
            title=f"Note {n}",
            date=(date(2023, 1, 1) + timedelta(days=n)).isoformat(),
        )
        for n in range(4500)
    ]
    with Workbook(path) as book:
        book.load_sample([child], notes, {})
        app = SenWorkbookApp(book, today=TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_amara(pilot, "2")
            line = next(row for row in screen_text(app).splitlines() if "entries ·" in row)
            assert line.strip() == (
                "4,500 of 4,500 entries · newest first · page 1 of 45 ([ and ] turn pages)"
            )
            await pilot.resize_terminal(120, 30)
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert "rows 101–200, page 2 of 45 ([ and ] turn pages)" in status(app)


async def test_a_long_to_do_list_is_shown_first_and_filled_in_after(path):
    child = model.new_child(name="Many Concerns")
    concerns = [
        model.new_entry(
            "concern",
            child["id"],
            raised_with="Class teacher",
            date=(date(2024, 1, 1) + timedelta(days=n)).isoformat(),
            title=f"Concern number {n}",
        )
        for n in range(260)
    ]
    with Workbook(path) as book:
        book.load_sample([child], concerns, {})
        app = SenWorkbookApp(book, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await open_amara(pilot)
            todo = app.screen.query_one("#overview-todo")
            assert "Needs attention, 260 to do: 260 overdue replies or actions" in screen_text(app)
            assert "Concern number 0" in screen_text(app)  # the longest wait first, at once
            await wait_for(pilot, lambda: todo.option_count == 261)  # and the group's heading
            assert todo.highlighted == 1
            await pilot.press("end")
            await pilot.pause()
            assert "Concern number 259" in screen_text(app)
            await pilot.press("enter")  # the last item opens the last concern
            await settle(pilot)
            assert isinstance(app.screen, EntryScreen)
            assert "Concern number 259" in screen_text(app)


# --- one entry ---------------------------------------------------------------------------


async def open_trampoline(pilot) -> None:
    await open_amara(pilot, "2")
    await pilot.press("slash")
    await type_text(pilot, "tramp")
    await wait_for(pilot, lambda: journal(pilot.app).table.row_count == 1)
    await pilot.press("escape", "enter")
    await settle(pilot)


async def test_an_entry_shows_its_history_after_an_edit_and_delete_can_be_undone(book, path):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_trampoline(pilot)
        assert isinstance(app.screen, EntryScreen)
        text = screen_text(app)
        assert "Observation at home · 2025-04-10" in text
        assert "Too loud at the trampoline park; covered her ears." in text
        assert "Social, emotional and mental health" in text
        assert "not edited since" in text
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EntryForm)
        await type_into(pilot, "#title", "At the park")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen)
        text = screen_text(app)
        assert "Version 1 replaced on" in text
        assert "Title: Trampoline park meltdown → At the park" in text
        with on_disk(path) as reader:
            edited = next(e for e in reader.entries() if e["kind"] == "observation")
            assert edited["revisions"][0]["record"]["title"] == "Trampoline park meltdown"

        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # a single letter only asks
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ChildScreen)
        assert "Deleted. Press u to undo" in screen_text(app)
        with on_disk(path) as reader:
            assert edited["id"] not in {e["id"] for e in reader.entries()}
            assert [t["record"]["title"] for t in reader.trash()] == ["At the park"]
        await type_into(pilot, "#journal-search", "")
        await pilot.press("escape", "u")
        await settle(pilot)
        assert status(app).startswith("6 of 6 entries")
    with on_disk(path) as reader:
        assert edited["id"] in {e["id"] for e in reader.entries()}
        assert reader.trash() == []


async def test_restore_from_the_trash(book, path):
    gone = next(e for e in book.entries() if e["kind"] == "observation")
    book.delete_entry(gone["id"])
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TrashScreen)
        text = screen_text(app)
        assert "2025-04-10 Trampoline park meltdown" in text and "Amara Okafor (Mara)" in text
        await pilot.press("r")
        await settle(pilot)
        assert "The trash is empty." in screen_text(app)
    with on_disk(path) as reader:
        assert gone["id"] in {e["id"] for e in reader.entries()}


# --- read-only ---------------------------------------------------------------------------


async def test_a_workbook_open_elsewhere_shows_a_banner_and_refuses_changes(book, path):
    with Workbook(path) as second:
        assert second.read_only
        app = SenWorkbookApp(second, today=TODAY)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot)
            # The banner wraps at the screen's edge; read it as one line.
            assert "is open in another window or program" in " ".join(screen_text(app).split())
            await pilot.press("a")
            await pilot.pause()
            assert not isinstance(app.screen, ChildForm)
            assert "Close it there to make changes" in " ".join(screen_text(app).split())
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, ChildScreen)


# --- timeline ----------------------------------------------------------------------------


async def test_timeline_preview_shows_the_title_and_a_pseudonym_hides_the_name(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_amara(pilot, "4")
        heading = " ".join(str(h.render()) for h in app.screen.query("MarkdownH1"))
        assert heading == "Evidence for an EHC needs assessment request: Amara Okafor"
        assert "Preview: Evidence for an EHC" in screen_text(app)
        await type_into(pilot, "#timeline-pseudonym", "Child A")
        markdown = app.screen.query_one("#timeline-preview", Markdown)
        await wait_for(pilot, lambda: "Child A" in (markdown.source or ""))
        preview = markdown.source or ""
        assert "Evidence for an EHC needs assessment request: Child A" in preview
        assert "Amara" not in preview and "Mara" not in preview


async def test_a_pseudonym_of_spaces_is_refused_and_nothing_is_exported(book, tmp_path):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_amara(pilot, "4")
        await type_into(pilot, "#timeline-pseudonym", "   ")
        app.screen.query_one("#timeline-out", Input).value = str(tmp_path / "bundle.zip")
        await pilot.press("ctrl+s")
        await settle(pilot)
        said = str(app.screen.query_one("#timeline-result", Static).render())
        assert said.endswith(  # "Nothing was exported: " before it after ctrl+s
            "The pseudonym is empty; type a name to use instead of the child's, "
            "such as 'Child A', or use none."
        )
    assert not (tmp_path / "bundle.zip").exists()


async def test_a_pseudonymised_export_says_which_exhibits_still_name_the_child(book, tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Mrs Okafor, Amara has settled well.\n")
    amara = next(c for c in book.children() if c["name"].startswith("Amara"))
    request = next(
        e for e in book.entries() if e["child_id"] == amara["id"] and e["kind"] == "request"
    )
    book.add_attachment(request["id"], letter)
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_amara(pilot, "4")
        await type_into(pilot, "#timeline-pseudonym", "Child A")
        app.screen.query_one("#timeline-out", Input).value = str(tmp_path / "bundle.zip")
        await pilot.press("ctrl+s")
        await settle(pilot)
        said = str(app.screen.query_one("#timeline-result", Static).render())
        assert said.startswith(f"Saved the bundle to {tmp_path / 'bundle.zip'}")
        assert (
            "This exhibit still shows the child's name inside the file, which a "
            "pseudonym cannot change: E001 (“Okafor”). Redact it, attach the redacted "
            "copy, and make the bundle again before sending it."
        ) in said


async def test_export_writes_the_bundle_as_a_zip_or_a_folder_and_says_where(book, tmp_path):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_amara(pilot, "4")
        for out in (tmp_path / "bundle.zip", tmp_path / "bundle"):
            # A path is pasted more often than typed; set it, then use the key.
            app.screen.query_one("#timeline-out", Input).value = str(out)
            await pilot.press("ctrl+s")
            await settle(pilot)
            said = str(app.screen.query_one("#timeline-result", Static).render())
            assert said.splitlines()[0] == f"Saved the bundle to {out}"
            assert "The evidence (timeline and exhibits) takes " in said
    with zipfile.ZipFile(tmp_path / "bundle.zip") as archive:
        zipped = {n.split("/", 1)[-1] for n in archive.namelist()}
    folder = {p.name for p in (tmp_path / "bundle").iterdir()}
    for names in (zipped, folder):
        assert {"timeline.md", "timeline.html", "bundle.pdf", "MANIFEST.sha256"} <= names


async def test_an_export_that_ends_after_the_child_s_screen_was_left_still_says_it_was_saved(
    book, tmp_path
):
    """The bundle is written by a thread of its own: the parent may go back to the list
    before it ends.  Its ending then found no timeline to write its sentence under and
    stopped the app; now the app says where the bundle was saved, and goes on."""
    app = SenWorkbookApp(book, today=TODAY)
    out = tmp_path / "bundle.zip"
    # The bundle of a small workbook is written before a key can follow: its writing
    # waits here until the parent is back on the list, then goes on as ever.
    left = threading.Event()
    export_bundle = app.workbook.export_bundle

    def written_once_left(*args, **kwargs):
        assert left.wait(30)
        return export_bundle(*args, **kwargs)

    app.workbook.export_bundle = written_once_left  # type: ignore[method-assign]
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_amara(pilot, "4")
        app.screen.query_one("#timeline-out", Input).value = str(out)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.exporting)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChildrenScreen))
        left.set()
        await wait_for(pilot, lambda: not app.exporting)
        # The notification, its long path wrapped over lines of its own.
        await wait_for(pilot, lambda: "Bundle saved to" in screen_text(app))
        assert "bundle.zip" in screen_text(app)
        assert isinstance(app.screen, ChildrenScreen)
        # The app goes on: a child opens again.
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ChildScreen))
    assert app.return_code in (None, 0)
    with zipfile.ZipFile(out) as archive:
        assert any(n.endswith("MANIFEST.sha256") for n in archive.namelist())


async def test_a_preview_that_ends_while_the_timeline_is_taken_down_is_dropped(book, monkeypatch):
    """The preview is made by a thread of its own.  When the child's screen closes, its
    widgets are taken down one by one; a preview ending then found the page line gone and
    stopped the app.  Now the late preview is dropped and the app goes on."""
    from sen_workbook import timeline

    made = threading.Event()
    render_timeline = timeline.render_timeline

    def held_until_let_go(*args, **kwargs):
        assert made.wait(30)
        return render_timeline(*args, **kwargs)

    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_amara(pilot, "4")
        monkeypatch.setattr(timeline, "render_timeline", held_until_let_go)
        try:
            await type_into(pilot, "#timeline-pseudonym", "Child A")
            await wait_for(pilot, lambda: app.screen.query_one("#timeline-preview-scroll").loading)
            # Half taken down: the line above the preview has gone, the preview not yet.
            await app.screen.query_one("#timeline-page").remove()
        finally:
            made.set()  # the preview's thread never waits out a failed test
        await settle(pilot)
        assert app.is_running
        await pilot.press("escape")
        await wait_for(pilot, lambda: "Amara Okafor" in screen_text(app))
    assert app.return_code in (None, 0)


async def test_export_offers_one_pdf_and_says_its_pages_against_the_limit(book, tmp_path):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_amara(pilot, "4")
        box = app.screen.query_one("#timeline-out", Input)
        box.value = str(tmp_path / "amara.zip")
        await pilot.pause()
        app.screen.query_one("#timeline-form", Select).value = ".pdf"
        await wait_for(pilot, lambda: box.value == str(tmp_path / "amara.pdf"))
        await type_into(pilot, "#timeline-prepared-by", "Ruth Okafor")
        await pilot.press("ctrl+s")
        await settle(pilot)
        result = app.screen.query_one("#timeline-result", Static)
        await wait_for(pilot, lambda: "Saved the bundle" in str(result.render()))
        said = str(result.render()).splitlines()
        assert said[0] == f"Saved the bundle to {tmp_path / 'amara.pdf'}"
        assert said[1].startswith("The evidence (timeline and exhibits) takes ")
        assert "an appeal against a refusal to assess is 75" in said[1]
    data = (tmp_path / "amara.pdf").read_bytes()
    assert data.startswith(b"%PDF-")
    from pypdf import PdfReader

    cover = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Ruth Okafor" in cover and "Amara Okafor" in cover


# --- help, palette, theme ----------------------------------------------------------------


async def test_question_mark_opens_help_with_the_areas_and_the_cycle(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        source = app.screen.query_one("#help-text", Markdown).source or ""
        for words in (
            "Communication and interaction",
            "Cognition and learning",
            "Social, emotional and mental health",
            "Sensory and/or physical",
            "Assess, plan, do, review",
            "6.44 to",
        ):
            assert words in source
        await wait_for(pilot, lambda: len(app.screen.query("MarkdownH2")) == 3)
        assert "Keys" in screen_text(app)
        for _ in range(5):
            if "The four broad areas of need" in screen_text(app):
                break
            await pilot.press("pagedown")
            # Scrolled, but drawn at the screen's next frame (a tenth of a second at most in
            # the default run): read the screen once it has been drawn.
            await pilot.pause()
        assert "The four broad areas of need" in screen_text(app)
        await pilot.press("end")
        await pilot.pause()
        assert "Review: on the agreed date" in screen_text(app)  # the cycle, at the end
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_the_palette_offers_the_screen_actions_and_remembers_a_theme(book, private_settings):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "add child")
        await wait_for(pilot, lambda: "Add child" in screen_text(app))
        await wait_for(pilot, lambda: palette_choice(app).startswith("Add child"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ChildForm))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await type_text(pilot, "theme: light")
        await wait_for(pilot, lambda: "Theme: Light" in screen_text(app))
        await wait_for(pilot, lambda: palette_choice(app).startswith("Theme: Light"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.theme == "textual-light")
    assert json.loads(private_settings.read_text())["theme"] == "textual-light"
    again = SenWorkbookApp(book, today=TODAY)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"


# --- the preview's pages -----------------------------------------------------------------


def test_pages_end_between_blocks_and_a_split_table_keeps_its_header():
    table = ["| Date | What |", "|---|---|"] + [
        f"| 2024-01-{n:02d} | row {n} |" for n in range(1, 21)
    ]
    text = "\n".join(["# Title", "", "Intro.", ""] + table + ["", "## Next"]) + "\n"
    pages = paginate_markdown(text, max_lines=10)
    assert pages[0].splitlines()[:4] == ["# Title", "", "Intro.", ""]
    rows_seen = []
    for page in pages:
        lines = page.splitlines()
        body = [line for line in lines if line.startswith("| 2024")]
        if body:
            # Every page holding rows of the table starts them under the header again.
            start = lines.index(body[0])
            assert lines[start - 2 : start] == table[:2]
        rows_seen.extend(body)
    assert rows_seen == table[2:]
    assert pages[-1].splitlines()[-1] == "## Next"


def test_pages_of_a_long_list_split_between_items():
    text = "\n".join(f"- item {n}" for n in range(25)) + "\n"
    pages = paginate_markdown(text, max_lines=10)
    assert [len(p.splitlines()) for p in pages] == [10, 10, 5]
    assert all(p.startswith("- item") for p in pages)


async def test_an_entry_of_every_kind_is_deleted_to_the_trash_with_d(path):
    from tests.conftest import family_records

    children, entries = family_records()
    with Workbook(path) as workbook:
        workbook.load_sample(children, entries, {})
        app = SenWorkbookApp(workbook, today=TODAY)
        # the review first: a plan with a review recorded against it is kept
        order = sorted(entries, key=lambda e: e["kind"] != "review")
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await open_amara(pilot, "2")
            for number, entry in enumerate(order, 1):
                app.open_entry(entry["id"])
                await settle(pilot)
                assert isinstance(app.screen, EntryScreen)
                await pilot.press("d", "y")
                await settle(pilot)
                assert isinstance(app.screen, ChildScreen), entry["kind"]
                with on_disk(path) as reader:
                    assert entry["id"] not in {e["id"] for e in reader.entries()}
                    assert len(reader.trash()) == number
        with on_disk(path) as reader:
            assert sorted(t["record"]["kind"] for t in reader.trash()) == sorted(model.KINDS)
            assert reader.entries() == []


def test_every_screens_stylesheet_is_read_at_start():
    # A stylesheet first read when its screen opens makes Textual restyle the whole app.
    from sen_workbook.tui.screens.attachments import AttachmentsScreen as Files

    read_at_start = set(SenWorkbookApp.CSS_PATH)
    screens = [
        ChildScreen,
        EntryScreen,
        HelpScreen,
        KindPicker,
        TrashScreen,
        ChildForm,
        EntryForm,
        ConfirmScreen,
        Files,
    ]
    for screen in screens:
        assert set(screen.CSS_PATH) <= read_at_start, screen.__name__
    assert all(Path(path).is_file() for path in read_at_start)


async def test_a_search_longer_than_its_box_shows_what_was_typed_last(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_amara(pilot, "2")
        words = "trampoline park meltdown covered her ears zebra"
        await pilot.press("slash", *words)
        await wait_for(pilot, lambda: "matching" in status(app))
        box_line = next(line for line in screen_text(app).splitlines() if "zebra" in line)
        assert "All kinds" in box_line  # the filters beside the box are still in place
        assert "0 of 6 entries matching" in status(app)
        await pilot.press(*["backspace"] * len(" zebra"))
        await wait_for(pilot, lambda: journal(app).table.row_count == 1)
        assert "ears" in screen_text(app)


async def test_a_search_finds_what_an_entry_says_after_it_was_edited(book):
    # The journal's rows work out their search text when first searched (or in the
    # background); after an edit they must search the entry as saved, not as it was.
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await open_amara(pilot, "2")
        await wait_for(
            pilot, lambda: all(row._haystack is not None for row in journal(app).rows)
        )  # prepared meanwhile
        entry = next(
            e
            for e in app.workbook.entries(app.screen.child_id)
            if e["title"] == "Trampoline park meltdown"
        )
        app.workbook.update_entry(entry["id"], {"details": "She asked for the quiet room."})
        app.note_change()
        await pilot.press("slash")
        await type_text(pilot, "quiet room")
        await wait_for(pilot, lambda: "matching \u201cquiet room\u201d" in status(app))
        assert journal(app).table.row_count == 1
        assert first_title(app) == "Trampoline park meltdown"
        await type_into(pilot, "#journal-search", "covered her ears")  # the old words
        await wait_for(pilot, lambda: "matching \u201ccovered her ears\u201d" in status(app))
        assert journal(app).table.row_count == 0


async def test_the_line_under_the_list_follows_the_child_highlighted_through_changes(book):
    # The line under the list is set again only when it changes: after a child is edited,
    # removed, brought back and the highlight moved, it must be the line worked out anew
    # for the child highlighted.
    def detail(app) -> str:
        return str(app.screen.query_one("#child-detail", Static).render())

    def as_made_anew(app) -> str:
        shown = detail(app)
        app.screen._detail_shown = None  # the line made and shown again, for comparison
        app.screen._show_detail()
        assert detail(app) == shown
        return shown

    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert as_made_anew(app).startswith("Riverside Primary · Year 4")
        await pilot.press("down")  # Ben: no setting, no year
        await wait_for(pilot, lambda: "Riverside" not in detail(app))
        ben = as_made_anew(app)
        await pilot.press("e")  # his school given: the same child highlighted, a new line
        await wait_for(pilot, lambda: isinstance(app.screen, ChildForm))
        app.screen.query_one("#setting", Input).value = "Hill Top Academy"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ChildrenScreen))
        await settle(pilot)
        assert as_made_anew(app).startswith("Hill Top Academy"), detail(app)
        await pilot.press("d", "y")  # removed: Amara highlighted, and her line shown
        await wait_for(pilot, lambda: "Ben Carter" not in screen_text(app))
        await settle(pilot)
        assert as_made_anew(app).startswith("Riverside Primary · Year 4")
        await pilot.press("u")  # brought back
        await wait_for(pilot, lambda: "Ben Carter" in screen_text(app))
        await settle(pilot)
        as_made_anew(app)
        await pilot.press("down")
        await wait_for(pilot, lambda: detail(app).startswith("Hill Top Academy"))
        assert as_made_anew(app) != ben
        await pilot.press("up")
        await wait_for(pilot, lambda: detail(app).startswith("Riverside Primary · Year 4"))
        as_made_anew(app)
