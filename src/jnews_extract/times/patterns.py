"""Regex pieces shared by the pattern modules, and the candidate they produce.

Every pattern module (absolute, clock, relative, durations, sets, weekdays)
compiles its expressions from a :class:`~jnews_extract.times.lexicon.TimeLexicon`
once and returns :class:`Candidate` objects with offsets into the *normalised*
text (see :mod:`jnews_extract.times.normalize`); the tagger maps them back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from jnews_extract.times.parse import TimeParse

IDEOGRAPH = r"[\u4e00-\u9fff々]"
"""One kanji: a unit word directly followed by one is usually part of another word."""

NO_DIGIT_BEFORE = r"(?<![\d.,])"
NO_DIGIT_AFTER = r"(?![\d])"
NUMBER = r"\d+(?:\.\d+)?"
WEEKDAY_KANJI = "月火水木金土日"

PRIORITY = {"calendar": 6, "relative": 5, "offset": 4, "set": 3, "duration": 2, "reference": 1}
"""Tie-break between candidates with the same span: a date reading beats a duration."""


@dataclass
class Candidate:
    """One expression found in the normalised text, with what it means."""

    start: int
    end: int
    parse: TimeParse

    @property
    def priority(self) -> int:
        """Rank among candidates of the same span (higher wins)."""
        return PRIORITY.get(self.parse.kind, 0)


def alternation(words: Iterable[str]) -> str:
    """A non-capturing regex alternation of literal words, longest first."""
    ordered = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")"


def is_ideograph(char: str) -> bool:
    """Whether ``char`` is a kanji (or 々)."""
    return "\u4e00" <= char <= "\u9fff" or char == "々"


def trie_alternation(words: Iterable[str]) -> str:
    """Like :func:`alternation` but as a prefix tree, fast for hundreds of words (era names).

    >>> trie_alternation(["平成", "平和", "令和"])
    '(?:令和|平(?:和|成))'
    """
    trie: dict[str, dict[str, Any]] = {}
    for word in {w for w in words if w}:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, dict[str, Any]]) -> str:
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        optional = "" in node
        if not branches:
            return ""
        body = (
            branches[0] if len(branches) == 1 and not optional else "(?:" + "|".join(branches) + ")"
        )
        if optional:
            body = (body if body.startswith("(?:") else "(?:" + body + ")") + "?"
        return body

    rendered = render(trie)
    return rendered if rendered.startswith("(?:") else "(?:" + rendered + ")"
