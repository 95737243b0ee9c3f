"""Weekdays standing alone: 水曜日, 月曜, (水).

A weekday written right after a date is part of that date's expression (the
tagger's tail step); alone it is resolved to the date of that weekday nearest the
reference in the clause's tense direction.
"""

from __future__ import annotations

import re

from jnews_extract.times.lexicon import TimeLexicon
from jnews_extract.times.parse import TimeParse
from jnews_extract.times.patterns import WEEKDAY_KANJI, Candidate


class WeekdayPatterns:
    """Compiled weekday patterns for one lexicon."""

    def __init__(self, lexicon: TimeLexicon) -> None:
        self.lexicon = lexicon
        self._pattern = re.compile(
            rf"(?P<wd>[{WEEKDAY_KANJI}])曜日?|\(\s?(?P<pwd>[{WEEKDAY_KANJI}])(?:曜日?)?\s?\)"
        )

    def find(self, text: str) -> list[Candidate]:
        """Every weekday candidate in the normalised ``text``."""
        found: list[Candidate] = []
        for match in self._pattern.finditer(text):
            weekday = self.lexicon.weekdays[match.group("wd") or match.group("pwd")]
            parse = TimeParse(kind="calendar", type="DATE", weekday=weekday)
            found.append(Candidate(match.start(), match.end(), parse))
        return found
