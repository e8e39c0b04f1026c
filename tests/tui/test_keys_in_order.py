"""Keys that arrive together are taken in the order they were typed.

A fast typist, or a slow moment, sends several keys at once.  Textual put the letters
after an editing key (backspace, an arrow) in before that key acted, so "abc",
backspace, "d" was saved as "abc".  Here the keys reach the app in one burst, as the
terminal delivers them, and the box must read as typed.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.widget import Widget

from sen_workbook.tui.forms.fields import DateInput, LongText, TextInput
from tests.tui.conftest import wait_for


def burst(app: App, keys: list[str]) -> None:
    """Post the keys to the app all at once, as the terminal's reader does."""
    for key in keys:
        character = {"slash": "/"}.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, character))


class OneBox(App[None]):
    def __init__(self, box: Widget) -> None:
        super().__init__()
        self.box = box

    def compose(self) -> ComposeResult:
        yield self.box


@pytest.mark.parametrize(
    ("keys", "typed"),
    [
        (["a", "b", "c", "backspace", "d"], "abd"),
        (["a", "b", "left", "c"], "acb"),
        (["x", "y", "z", "home", "w", "end", "!"], "wxyz!"),
    ],
)
async def test_a_burst_of_keys_in_a_text_box_reads_as_typed(keys, typed):
    app = OneBox(TextInput(id="box"))
    async with app.run_test() as pilot:
        app.box.focus()
        await pilot.pause()
        burst(app, keys)
        await wait_for(pilot, lambda: app.box.value == typed, seconds=10)


async def test_a_burst_in_a_long_text_reads_as_typed():
    app = OneBox(LongText(id="box"))
    async with app.run_test() as pilot:
        app.box.focus()
        await pilot.pause()
        burst(app, ["N", "o", "t", "backspace", "w", " ", "s", "p", "e", "a", "k"])
        await wait_for(pilot, lambda: app.box.text == "Now speak", seconds=10)


async def test_a_burst_in_a_date_box_reads_as_typed():
    app = OneBox(DateInput(id="box"))
    async with app.run_test() as pilot:
        app.box.focus()
        await pilot.pause()
        burst(app, ["2", "0", "1", "6", "backspace", "5", "0", "3", "1", "2"])
        await wait_for(pilot, lambda: app.box.value == "2015-03-12", seconds=10)


class TwoBoxes(App[None]):
    def compose(self) -> ComposeResult:
        yield TextInput(id="first")
        yield TextInput(id="second")
        yield DateInput(id="day")
        yield LongText(id="notes")


async def test_a_tab_inside_a_burst_moves_on_before_the_letters_after_it():
    """'Sam' Tab 'Sammy' typed in one go puts Sammy in the second box, not the first."""
    app = TwoBoxes()
    async with app.run_test() as pilot:
        app.query_one("#first").focus()
        await pilot.pause()
        keys = [*"Sam Test", "tab", *"Sammy", "tab", *"20150314", "tab", *"Calm"]
        burst(app, keys)
        await wait_for(pilot, lambda: app.query_one("#notes", LongText).text == "Calm", seconds=10)
        assert app.query_one("#first", TextInput).value == "Sam Test"
        assert app.query_one("#second", TextInput).value == "Sammy"
        assert app.query_one("#day", DateInput).value == "2015-03-14"
        assert app.query_one("#notes", LongText).text == "Calm"
        assert app.focused is app.query_one("#notes")


async def test_shift_tab_inside_a_burst_goes_back_before_the_letters_after_it():
    app = TwoBoxes()
    async with app.run_test() as pilot:
        app.query_one("#second").focus()
        await pilot.pause()
        burst(app, ["B", "shift+tab", "A"])
        await wait_for(pilot, lambda: app.query_one("#first", TextInput).value == "A", seconds=10)
        assert app.query_one("#second", TextInput).value == "B"


async def test_letters_typed_with_the_key_that_adds_a_row_land_in_the_new_row(tmp_path):
    """ctrl+n on "Add an action" and the action's words, in one burst: the words are the
    action's, not lost on the button that had the focus when they were typed."""
    from sen_workbook.tui.forms.entry_form import EntryForm
    from sen_workbook.tui.forms.items import ItemList
    from sen_workbook.workbook import Workbook
    from tests.tui.test_forms import Host

    with Workbook(tmp_path / "w.json") as book:
        child = book.add_child({"name": "Sam Test"})
        app = Host(EntryForm(book, child["id"], "meeting"))
        async with app.run_test(size=(100, 40)) as pilot:
            actions = app.screen.query_one("#actions", ItemList)
            actions.query_one(".add-row").focus()
            await pilot.pause()
            burst(app, ["ctrl+n", *"Send the report"])
            await wait_for(
                pilot,
                lambda: [r.controls["text"].value for r in actions.rows] == ["Send the report"],
                seconds=10,
            )


@pytest.mark.parametrize("tab", ["2", "1"])
async def test_slash_and_a_word_typed_at_once_search_and_run_no_command(tab, tmp_path):
    """'/' then 'plan' in one burst, on the Journal or from the Overview: the search reads
    "plan", and neither p (a new plan) nor any other letter ran its command."""
    from textual.widgets import Input

    from sen_workbook.tui.app import SenWorkbookApp
    from sen_workbook.tui.screens.child import ChildScreen
    from sen_workbook.workbook import Workbook
    from tests.tui.conftest import settle
    from tests.tui.test_app import SIZE, TODAY, family, open_amara

    children, entries = family()
    with Workbook(tmp_path / "w.json") as book:
        book.load_sample(children, entries, {})
        app = SenWorkbookApp(book, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await open_amara(pilot, tab)
            burst(app, ["slash", *"plan", "t"])
            await wait_for(
                pilot,
                lambda: [b.value for b in app.screen.query("#journal-search")] == ["plant"],
                seconds=15,
            )
            await settle(pilot)
            assert isinstance(app.screen, ChildScreen)
            assert app.focused is app.screen.query_one("#journal-search", Input)
