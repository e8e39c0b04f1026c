"""England's bank holidays are those of the installed ``holidays`` package, kept in the
user cache folder so that a run that counts working days need not import the package:
the kept table is used only while the package that made it is installed, and a damaged
or foreign one is never believed."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date

import pytest

from sen_workbook import bank_holidays, deadlines

FIRST, LAST = deadlines.FIRST_COVERED_YEAR, deadlines.LAST_COVERED_YEAR


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def from_the_package() -> frozenset[date]:
    import holidays

    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=range(FIRST, LAST + 1)))


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_CACHE_HOME is the Linux cache folder")
def test_the_table_is_kept_privately_and_read_back_the_same(cache_home):
    first = bank_holidays.bank_holidays(FIRST, LAST)
    kept = bank_holidays.cache_path(bank_holidays.installed_package())
    assert kept.parent == cache_home / "sen-workbook"
    assert kept.exists()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    assert first == from_the_package()
    assert date(2022, 9, 19) in first  # the State Funeral, a one-off day
    assert date(2023, 5, 8) in first  # the Coronation
    assert bank_holidays.bank_holidays(FIRST, LAST) == first


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_CACHE_HOME is the Linux cache folder")
def test_a_run_with_the_table_kept_counts_working_days_without_importing_the_package(
    cache_home,
):
    bank_holidays.bank_holidays(FIRST, LAST)
    script = (
        "import sys\n"
        "from datetime import date\n"
        "from sen_workbook import deadlines\n"
        "print(deadlines.appeal_deadline(date(2025, 10, 27)).isoformat())\n"
        "print(deadlines.is_working_day(date(2022, 9, 19)))\n"
        "print('holidays' in sys.modules)\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "XDG_CACHE_HOME": str(cache_home)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    # 27 December 2025 + 2 months is a Friday in the Christmas closure: the next working
    # day after 1 January is Friday 2 January 2026.
    assert shown == ["2026-01-02", "False", "False"]


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_CACHE_HOME is the Linux cache folder")
@pytest.mark.parametrize(
    "kept",
    [
        lambda package: "not json at all",
        lambda package: json.dumps(
            {"package": "another install", "first": FIRST, "last": LAST, "days": []}
        ),
        lambda package: json.dumps(
            {"package": package, "first": FIRST, "last": LAST, "days": ["2030-13-01"]}
        ),
        lambda package: json.dumps({"package": package, "first": FIRST, "last": LAST}),
        lambda package: json.dumps([package]),
    ],
    ids=["damaged", "another package", "impossible day", "no days", "not a table"],
)
def test_a_kept_table_that_is_damaged_or_from_another_package_is_worked_out_again(cache_home, kept):
    path = bank_holidays.cache_path(bank_holidays.installed_package())
    path.parent.mkdir(parents=True)
    path.write_text(kept(bank_holidays.installed_package()))
    assert bank_holidays.bank_holidays(FIRST, LAST) == from_the_package()
    rewritten = json.loads(path.read_text())
    assert rewritten["package"] == bank_holidays.installed_package()
    assert len(rewritten["days"]) == len(from_the_package())


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_CACHE_HOME is the Linux cache folder")
def test_another_install_keeps_its_own_table_beside_this_one(cache_home):
    ours = bank_holidays.installed_package()
    other = ours + " (another environment)"
    assert bank_holidays.cache_path(other) != bank_holidays.cache_path(ours)
    bank_holidays.bank_holidays(FIRST, LAST)
    kept = bank_holidays.cache_path(ours)
    stamp = kept.stat().st_mtime_ns
    bank_holidays.bank_holidays(FIRST, LAST)
    assert kept.stat().st_mtime_ns == stamp  # read, not written again


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_CACHE_HOME is the Linux cache folder")
def test_a_table_kept_for_other_years_is_not_used(cache_home):
    bank_holidays.bank_holidays(2020, 2021)
    assert bank_holidays.bank_holidays(FIRST, LAST) == from_the_package()


@pytest.mark.skipif(
    sys.platform != "linux" or os.geteuid() == 0, reason="root writes through read-only modes"
)
def test_a_cache_folder_that_cannot_be_written_only_costs_time(cache_home):
    cache_home.mkdir()
    cache_home.chmod(0o500)
    try:
        assert bank_holidays.bank_holidays(FIRST, LAST) == from_the_package()
    finally:
        cache_home.chmod(0o700)


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="XDG_CACHE_HOME is Linux's")
def test_the_tests_cache_in_a_folder_of_their_run_never_the_persons_own():
    from sen_workbook.tui.parsed_styles import cache_path as styles_path

    run_folder = os.environ["SEN_WORKBOOK_TESTS_CACHE"]
    for kept in (bank_holidays.cache_path("holidays"), styles_path("Textual")):
        assert kept.is_relative_to(run_folder), kept


# Each way the cache folder can be set on Linux, and the ways it cannot be used as set.
CACHE_SETTINGS = [
    {"XDG_CACHE_HOME": None, "HOME": "/home/parent"},
    {"XDG_CACHE_HOME": None, "HOME": "/home/parent/"},
    {"XDG_CACHE_HOME": None, "HOME": "/"},
    {"XDG_CACHE_HOME": "", "HOME": "/home/parent"},
    {"XDG_CACHE_HOME": "/var/tmp/cache", "HOME": "/home/parent"},
    {"XDG_CACHE_HOME": "/var/tmp/cache/", "HOME": "/home/parent"},
    {"XDG_CACHE_HOME": "/var/tmp/cache", "HOME": None},
    {"XDG_CACHE_HOME": "relative/cache", "HOME": "/home/parent"},
    {"XDG_CACHE_HOME": "   ", "HOME": "/home/parent"},
    {"XDG_CACHE_HOME": None, "HOME": "relative-home"},
    {"XDG_CACHE_HOME": None, "HOME": None},
]


@pytest.mark.skipif(sys.platform != "linux", reason="the rule checked is the Linux one")
@pytest.mark.parametrize("setting", CACHE_SETTINGS)
def test_the_cache_folder_is_the_one_platformdirs_gives_on_linux(setting, monkeypatch):
    from platformdirs.unix import Unix

    for name, value in setting.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert bank_holidays.cache_folder() == Unix("sen-workbook", appauthor=False).user_cache_path


def folder_found(platform: str, cache_home: str) -> tuple[str, bool]:
    """The cache folder found in a fresh process that takes itself for ``platform``, and
    whether it loaded ``platformdirs`` to find it."""
    script = (
        "import sys\n"
        "from sen_workbook import bank_holidays\n"
        f"sys.platform = {platform!r}\n"
        "try:\n"
        "    print(bank_holidays.cache_folder())\n"
        "except Exception as error:  # another system's folder looked up on this one\n"
        "    print(type(error).__name__)\n"
        "print('platformdirs' in sys.modules)\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "XDG_CACHE_HOME": cache_home},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return shown[0], shown[1] == "True"


@pytest.mark.skipif(sys.platform != "linux", reason="the rule checked is the Linux one")
def test_on_linux_the_cache_folder_is_found_without_loading_platformdirs(tmp_path):
    assert folder_found("linux", str(tmp_path)) == (str(tmp_path / "sen-workbook"), False)


@pytest.mark.parametrize("platform", ["darwin", "win32"])
def test_elsewhere_platformdirs_finds_the_cache_folder(platform, tmp_path):
    # macOS and Windows have rules of their own (and platformdirs' versions differ on
    # whether macOS follows XDG_CACHE_HOME): platformdirs is always asked there.
    assert folder_found(platform, str(tmp_path))[1]
