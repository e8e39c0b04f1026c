"""What a family installs: the wheel carries the styles and the app starts from it, and the
single-file app opens the demo and writes a timeline with nothing but Python.

Both are built here, or taken from ``SEN_WORKBOOK_DIST`` when CI has built them already
(``python .ci/release.py DIR``)."""

from __future__ import annotations

import datetime as dt
import html
import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _built(pattern: str) -> Path | None:
    given = os.environ.get("SEN_WORKBOOK_DIST")
    if not given:
        return None
    (found,) = Path(given).glob(pattern)
    return found


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = _built("sen_workbook-*.whl")
    if built:
        return built
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
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
    assert "sen_workbook/py.typed" in names  # its types are read by type checkers


# Building the single-file app takes a minute or more: a run that must build it itself (no
# SEN_WORKBOOK_DIST) leaves its tests to "python -m pytest -m slow"; CI builds it first.
def builds_single_file_app(test):
    """``test``, marked slow when this run has to build the single-file app for it."""
    return test if os.environ.get("SEN_WORKBOOK_DIST") else pytest.mark.slow(test)


@pytest.fixture(scope="module")
def single_file_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = _built("sen-workbook.pyz")
    if built:
        return built
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "release.py"), str(out)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return out / "sen-workbook.pyz"


@pytest.fixture(scope="session")
def shiv_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the single-file app unpacks itself (``SHIV_ROOT``), one for every test of the
    run that starts it, whichever worker runs it: the first start unpacks it, as on a
    family's computer, and the later starts run from that copy, as they do there.  (shiv
    unpacks under a lock, so two first starts at once unpack it once.)"""
    run_cache = os.environ.get("SEN_WORKBOOK_TESTS_CACHE")  # the run's own (conftest.py)
    if not run_cache:
        return tmp_path_factory.mktemp("shiv")
    return Path(run_cache, "shiv")


def _plain_environment(
    tmp_path: Path, shiv_root: Path, *, compile_bytecode: bool = False
) -> dict[str, str]:
    """A home and a temporary folder of the test's own, shiv's unpacking place, and no path
    to this checkout's code.

    The first start compiles the bytecode of every library inside (half the processor time
    of a first start, three seconds and more) only with ``compile_bytecode``: the slow test
    of that start asks for it, and the others, which open the app, let Python compile what
    it imports, as it does for any program."""
    home = tmp_path / "home"
    temporary = tmp_path / "tmp"
    home.mkdir()
    temporary.mkdir()
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "SEN_WORKBOOK", "SHIV_"))
    }
    if not compile_bytecode:
        env["SHIV_COMPILE_PYC"] = "0"  # shiv's own switch, over the file's --compile-pyc
    return env | {"HOME": str(home), "TMPDIR": str(temporary), "SHIV_ROOT": str(shiv_root)}


@builds_single_file_app
def test_single_file_app_opens_the_demo(single_file_app, shiv_root, tmp_path):
    env = _plain_environment(tmp_path, shiv_root)
    # Textual's own switches: no terminal, and a picture of the screen after five seconds,
    # when the app closes.
    env |= {
        "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
        "TEXTUAL_SCREENSHOT": "5",
        "TEXTUAL_SCREENSHOT_LOCATION": str(tmp_path),
        "TEXTUAL_SCREENSHOT_FILENAME": "demo.svg",
    }
    result = subprocess.run(
        [sys.executable, str(single_file_app), "--demo"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    screen = html.unescape((tmp_path / "demo.svg").read_text(encoding="utf-8")).replace("\xa0", " ")
    assert "Amara Okafor-Bennett" in screen and "Oluwatobi" in screen
    # it ran from its own unpacked copy, and the sample's folder was removed on closing
    (unpacked,) = (p for p in shiv_root.iterdir() if p.is_dir())
    assert (unpacked / "site-packages" / "sen_workbook" / "styles").is_dir()
    assert list((tmp_path / "tmp").iterdir()) == []


@pytest.mark.slow
def test_single_file_app_compiles_every_module_at_its_first_start(single_file_app, tmp_path):
    """The first start leaves the bytecode of every module, those it did not import too, so
    that later starts are as quick as the installed app's."""
    shiv_root = tmp_path / "shiv"
    env = _plain_environment(tmp_path, shiv_root, compile_bytecode=True)
    result = subprocess.run(
        [sys.executable, str(single_file_app), "--version"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("sen-workbook ")
    (unpacked,) = (p for p in shiv_root.iterdir() if p.is_dir())
    package = unpacked / "site-packages" / "sen_workbook"
    sources = sorted(package.rglob("*.py"))
    assert len(sources) > 20
    tag = sys.implementation.cache_tag
    uncompiled = [
        str(source.relative_to(package))
        for source in sources
        if not (source.parent / "__pycache__" / f"{source.stem}.{tag}.pyc").is_file()
    ]
    assert uncompiled == []
    assert list((unpacked / "site-packages" / "fpdf" / "__pycache__").glob(f"*.{tag}.pyc"))


@builds_single_file_app
def test_single_file_app_writes_a_timeline(single_file_app, shiv_root, tmp_path):
    from sen_workbook.demo import generate
    from sen_workbook.timeline import TimelineOptions
    from sen_workbook.workbook import Workbook

    sample = generate()
    with Workbook(tmp_path / "sample" / "workbook.json") as book:
        book.load_sample(sample.children, sample.entries, sample.files)
        book.write_archive(tmp_path / "family.zip")
        child = book.find_child("Amara")
        expected = book.timeline(child, TimelineOptions(as_of=dt.date(2026, 11, 30)))
    env = _plain_environment(tmp_path, shiv_root)
    db = tmp_path / "home" / "workbook.json"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(single_file_app), "--db", str(db), *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )

    imported = run("import", str(tmp_path / "family.zip"))
    assert imported.returncode == 0, imported.stderr
    written = run("bundle", "Amara", "--as-of", "2026-11-30", "--out", str(tmp_path / "bundle"))
    assert written.returncode == 0, written.stderr
    timeline = (tmp_path / "bundle" / "timeline.md").read_text(encoding="utf-8")
    assert timeline == expected
    assert timeline.startswith("# Chronology: Amara Okafor")
    exhibits = list((tmp_path / "bundle" / "exhibits").iterdir())
    assert exhibits and all(p.stat().st_size for p in exhibits)
    # and the folder's PDF, made with fpdf2, which loads Pillow, whose compiled parts are
    # inside the file (one run for both: a PDF on its own is made by the same code)
    printed = (tmp_path / "bundle" / "bundle.pdf").read_bytes()
    assert printed.startswith(b"%PDF-") and b"/Type /Page" in printed


@builds_single_file_app
def test_single_file_app_holds_compiled_parts_for_every_python_it_serves(single_file_app):
    spec = importlib.util.spec_from_file_location("release", ROOT / ".ci" / "release.py")
    release = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(release)
    with zipfile.ZipFile(single_file_app) as archive:
        names = archive.namelist()
    for version in release.PYTHONS:
        tag = "cpython-" + version.replace(".", "")
        assert any(n.startswith(f"site-packages/PIL/_imaging.{tag}") for n in names), version


@builds_single_file_app
def test_single_file_app_tells_an_older_python_in_one_sentence(single_file_app, tmp_path):
    # The check shiv runs before the app, run by this Python made to say it is 3.10.
    check = (
        "import runpy, sys, zipfile\n"
        "sys.version_info = (3, 10, 13, 'final', 0)\n"
        "source = zipfile.ZipFile(sys.argv[1]).read('site-packages/bin/needs_python.py')\n"
        "exec(compile(source, 'needs_python.py', 'exec'), {'__name__': '__main__'})\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", check, str(single_file_app)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "sen-workbook: SEN Workbook needs Python 3.11 or newer and this is Python 3.10.13; "
        "install a newer Python from python.org and run the file with it.\n"
    )
