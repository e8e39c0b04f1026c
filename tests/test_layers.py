"""The layers hold in a fresh interpreter: what a module loads is what it needs.

The import contracts (``lint-imports``, configured in ``pyproject.toml``) check the
source; these check what Python really loads, which a lazy or indirect import could
change without a contract noticing.
"""

from __future__ import annotations

import subprocess
import sys


def loaded_after(statement: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``statement``."""
    shown = subprocess.run(
        [sys.executable, "-c", f"{statement}\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(shown.stdout.split())


def test_opening_a_question_does_not_load_every_form():
    loaded = loaded_after("from sen_workbook.tui.screens.confirm import ConfirmScreen")
    assert "sen_workbook.tui.screens.confirm" in loaded
    assert "textual" in loaded
    assert "sen_workbook.tui.forms.entry_form" not in loaded
    assert "sen_workbook.tui.forms.child_form" not in loaded
