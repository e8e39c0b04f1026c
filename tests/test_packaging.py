"""The wheel carries the styles, and the app starts from an installed wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

START_APP = textwrap.dedent(
    """
    import asyncio, sys
    import sen_workbook
    from sen_workbook.tui.app import SenWorkbookApp, styles_folder
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


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "-w", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (found,) = out.glob("sen_workbook-*.whl")
    return found


def test_wheel_holds_the_styles_and_console_script(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        shipped = {n.rsplit("/", 1)[-1] for n in names if n.startswith("sen_workbook/styles/")}
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        scripts = archive.read(entry_points).decode()
    expected = {p.name for p in (ROOT / "styles").glob("*.tcss")}
    assert expected and expected <= shipped
    assert "sen-workbook = sen_workbook.cli:main" in scripts
    assert "sen_workbook/archive.schema.json" in names  # for those who write converters


def test_app_starts_from_the_installed_wheel(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site),
         str(wheel)],
        check=True, capture_output=True, timeout=300,
    )
    env = dict(os.environ, PYTHONPATH=str(site))
    result = subprocess.run(
        [sys.executable, "-c", START_APP, str(tmp_path / "w.json")], cwd=tmp_path,
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert lines["package"].startswith(str(site))
    assert lines["styles"].startswith(str(site))
    # the app's stylesheets are the wheel's own files (a missing one stops the app)
    css = lines["css"].split()
    assert css and all(p.startswith(str(site)) and Path(p).is_file() for p in css)
