"""Counts of time: durations (2週間, 3カ月, 半年, 1時間半, 2週間以内) and offsets (3日前, 2日後).

A count followed by 前/後 is an *offset* from the reference date when its units are
days, weeks, months or years (3日前 → a DATE, CONVENTIONS); with hours, minutes,
seconds or centuries it stays a DURATION with mod BEFORE/AFTER (the reference is a
day, so 1時間前 cannot be placed). A bare ``N日`` is a day of the month and a bare
four-digit ``N年`` a year (absolute module), not durations.
"""

from __future__ import annotations

import re

from jnews_extract.times.lexicon import TimeLexicon
from jnews_extract.times.parse import TimeParse
from jnews_extract.times.patterns import Candidate, alternation
from jnews_extract.times.values import number_text

UNITS = {
    "年間": "Y",
    "年": "Y",
    "ヶ年": "Y",
    "カ月間": "M",
    "カ月": "M",
    "ヶ月間": "M",
    "ヶ月": "M",
    "か月間": "M",
    "か月": "M",
    "ケ月間": "M",
    "ケ月": "M",
    "ヵ月間": "M",
    "ヵ月": "M",
    "箇月間": "M",
    "箇月": "M",
    "週間": "W",
    "週": "W",
    "日間": "D",
    "日": "D",
    "時間": "H",
    "分間": "MIN",
    "分": "MIN",
    "秒間": "S",
    "秒": "S",
    "世紀": "C",
}
"""Written unit → duration unit (C = century, 100 years)."""

WORD_AMOUNTS = {
    "四半世紀": ("P25Y", {"years": 25.0}),
    "半世紀": ("P50Y", {"years": 50.0}),
    "半年間": ("P6M", {"months": 6.0}),
    "半年": ("P6M", {"months": 6.0}),
    "半月": ("P0.5M", {"days": 15.0}),
    "半日": ("P0.5D", {}),
}
"""Counts written without a number. 半年 is P6M (CONVENTIONS), not P0.5Y."""

_VAGUE = ("数十", "十数", "数")
_ATOM = rf"(?P<n>\d+(?:\.\d+)?|{'|'.join(_VAGUE)})(?P<u>{alternation(UNITS)})(?P<half>半)?"
_ATOM_RE = re.compile(_ATOM)
_ATOM_PLAIN = _ATOM.replace("?P<n>", "?:").replace("?P<u>", "?:").replace("?P<half>", "?:")


def _iso_duration(amounts: dict[str, float | None]) -> str:
    """P1Y2M10D / PT1H30M / PXD from unit amounts (None = vague count)."""

    def piece(unit: str, letter: str) -> str:
        if unit not in amounts:
            return ""
        amount = amounts[unit]
        return ("X" if amount is None else number_text(amount)) + letter

    if "C" in amounts:
        century = amounts.pop("C")
        years = amounts.get("Y") or 0.0
        amounts["Y"] = None if century is None else century * 100 + years
    date_part = piece("Y", "Y") + piece("M", "M") + piece("W", "W") + piece("D", "D")
    time_part = piece("H", "H") + piece("MIN", "M") + piece("S", "S")
    return "P" + date_part + ("T" + time_part if time_part else "")


