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
    # Letters and digits bound a name; "_" and "-" do not, so "Toby_report" is caught, and
    # the words of a full name may be joined by any of them ("Tobias_Wrenfield").
    body = r"[\W_]+".join(re.escape(word) for word in words)
    return re.compile(r"(?<![^\W_])" + body + r"(?![^\W_])", re.IGNORECASE)


def ascii_fold(text: str) -> str:
    """``text`` with accents taken off and anything else outside ASCII dropped."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


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

    Whole words only, in any letter case, and also written without accents.  With no
    pseudonym, text is left as it is.
    """

    def __init__(self, child: Mapping[str, Any], pseudonym: str):
        self.pseudonym = pseudonym
        self._rules = _name_rules(child, pseudonym) if pseudonym else []
        problem = pseudonym_problem(child, pseudonym)
        if problem:
            raise ValueError(problem)

    def apply(self, text: str) -> str:
        """``text`` with every one of the child's names replaced."""
        if not self._rules:
            return text
        for pattern, replacement in self._rules:
            text = pattern.sub(replacement, text)
        return text


def pseudonym_problem(child: Mapping[str, Any], pseudonym: str) -> str | None:
    """Why ``pseudonym`` cannot stand for the child, in a sentence, or None if it can."""
    found = find_child_name(child, pseudonym) if pseudonym else None
    if found:
        return (f"The pseudonym {pseudonym!r} contains the child's name {found!r}; "
                "choose one that does not.")
    return None


def find_child_name(
    child: Mapping[str, Any], text: str, *, full_name_only: bool = False
) -> str | None:
    """The first of the child's names, as a pseudonym replaces them, found in ``text``.

    Used to check that a pseudonymised document or bundle gives no name away.  With
    ``full_name_only``, only a full name of two words or more is looked for: a single
    name may also be an ordinary word of the document's own text ("Will", "Day").
    """
    full = _name_words(str(child.get("name", "")))
    if full_name_only:
        if len(full) < 2:
            return None
        rules = [_name_pattern(full), _name_pattern([ascii_fold(word) for word in full])]
    else:
        rules = [pattern for pattern, _ in _name_rules(child, "")]
    for pattern in rules:
        match = pattern.search(text)
        if match:
            return match.group(0)
    return None
