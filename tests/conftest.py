"""Shared fixtures: a small family with one entry of every kind, and private workbooks."""

from __future__ import annotations

import gc
import os
import sys
import traceback
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from sen_workbook import model

os.environ.pop("SEN_WORKBOOK_DB", None)
# every save in the tests is checked against a full serialisation of the workbook
os.environ["SEN_WORKBOOK_VERIFY_SAVES"] = "1"
# The interface tests' screens are drawn at most 10 times a second, where a person's are
# drawn up to 60: what a screen shows once it has caught up is the same, and the frames
# drawn between (while a tab is built, a list filled) were about a tenth of the interface
# tests' processor time.  The tests wait on what the screen shows, never on a number of
# frames; Textual's animations still step 60 times a second.  Textual reads this when it
# is first imported, so it reaches the workers of the default run (started after this),
# not a run in one process (-n 0), whose plugins imported Textual before this file: that
# run draws at Textual's own rate unless TEXTUAL_FPS is set where it is started.
os.environ.setdefault("TEXTUAL_FPS", "10")


# Property tests try a quarter of their examples in the default run, which is run on every
# change; "python -m pytest --hypothesis-profile=thorough" (run by CI too) tries them all.
settings.register_profile("thorough")


def examples(thorough: int) -> int:
    """How many examples a property test tries: ``thorough`` under the ``thorough`` profile,
    a quarter of it (at least four) in the default run."""
    if settings.get_current_profile_name() == "thorough":
        return thorough
    return min(thorough, max(4, thorough // 4))


def pytest_configure(config: pytest.Config) -> None:
    """The apps and commands the tests start keep what they cache (parsed styles, bank
    holidays) in a folder of this run, removed at its end, never in the person's own user
    cache folder; the workers and programs started after this share it.  (On Linux, where
    that folder is ``XDG_CACHE_HOME``.)"""
    if os.environ.get("SEN_WORKBOOK_TESTS_CACHE"):
        return  # a worker of a run that made the folder
    import tempfile

    folder = tempfile.mkdtemp(prefix="sen-workbook-tests-cache-")
    os.environ["SEN_WORKBOOK_TESTS_CACHE"] = folder
    os.environ["XDG_CACHE_HOME"] = folder
    config.stash[_CACHE_FOLDER] = folder
    # England's bank holidays, kept there once before the workers start: each of them
    # reads them while it collects (tests/test_deadlines.py), and found the folder empty,
    # each imported the holidays package and worked them out (half a second apiece).
    # The table and the package's own answer are compared in tests/test_bank_holidays.py.
    from sen_workbook.deadlines import bank_holidays_england

    bank_holidays_england()


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(_CACHE_FOLDER, None)
    if folder is not None:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        del os.environ["SEN_WORKBOOK_TESTS_CACHE"]


_CACHE_FOLDER = pytest.StashKey[str]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--kills",
        type=int,
        default=int(os.environ.get("SEN_WORKBOOK_KILLS", "200")),
        help="how many times the long crash test (marked slow) kills a writer mid-save",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto`` starts three workers a core (PYTEST_XDIST_AUTO_NUM_WORKERS still decides
    when it is set).

    An interface test spends about half its time waiting for the screen to be idle after
    each key (measured: each worker's own thread slept as long as it ran), so one worker
    a core left each core idle half the time.  With two a core, a core was still idle
    whenever both slept at once, about a quarter of the time; a third uses most of that,
    for the little processor time each worker takes to start.
    """
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return 3 * cores


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the interface tests first, in their order, and the rest after them.

    They are the long ones (up to half a minute each): started last, one of them kept a
    worker busy long after the others had finished, while the quick tests that run after
    them now fill the gaps at the end.
    """
    items.sort(key=lambda item: "tui" not in item.path.parent.parts)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Once the tests are collected, set what was loaded to run them (pytest, the package,
    every test module) aside from the cycle collector, and let it run less often.

    A run of the tests keeps far more objects alive than the app does (every test and its
    fixtures, and each interface test's app until the collector finds it), so the
    collector's full passes, which go over all of them, took about a quarter of the
    interface tests' processor time.  Garbage is still freed by reference counting at
    once, and by the collector within a few tests; the product's own code is unchanged.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """After each test, set what is still alive aside from the collector, as at the start
    of the run (what the test left in reference cycles was freed at the end of its
    teardown, below; the little made since, its reports, is looked at here).

    Each test then leaves the collector only its own objects to go over: the collector's
    passes went over every object the earlier tests had left alive again and again (a
    sixth of an interface test's processor time), and the run's last passes, at its end,
    over all of them.  The collector runs during the test as before, so the product's own
    pausing of it is met as in the app.
    """
    yield
    gc.collect(0)
    gc.freeze()


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """At the end of each test's teardown, its fixtures gone, free what it left in
    reference cycles (an interface test's app and every widget of it); a finaliser that
    fails is a warning of this test, as pytest reports one found during a test (made an
    error by ``-W``, it fails this test, not the next one; and a worker sends it on).

    After the last test of the run (of each worker), go over once more all that was set
    aside after each test.  An object kept past its test (in a module's list, a fixture
    of the module, the last failure's traceback) and let go by a later one was set aside
    while alive, so the collector's passes never went over it again: its finaliser never
    ran, and one that failed went without a word.  Given back to the collector here,
    what was let go is freed; what is still alive is set aside again, so pytest's own
    last passes at the end of the run go over the rest only.
    """
    failed: list[str] = []

    def keep(unraisable: sys.UnraisableHookArgs) -> None:
        said = unraisable.err_msg or "Exception ignored in"
        failed.append(
            f"{said}: {unraisable.object!r}\n\n"
            + "".join(
                traceback.format_exception(
                    unraisable.exc_type, unraisable.exc_value, unraisable.exc_traceback
                )
            )
        )

    before, sys.unraisablehook = sys.unraisablehook, keep
    try:
        if nextitem is None:
            gc.unfreeze()
            for _ in range(5):  # a finaliser may let go of more (pytest's own count)
                if not gc.collect():
                    break
            gc.freeze()
        else:
            gc.collect()
    finally:
        sys.unraisablehook = before
    for message in failed:  # as pytest words one found during a test
        warnings.warn(pytest.PytestUnraisableExceptionWarning(message), stacklevel=1)


@pytest.fixture(autouse=True)
def collector_left_on() -> Iterator[None]:
    """A test that leaves Python's cycle collector paused fails.

    The product pauses the collector while it reads a workbook and must resume it; one
    that did not would leak every reference cycle made after it, yet the collection
    after each test (above) would free them all, so no test would notice.  The collector
    is turned on again for the tests after it.
    """
    yield
    if not gc.isenabled():
        gc.enable()
        pytest.fail("The test left Python's cycle collector paused.", pytrace=False)


@pytest.fixture(autouse=True)
def private_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settings of the test's own (the user's name to sign letters with, their email
    addresses...), never the settings of whoever runs the tests."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("SEN_WORKBOOK_CONFIG", str(folder / "settings.json"))


def family_records() -> tuple[list[dict], list[dict]]:
    """One child with one entry of every kind, nested items filled in, all valid."""
    child = model.new_child(
        name="Amara Okafor",
        preferred_name="Mara",
        date_of_birth="2016-05-12",
        setting="Riverside Primary School",
        setting_phase="school",
        year_group="Year 4",
        senco="Mrs Patel",
        areas=["communication_interaction", "semh"],
        status="sen_support",
        notes="Loves trains.",
    )
    cid = child["id"]
    plan = model.new_entry(
        "plan",
        cid,
        date="2024-01-08",
        title="SEN Support plan, spring term",
        start_date="2024-01-08",
        review_date="2024-04-01",
        areas=["communication_interaction"],
        targets=[
            {
                "id": "t-greet",
                "text": "Greets an adult at the door",
                "area": "semh",
                "success_measure": "4 days out of 5",
                "by_date": "2024-03-29",
            }
        ],
        provision=[
            {
                "what": "Speech and language group",
                "who": "TA",
                "frequency": "weekly",
                "start": "2024-01-15",
                "end": "",
            }
        ],
    )
    entries = [
        model.new_entry(
            "concern",
            cid,
            date="2023-10-02",
            title="Not speaking in class",
            raised_by="Parent",
            raised_with="Class teacher",
            channel="email",
            response="Will observe",
            response_date="2023-10-09",
            people=["Mr Brown"],
            areas=["communication_interaction"],
        ),
        model.new_entry(
            "assessment",
            cid,
            date="2023-11-20",
            title="Speech and language report",
            professional="NHS SALT",
            findings="Expressive language delay",
            recommendations=[{"text": "Daily language group", "implemented": "partly"}],
        ),
        plan,
        model.new_entry(
            "review",
            cid,
            date="2024-04-02",
            title="Spring review",
            plan_id=plan["id"],
            outcomes=[
                {"target_id": "t-greet", "result": "not_met", "evidence": "Greeted twice in March"}
            ],
            parent_views="Still anxious",
            child_views="I don't like the noise",
            next_steps="Keep the target",
        ),
        model.new_entry(
            "meeting",
            cid,
            date="2024-02-01 15:30",
            title="Meeting with SENCo",
            attendees=["Mrs Patel", "Parent"],
            purpose="Plan check",
            actions=[
                {
                    "text": "Send visual timetable",
                    "owner": "Mrs Patel",
                    "due": "2024-02-08",
                    "done": False,
                }
            ],
            follow_up_sent="2024-02-01",
        ),
        model.new_entry(
            "correspondence",
            cid,
            date="2024-02-10",
            title="Email to SENCo",
            direction="sent",
            **{"from": "Parent", "to": "Mrs Patel"},
            subject="Timetable",
            reply_due="2024-02-17",
            message_id="<timetable-1@example.org>",
        ),
        model.new_entry(
            "incident",
            cid,
            date="2024-03-05",
            title="Sent home at lunch",
            incident_type="sent_home",
            days_lost=0.5,
        ),
        model.new_entry(
            "observation",
            cid,
            date="2024-03-06",
            title="Meltdown after school",
            details='Said: "Everyone was loud".',
        ),
        model.new_entry(
            "request",
            cid,
            date="2024-05-01",
            title="EHC needs assessment request",
            request_type="ehcna",
            sent_to="Local authority SEND team",
            outcome="Refused to assess",
            outcome_date="2024-06-10",
            exception_claimed="",
        ),
    ]
    return [child], entries


@pytest.fixture
def family() -> tuple[list[dict], list[dict]]:
    return family_records()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "book" / "workbook.json"