class DurationPatterns:
    """Compiled duration and offset patterns for one lexicon."""

    def __init__(self, lexicon: TimeLexicon) -> None:
        self.lexicon = lexicon
        offsets = lexicon.offset_words
        before = "|".join(
            re.escape(w) + ("(?!後|半)" if w == "前" else "") for w in offsets["before"]
        )
        after = "|".join(re.escape(w) + ("(?!半)" if w == "後" else "") for w in offsets["after"])
        self._pattern = re.compile(
            rf"(?<![\d.])(?P<pre>{alternation(lexicon.duration_prefixes)})?"
            rf"(?P<amount>{alternation(WORD_AMOUNTS)}|(?P<decsec>\d+)秒(?P<frac>\d{{1,2}})(?![\d.])"
            rf"|(?:{_ATOM_PLAIN})+)"
            rf"(?:(?P<offapprox>{alternation(offsets['approx'])})?(?P<dir>(?P<before>{before})|{after})"
            rf"|(?P<suffix>{alternation(lexicon.duration_suffixes)})"
            rf"|(?P<span>{alternation(lexicon.span_suffixes)}))?"
        )
        self._lookahead = tuple(lexicon.span_lookaheads)

    def _amounts(self, amount: str) -> tuple[dict[str, float | None], bool]:
        """Unit → count for each piece of ``amount``; and whether it is one bare piece."""
        amounts: dict[str, float | None] = {}
        pieces = list(_ATOM_RE.finditer(amount))
        for piece in pieces:
            unit = UNITS[piece.group("u")]
            number = piece.group("n")
            value: float | None = None if number in _VAGUE else float(number)
            if value is not None and piece.group("half"):
                value += 0.5
            amounts[unit] = value
        bare = len(pieces) == 1 and not pieces[0].group("half")
        return amounts, bare

    def _accept_bare(self, amount: str, match: re.Match[str], text: str) -> bool:
        """Whether a single bare count (3日, 2021年) is a duration rather than a date."""
        written = _ATOM_RE.fullmatch(amount)
        if written is None:
            return True
        unit = written.group("u")
        decorated = bool(match.group("pre") or match.group("dir") or match.group("span"))
        suffix = match.group("suffix")
        if unit == "日":
            return decorated or bool(suffix) or text.startswith(self._lookahead, match.end())
        if unit == "年" and len(written.group("n")) == 4:
            return decorated or suffix in ("近く", "余り", "あまり", "以上")
        return True

    def find(self, text: str) -> list[Candidate]:
        """Every duration and offset candidate in the normalised ``text``."""
        found: list[Candidate] = []
        for match in self._pattern.finditer(text):
            amount = match.group("amount")
            if match.group("decsec"):
                literal = f"PT{match.group('decsec')}.{match.group('frac')}S"
                parse = TimeParse(kind="duration", type="DURATION", literal=literal)
                found.append(Candidate(match.start(), match.end(), parse))
                continue
            if amount in WORD_AMOUNTS:
                literal, span = WORD_AMOUNTS[amount]
                amounts: dict[str, float | None] = {}
                parse = TimeParse(kind="duration", type="DURATION", literal=literal, span=span)
            else:
                amounts, bare = self._amounts(amount)
                if bare and not self._accept_bare(amount, match, text):
                    continue
                if "世紀" in amount and match.group("span") == "目":
                    continue  # 1世紀目 is the first century, a date
                literal = _iso_duration(dict(amounts))
                parse = TimeParse(kind="duration", type="DURATION", literal=literal)
                parse.span = {
                    key: float(value)
                    for key, value in (
                        ("years", amounts.get("Y")),
                        ("months", amounts.get("M")),
                        ("days", (amounts.get("D") or 0) + 7 * (amounts.get("W") or 0)),
                    )
                    if value
                }
            prefix = match.group("pre")
            parse.mod = self.lexicon.duration_prefixes.get(prefix) if prefix else None
            if match.group("suffix"):
                parse.mod = self.lexicon.duration_suffixes[match.group("suffix")] or parse.mod
            if match.group("dir"):
                self._as_offset(parse, amounts, before=bool(match.group("before")))
                if match.group("offapprox"):
                    parse.mod = "APPROX"
            found.append(Candidate(match.start(), match.end(), parse))
        return found

    @staticmethod
    def _as_offset(parse: TimeParse, amounts: dict[str, float | None], *, before: bool) -> None:
        """3日前 → an offset DATE; 1時間前 / 数日前 / 1世紀前 → a DURATION with BEFORE/AFTER."""
        sign = -1 if before else 1
        if amounts:
            calendar = set(amounts) <= {"Y", "M", "W", "D"} and None not in amounts.values()
        else:
            calendar = parse.literal in ("P6M", "P0.5M")
        if not calendar:
            parse.mod = "BEFORE" if before else "AFTER"
            return
        years = parse.span.get("years", 0.0)
        months = parse.span.get("months", 0.0) + (years - int(years)) * 12
        days = round(parse.span.get("days", 0.0) + (months - int(months)) * 30)
        parse.kind, parse.type, parse.literal, parse.span = "offset", "DATE", None, {}
        parse.years, parse.months, parse.days = sign * int(years), sign * int(months), sign * days
        if days or amounts.keys() & {"D", "W"}:
            parse.grain = "day"
        else:
            parse.grain = "month" if int(months) or "M" in amounts else "year"
