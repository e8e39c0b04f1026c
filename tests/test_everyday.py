"""A parent's everyday use, by real key presses: keys do what the screen suggests, the most
urgent thing comes first, and every screen reads at 80×24."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select

from sen_workbook.tui.app import SenWorkbookApp
from sen_workbook.tui.forms import ConfirmScreen
from sen_workbook.tui.screens.child import ChildScreen
from sen_workbook.tui.screens.trash import TrashScreen
from tests import test_app as app_tests
from tests.test_app import SIZE, TODAY, on_disk, open_amara, screen_text, settle, wait_for

# The app tests' family, workbook and private settings.
book, path, private_settings = app_tests.book, app_tests.path, app_tests.private_settings


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
        assert sequence[:6] == ["journal-search", "journal-kind", "journal-area",
                                "journal-from", "journal-to", "journal-table"]
        # From every one of them, even a date box or past the table, "/" goes to the search.
        assert sequence[6] == "journal-search"  # past the table, round again (not the tabs)
        for stop in ("journal-kind", "journal-area", "journal-from", "journal-to",
                     "journal-table"):
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
    await pilot.press("ctrl+p", *words)
    try:
        await wait_for(pilot, lambda: wanted in screen_text(pilot.app), tries=40)
        return True
    except AssertionError:
        return False
    finally:
        await pilot.press("escape")
        await pilot.pause()


async def test_the_palette_finds_trash_export_review_and_plan_on_every_tab(
        book, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # the bundle goes to ~ by default
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_amara(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "t Trash" in footer and "/ Search" in footer
        for tab in "1234":
            await pilot.press(tab)
            await settle(pilot)
            for words, wanted in (("trash", "Trash"), ("export the", "Export the evidence"),
                                  ("review pl", "Review plan"), ("new plan", "New plan")):
                assert await palette_finds(pilot, words, wanted), (tab, wanted)
        # Chosen from the palette on the Journal, the export happens on the Timeline.
        await pilot.press("2", "ctrl+p", *"export the evidence")
        await wait_for(pilot, lambda: "Export the evidence" in screen_text(app))
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen.active_tab == "timeline")
        bundle = tmp_path / f"evidence-bundle-{TODAY.isoformat()}.zip"
        await wait_for(pilot, lambda: bundle.exists(), tries=300)


async def test_the_palette_offers_light_and_dark_first_and_the_rest_behind_more(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"theme")
        await wait_for(pilot, lambda: "More themes" in screen_text(app))
        text = screen_text(app)
        assert text.index("Theme: Light") < text.index("Theme: Dark") < text.index("More themes")
        assert "nord" not in text and "gruvbox" not in text
        await pilot.press("ctrl+a", "ctrl+k", *"more themes", "enter")
        await wait_for(pilot, lambda: "gruvbox" in screen_text(app))


async def test_a_form_saves_from_the_palette_where_ctrl_s_is_kept_by_the_terminal(book, path):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Cara Jones")
        await pilot.press("ctrl+p", *"save")
        await wait_for(pilot, lambda: "Save" in screen_text(app))
        await pilot.press("enter")
        await settle(pilot)
        assert "Add child" in screen_text(app).splitlines()[-1]  # back on the list
    with on_disk(path) as reader:
        assert "Cara Jones" in [c["name"] for c in reader.children()]
