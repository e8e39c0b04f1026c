"""Build what a family installs without knowing Python packaging.

- the wheel, for ``pipx install sen_workbook-<version>-py3-none-any.whl``;
- ``sen-workbook.pyz``: the app and every library it needs in one file, which runs with
  Python 3.11 to 3.14 on the kind of computer it was built on (``python3
  sen-workbook.pyz``; ``py sen-workbook.pyz`` on Windows).

The single file is made by shiv, not the standard ``zipapp`` module: Textual reads the
app's stylesheets as files, Pillow's compiled parts cannot be loaded from inside a zip,
and code imported from a zip has no bytecode cache, so the app would start slower every
time.  A shiv file unpacks itself once into ``~/.shiv`` (``SHIV_ROOT`` chooses another
place) and compiles the bytecode there with the Python that runs it (``--compile-pyc``,
as pip does when it installs), so later starts are as fast as the installed app's.

Most libraries are pure Python.  A library with a compiled module and no Python fallback
(Pillow, which fpdf2 uses for images) is added once more for each Python in
:data:`PYTHONS`: its compiled files carry the Python version in their names, so they sit
side by side and each Python loads its own.  Libraries whose compiled modules are only
speed-ups of Python code (fontTools) are left as they are.  The file is built for one
kind of computer (CI builds the Linux one); build it on Windows or a Mac for those.

An older Python is told in one sentence that it is too old (``needs_python.py``).

Usage: ``python .ci/release.py [OUT]`` (``dist/`` by default); prints the two paths.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from email.parser import HeaderParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The Pythons the single file serves: the project's oldest to the newest released.
PYTHONS = ("3.11", "3.12", "3.13", "3.14")


def _pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args, "--quiet"], check=True)


def _needs_its_compiled_parts(site: Path, record: Path) -> bool:
    """Whether a library installed in ``site`` has a compiled module with no ``.py`` twin."""
    for line in record.read_text(encoding="utf-8").splitlines():
        name = line.split(",", 1)[0]
        if ".cpython-" in name and name.endswith((".so", ".pyd")):
            twin = site / (name.split(".cpython-", 1)[0] + ".py")
            if not twin.exists():
                return True
    return False


def add_compiled_parts(site: Path, downloads: Path) -> list[str]:
    """Give each library in ``site`` that needs them its compiled files for every Python in
    :data:`PYTHONS`; returns the wheels added."""
    this = f"{sys.version_info.major}.{sys.version_info.minor}"
    added = []
    for info in sorted(site.glob("*.dist-info")):
        wheel = HeaderParser().parsestr((info / "WHEEL").read_text(encoding="utf-8"))
        tags = wheel.get_all("Tag") or []
        if all(tag.endswith("-none-any") for tag in tags):
            continue
        if not _needs_its_compiled_parts(site, info / "RECORD"):
            continue
        meta = HeaderParser().parsestr((info / "METADATA").read_text(encoding="utf-8"))
        platforms = sorted({tag.split("-")[2] for tag in tags})
        for version in PYTHONS:
            if version == this:
                continue
            folder = downloads / version
            _pip(
                "download",
                "--no-deps",
                "--only-binary=:all:",
                "--implementation",
                "cp",
                "--python-version",
                version,
                *(f"--platform={p}" for p in platforms),
                "--dest",
                str(folder),
                f"{meta['Name']}=={meta['Version']}",
            )
            for found in folder.glob("*.whl"):
                with zipfile.ZipFile(found) as archive:
                    for member in archive.namelist():
                        # only the files this Python lacks: its compiled modules
                        if ".dist-info/" not in member and not (site / member).exists():
                            archive.extract(member, site)
                added.append(found.name)
                found.unlink()
    return added


def build(out: Path) -> tuple[Path, Path]:
    """The wheel and the single-file app, written into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("sen_workbook-*.whl"), out / "sen-workbook.pyz"]:
        old.unlink(missing_ok=True)
    _pip("wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT))
    (wheel,) = out.glob("sen_workbook-*.whl")
    app = out / "sen-workbook.pyz"
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site-packages"
        _pip("install", "--target", str(site), str(wheel))
        add_compiled_parts(site, Path(work) / "downloads")
        shiv = shutil.which("shiv", path=str(Path(sys.executable).parent)) or "shiv"
        subprocess.run(
            [
                shiv,
                "--console-script",
                "sen-workbook",
                "--output-file",
                str(app),
                "--site-packages",
                str(site),
                "--python",
                "/usr/bin/env python3",
                "--preamble",
                str(ROOT / ".ci" / "needs_python.py"),
                "--compressed",
                "--reproducible",
                "--compile-pyc",
            ],
            check=True,
        )
    return wheel, app


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist")):
        print(path)
