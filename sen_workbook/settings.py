"""The settings file: what the app and the command line remember between runs.

The colour theme, the place the app was closed on, the family's own email addresses
(so an imported email is known to be one the family sent) and the parent's name that
letters are signed with.  It lives in the user config
folder, or where ``SEN_WORKBOOK_CONFIG`` says, and holds no records.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final, TypedDict, cast

from sen_workbook.errors import FilesError, WorkbookError
from sen_workbook.files import atomic_write, ensure_folder

CONFIG_ENV = "SEN_WORKBOOK_CONFIG"
MY_ADDRESSES: Final = "my_addresses"  # the family's own email addresses, lower case
PARENT_NAME: Final = "parent_name"  # the name the family's letters are signed with
LAST_PLACE: Final = "last_place"  # the child and tab on screen when the app was closed


class LastPlace(TypedDict):
    """Where the app was closed: the workbook file, and the child and tab on screen."""

    workbook: str
    child: str
    tab: str


class Settings(TypedDict, total=False):
    """What the settings file remembers; any of it may be missing."""

    theme: str  # the colour theme's name
    last_place: LastPlace
    my_addresses: list[str]
    parent_name: str


def _as_known(key: str, value: Any) -> Any:
    """A known setting as :class:`Settings` types it, or None when it cannot be read so.

    What can be kept is kept: the addresses that are text, of a list with one damaged
    item; a place with more parts than these three (a newer version's) as it is.
    """
    if key == LAST_PLACE:
        wanted = LastPlace.__annotations__.keys()
        if isinstance(value, dict) and all(isinstance(value.get(k), str) for k in wanted):
            return value
        return None
    if key == MY_ADDRESSES:
        return [a for a in value if isinstance(a, str)] if isinstance(value, list) else None
    return value if isinstance(value, str) else None


def settings_path() -> Path:
    """The settings file: ``SEN_WORKBOOK_CONFIG`` if set, else the user config folder's."""
    configured = os.environ.get(CONFIG_ENV)
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_config_path

    return user_config_path("sen-workbook", appauthor=False) / "settings.json"


def load_settings(path: Path) -> Settings:
    """The saved settings, or none at all when the file is missing or unreadable.

    Settings are a convenience: a damaged file must never stop a parent reaching
    their records, so anything that is not a JSON object counts as empty, and a
    setting of the wrong type (edited by hand) as not set.  Settings this version
    does not know (a newer one's) are kept, to be written back as they were.
    """
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(loaded, dict):
        return {}
    known = Settings.__annotations__.keys()
    kept: dict[str, Any] = {}
    for key, value in loaded.items():
        if key in known:
            value = _as_known(key, value)
            if value is None:
                continue
        kept[key] = value
    return cast(Settings, kept)


def save_settings(path: Path, settings: Settings, what: str = "Your settings") -> None:
    """Write the settings atomically.

    A :class:`~sen_workbook.errors.FilesError` if they cannot be written, its sentence
    saying that ``what`` (the thing being kept, "The theme") will not be remembered, and
    why: the settings are a convenience, so callers say so and go on.
    """
    try:
        ensure_folder(path.parent)
        atomic_write(path, json.dumps(dict(settings), indent=2, sort_keys=True).encode("utf-8"))
    except WorkbookError:
        raise  # already a sentence (another program holding the file open)
    except OSError as error:
        raise FilesError(
            f"{what} could not be remembered for next time: {path} could not be written "
            f"({error.strerror or error})."
        ) from error


def my_addresses(settings: Settings) -> list[str]:
    """The family's own email addresses remembered in ``settings``."""
    return [a for a in settings.get(MY_ADDRESSES, []) if a]


def remember_addresses(path: Path, addresses: Iterable[str]) -> list[str]:
    """Add ``addresses`` to the family's own in the settings file; all of them, after
    (a ``FilesError`` if the settings cannot be written)."""
    settings = load_settings(path)
    known = my_addresses(settings)
    for address in addresses:
        address = address.strip().casefold()
        if address and address not in known:
            known.append(address)
    settings[MY_ADDRESSES] = known
    save_settings(path, settings, "Your email addresses")
    return known


def parent_name(settings: Settings) -> str:
    """The parent's name letters are signed with, or "" when none is remembered."""
    return " ".join(settings.get(PARENT_NAME, "").split())


def remember_parent_name(path: Path, name: str) -> str:
    """Keep ``name`` as the name letters are signed with (a ``FilesError`` if the
    settings cannot be written); returns it as kept."""
    settings = load_settings(path)
    kept = " ".join(name.split())
    if kept:
        settings[PARENT_NAME] = kept
    else:
        settings.pop(PARENT_NAME, None)
    save_settings(path, settings, "Your name")
    return kept
