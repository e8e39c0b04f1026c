"""The children list and the child's header show the stage the records have reached when
the child's details say less (a plan and an assessment request, stage "not recorded")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sen_workbook.tui.app import SenWorkbookApp
from sen_workbook.tui.screens.child import ChildScreen
from sen_workbook.workbook import Workbook
from tests.tui.conftest import screen_text, settle, wait_for

TODAY = date(2026, 11, 30)


@pytest.fixture
def book(tmp_path: Path):
    with Workbook(tmp_path / "w.json", today=lambda: TODAY) as workbook:
        sam = workbook.add_child({"name": "Sam Test"})["id"]  # stage left "not recorded"
        workbook.add_entry(
            "plan", sam, {"date": "2026-10-06", "title": "SEN Support plan, autumn term"}
        )
        workbook.add_entry(
            "request",
            sam,
            {
                "date": "2026-11-30",
                "title": "Request for an EHC needs assessment",
                "request_type": "ehcna",
            },
        )
        yield workbook


async def test_the_list_and_the_header_follow_the_records(book):
    app = SenWorkbookApp(book, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_for(pilot, lambda: "Assessment requested" in screen_text(app))
        shown = screen_text(app)
        assert "Not recorded" not in shown
        assert "EHC needs assessment requested (from the request of 2026-11-30)" in shown
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ChildScreen))
        await settle(pilot)
        header = str(app.screen.query_one("#child-summary").render())
        assert "Assessment requested" in header and "Not recorded" not in header
