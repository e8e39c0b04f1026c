"""Processor time to open and close the entry form of each kind, and its widgets.

    python benchmarks/form_open.py [--rounds N]

One app opens the nine forms in turn at 100 x 40, each new for one child, as the tests and a
parent do; each is closed once it is drawn.  Printed per kind: the mean processor time
(this process, all threads) of opening, drawing and closing it, and how many widgets the form
holds.  Run it from two checkouts in turn, several times each: on a shared machine the
numbers move by a tenth from one run to the next.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from textual.app import App

from sen_workbook import model
from sen_workbook.tui.forms.entry_form import EntryForm
from sen_workbook.workbook import Workbook


class Host(App[None]):
    """A bare app to open the forms over."""


async def measure(rounds: int) -> dict[str, tuple[float, int]]:
    spent: dict[str, float] = {}
    widgets: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as folder, Workbook(Path(folder) / "w.json") as book:
        child = book.add_child({"name": "Amara Okafor"})
        app = Host()
        async with app.run_test(size=(100, 40)) as pilot:
            for _ in range(rounds):
                for kind in model.KINDS:
                    started = time.process_time()
                    form = EntryForm(book, child["id"], kind)
                    app.push_screen(form)
                    await pilot.pause()
                    await pilot.pause()
                    widgets[kind] = len(form.query("*"))
                    form.dismiss(None)
                    await pilot.pause()
                    spent[kind] = spent.get(kind, 0.0) + time.process_time() - started
    return {kind: (spent[kind] / rounds, widgets[kind]) for kind in model.KINDS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=4, help="times each form is opened")
    rounds = parser.parse_args().rounds
    results = asyncio.run(measure(rounds))
    print(f"{'kind':<16}{'ms':>8}{'widgets':>9}")
    for kind, (seconds, count) in results.items():
        print(f"{kind:<16}{seconds * 1000:>8.0f}{count:>9}")
    total = sum(seconds for seconds, _ in results.values())
    print(f"{'all nine':<16}{total * 1000:>8.0f}")


if __name__ == "__main__":
    main()
