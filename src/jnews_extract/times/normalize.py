"""Character normalisation for matching, with an offset map back to the raw text.

Patterns run on a normalised copy of the text: full-width forms folded to their
ASCII/standard forms (``２１日`` → ``21日``, ``（水）`` → ``(水)``, NFKC per
character) and kanji numerals of time expressions turned into digits
(``二十一日`` → ``21日``, ``十月`` → ``10月``). Every normalised character
remembers the raw characters it came from, so a match maps back to an exact
half-open span of the caller's string.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from jnews_extract.times.lexicon import TimeLexicon

_QUARTER_WORDS = ("半期", "半世")
"""四半期 / 四半世紀: the 四 is part of the word, not a number."""


@dataclass(frozen=True)
class NormalizedText:
    """A normalised copy of a text with, per character, the raw span it came from."""

    text: str
    raw_starts: tuple[int, ...]
    raw_ends: tuple[int, ...]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text to the raw text.

        >>> normalize_text("二十一日", default_lexicon()).raw_span(0, 3)  # doctest: +SKIP
        (0, 4)
        """
        if end <= start:
            raw = self.raw_starts[start] if start < len(self.raw_starts) else self.raw_ends[-1]
            return raw, raw
        return self.raw_starts[start], self.raw_ends[end - 1]


@cache
def _foldable() -> re.Pattern[str]:
    """A character class of the BMP characters NFKC changes (full-width forms, ㍻, ①, ｶ).

    Built once per process (about 30 ms); text without such characters keeps its
    offsets untouched.
    """
    changing = [
        chr(code)
        for code in range(0x80, 0x10000)
        if not 0xD800 <= code <= 0xDFFF and unicodedata.normalize("NFKC", chr(code)) != chr(code)
    ]
    return re.compile("[" + "".join(re.escape(char) for char in changing) + "]")


def _fold_width(raw: str) -> tuple[str, list[int], list[int]]:
    """NFKC per character (full-width digits/letters/brackets to ASCII, ㍻ → 平成)."""
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for match in _foldable().finditer(raw):
        index = match.start()
        pieces.append(raw[position:index])
        starts.extend(range(position, index))
        ends.extend(range(position + 1, index + 1))
        folded = unicodedata.normalize("NFKC", match.group())
        pieces.append(folded)
        starts.extend([index] * len(folded))
        ends.extend([index + 1] * len(folded))
        position = index + 1
    pieces.append(raw[position:])
    starts.extend(range(position, len(raw)))
    ends.extend(range(position + 1, len(raw) + 1))
    return "".join(pieces), starts, ends


def kanji_number_value(run: str, lexicon: TimeLexicon) -> int:
    """The value of a run of kanji numerals: 二十一 → 21, 二〇二五 → 2025, 千九百 → 1900."""
    digits = lexicon.kanji_digits
    multipliers = lexicon.kanji_multipliers
    total = 0
    section = 0
    number = 0
    for char in run:
        if char in digits:
            number = number * 10 + digits[char]
        elif multipliers[char] < 10000:
            section += (number or 1) * multipliers[char]
            number = 0
        else:
            total += (section + number or 1) * multipliers[char]
            section = 0
            number = 0
    return total + section + number


def _is_ideograph(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or char in "〇々"


def _run_is_time_number(chars: str, start: int, end: int, lexicon: TimeLexicon) -> bool:
    """Whether the kanji numeral run ``chars[start:end]`` is the number of a time unit."""
    if end >= len(chars):
        return False
    following = chars[end : end + 3]
    if chars[end] not in lexicon.numeral_unit_characters and not following.startswith("四半期"):
        return False
    if start > 0:
        before = chars[start - 1]
        if _is_ideograph(before) and before not in lexicon.numeral_left_context:
            return False
    word = chars[start : end + 1]
    blocked = lexicon.blocked_numerals.get(word)
    if blocked is None:
        return True
    before = chars[start - 1] if start > 0 else ""
    after = chars[end + 1] if end + 1 < len(chars) else ""
    preceding = chars[max(0, start - 4) : start]
    return bool(
        (before and before in blocked.unless_before)
        or (after and after in blocked.unless_after)
        or any(preceding.endswith(w) for w in blocked.unless_before_words)
    )


@cache
def _numeral_runs(lexicon: TimeLexicon) -> re.Pattern[str]:
    numerals = "".join(lexicon.kanji_digits) + "".join(lexicon.kanji_multipliers)
    return re.compile(f"[{re.escape(numerals)}]+")


def normalize_text(raw: str, lexicon: TimeLexicon) -> NormalizedText:
    """Fold widths and turn kanji numerals of time expressions into digits.

    >>> n = normalize_text("十月二十一日（火）", default_lexicon())  # doctest: +SKIP
    >>> n.text, n.raw_span(3, 6)  # doctest: +SKIP
    ('10月21日(火)', (2, 6))
    """
    text, starts, ends = _fold_width(raw)
    pieces: list[str] = []
    out_starts: list[int] = []
    out_ends: list[int] = []
    position = 0
    for match in _numeral_runs(lexicon).finditer(text):
        run_start, run_end = match.start(), match.end()
        if text[run_end - 1] == "四" and text[run_end : run_end + 2] in _QUARTER_WORDS:
            run_end -= 1
        if run_end <= run_start or not _run_is_time_number(text, run_start, run_end, lexicon):
            continue
        digits = str(kanji_number_value(text[run_start:run_end], lexicon))
        pieces.append(text[position:run_start])
        out_starts.extend(starts[position:run_start])
        out_ends.extend(ends[position:run_start])
        pieces.append(digits)
        out_starts.extend([starts[run_start]] * len(digits))
        out_ends.extend([ends[run_end - 1]] * len(digits))
        position = run_end
    if position == 0:
        return NormalizedText(text, tuple(starts), tuple(ends))
    pieces.append(text[position:])
    out_starts.extend(starts[position:])
    out_ends.extend(ends[position:])
    return NormalizedText("".join(pieces), tuple(out_starts), tuple(out_ends))
