"""A parent's everyday use, by real key presses: keys do what the screen suggests, the most
urgent thing comes first, and every screen reads at 80×24."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, Input, Select

from sen_workbook import model
from sen_workbook.tui.app import SenWorkbookApp
from sen_workbook.tui.screens.child import ChildScreen
from sen_workbook.tui.screens.confirm import ConfirmScreen
from sen_workbook.tui.screens.trash import TrashScreen
from tests.tui import test_app as app_tests
from tests.tui.conftest import (
    palette_choice,
    screen_text,
    settle,
    still_text,
    type_text,
    wait_for,
)
from tests.tui.test_app import SIZE, TODAY, on_disk, open_amara

# The app tests' family, workbook and private settings.
book, path = app_tests.book, app_tests.path


def focused_id(app) -> str:
    focused = app.screen.focused
    return str(focused.id) if focused is not None else ""


# --- 3: keys while typing ------------------------------------------------------------------


async def test_slash_reaches_the_search_from_every_stop_of_the_journal_and_down_leaves_it(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_amara(pilot, "2")
        await wait_for(pilot, lambda: len(app.screen.query("#journal-to")) == 1)
        # The focus goes round the journal: the search, the filters, the table, the search.
        assert focused_id(app) == "journal-table"
        sequence = []
        for _ in range(7):
            await pilot.press("tab")
            sequence.append(focused_id(app))
        assert sequence[:6] == [
            "journal-search",
            "journal-kind",
            "journal-area",
            "journal-from",
            "journal-to",
            "journal-table",
        ]
        # From every one of them, even a date box or past the table, "/" goes to the search.
        assert sequence[6] == "journal-search"  # past the table, round again (not the tabs)
        for stop in ("journal-kind", "journal-area", "journal-from", "journal-to", "journal-table"):
            app.screen.query_one(f"#{stop}").focus()
            await pilot.pause()
            await pilot.press("slash")
            assert focused_id(app) == "journal-search", stop
        await pilot.press(*"tramp")
        await wait_for(pilot, lambda: app.screen.query_one(DataTable).row_count == 1)
        assert app.screen.query_one("#journal-search", Input).value == "tramp"
        await pilot.press("down")
        assert focused_id(app) == "journal-table"
        await pilot.press("slash", "enter")
        assert focused_id(app) == "journal-table"  # enter, too, goes to the results


async def test_letters_typed_on_a_filter_choose_in_it_and_never_open_the_trash(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_amara(pilot, "2")
        await wait_for(pilot, lambda: len(app.screen.query("#journal-kind")) == 1)
        kinds = app.screen.query_one("#journal-kind", Select)
        kinds.focus()
        await pilot.press(*"tn")  # "t" is the trash's key, "n" a new entry's, elsewhere
        await pilot.pause()
        assert isinstance(app.screen, ChildScreen) and not isinstance(app.screen, TrashScreen)
        assert kinds.expanded  # the letters went to the dropdown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChildScreen)


async def test_slash_from_another_tab_opens_the_journal_search_but_types_in_a_path_box(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_amara(pilot, "4")
        out = app.screen.query_one("#timeline-out", Input)
        out.focus()
        await pilot.press("end", "slash")
        assert out.value.endswith("/") and focused_id(app) == "timeline-out"
        await pilot.press("1")  # a digit in a text box is typed, not a tab switch
        assert out.value.endswith("/1")
        app.screen.query_one("#timeline-purpose").focus()
        await pilot.press("slash")
        await wait_for(pilot, lambda: focused_id(app) == "journal-search")
        assert app.screen.active_tab == "journal"


async def test_d_on_an_entry_only_asks_and_n_keeps_it(book, path):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app_tests.open_trampoline(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Delete “Trampoline park meltdown”?" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
    with on_disk(path) as reader:
        assert any(e["title"] == "Trampoline park meltdown" for e in reader.entries())
        assert reader.trash() == []


# --- 7 and 12: the palette finds every action, on every tab; light and dark first ---------


async def palette_finds(pilot, words: str, wanted: str) -> bool:
    await pilot.press("ctrl+p")
    await type_text(pilot, words)
    try:
        await wait_for(pilot, lambda: wanted in screen_text(pilot.app), seconds=10)
        return True
    except AssertionError:
        return False
    finally:
        await pilot.press("escape")
        await pilot.pause()


async def test_the_palette_finds_trash_export_review_and_plan_on_every_tab(
    book, tmp_path, monkeypatch
):
    monkeypatch.setenv("HOME", str(tmp_path))  # the bundle goes to ~ by default
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_amara(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "t Trash" in footer and "/ Search" in footer
        for tab in "1234":
            await pilot.press(tab)
            await settle(pilot)
            for words, wanted in (
                ("trash", "Trash"),
                ("export the", "Export the evidence"),
                ("review pl", "Review plan"),
                ("new plan", "New plan"),
            ):
                assert await palette_finds(pilot, words, wanted), (tab, wanted)
        # Chosen from the palette on the Journal, the export happens on the Timeline.
        await pilot.press("2", "ctrl+p")
        await type_text(pilot, "export the evidence")
        await wait_for(pilot, lambda: "Export the evidence" in screen_text(app))
        await wait_for(pilot, lambda: palette_choice(app).startswith("Export the evidence"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen.active_tab == "timeline")
        bundle = tmp_path / f"evidence-bundle-{TODAY.isoformat()}.zip"
        await wait_for(
            pilot,
            lambda: bundle.exists(),
        )


async def test_the_palette_offers_light_and_dark_first_and_the_rest_behind_more(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "theme")
        await wait_for(pilot, lambda: "More themes" in screen_text(app))
        text = screen_text(app)
        assert text.index("Theme: Light") < text.index("Theme: Dark") < text.index("More themes")
        assert "nord" not in text and "gruvbox" not in text
        await type_text(pilot, "more themes", "ctrl+a", "ctrl+k")
        await wait_for(pilot, lambda: palette_choice(app).startswith("Theme: More themes"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: "gruvbox" in screen_text(app))


async def test_a_form_saves_from_the_palette_where_ctrl_s_is_kept_by_the_terminal(book, path):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "Cara Jones")
        await pilot.press("ctrl+p")
        await type_text(pilot, "save")
        await wait_for(pilot, lambda: "Save" in screen_text(app))
        await wait_for(pilot, lambda: palette_choice(app).startswith("Save"))
        await pilot.press("enter")
        await settle(pilot)
        assert "Add child" in screen_text(app).splitlines()[-1]  # back on the list
    with on_disk(path) as reader:
        assert "Cara Jones" in [c["name"] for c in reader.children()]


# --- 4 and 6: the most urgent first; the next review in words ----------------------------


async def test_the_to_do_list_puts_the_missed_deadline_first_then_the_longest_overdue(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_amara(pilot)
        text = screen_text(app)
        # At 80×24 the first and most urgent item is on the screen without scrolling.
        assert "Decision whether to carry out an EHC needs assessment" in text
        todo = app.screen.query_one("#overview-todo")
        items = [
            str(todo.get_option_at_index(i).prompt).split("\n")[0] for i in range(todo.option_count)
        ]
        headings = [
            line
            for line in items
            if line.endswith(")")
            and "(" in line
            and not line.startswith(("Review", "Concern", "Decision", "Notice", "Final"))
        ]
        assert headings == [
            "Missed statutory deadlines (1)",
            "Overdue replies and actions (2)",
            "Everything else to look at (1)",
        ]
        order = [line.split(" · ")[0] for line in items if " · " in line]
        assert order == [
            "Decision whether to carry out an EHC needs assessment",  # missed, 48 days late
            "Review overdue",  # 61 days
            "Concern with no response",  # 30 days
            "Final EHC plan",  # 21 July
        ]
        # The heading counts in the same words as the list, as the children list does.
        assert "4 to do: 1 missed deadline, 2 overdue replies or actions, 1 other" in " ".join(
            text.split()
        )
        await pilot.press("enter")
        await settle(pilot)
        assert "EHC needs assessment request" in screen_text(app)


async def test_a_deadline_due_within_a_week_comes_before_overdue_replies(book):
    app = SenWorkbookApp(book, today=date(2025, 7, 16))  # the 20-week final plan in 5 days
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_amara(pilot)
        todo = app.screen.query_one("#overview-todo")
        items = [
            str(todo.get_option_at_index(i).prompt).split("\n")[0] for i in range(todo.option_count)
        ]
        firsts = [line for line in items if "(" in line and line.endswith(")")][:3]
        assert firsts == [
            "Missed statutory deadlines (1)",
            "Statutory deadlines due within 7 days (1)",
            "Overdue replies and actions (2)",
        ]
        soon = items.index("Statutory deadlines due within 7 days (1)") + 1
        assert str(todo.get_option_at_index(soon).prompt).startswith("Final EHC plan")


def test_next_review_says_overdue_in_words_and_no_current_plan_since_a_review():
    from sen_workbook import analysis, model
    from sen_workbook.tui.screens.children import review_state

    plan = model.new_entry(
        "plan", "c", date="2025-01-06", title="Spring plan", review_date="2025-04-01"
    )
    as_of = date(2025, 6, 1)
    (cycle,) = analysis.cycles([plan], as_of)
    assert review_state(cycle, as_of) == "overdue by 61 days"
    (early,) = analysis.cycles([plan], date(2025, 3, 1))
    assert review_state(early, date(2025, 3, 1)) == "2025-04-01"
    review = model.new_entry("review", "c", date="2025-04-03", title="Review", plan_id=plan["id"])
    (cycle,) = analysis.cycles([plan, review], as_of)
    assert review_state(cycle, as_of) == "no current plan since 2025-04-03"
    assert review_state(None, as_of) == "no plan yet"


def test_a_child_with_an_ehc_plan_shows_the_annual_review():
    from sen_workbook import deadlines, model
    from sen_workbook.tui.screens.children import review_state

    held = model.new_entry(
        "request",
        "c",
        date="2024-05-10",
        title="Annual review meeting",
        request_type="annual_review",
    )
    as_of = date(2025, 6, 1)
    due = deadlines.deadlines([held], as_of)
    assert review_state(None, as_of, due, ehc_plan=True).startswith("annual review overdue by ")
    assert review_state(None, date(2025, 1, 1), due, ehc_plan=True).startswith(
        "annual review by 2025-05-"
    )


# --- 8: the read-only window -------------------------------------------------------------


async def test_a_read_only_window_hides_change_keys_follows_saves_and_takes_over_asking_first(
    book, path, private_settings
):
    from sen_workbook import model
    from sen_workbook.tui.forms.child_form import ChildForm
    from sen_workbook.workbook import Workbook

    second = Workbook(path)
    assert second.read_only
    try:
        app = SenWorkbookApp(second, today=TODAY)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot)
            footer = screen_text(app).splitlines()[-1]
            assert "Add child" not in footer and "Remove" not in footer
            assert "New entry" not in footer and "Trash" in footer
            # A change key pressed all the same says why it does nothing.
            await pilot.press("a")
            await wait_for(pilot, lambda: "nothing can be changed here" in screen_text(app))
            assert not isinstance(app.screen, ChildForm)
            # The other window adds a child: this window's list shows it.
            book.add_child(model.new_child(name="Cara Jones"))
            await wait_for(pilot, lambda: "Cara Jones" in screen_text(app), seconds=60)
            # Open a child here: the place must not become where the app reopens.
            await pilot.press("enter")
            await settle(pilot)
            assert "New entry" not in screen_text(app).splitlines()[-1]
            assert "Spring plan" in screen_text(app)  # the Overview, without r and p
            assert "r: review this plan" not in screen_text(app)
            await pilot.press("r")
            await wait_for(pilot, lambda: "nothing can be changed here" in screen_text(app))
            await pilot.press("escape")
            await settle(pilot)
            # The other window closes: this one asks before it becomes the writer.
            book.close()
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), seconds=60)
            assert app.screen.question.startswith("The other window has closed the workbook.")
            await wait_for(pilot, lambda: "Make changes here (y)" in screen_text(app))
            await pilot.press("y")
            # The answer is taken in a worker that settle() does not wait for (it waits
            # for no form): wait for what it does, as for the form that "a" opens.
            await wait_for(pilot, lambda: not second.read_only)
            await wait_for(pilot, lambda: "Add child" in screen_text(app).splitlines()[-1])
            # The banner has gone (the notices of the keys pressed earlier may still be up
            # on a slow machine: they are cleared to look at the screen beneath).
            app.clear_notifications()
            await pilot.pause()
            assert "open in another window" not in " ".join(screen_text(app).split())
            await pilot.press("a")
            await wait_for(pilot, lambda: isinstance(app.screen, ChildForm))
            await pilot.pause()
            await type_text(pilot, "Dev Patel")
            await pilot.press("ctrl+s")
            await settle(pilot)
    finally:
        second.close()
    with on_disk(path) as reader:
        names = [c["name"] for c in reader.children()]
        assert "Cara Jones" in names and "Dev Patel" in names


async def test_a_read_only_window_never_changes_where_the_app_reopens(book, path, private_settings):
    import json

    from sen_workbook.workbook import Workbook

    second = Workbook(path)
    try:
        app = SenWorkbookApp(second, today=TODAY)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await open_amara(pilot, "2")
            await pilot.press("ctrl+q")
            await pilot.pause()
    finally:
        second.close()
    saved = json.loads(private_settings.read_text()) if private_settings.exists() else {}
    assert "last_place" not in saved


# --- 9: after a failed save ----------------------------------------------------------------


async def test_a_failed_save_focuses_the_first_field_in_error_and_each_message_goes_when_fixed(
    book,
):
    from sen_workbook.tui.forms.entry_form import EntryForm

    app = SenWorkbookApp(book, today=TODAY)
    amara = next(c for c in book.children() if c["name"] == "Amara Okafor")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.new_entry(amara["id"], "concern")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryForm))
        await pilot.pause()
        form = app.screen
        day = form.query_one("#date")
        day.focus()
        await type_text(pilot, "20251345", "ctrl+a", "ctrl+k")  # no 13th month; no title either
        await pilot.press("ctrl+s")
        await pilot.pause()
        date_field, title_field = form.query_one("#field-date"), form.query_one("#field-title")
        assert date_field.has_class("-has-problem") and title_field.has_class("-has-problem")
        assert form.focused is day  # the first field in error, though the title came later
        await type_text(pilot, "20250115", "home", "ctrl+k")
        await pilot.pause()
        assert day.value == "2025-01-15"
        assert not date_field.has_class("-has-problem")  # gone as soon as it is right
        assert "not a real date" not in screen_text(app)
        assert title_field.has_class("-has-problem")  # the other stays until it is fixed
        form.query_one("#title").focus()
        await type_text(pilot, "Tired after school")
        await pilot.pause()
        assert not title_field.has_class("-has-problem")


# --- 10: a new plan carries its provision; a review cannot come before its plan ---------------


async def test_a_new_plan_carries_the_provision_over_ticked_and_untickable(book, path):
    from sen_workbook.tui.forms.entry_form import EntryForm
    from sen_workbook.tui.forms.items import ItemList

    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_amara(pilot)
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryForm))
        await pilot.pause()
        form = app.screen
        provision = form.query_one("#provision", ItemList)
        assert [p["what"] for p in provision.record_value()] == ["Speech and language group"]
        assert form.query_one("#review_date")  # the full plan form: review date, targets
        box = form.query_one(".carry-provision")
        assert box.value
        box.focus()
        await pilot.press("space")  # untick: the row goes
        await wait_for(pilot, lambda: provision.record_value() == [])
        await pilot.press("space")  # tick again: it comes back
        await wait_for(pilot, lambda: len(provision.record_value()) == 1)
        form.query_one("#title").focus()
        await type_text(pilot, "Summer plan")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, EntryForm)
    with on_disk(path) as reader:
        summer = next(e for e in reader.entries() if e["title"] == "Summer plan")
        assert [p["what"] for p in summer["provision"]] == ["Speech and language group"]


async def test_a_review_dated_before_its_plan_started_is_refused_in_a_sentence(book, path):
    from sen_workbook.tui.forms.entry_form import EntryForm

    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_amara(pilot)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryForm))
        await pilot.pause()
        app.screen.query_one("#date").focus()
        await type_text(pilot, "20250101", "home", "ctrl+k")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EntryForm)
        assert app.screen.query_one("#date").value == "2025-01-01"
        problem = str(app.screen.query_one("#field-date .field-problem").render())
        assert "before its plan started on 2025-01-06" in problem
    with on_disk(path) as reader:
        assert not [e for e in reader.entries() if e["kind"] == "review"]


EARLY = "is dated 2025-01-01, before its plan started on 2025-01-06: a plan can only be reviewed"


def spring_plan(reader) -> dict:
    return next(e for e in reader.entries() if e["title"] == "Spring plan")


def test_the_workbook_refuses_an_early_review_whichever_way_it_comes(book, path):
    plan = spring_plan(book)
    amara = plan["child_id"]
    fields = {"date": "2025-01-01", "title": "Too early", "plan_id": plan["id"]}
    with pytest.raises(model.ModelError) as refused:
        book.add_entry("review", amara, fields)
    assert refused.value.problems == ["This review " + EARLY + " once it has started."]
    with pytest.raises(model.ModelError):
        book.add_entries([model.new_entry("review", amara, **fields)])
    # An edit that moves a review before its plan, or the plan's start past its review.
    review = book.add_entry("review", amara, {**fields, "date": "2025-04-02"})
    with pytest.raises(model.ModelError, match="This review " + EARLY):
        book.update_entry(review["id"], {"date": "2025-01-01"})
    with pytest.raises(model.ModelError, match="Its review 'Too early' is dated 2025-04-02"):
        book.update_entry(plan["id"], {"start_date": "2025-05-01"})
    with on_disk(path) as reader:
        assert [e["date"] for e in reader.entries() if e["kind"] == "review"] == ["2025-04-02"]
        assert spring_plan(reader)["start_date"] == "2025-01-06"


def test_the_command_line_refuses_an_early_review_in_one_sentence(book, path, capsys):
    from sen_workbook.cli import main

    plan = spring_plan(book)
    book.close()
    argv = ["--db", str(path), "add", "Amara", "review", "Too early", "--date", "2025-01-01"]
    assert main([*argv, "--field", f"plan_id={plan['id']}"]) == 2
    error = capsys.readouterr().err
    assert EARLY in error and "Traceback" not in error and error.count("\n") == 1
    with on_disk(path) as reader:
        assert not [e for e in reader.entries() if e["kind"] == "review"]


def test_an_import_with_an_early_review_is_refused_whole(book, path, tmp_path, capsys):
    import json

    from sen_workbook.cli import main

    plan = spring_plan(book)
    early = model.new_entry(
        "review", plan["child_id"], date="2025-01-01", title="Too early", plan_id=plan["id"]
    )
    other = model.new_entry("observation", plan["child_id"], date="2025-05-05", title="Calm day")
    archive = tmp_path / "more.json"
    archive.write_text(
        json.dumps(
            {
                "format": "sen-workbook",
                "version": 1,
                "children": [book.child(plan["child_id"])],
                "entries": [book.entry(plan["id"]), early, other],
            }
        )
    )
    book.close()
    assert main(["--db", str(path), "import", str(archive)]) == 2
    error = capsys.readouterr().err
    assert "Entry 2: review entry 'Too early' " + EARLY in error
    with on_disk(path) as reader:
        assert not [e for e in reader.entries() if e["title"] in ("Too early", "Calm day")]


# --- 5: the Timeline at 80×24 --------------------------------------------------------------


async def test_at_80_columns_the_timeline_options_fold_away_and_o_brings_them_back(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_amara(pilot, "4")
        options = app.screen.query_one("#timeline-options")
        preview = app.screen.query_one("#timeline-preview-scroll")
        assert not options.display or options.size.width == 0 or not options.region
        assert preview.size.width >= 76  # the whole width, less its padding
        await pilot.press("o")
        await pilot.pause()
        assert options.region.height > 0 and options.size.width >= 76  # above the preview
        assert focused_id(app) == "timeline-purpose"
        app.screen.query_one("#timeline-options-hint").focus()  # the button that folds them
        await pilot.press("enter")
        await pilot.pause()
        assert not options.region


async def test_on_a_dropdown_a_tab_s_digit_changes_the_tab_and_a_letter_still_chooses(book):
    # The Timeline's "What is it for?" has the focus as its options show: 1 opened the
    # dropdown (to choose nothing) instead of going to the Overview, as it does elsewhere.
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_amara(pilot, "4")
        await pilot.press("o")
        await pilot.pause()
        purpose = app.screen.query_one("#timeline-purpose", Select)
        assert focused_id(app) == "timeline-purpose"
        tabs = app.screen.query_one("#child-tabs")
        await pilot.press("1")
        await settle(pilot)
        assert tabs.active == "overview" and not purpose.expanded
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("slash", "tab")  # the search box, then the kinds' filter
        await wait_for(pilot, lambda: isinstance(app.focused, Select))
        await pilot.press("4")
        await settle(pilot)
        assert tabs.active == "timeline" and not app.screen.query_one("#journal-kind").expanded
        purpose.focus()
        await pilot.press("c")  # a letter opens the list at "Complaint"
        await wait_for(pilot, lambda: purpose.expanded)
        await pilot.press("enter")
        await wait_for(pilot, lambda: purpose.value == "complaint")
        assert tabs.active == "timeline"


# --- footers at 80×24: the important keys and help on every screen ------------------------


async def footer_shown(pilot) -> str:
    """The footer's line once the screen is still: the keys of a screen or a control just
    come to the front are made after the frame that brings it, and drawn in a frame after
    that (a frame or two of the screen, however many a second it draws)."""
    return (await still_text(pilot)).rstrip("\n").splitlines()[-1]


async def footer_over(pilot, keys: tuple[str, ...], screen: type) -> str:
    """Press ``keys``, wait for ``screen`` to come to the front, and read its footer."""
    await pilot.press(*keys)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, screen))
    return await footer_shown(pilot)


async def test_the_footer_says_how_to_leave_the_search_and_the_filters(book):
    # In the search box, letters are typed into it, so the footer cannot offer them; it
    # still names the way back to the entries, and once there, escape goes back again.
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_amara(pilot, "2")
        await pilot.press("slash")
        await wait_for(pilot, lambda: isinstance(app.focused, Input))
        line = await footer_shown(pilot)
        assert "esc To the entries" in line and "f1 Help" in line, line
        await pilot.press("tab")  # the kinds' filter: the same way back
        await pilot.pause()
        assert isinstance(app.focused, Select)
        line = await footer_shown(pilot)
        assert "esc To the entries" in line, line
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.focused, DataTable))
        line = await footer_shown(pilot)
        assert "esc Back" in line and "To the entries" not in line, line
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ChildScreen))


async def test_under_a_picker_the_footer_names_the_pickers_keys_not_the_screens(book):
    # Behind the kind and letter pickers, the child's keys ("n New entry", "esc Back") do
    # nothing; the footer says what the picker's own keys do.
    from sen_workbook.tui.screens.kind_picker import KindPicker
    from sen_workbook.tui.screens.letter import LetterPicker

    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_amara(pilot)
        for key, picker in (("n", KindPicker), ("l", LetterPicker)):
            line = await footer_over(pilot, (key,), picker)
            assert "esc Cancel" in line and "1-9 Choose" in line, line
            assert "New entry" not in line and "esc Back" not in line, line
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, ChildScreen))
        await pilot.press("n", "8")  # a number still chooses at once
        await wait_for(pilot, lambda: not isinstance(app.screen, (ChildScreen, KindPicker)))
        assert "Observation" in screen_text(app)


async def test_under_the_help_and_the_letter_s_questions_the_footer_names_their_own_keys(book):
    # The help page and the letter's two questions (where to save it, the name to sign
    # it with) showed the keys of the screen behind them, which do nothing there.
    from sen_workbook.tui.screens.help import HelpScreen
    from sen_workbook.tui.screens.letter import ExportAsk, LetterPicker, LetterScreen, NameAsk

    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_amara(pilot)
        line = await footer_over(pilot, ("question_mark",), HelpScreen)
        assert "esc Close" in line and "New entry" not in line and "esc Back" not in line, line
        assert "Help" not in line, line  # f1 would open nothing more here
        await pilot.press("escape", "l")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterPicker))
        await pilot.press("5")  # the education record request
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen))
        await settle(pilot)
        assert "Record as sent" in await footer_shown(pilot)
        # Unsigned, exporting asks first ("Export it unsigned anyway?"): y goes on.
        for keys, dialog in ((("ctrl+n",), NameAsk), (("ctrl+o", "y"), ExportAsk)):
            line = await footer_over(pilot, keys, dialog)
            assert "esc Cancel" in line and "f1 Help" in line, line
            assert "Record as sent" not in line and "Export" not in line, line
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen))


async def test_at_80_columns_every_footer_keeps_its_main_keys_and_help(book):
    from sen_workbook.tui.forms.entry_form import EntryForm
    from sen_workbook.tui.screens.entry import EntryScreen
    from sen_workbook.tui.screens.help import HelpScreen
    from sen_workbook.tui.screens.intake import CalendarScreen, MailImportScreen
    from sen_workbook.tui.screens.letter import LetterScreen

    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        line = await footer_shown(pilot)
        assert "? Help" in line and "Add child" in line, line
        await open_amara(pilot, "2")
        line = await footer_shown(pilot)
        for key in ("⏎ Open", "esc Back", "/ Search", "? Help", "^p palette"):
            assert key in line, (key, line)
        for tab, keys in (("1", ("New entry", "esc Back")), ("4", ("Export bundle", "Options"))):
            await pilot.press(tab)
            await settle(pilot)
            line = await footer_shown(pilot)
            assert all(key in line for key in (*keys, "/ Search", "? Help")), line
        for key, screen, keys in (
            ("i", MailImportScreen, ("^s Import ticked", "esc Leave")),
            ("c", CalendarScreen, ("^s Write the file", "esc Leave")),
        ):
            await pilot.press(key)
            await wait_for(pilot, lambda screen=screen: isinstance(app.screen, screen))
            line = await footer_shown(pilot)
            # "?" is typed in the file's box: f1 is the help's key there, and it works.
            assert all(k in line for k in keys) and "f1 Help" in line, line
            await pilot.press("f1")
            await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
            await pilot.press("escape", "escape")
            await wait_for(pilot, lambda: isinstance(app.screen, ChildScreen))
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen))
        await settle(pilot)
        line = await footer_shown(pilot)
        assert all(k in line for k in ("^s Record as sent", "esc Back", "Help")), line
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChildScreen))
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryForm))
        line = await footer_shown(pilot)
        assert all(k in line for k in ("^s Save", "esc Cancel", "f1 Help")), line
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ChildScreen))
        await pilot.press("2", "slash", *"tramp")
        await wait_for(pilot, lambda: app.screen.query_one(DataTable).row_count == 1)
        await pilot.press("escape", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryScreen))
        await settle(pilot)
        line = await footer_shown(pilot)
        assert all(k in line for k in ("e Edit", "esc Back", "? Help")), line


# --- a letter typed over a selected date, and digits typed fast ------------------------------


async def test_a_letter_typed_over_a_selected_date_is_refused_and_the_form_stays(book, path):
    from sen_workbook.tui.forms.entry_form import EntryForm

    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_amara(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")  # a concern
        await wait_for(pilot, lambda: isinstance(app.screen, EntryForm))
        await pilot.pause()
        await type_text(pilot, "Long concern title")
        date_box = app.screen.query_one("#date")
        for _ in range(3):  # back past the time of day, if it is on the way
            await pilot.press("shift+tab")
            if app.screen.focused is date_box:
                break
        assert app.screen.focused is date_box
        filled = date_box.value
        assert len(filled) == 10 and date_box.selected_text == filled  # tabbing in selects it
        await pilot.press("x", "M", "space")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, EntryForm)
        assert date_box.value == filled
        # Digits typed fast over the selection replace it, none lost.
        await pilot.press("tab", "shift+tab", *"20250530")
        await wait_for(pilot, lambda: date_box.value == "2025-05-30")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, EntryForm))
    with on_disk(path) as reader:
        saved = next(e for e in reader.entries() if e["title"] == "Long concern title")
        assert saved["date"] == "2025-05-30"


async def test_a_journal_filter_date_that_is_not_real_is_said_on_the_screen(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_amara(pilot, "2")
        await wait_for(pilot, lambda: len(app.screen.query("#journal-from")) == 1)
        app.screen.query_one("#journal-from").focus()
        await type_text(pilot, "20251301")
        await wait_for(pilot, lambda: "From 2025-13-01 is not a real date" in screen_text(app))
        assert "6 of 6 entries" in screen_text(app)  # left out of the filter, and said so
        await pilot.press("home", *"20250501", "tab", *"20250401")
        await wait_for(pilot, lambda: "To is before from" in screen_text(app))
        assert "not a real date" not in screen_text(app)
        # Left half typed, a date is not used either, and the screen says so too.
        await pilot.press("home", "ctrl+k", *"2025", "tab")
        await wait_for(pilot, lambda: "To 2025 is not a real date" in screen_text(app))


async def test_counts_say_one_entry_and_a_child_in_the_trash_with_its_entries(book):
    ben = next(c for c in book.children() if c["name"] == "Ben Carter")
    book.add_entry("observation", ben["id"], {"date": "2025-05-05", "title": "Calm day"})
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")  # Ben, second by name
        await settle(pilot)
        await pilot.press("2")
        await wait_for(pilot, lambda: "1 of 1 entry ·" in screen_text(app))
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("d")  # Ben goes to the trash with his entry
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TrashScreen))
        await wait_for(pilot, lambda: "Ben Carter, with 1 entry" in screen_text(app))


# --- the Timeline's export says what went wrong where it is seen ---------------------------


async def test_at_80_columns_a_bad_timeline_date_is_said_when_ctrl_s_exports_nothing(
    book, tmp_path
):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_amara(pilot, "4")
        app.screen.query_one("#timeline-out", Input).value = str(tmp_path / "bundle.zip")
        await pilot.press("o")
        await pilot.pause()
        app.screen.query_one("#timeline-from").focus()
        await type_text(pilot, "20251131")
        await pilot.press("tab")
        app.screen.query_one("#timeline-purpose").focus()
        await pilot.press("ctrl+s")
        said = ("Nothing was exported", "The from date '2025-11-31' is not")
        await wait_for(pilot, lambda: all(words in screen_text(app) for words in said))
        app.screen.query_one("#timeline-from").focus()
        await type_text(pilot, "20250501", "home")
        app.screen.query_one("#timeline-to").focus()
        await type_text(pilot, "20250401", "home")
        app.screen.query_one("#timeline-purpose").focus()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "The to date 2025-04-01 is" in screen_text(app))
    assert not (tmp_path / "bundle.zip").exists()


async def test_ctrl_s_before_the_childs_records_are_in_exports_once_they_are(
    book, tmp_path, monkeypatch
):
    import threading

    from sen_workbook.child_facts import ChildFacts
    from sen_workbook.tui.screens import child as child_screen

    # The child's facts are held back, as on a busy computer with a large workbook.
    read = threading.Event()

    class SlowFacts(ChildFacts):
        @classmethod
        def build(cls, *args, **kwargs):
            read.wait(60)
            return ChildFacts.build(*args, **kwargs)

    monkeypatch.setattr(child_screen, "ChildFacts", SlowFacts)
    out = tmp_path / "amara.zip"
    app = SenWorkbookApp(book, today=TODAY)
    try:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await wait_for(pilot, lambda: "Amara" in screen_text(app))
            await pilot.press("enter")
            await wait_for(pilot, lambda: "Overview" in screen_text(app))
            await pilot.press("4")
            await wait_for(pilot, lambda: app.screen.query("#timeline-out"))
            app.screen.query_one("#timeline-out", Input).value = str(out)
            app.screen.query_one("#timeline-purpose").focus()
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: "Reading the child's records" in screen_text(app))
            assert app.screen.records is None and not out.exists()
            read.set()
            await wait_for(pilot, lambda: "Bundle saved to" in screen_text(app), seconds=120)
    finally:
        read.set()
    assert out.is_file()


async def test_an_exhibit_left_out_of_the_pdf_is_said_in_the_export_notice(book, tmp_path):
    damaged = tmp_path / "SALT report.pdf"
    damaged.write_bytes(b"%PDF-1.4\nthis is not really a PDF\n")
    amara = next(c for c in book.children() if c["name"].startswith("Amara"))
    request = next(
        e for e in book.entries() if e["child_id"] == amara["id"] and e["kind"] == "request"
    )
    book.add_attachment(request["id"], damaged)
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_amara(pilot, "4")
        app.screen.query_one("#timeline-out", Input).value = str(tmp_path / "amara.pdf")
        await pilot.press("ctrl+s")
        said = ("Bundle saved to", "E001 (SALT report.pdf)")
        await wait_for(pilot, lambda: all(w in screen_text(app) for w in said), seconds=120)


async def test_a_file_no_program_opens_is_said_not_opened(book, tmp_path, monkeypatch):
    from tests.tui.test_files import attach_report, open_observation

    # A computer where xdg-open has no program for PDF files: it ends at once with 3.
    programs = tmp_path / "bin"
    programs.mkdir()
    xdg_open = programs / "xdg-open"
    xdg_open.write_text("#!/bin/sh\necho 'xdg-open: no method available' >&2\nexit 3\n")
    xdg_open.chmod(0o755)
    monkeypatch.setenv("PATH", f"{programs}:/usr/bin:/bin")
    monkeypatch.setattr("sen_workbook.opener._platform", lambda: "linux")
    attach_report(book, tmp_path)
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_observation(pilot)
        await pilot.press("o")
        await wait_for(pilot, lambda: "No program on this computer opened" in screen_text(app))
        assert "Press s to save a copy" in screen_text(app)


async def test_in_the_light_theme_an_unticked_box_shows_no_x_and_a_ticked_one_does(book):
    from textual.widgets import SelectionList

    from sen_workbook.tui.forms.entry_form import EntryForm

    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.theme = "textual-light"
        await open_amara(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryForm))
        await pilot.pause()
        areas = app.screen.query(SelectionList).first()
        for name in ("selection-list--button", "selection-list--button-highlighted"):
            style = areas.get_component_rich_style(name)
            assert style.color == style.bgcolor, name  # no X to be seen
        for name in (
            "selection-list--button-selected",
            "selection-list--button-selected-highlighted",
        ):
            style = areas.get_component_rich_style(name)
            assert style.color != style.bgcolor and style.bold, name


async def test_an_optional_date_left_empty_is_not_tinted_as_an_error(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_amara(pilot, "2")
        await wait_for(pilot, lambda: len(app.screen.query("#journal-from")) == 1)
        for selector in ("#journal-from", "#journal-to"):
            box = app.screen.query_one(selector)
            box.focus()
            await pilot.press("2", "backspace", "tab")
            await pilot.pause()
            assert not box.has_class("-invalid"), selector
        box = app.screen.query_one("#journal-from")
        box.focus()
        await type_text(pilot, "20251399")
        await pilot.press("tab")
        await wait_for(pilot, lambda: box.has_class("-invalid"))  # a wrong one still is


async def test_the_palette_opens_on_the_workbook_s_actions_not_textual_s_own(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await open_amara(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: "New entry" in screen_text(app))
        text = screen_text(app)
        assert "Focus Next" not in text and "Press button" not in text
        await type_text(pilot, "theme")
        await wait_for(pilot, lambda: "More themes" in screen_text(app))
        assert "Change the current theme" not in screen_text(app)
