"""The app started from the installed wheel, in a Python of its own: its stylesheets come
from the wheel (a missing one stops the app), not from this checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests import test_packaging

# The wheel the packaging tests build (or CI's own, in SEN_WORKBOOK_DIST).
wheel = test_packaging.wheel

START_APP = textwrap.dedent(
    """
    import asyncio, sys
    import sen_workbook
    from sen_workbook.tui.app import SenWorkbookApp
    from sen_workbook.tui.styles import styles_folder
    from sen_workbook.workbook import Workbook

    async def main():
        book = Workbook(sys.argv[1])
        book.add_child({"name": "Wheel Child"})
        app = SenWorkbookApp(book)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            print("package", sen_workbook.__file__)
            print("styles", styles_folder())
            print("css", " ".join(str(p) for p in app.css_path))
        book.close()

    asyncio.run(main())
    """
)


def test_app_starts_from_the_installed_wheel(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    env = dict(os.environ, PYTHONPATH=str(site))
    result = subprocess.run(
        [sys.executable, "-c", START_APP, str(tmp_path / "w.json")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert lines["package"].startswith(str(site))
    assert lines["styles"].startswith(str(site))
    # the app's stylesheets are the wheel's own files (a missing one stops the app)
    css = lines["css"].split()
    assert css and all(p.startswith(str(site)) and Path(p).is_file() for p in css)
