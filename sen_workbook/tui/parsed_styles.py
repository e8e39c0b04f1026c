"""The app's stylesheets as Textual parses them, kept between runs in the user cache folder.

Textual parses every stylesheet from its text at every start: the app's own sheets, and
each widget's built-in styles the first time that kind of widget is shown.  On the way
from the children list to a child's journal that is about 20 ms of processor time, a
twentieth of the start.  The rules Textual makes from a text depend only on that text,
where it was read from, the theme's colours (its variables) and Textual itself, so they
are kept, one file per version of Textual and of Python, and used again while all of
those are the same.  An edited sheet, another theme or another Textual is parsed as
before, and kept for the next start.

The file holds styles (the program's own and Textual's), never a record or a name.  It
is read only if it is this person's own file in this person's own folder, private to
them (0600 in a 0700 folder), as the program writes it.  Even then nothing in it can run
code: each set of rules is loaded with Python's ``pickle``, but a loader that knows only
the dozen plain classes Textual's rules are made of (colours, sizes, selectors...) and
refuses any other name, so a file made to call a function is refused, not run.  A file
that is missing, damaged, refused or from elsewhere changes nothing but the speed: its
sheets are parsed from their text, and the file written again.
"""

from __future__ import annotations

import io
import os
import pickle
import stat
import sys
import zlib
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

import textual
from textual.css.model import RuleSet, Selector
from textual.css.styles import Styles
from textual.css.stylesheet import CSSLocation, Stylesheet

CACHE_NAME = "parsed-styles-{}.pickle"
# Raised when what the file holds changes shape, so that older files are left alone.
FORMAT = 1
# Beyond this many texts kept (themes tried, sheets edited over the months), only those
# used by the run that saves are kept.
MOST_KEPT = 400

# The only classes a kept set of rules may name: what Textual's parsed rules are made of.
# Each is plain data (built from its fields, with no code of its own run on loading).
RULE_CLASSES = frozenset(
    {
        ("textual.color", "Color"),
        ("textual.css.model", "CombinatorType"),
        ("textual.css.model", "RuleSet"),
        ("textual.css.model", "Selector"),
        ("textual.css.model", "SelectorSet"),
        ("textual.css.model", "SelectorType"),
        ("textual.css.scalar", "Scalar"),
        ("textual.css.scalar", "ScalarOffset"),
        ("textual.css.scalar", "Unit"),
        ("textual.css.styles", "Styles"),
        ("textual.geometry", "Spacing"),
        ("textual.layouts.grid", "GridLayout"),
        ("textual.layouts.horizontal", "HorizontalLayout"),
        ("textual.layouts.vertical", "VerticalLayout"),
    }
)


class RefusedName(pickle.UnpicklingError):
    """A kept file named something other than the classes of parsed rules."""


class _Loader(pickle.Unpickler):
    """Loads only the names it is given; any other name refuses the whole file."""

    def __init__(self, data: bytes, allowed: frozenset[tuple[str, str]]) -> None:
        super().__init__(io.BytesIO(data))
        self.allowed = allowed

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self.allowed:
            raise RefusedName(f"{module}.{name}")
        return super().find_class(module, name)


def _loaded(data: bytes, allowed: frozenset[tuple[str, str]]) -> Any:
    return _Loader(data, allowed).load()


class _Saver(pickle.Pickler):
    """Writes selectors, styles and the names of Textual's enumerations by their fields, so
    that loading them calls nothing but the classes themselves (by default a selector and
    a set of styles carry functions of their own, and an enumeration is found by
    ``getattr``)."""

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is Styles and obj.node is None:
            return Styles, (None, dict(obj._rules), obj._updates, set(obj.important))
        if type(obj) is Selector:
            fields = (obj.name, obj.combinator, obj.type, set(obj.pseudo_classes))
            return Selector, (*fields, obj.specificity, obj.advance)
        if isinstance(obj, Enum):
            return type(obj), (obj.value,)
        return NotImplemented


