"""The test run itself: what ``conftest.py`` does to the collector must not hide a fault.

The shared ``conftest.py`` sets what is alive after each test aside from the cycle
collector (``gc.freeze``) to keep the collector's passes short.  An object kept past its
test and let go later is then never gone over again: without more, its finaliser would
never run, and a finaliser that fails (a file or a workbook not closed, an error in a
clean-up) would pass without a word.  These tests run a small suite with the same
``conftest.py`` in a folder of its own and read what pytest says.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CONFTEST = Path(__file__).with_name("conftest.py")

# One object in a reference cycle (freed by the collector alone), kept by the first test
# past its end and let go by the second; its finaliser fails.
KEPT_PAST_ITS_TEST = """
class Holder:
    def __init__(self):
        self.me = self

    def __del__(self):
        raise RuntimeError("the finaliser of a kept object failed")


kept = []


def test_keeps_an_object_past_its_end():
    kept.append(Holder())


def test_lets_it_go():
    kept.clear()


def test_after_it():
    pass
"""


def run_suite(folder: Path, tests: str, workers: str) -> str:
    """Run ``tests`` with the shared conftest in ``folder`` (``workers``: pytest-xdist's
    ``-n``) and give back what pytest wrote."""
    (folder / "conftest.py").write_text(CONFTEST.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "test_suite.py").write_text(tests, encoding="utf-8")
    # Of the plugins installed, only pytest-xdist, whose hook the conftest implements: the
    # others (Textual's snapshots, coverage, asyncio, Hypothesis's) play no part in what
    # the conftest does to the collector, and loading them took most of each run's time.
    environment = dict(os.environ, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "xdist",
            "-n",
            workers,
            "-p",
            "no:cacheprovider",
            ".",
        ],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done.stdout + done.stderr


@pytest.mark.parametrize("workers", ["0", "1"])
def test_a_failing_finaliser_of_an_object_kept_past_its_test_is_reported(tmp_path, workers):
    said = run_suite(tmp_path, KEPT_PAST_ITS_TEST, workers)
    assert "3 passed, 1 warning" in said
    # In the run's summary of warnings, where a worker's are too.
    summary = said[said.index("warnings summary") :]
    assert "PytestUnraisableExceptionWarning" in summary
    assert "RuntimeError: the finaliser of a kept object failed" in summary


# A test that pauses the collector and leaves it paused (as the product would if it
# forgot to resume it after reading a workbook): the collection after each test would
# free its cycles anyway, so nothing else would show it.
LEAVES_THE_COLLECTOR_PAUSED = """
import gc


def test_pauses_the_collector_and_forgets_it():
    gc.disable()


def test_after_it():
    assert gc.isenabled()
"""


def test_a_test_that_leaves_the_collector_paused_fails_and_the_next_finds_it_on(tmp_path):
    said = run_suite(tmp_path, LEAVES_THE_COLLECTOR_PAUSED, "0")
    assert "2 passed, 1 error" in said
    assert "left Python's cycle collector paused" in said


# A test that drops an object in a reference cycle whose finaliser fails, and one after.
DROPS_A_FAILING_OBJECT = """
class Holder:
    def __init__(self):
        self.me = self

    def __del__(self):
        raise RuntimeError("the finaliser of a dropped object failed")


def test_drops_it():
    Holder()


def test_after_it():
    pass
"""


def test_a_failing_finaliser_is_laid_to_the_test_that_left_its_object(tmp_path):
    # Made an error by -W, the warning fails the test that dropped the object, in its
    # teardown, not the test after it.
    (tmp_path / "pytest.ini").write_text(
        "[pytest]\nfilterwarnings = error::pytest.PytestUnraisableExceptionWarning\n"
    )
    said = run_suite(tmp_path, DROPS_A_FAILING_OBJECT, "0")
    assert "2 passed, 1 error" in said
    assert "ERROR test_suite.py::test_drops_it" in said
    assert "RuntimeError: the finaliser of a dropped object failed" in said
