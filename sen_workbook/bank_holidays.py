"""England's bank holidays as the ``holidays`` package gives them, remembered between runs.

The ``holidays`` package is the source (it carries the substitute days and the one-off
days, and its maintainers keep it up to date), but importing it takes a tenth of a second
of processor time on every run, as much as the rest of a 5,000-entry timeline.  So its
answer for the years counted is kept in the user cache folder, beside the identity of the
installed package (where its files are, their sizes and modification times): any
upgrade, downgrade or reinstall of the package rewrites its files, so a table is used
only while the package that made it is the one installed, and is worked out again as
soon as it is not.

The table holds public dates, never a record; a cache that cannot be read or written
changes nothing but the speed.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

# One file per installed package (named by a digest of its identity), so that two
# installs on one computer (a second environment, say) do not keep replacing each
# other's table.
CACHE_NAME = "bank-holidays-england-{}.json"
# The files whose identity stands for the installed package: they are rewritten by every
# install of it.
_PACKAGE_FILES = ("__init__.py", "holiday_base.py", "countries/united_kingdom.py")


def cache_folder() -> Path:
    """The user cache folder of the app, as ``platformdirs`` gives it.

    Loading ``platformdirs`` costs some 5 ms of processor time, on every timeline with
    an appeal, for one folder.  On Linux in the plain case (``XDG_CACHE_HOME`` an
    absolute path, or unset or empty with an absolute ``HOME``) the folder is found here
    by the rule ``platformdirs`` follows (the XDG base directory specification); in
    every other case (macOS, Windows, Android, a relative or missing setting)
    ``platformdirs`` is asked, so the folder is always the one it gives.
    """
    if (
        sys.platform == "linux"
        and not hasattr(sys, "getandroidapilevel")
        and not (
            os.environ.get("ANDROID_DATA") == "/data"
            and os.environ.get("ANDROID_ROOT") == "/system"
        )
    ):
        configured = os.environ.get("XDG_CACHE_HOME", "")
        if configured.startswith("/"):
            return Path(configured, "sen-workbook")
        home = os.environ.get("HOME", "")
        if not configured and home.startswith("/"):
            return Path(home, ".cache", "sen-workbook")
    from platformdirs import user_cache_path

    return user_cache_path("sen-workbook", appauthor=False)


def cache_path(package: str) -> Path:
    """Where the table made by ``package`` is kept: the user cache folder
    (``XDG_CACHE_HOME`` on Linux)."""
    from zlib import crc32

    # A checksum names the file: the table inside says which package made it, so two
    # identities sharing a name only replace each other's table.  (hashlib would load
    # OpenSSL, 3 ms of every timeline with an appeal; zlib is a small compiled module.)
    digest = f"{crc32(package.encode('utf-8', 'surrogateescape')):08x}"
    return cache_folder() / CACHE_NAME.format(digest)


def installed_package() -> str | None:
    """The identity of the installed ``holidays`` package, found without importing it;
    None when it cannot be told (a package inside a zip file, say)."""
    from importlib.util import find_spec

    spec = find_spec("holidays")
    if spec is None or not spec.origin:
        return None
    folder = os.path.dirname(spec.origin)
    parts = []
    for name in _PACKAGE_FILES:
        try:
            info = os.stat(os.path.join(folder, name))
        except OSError:
            return None
        parts.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
    return " ".join([folder, *parts])


def _from_package(first: int, last: int) -> frozenset[date]:
    import holidays

    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=range(first, last + 1)))


def _remembered(path: Path, package: str, first: int, last: int) -> frozenset[date] | None:
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if kept["package"] != package or (kept["first"], kept["last"]) != (first, last):
            return None
        return frozenset(date.fromisoformat(day) for day in kept["days"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _remember(path: Path, package: str, first: int, last: int, days: frozenset[date]) -> None:
    from sen_workbook.files import atomic_write, ensure_folder

    kept = {
        "package": package,
        "first": first,
        "last": last,
        "days": sorted(day.isoformat() for day in days),
    }
    try:
        ensure_folder(path.parent)
        atomic_write(path, json.dumps(kept, indent=1).encode("utf-8"))
    except OSError:
        pass  # a cache that cannot be written only costs the next run the import


def bank_holidays(first: int, last: int) -> frozenset[date]:
    """Every bank holiday in England from ``first`` to ``last`` (both included), as the
    installed ``holidays`` package says, read from the cache when that package made it."""
    package = installed_package()
    if package is None:
        return _from_package(first, last)
    path = cache_path(package)
    days = _remembered(path, package, first, last)
    if days is None:
        days = _from_package(first, last)
        _remember(path, package, first, last, days)
    return days
