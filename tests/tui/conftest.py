"""What every interface test shares: private settings, reading the screen as a person sees it,
letting the screen finish its work, waiting on a condition, and typing into a field.

The screen is read from the same SVG screenshot a person would save
(``App.export_screenshot``), so dialogs over a screen and notifications are included,
exactly as drawn.  Typed words reach the app as key presses, all at once, as a terminal
hands over what a quick typist typed; only the name Textual gives a typed character is
taken from Textual's own keys module, so that a key's bindings are the ones a person meets.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual import events
from textual.app import App
from textual.command import CommandList
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import WorkerState

from sen_workbook import model
from sen_workbook.workbook import Workbook

# Rich's SVG export draws each cell 0.61 × 20 pixels wide and names each text's line in its
# clip path; together they place every run of text back on its row and column.
_CELL_WIDTH = 20 * 0.61
_TEXT = re.compile(
    r'<text class="[^"]*" x="(?P<x>[\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#[^"]*-line-(?P<line>\d+)\)">(?P<text>.*?)</text>'
)


def long_journal(path: Path, count: int, *, zebras: tuple[int, ...] = ()) -> Workbook:
    """A workbook at ``path`` whose one child, "Long Journal", has ``count`` notes, one a
    day from 2023-01-01: "Note 0" the oldest.  The notes numbered in ``zebras`` also name a
    zebra, a word to search for far from the newest page."""
    child = model.new_child(name="Long Journal")
    notes = [
        model.new_entry(
            "observation",
            child["id"],
            date=(date(2023, 1, 1) + timedelta(days=n)).isoformat(),
            title=f"Note {n}" + (" (zebra)" if n in zebras else ""),
        )
        for n in range(count)
    ]
    book = Workbook(path)
    book.load_sample([child], notes, {})
    return book


# A drawing compared with Textual's own in each theme at each width: two of the eight, both
# widths, dark and light, Textual's colours and the terminal's, in the run made on every
# change; all eight in the long run ("python -m pytest -m slow", which CI runs too).
THEMES = ("textual-dark", "textual-light", "ansi-dark", "ansi-light")
EVERYDAY_LOOKS = ((80, "textual-dark"), (120, "ansi-light"))


def slow_unless(values: Iterable[object], everyday: Iterable[object]) -> list:
    """``values`` as parameters, those not in ``everyday`` marked slow: the default run tries
    the ``everyday`` ones, the long run ("python -m pytest -m slow") the rest."""
    kept = set(everyday)
    return [v if v in kept else pytest.param(v, marks=pytest.mark.slow) for v in values]


def every_look() -> list:
    """``(width, theme)`` for 80 and 120 columns and each theme, those not in
    ``EVERYDAY_LOOKS`` marked slow, named as ``80-textual-dark``."""
    return [
        pytest.param(
            width,
            theme,
            id=f"{width}-{theme}",
            marks=() if (width, theme) in EVERYDAY_LOOKS else pytest.mark.slow,
        )
        for theme in THEMES
        for width in (80, 120)
    ]


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test keeps its settings (theme, where the app reopens) in its own folder."""
    path = tmp_path / "config" / "settings.json"
    monkeypatch.setenv("SEN_WORKBOOK_CONFIG", str(path))
    return path


def screen_text(app: App) -> str:
    """The current screen as the person sees it (dialogs and notifications included)."""
    return picture_text(app.export_screenshot(simplify=True), app.size)


async def still_text(pilot: Pilot) -> str:
    """The screen as the person sees it once it is still (see ``still_screen``)."""
    return picture_text(await still_screen(pilot), pilot.app.size)


def picture_text(picture: str, size: tuple[int, int]) -> str:
    """The text of a picture of the screen (an SVG screenshot of a screen of ``size``),
    each run of text on its row and column."""
    width, height = size
    rows: list[list[tuple[int, str]]] = [[] for _ in range(height)]
    for match in _TEXT.finditer(picture):
        line = int(match["line"])
        if line < height:
            column = round(float(match["x"]) / _CELL_WIDTH)
            text = html.unescape(match["text"].replace("&#160;", " "))
            rows[line].append((column, text))
    lines = []
    for runs in rows:
        line = ""
        for column, text in sorted(runs):
            line += " " * max(0, column - cell_len(line)) + text
        lines.append(line + " " * max(0, width - cell_len(line)))
    return "\n".join(lines)


