"""Where the app's ``.tcss`` stylesheets are, in a checkout and in an installed wheel.

The sheets live in the repository's top-level ``styles/`` folder; the wheel (and the
single-file app built from it) carries them as ``sen_workbook/styles`` (hatchling's
``force-include`` in ``pyproject.toml``).
"""

from __future__ import annotations

from pathlib import Path, PurePath


def styles_folder() -> Path:
    """The ``.tcss`` files: inside the installed package, or ``styles/`` in a checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "styles"
    if installed.is_dir():
        return installed
    return package.parent / "styles"


def every_stylesheet() -> list[str | PurePath]:
    """Every ``.tcss`` file, ``app.tcss`` first: what the app reads once at start.

    Each sheet is named only by the screen that uses it (its ``CSS_PATH``); the app reads
    them all at start because a sheet first read when its screen opens makes Textual
    parse every source again and restyle the whole app, a noticeable pause.
    """
    folder = styles_folder()
    sheets = sorted(folder.glob("*.tcss"), key=lambda path: (path.name != "app.tcss", path.name))
    return [str(path) for path in sheets]  # as Textual's CSS_PATH takes them


def stylesheet(name: str) -> str:
    """The path of one of our ``.tcss`` files, for a ``CSS_PATH``."""
    return str(styles_folder() / name)
