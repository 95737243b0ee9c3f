"""Character normalisation for matching, with an offset map back to the raw text.

Patterns run on a normalised copy of the text: full-width forms folded to their
ASCII/standard forms (``２１日`` → ``21日``, ``（水）`` → ``(水)``, NFKC per
character) and kanji numerals of time expressions turned into digits
(``二十一日`` → ``21日``, ``十月`` → ``10月``). Every normalised character
remembers the raw characters it came from, so a match maps back to an exact
half-open span of the caller's string.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

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


def _fold_width(raw: str) -> tuple[list[str], list[int], list[int]]:
    """NFKC per character (full-width digits/letters/brackets to ASCII, ㍻ → 平成)."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(raw):
        folded = char if char < "\u0080" else unicodedata.normalize("NFKC", char)
        if not folded:
            continue
        for piece in folded:
            chars.append(piece)
            starts.append(index)
            ends.append(index + 1)
    return chars, starts, ends


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


def _run_is_time_number(chars: list[str], start: int, end: int, lexicon: TimeLexicon) -> bool:
    """Whether the kanji numeral run ``chars[start:end]`` is the number of a time unit."""
    if end >= len(chars):
        return False
    following = "".join(chars[end : end + 3])
    if chars[end] not in lexicon.numeral_unit_characters and not following.startswith("四半期"):
        return False
    if start > 0:
        before = chars[start - 1]
        if _is_ideograph(before) and before not in lexicon.numeral_left_context:
            return False
    word = "".join(chars[start : end + 1])
    blocked = lexicon.blocked_numerals.get(word)
    if blocked is None:
        return True
    before = chars[start - 1] if start > 0 else ""
    after = chars[end + 1] if end + 1 < len(chars) else ""
    preceding = "".join(chars[max(0, start - 4) : start])
    return bool(
        (before and before in blocked.unless_before)
        or (after and after in blocked.unless_after)
        or any(preceding.endswith(w) for w in blocked.unless_before_words)
    )


def normalize_text(raw: str, lexicon: TimeLexicon) -> NormalizedText:
    """Fold widths and turn kanji numerals of time expressions into digits.

    >>> n = normalize_text("十月二十一日（火）", default_lexicon())  # doctest: +SKIP
    >>> n.text, n.raw_span(3, 6)  # doctest: +SKIP
    ('10月21日(火)', (2, 6))
    """
    chars, starts, ends = _fold_width(raw)
    numeral_chars = lexicon.kanji_digits.keys() | lexicon.kanji_multipliers.keys()
    out_chars: list[str] = []
    out_starts: list[int] = []
    out_ends: list[int] = []
    index = 0
    while index < len(chars):
        if chars[index] not in numeral_chars:
            out_chars.append(chars[index])
            out_starts.append(starts[index])
            out_ends.append(ends[index])
            index += 1
            continue
        end = index
        while end < len(chars) and chars[end] in numeral_chars:
            end += 1
        if chars[end - 1] == "四" and "".join(chars[end : end + 2]) in _QUARTER_WORDS:
            end -= 1
        if end > index and _run_is_time_number(chars, index, end, lexicon):
            digits = str(kanji_number_value("".join(chars[index:end]), lexicon))
            out_chars.extend(digits)
            out_starts.extend([starts[index]] * len(digits))
            out_ends.extend([ends[end - 1]] * len(digits))
        else:
            end = max(end, index + 1)
            out_chars.extend(chars[index:end])
            out_starts.extend(starts[index:end])
            out_ends.extend(ends[index:end])
        index = end
    return NormalizedText("".join(out_chars), tuple(out_starts), tuple(out_ends))
