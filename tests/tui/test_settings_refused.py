"""Settings the app cannot write: what was asked is still done, and one sentence says
what will not be remembered next time (never a traceback, never a crash).

The settings folder is a file, which refuses even the superuser.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

from sen_workbook.tui.app import SenWorkbookApp
from sen_workbook.tui.screens.letter import LetterPicker, LetterScreen
from sen_workbook.workbook import Workbook
from tests.test_letters import AS_OF, toby
from tests.tui.conftest import palette_choice, screen_text, settle, type_text, wait_for

SIZE = (110, 34)


@pytest.fixture
def book(tmp_path: Path):
    child, entries = toby()
    with Workbook(tmp_path / "book" / "w.json") as workbook:
        workbook.load_sample([child], entries, {})
        yield workbook


@pytest.fixture
def blocked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    in_the_way = tmp_path / "config"
    in_the_way.write_text("a file where the settings folder should be")
    path = in_the_way / "settings.json"
    monkeypatch.setenv("SEN_WORKBOOK_CONFIG", str(path))
    return path


def toasts(app) -> str:
    """The notifications on the screen, their lines joined as one text."""
    from textual.widgets._toast import Toast

    return " ".join(" ".join(str(t.render()).split()) for t in app.screen.query(Toast))


async def test_a_theme_that_cannot_be_remembered_is_still_used_and_said_once(book, blocked):
    app = SenWorkbookApp(book, today=AS_OF)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "theme: light")
        await wait_for(pilot, lambda: "Theme: Light" in screen_text(app))
        await wait_for(pilot, lambda: palette_choice(app).startswith("Theme: Light"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: "could not be remembered" in toasts(app))
        assert app.theme == "textual-light"
        assert (
            f"The theme could not be remembered for next time: {blocked} could not be "
            "written (Not a directory)."
        ) in toasts(app)


async def test_a_letter_is_signed_though_the_name_cannot_be_kept_for_the_next(book, blocked):
    app = SenWorkbookApp(book, today=AS_OF)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterPicker))
        await pilot.press("5")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen))
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: app.screen.query("#letter-name"))
        await type_text(pilot, "Jo Wrenfield")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "could not be remembered" in toasts(app))
        letter = app.screen.query_one("#letter-text", TextArea).text
        assert letter.endswith("\n\nJo Wrenfield\n")
        assert (
            f"Your name could not be remembered for next time: {blocked} could not be "
            "written (Not a directory)."
        ) in toasts(app)