def form_text(app: App) -> str:
    """Every displayed piece of text on the current screen, joined, including what a long form
    has scrolled out of view (its messages beside each field)."""
    parts = []
    for widget in app.screen.query(Static):
        if all(node.display for node in widget.ancestors_with_self if isinstance(node, Widget)):
            parts.append(str(widget.render()))
    return "\n".join(parts)


def palette_choice(app: App) -> str:
    """The command that enter runs in the open command palette: the first line of the one
    its list highlights, as drawn."""
    option = app.screen.query_one(CommandList).highlighted_option
    return "" if option is None else str(option.prompt).split("\n")[0]


async def settle(pilot: Pilot) -> None:
    """Let the screen finish loading: wait for the thread workers started or about to start,
    not for open forms (a form waits for the person)."""
    await pilot.pause()
    for worker in list(pilot.app.workers):
        if worker.group != "forms" and worker.state in (WorkerState.PENDING, WorkerState.RUNNING):
            await worker.wait()
    await pilot.pause()


async def wait_for(pilot: Pilot, condition: Callable[[], object], seconds: float = 30) -> None:
    """Pause until ``condition()`` holds, looking again after each round of messages, and
    return once the screen has drawn what the condition saw.

    The limit is generous because a loaded machine is slow; a passing test never waits it out.
    """
    deadline = time.monotonic() + seconds
    while not condition():
        if not pilot.app.is_running:
            # Stopped (a fault closes the app): say so at once, not after the whole wait.
            raise AssertionError("the app stopped before the screen got there")
        if time.monotonic() > deadline:
            raise AssertionError(
                "the screen did not get there; it shows:\n" + screen_text(pilot.app)
            )
        await pilot.pause(0.02)
    # What the condition saw may not be drawn yet (a list filled, its new size still a
    # message away from the screen's layout): let the screen take its messages and draw.
    await pilot.pause(0)


async def still_screen(pilot: Pilot) -> str:
    """The picture of the screen (SVG) once two pictures in a row are the same: what is
    drawn after a key may still change after the screen is idle (a list filled after
    its form opens, keys the footer builds after the frame, a tab's underline sliding to
    it).  The text cursors stop blinking first, or each picture would catch them in a
    different phase.

    The animations under way end first, and the pictures are taken more than one of the
    animations' steps apart (Textual animates at 60 steps a second, whatever the screen's
    own rate of frames), so that two pictures between the same two steps of a slide are
    not taken for a still screen.  Each picture is of the screen as it is at that moment
    (the pause draws it first), not as last drawn at the screen's rate."""
    app = pilot.app
    for control in app.screen.query("Input, TextArea"):
        control.cursor_blink = False
    await pilot.wait_for_scheduled_animations()
    apart = 0.05
    previous = None
    for _ in range(200):
        await pilot.pause(apart)
        shown = app.export_screenshot()
        if shown == previous:
            return shown
        previous = shown
    raise AssertionError("the screen kept changing; it shows:\n" + screen_text(app))


async def type_text(pilot: Pilot, text: str, *keys: str) -> None:
    """Press the named ``keys`` (``"home"``, ``"ctrl+k"``), then type ``text`` where the focus
    is, as a terminal delivers what a quick typist typed: every character reaches the app at
    once and in order, by the route a key from the terminal takes, and the screen then
    catches up.

    ``pilot.press`` waits after every key until the whole process has been idle a while (at
    least 40 ms a key, most of a form test's time); the characters of words typed into one
    box need not, since the box takes each itself, in turn.  Named keys do their work
    through bindings, which run after a key has passed up from the box to the app, so they
    are pressed one at a time, as before.
    """
    if keys:
        await pilot.press(*keys)
    app = pilot.app
    for character in text:
        press = events.Key(_character_to_key(character), character)
        press.set_sender(app)
        app.post_message(press)
    await pilot.pause(0)  # the app has handed every key to the focused widget,
    await pilot.pause(0)  # the widget has taken every key,
    await pilot.pause()  # and what they set off has run.


async def type_into(pilot: Pilot, selector: str, text: str) -> None:
    """Focus a one-line control, clear it and type ``text`` key by key."""
    pilot.app.screen.query_one(selector).focus()
    await type_text(pilot, text, "home", "ctrl+k")
