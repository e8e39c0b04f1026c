"""The typeface every page the tool writes is set in, and what to do about letters it lacks.

Source Sans Pro (SIL Open Font License) comes inside the ``font-source-sans-pro`` wheel, so
``pip install`` brings it on any computer and no system font is looked for.  It covers Latin
with every accent, Greek, Cyrillic, curly quotes, dashes, arrows and ticks; a character it
lacks (an emoji, say) is shown by its Unicode name in brackets, "[smiling face]", so the
family's words are never silently dropped and typesetting never fails on them.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

FAMILY = "SourceSans"
# Style letters as fpdf2 names them, with the file of each.  Only upright faces: the
# documents use no italics (the family's own marks are shown as typed), and every face
# loaded costs time to read and to subset.
_FILES = {
    "": "SourceSansPro-Regular.ttf",
    "B": "SourceSansPro-Bold.ttf",
}


@lru_cache(maxsize=1)
def _folder() -> Path:
    # The package's own module globs its folder at import; finding the folder through
    # the import system without running it keeps this cheap and independent of that code.
    import importlib.util

    spec = importlib.util.find_spec("font_source_sans_pro")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "The font-source-sans-pro package is not installed; reinstall sen-workbook."
        )
    return Path(next(iter(spec.submodule_search_locations))) / "files"


def font_files() -> dict[str, Path]:
    """The TrueType file of each style ("" regular, "B" bold)."""
    return {style: _folder() / name for style, name in _FILES.items()}


class Glyphs:
    """Which characters the typeface can show, and a printable form of any text.

    ``covered`` is the set of code points in the regular face's character map (the bold
    and italic faces cover the same letters).
    """

    def __init__(self, covered: set[int] | frozenset[int]):
        self.covered = frozenset(covered)
        self.letters = frozenset(map(chr, self.covered))  # the same, as characters
        self._shown: dict[str, str] = {}

    def printable(self, text: str) -> str:
        """``text`` with every character the font lacks replaced by one it has.

        Tabs become spaces; a letter the font lacks but whose compatibility form it has
        (a ligature, a full-width letter, an accent on a letter without that accent's
        glyph) is written in that form; anything else is written as its Unicode name in
        square brackets.
        """
        if text.isascii() and text.isprintable():
            return text
        letters = self.letters
        if letters.issuperset(text):
            return text
        return "".join(char if char in letters else self._substitute(char) for char in text)

    def _substitute(self, char: str) -> str:
        shown = self._shown.get(char)
        if shown is None:
            shown = self._shown[char] = self._work_out(char)
        return shown

    def _work_out(self, char: str) -> str:
        if char in "\t\n\r\x0b\x0c" or unicodedata.category(char) == "Zs":
            return " "
        if unicodedata.category(char) in ("Cc", "Cf", "Mn", "Me"):
            return ""  # controls, joiners and marks on their own show nothing
        decomposed = unicodedata.normalize("NFKD", char)
        kept = "".join(part for part in decomposed if ord(part) in self.covered)
        if decomposed != char and kept.strip():
            return kept
        name = unicodedata.name(char, "")
        return f"[{name.lower()}]" if name else "\ufffd" if 0xFFFD in self.covered else "?"