def _saved(value: Any) -> bytes:
    out = io.BytesIO()
    _Saver(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return out.getvalue()


# The files of Textual whose identity (place, size, time written) stands for the
# installed Textual: any install, upgrade or downgrade of it rewrites them.  (Asking
# Textual its version reads the installed packages' records: a hundred times slower.)
_TEXTUAL_FILES = (
    "__init__.py",
    "css/parse.py",
    "css/tokenize.py",
    "css/_styles_builder.py",
    "css/model.py",
    "css/styles.py",
    "color.py",
)


def made_by() -> str:
    """What the kept rules were made by: this version of the file, this Python and the
    installed Textual."""
    folder = os.path.dirname(textual.__file__ or "")
    parts = [f"format {FORMAT}", sys.implementation.name, sys.version.split()[0], folder]
    for name in _TEXTUAL_FILES:
        try:
            info = os.stat(os.path.join(folder, name))
        except OSError:
            parts.append(f"{name}:missing")
            continue
        parts.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
    return " ".join(parts)


def cache_path(maker: str) -> Path:
    """Where the rules made by ``maker`` (see :func:`made_by`) are kept: the user cache
    folder (``XDG_CACHE_HOME`` on Linux), one file per Python and Textual installed."""
    from platformdirs import user_cache_path

    name = CACHE_NAME.format(f"{zlib.crc32(maker.encode('utf-8', 'surrogateescape')):08x}")
    return user_cache_path("sen-workbook", appauthor=False) / name


def _private_and_own(info: os.stat_result, kind: int) -> bool:
    """Whether a file or folder is this person's own and no one else may read or change it
    (always so where files carry no such modes)."""
    from sen_workbook.files import has_file_modes

    if stat.S_IFMT(info.st_mode) != kind:
        return False
    if not has_file_modes():
        return True
    return info.st_uid == os.getuid() and not info.st_mode & 0o077


# What a set of rules is kept under: the text, where it was read from (a path or a
# widget's name), whether it is a widget's built-in styles, its place among them and
# its scope; all within the theme's colours it was parsed with.
SourceKey = tuple[str, str, str, bool, int, str]
Colours = tuple[tuple[str, str], ...]
Kept = dict[Colours, dict[SourceKey, bytes]]


def _is_kept(value: object) -> bool:
    """Whether a loaded file has the shape the program writes (texts, numbers, bytes)."""
    if not isinstance(value, dict):
        return False
    for colours, rules in value.items():
        if not isinstance(colours, tuple) or not isinstance(rules, dict):
            return False
        if not all(isinstance(k, tuple) and isinstance(v, bytes) for k, v in rules.items()):
            return False
    return True


def read_kept(path: Path, maker: str) -> Kept:
    """The kept rules, each set still as its bytes (loaded only when asked for), or none
    if the file is missing, damaged, not private to this person, not the program's, or
    made by another Python or Textual."""
    try:
        if not _private_and_own(os.lstat(path.parent), stat.S_IFDIR):
            return {}
        if not _private_and_own(os.lstat(path), stat.S_IFREG):  # a link is not followed
            return {}
        with open(path, "rb") as file:
            if not _private_and_own(os.fstat(file.fileno()), stat.S_IFREG):
                return {}
            data = file.read()
        made = _loaded(data, frozenset())  # texts, numbers and bytes: no names at all
    except Exception:  # missing, damaged or refused: parsed again
        return {}
    if not isinstance(made, tuple) or len(made) != 2 or made[0] != maker:
        return {}
    return made[1] if _is_kept(made[1]) else {}


class KeptRules:
    """The parsed rules of each stylesheet text, read from the cache file when first asked
    for, and written back by :meth:`save` when any were added."""

    def __init__(self, path: Path | None, maker: str = "") -> None:
        self.path = path
        self.maker = maker
        self._kept: Kept | None = None
        self._used: set[tuple[Colours, SourceKey]] = set()
        self.added = False
        # Told when rules are first added since the last save (the app saves a moment later).
        self.on_added: Callable[[], None] | None = None

    def _all(self) -> Kept:
        if self._kept is None:
            self._kept = read_kept(self.path, self.maker) if self.path is not None else {}
        return self._kept

    def get(self, colours: Colours, source: SourceKey) -> list[RuleSet] | None:
        data = self._all().get(colours, {}).get(source)
        if data is None:
            return None
        try:
            rules = _loaded(data, RULE_CLASSES)
        except Exception:  # damaged, refused or from another Textual: parsed again
            return None
        if not isinstance(rules, list) or not all(isinstance(r, RuleSet) for r in rules):
            return None
        self._used.add((colours, source))
        return rules

    def add(self, colours: Colours, source: SourceKey, rules: list[RuleSet]) -> None:
        if any(rule.errors for rule in rules):
            return  # Textual reports what is wrong at each start; nothing to keep
        try:
            data = _saved(rules)
            # Kept only if it loads as it will be loaded: a Textual made of other classes
            # than those listed would otherwise have its sheets refused at every start.
            _loaded(data, RULE_CLASSES)
        except Exception:
            return
        self._all().setdefault(colours, {})[source] = data
        self._used.add((colours, source))
        if not self.added:
            self.added = True
            if self.on_added is not None:
                self.on_added()

    def save(self) -> None:
        """Write the kept rules to the cache file, if any were added since it was read:
        private to this person, replaced whole (never half-written)."""
        if not self.added or self.path is None:
            return
        self.added = False
        kept = self._all()
        if sum(len(rules) for rules in kept.values()) > MOST_KEPT:
            pruned: Kept = {}
            for colours, source in self._used:
                if source in kept.get(colours, {}):
                    pruned.setdefault(colours, {})[source] = kept[colours][source]
            kept = self._kept = pruned
        from sen_workbook.files import atomic_write, ensure_folder, has_file_modes, make_private

        try:
            folder = self.path.parent
            ensure_folder(folder)
            info = os.lstat(folder)
            if not stat.S_ISDIR(info.st_mode):
                # A file or a link in the folder's place is the person's own: a link
                # is not followed (it would be the folder it points to that was made
                # private and written in), and a file is not made private as a folder.
                return
            if not _private_and_own(info, stat.S_IFDIR):
                if not has_file_modes() or info.st_uid != os.getuid():
                    return  # another's folder: nothing is written there
                make_private(folder, 0o700)  # the program's own folder, made private
            atomic_write(self.path, pickle.dumps((self.maker, kept)), sync_folder=False)
        except OSError:
            pass  # a cache that cannot be written only costs the next start the parsing


class KeptStylesheet(Stylesheet):
    """Textual's stylesheet, parsing a text only when its rules are not kept."""

    def __init__(self, *, variables: dict[str, str] | None = None, kept: KeptRules) -> None:
        super().__init__(variables=variables)
        self.kept = kept
        self._colours: Colours | None = None

    @classmethod
    def in_cache_folder(cls, variables: dict[str, str]) -> KeptStylesheet:
        """A stylesheet keeping its rules in the user cache folder."""
        maker = made_by()
        return cls(variables=variables, kept=KeptRules(cache_path(maker), maker))

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)
        self._colours = None

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        found = self._parse_cache.get((css, read_from, is_default_rules, tie_breaker, scope))
        if found is not None:
            return found
        if self._colours is None:
            self._colours = tuple(sorted(self._variables.items()))
        source = (css, *read_from, is_default_rules, tie_breaker, scope)
        rules = self.kept.get(self._colours, source)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            self.kept.add(self._colours, source, rules)
        else:
            self._parse_cache[(css, read_from, is_default_rules, tie_breaker, scope)] = rules
        return rules

    def reparse(self) -> None:
        # As Textual's own (a new theme's colours: every text parsed again into a fresh
        # stylesheet, whose rules replace these only if all of it parsed), with the fresh
        # stylesheet reading the kept rules too.
        fresh = KeptStylesheet(variables=self._variables, kept=self.kept)
        for read_from, (css, is_defaults, tie_breaker, scope) in self.source.items():
            fresh.add_source(
                css,
                read_from=read_from,
                is_default_css=is_defaults,
                tie_breaker=tie_breaker,
                scope=scope,
            )
        try:
            fresh.parse()
        except Exception:
            self._invalid_css.update(fresh._invalid_css)
            raise
        self._rules = fresh.rules
        self._rules_map = None
        self.source = fresh.source
        self._require_parse = False

    def copy(self) -> Stylesheet:
        copied = KeptStylesheet(variables=self._variables.copy(), kept=self.kept)
        copied.source = self.source.copy()
        return copied
