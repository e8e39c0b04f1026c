"""Build what a family installs without knowing Python packaging.

- the wheel, for ``pipx install sen_workbook-<version>-py3-none-any.whl``;
- ``sen-workbook.pyz``: the app and every library it needs in one file, which runs with
  any Python 3.11 or newer (``python sen-workbook.pyz``, ``py sen-workbook.pyz`` on
  Windows).

The single file is made by shiv, not the standard ``zipapp`` module: Textual reads the
app's stylesheets as files, and code imported from inside a zip has no bytecode cache, so
the app would start slower every time.  A shiv file unpacks itself once into ``~/.shiv``
(``SHIV_ROOT`` chooses another place) and compiles the bytecode there with the Python that
runs it (``--compile-pyc``, as pip does when it installs), so later starts are as fast as
the installed app's.  Every library is pure Python, and filelock (which only Windows
needs) is put in too, so the same file should serve Windows and macOS as well as Linux.

Usage: ``python .ci/release.py [OUT]`` (``dist/`` by default); prints the two paths.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(out: Path) -> tuple[Path, Path]:
    """The wheel and the single-file app, written into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("sen_workbook-*.whl"), out / "sen-workbook.pyz"]:
        old.unlink(missing_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "-w", str(out), str(ROOT)],
        check=True,
    )
    (wheel,) = out.glob("sen_workbook-*.whl")
    shiv = shutil.which("shiv", path=str(Path(sys.executable).parent)) or "shiv"
    app = out / "sen-workbook.pyz"
    subprocess.run(
        [shiv, "--console-script", "sen-workbook", "--output-file", str(app),
         "--python", "/usr/bin/env python3", "--compressed", "--reproducible", "--compile-pyc",
         "--quiet", str(wheel), "filelock>=3.30,<5"],
        check=True,
    )
    return wheel, app


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist")):
        print(path)
