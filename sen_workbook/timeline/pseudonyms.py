"""A pseudonym in place of the child's names, and the checks that no name is left.

The full name, the preferred name and the first name become the pseudonym; the other
words of the name (a middle or family name) become ``[name withheld]``, so "Mrs
Wrenfield" does not give the child away.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

PSEUDONYM_MARK = "[name withheld]"


def _name_words(name: str) -> list[str]:
    return [word for word in re.split(r"[^\w'’]+|_", name) if word]


def _name_pattern(words: list[str]) -> re.Pattern[str]:
    # The words of a full name may be joined by anything that is not a letter, or by
    # nothing at all ("Tobias_Wrenfield", "tobiaswrenfield").  Where a match may start
    # and end inside a word is decided by _joined (below).
    body = r"[\W_]*".join(re.escape(word) for word in words)
    return re.compile(body, re.IGNORECASE)


def ascii_fold(text: str) -> str:
    """``text`` with accents taken off and anything else outside ASCII dropped."""
    if text.isascii():  # most names and file names: nothing to take off or drop
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


# A whitespace-delimited token that names a file, an address or a link: in those a name
# is joined to anything ("amarabennett10@gmail.com", "amarareport.pdf"), so it is
# matched anywhere inside them.  Elsewhere a name inside a word is matched only where a
# reader would see it as a name: after or before a digit, "_" or other non-letter, or at
# a change to a capital ("AmaraReport", "myAmara"); "Ann" is not found in "annual".
_ADDRESS_LIKE = re.compile(r"\S*(?:@|://|www\.)\S*|\S+\.[A-Za-z0-9]{1,5}(?=[\s,;:!?)\]}]|$)")


def _address_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _ADDRESS_LIKE.finditer(text)]


def _letter(char: str) -> bool:
    return char.isalpha()


def _joined(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether the match ``text[start:end]`` reads as the name where it stands."""
    if any(low <= start and end <= high for low, high in spans):
        return True
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    left = not before or not _letter(before) or (before.islower() and text[start].isupper())
    right = not after or not _letter(after) or (after.isupper() and text[end - 1].islower())
    return left and right


def _matches(pattern: re.Pattern[str], text: str, anywhere: bool) -> list[re.Match[str]]:
    """The matches of a name's pattern that read as the name (see :func:`_joined`)."""
    found = []
    spans: list[tuple[int, int]] | None = None
    for match in pattern.finditer(text):
        if anywhere:
            found.append(match)
            continue
        if spans is None:
            spans = _address_spans(text)
        if _joined(text, match.start(), match.end(), spans):
            found.append(match)
    return found


def _name_rules(child: Mapping[str, Any], pseudonym: str) -> list[tuple[re.Pattern[str], str]]:
    """(pattern, replacement) for each of the child's names, longest first.

    The full name, the preferred name and the first name become the pseudonym; any other
    word of the name of three letters or more (a middle or family name) becomes
    ``[name withheld]``, so "Mrs Wrenfield" does not give the child away.
    """
    full = _name_words(str(child.get("name", "")))
    names: list[tuple[list[str], str]] = [
        (full, pseudonym),
        (_name_words(str(child.get("preferred_name", ""))), pseudonym),
    ]
    if full:
        names.append((full[:1], pseudonym))
    if len(full) > 2:  # "Okafor-Bennett" becomes one mark, not two
        names.append((full[1:], PSEUDONYM_MARK))
        names.append(([full[0], full[-1]], pseudonym))  # "amarabennett10", "Amara Bennett"
    names.extend(([word], PSEUDONYM_MARK) for word in full[1:] if len(word) >= 3)
    rules: list[tuple[re.Pattern[str], str]] = []
    seen: set[tuple[str, ...]] = set()
    # Longest first, so "Toby Wrenfield" is replaced whole before its parts.
    for words, replacement in sorted(names, key=lambda pair: (-len(" ".join(pair[0])), pair[0])):
        for variant in (words, [ascii_fold(word) for word in words]):
            key = tuple(word.casefold() for word in variant)
            if all(variant) and variant and key not in seen:
                seen.add(key)
                rules.append((_name_pattern(variant), replacement))
    return rules


class Pseudonym:
    """Replaces a child's names in text when a pseudonym is set (see :func:`_name_rules`).

    In any letter case, also written without accents, and joined to other letters or
    digits where a reader would still see the name (see :func:`_joined`).  With no
    pseudonym, text is left as it is.
    """

    def __init__(self, child: Mapping[str, Any], pseudonym: str):
        self.pseudonym = pseudonym
        self._rules = _name_rules(child, pseudonym) if pseudonym else []
        problem = pseudonym_problem(child, pseudonym)
        if problem:
            raise ValueError(problem)

    def apply(self, text: str, *, anywhere: bool = False) -> str:
        """``text`` with every one of the child's names replaced.

        ``anywhere``: the text is a file name or an address, in which a name is replaced
        wherever it stands, even joined to other letters.
        """
        if not self._rules:
            return text
        for pattern, replacement in self._rules:
            found = _matches(pattern, text, anywhere)
            for match in reversed(found):
                text = text[: match.start()] + replacement + text[match.end() :]
        return text


EMPTY_PSEUDONYM = (
    "The pseudonym is empty; type a name to use instead of the child's, such as "
    "'Child A', or use none."
)


def pseudonym_problem(child: Mapping[str, Any], pseudonym: str) -> str | None:
    """Why ``pseudonym`` cannot stand for the child, in a sentence, or None if it can.

    An empty string is no pseudonym at all; one of spaces only is refused.
    """
    if pseudonym and not pseudonym.strip():
        return EMPTY_PSEUDONYM
    found = find_child_name(child, pseudonym) if pseudonym else None
    if found:
        return (
            f"The pseudonym {pseudonym!r} contains the child's name {found!r}; "
            "choose one that does not."
        )
    return None


def find_child_name(
    child: Mapping[str, Any], text: str, *, full_name_only: bool = False, anywhere: bool = False
) -> str | None:
    """The first of the child's names, as a pseudonym replaces them, found in ``text``.

    Used to check that a pseudonymised document or bundle gives no name away.  With
    ``full_name_only``, only a full name of two words or more is looked for: a single
    name may also be an ordinary word of the document's own text ("Will", "Day").
    ``anywhere``: ``text`` is a file name or an address (see :meth:`Pseudonym.apply`).
    """
    full = _name_words(str(child.get("name", "")))
    if full_name_only:
        if len(full) < 2:
            return None
        rules = [_name_pattern(full), _name_pattern([ascii_fold(word) for word in full])]
    else:
        rules = [pattern for pattern, _ in _name_rules(child, "")]
    for pattern in rules:
        found = _matches(pattern, text, anywhere)
        if found:
            return found[0].group(0)
    return None
