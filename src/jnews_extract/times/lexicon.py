"""The time stage's knowledge: the JSON lexicons under ``resources/time/``.

Each file carries a ``version`` and a ``source`` note. :class:`TimeLexicon` keeps
them as plain JSON data so a component can save them with ``to_disk`` and load a
modified copy with ``from_disk``; the typed accessors below are what the
pattern modules read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from jnews_extract.errors import ResourceError

LEXICON_FILES = ("eras", "relative", "calendar", "modifiers", "tense", "numerals", "sets")
"""The lexicon files, by stem, in ``resources/time/``."""


@dataclass(frozen=True)
class RelativeWord:
    """A word read against the reference date or the previous date: 先週, 同日, 年内."""

    unit: str
    """``day``, ``week``, ``month``, ``year``, ``fiscal_year`` or ``century``."""
    offset: int
    anchor: bool = False
    """True for 同日/前日/翌日/同年...: counted from the last date mentioned before."""
    part: str | None = None
    period: str | None = None
    season: str | None = None


@dataclass(frozen=True)
class PartOfDay:
    """A part-of-day word: its TIMEX3 code (MO, AF, ...) and how it shifts a clock hour."""

    timex: str | None
    clock: str


@dataclass(frozen=True)
class BlockedNumeral:
    """A kanji numeral word that is not a number of time unless a context says so."""

    unless_before: str = ""
    unless_before_words: tuple[str, ...] = ()
    unless_after: str = ""


@dataclass(frozen=True, eq=False)
class TimeLexicon:
    """All lexicons of the time stage, as loaded JSON documents keyed by file stem."""

    documents: dict[str, dict[str, Any]]

    @classmethod
    def from_directory(cls, directory: Path) -> TimeLexicon:
        """Read every lexicon file (``<stem>.json``) from ``directory``."""
        documents: dict[str, dict[str, Any]] = {}
        for stem in LEXICON_FILES:
            path = directory / f"{stem}.json"
            try:
                documents[stem] = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as error:
                raise ResourceError(
                    f"time lexicon {path} is missing or not valid JSON ({error}); "
                    "reinstall jnews_extract or restore the file"
                ) from error
        return cls(documents)

    def to_directory(self, directory: Path) -> None:
        """Write every lexicon file to ``directory`` (created if needed)."""
        directory.mkdir(parents=True, exist_ok=True)
        for stem, document in self.documents.items():
            text = json.dumps(document, ensure_ascii=False, indent=2)
            (directory / f"{stem}.json").write_text(text + "\n", encoding="utf-8")

    def _section(self, stem: str, key: str) -> Any:
        try:
            return self.documents[stem][key]
        except KeyError as error:
            raise ResourceError(
                f"time lexicon {stem}.json has no {key!r} section; restore the file"
            ) from error

    @property
    def versions(self) -> dict[str, str]:
        """The version line of each lexicon file."""
        return {stem: str(doc.get("version", "?")) for stem, doc in self.documents.items()}

    @cached_property
    def eras(self) -> dict[str, int]:
        """Era name → first (Gregorian) year: 令和 → 2019."""
        return {name: int(year) for name, year in self._section("eras", "eras").items()}

    @cached_property
    def era_abbreviations(self) -> dict[str, str]:
        """One-letter era abbreviation → era name: R → 令和."""
        return dict(self._section("eras", "abbreviations"))

    @cached_property
    def relative_words(self) -> dict[str, RelativeWord]:
        """Relative and anaphoric words: 先週, 昨年, 同日, 年内."""
        words: dict[str, RelativeWord] = {}
        for word, spec in self._section("relative", "words").items():
            words[word] = RelativeWord(
                unit=str(spec["unit"]),
                offset=int(spec["offset"]),
                anchor=bool(spec.get("anchor", False)),
                part=spec.get("part"),
                period=spec.get("period"),
                season=spec.get("season"),
            )
        return words

    @cached_property
    def reference_words(self) -> dict[str, str]:
        """Words whose value is FUTURE_REF / PRESENT_REF / PAST_REF."""
        return dict(self._section("relative", "reference_words"))

    @cached_property
    def adverbial_reference_words(self) -> dict[str, Any]:
        """近く and the like: times only as an adverb (see the file's note)."""
        return dict(self._section("relative", "adverbial_reference_words"))

    @cached_property
    def blocked_right(self) -> dict[str, str]:
        """Characters after a relative or reference word that make it part of another word."""
        blocked = self._section("relative", "blocked_right")
        return {word: chars for word, chars in blocked.items() if not word.startswith("_")}

    @cached_property
    def weekdays(self) -> dict[str, int]:
        """Weekday kanji → ISO weekday number (月 → 1)."""
        return {k: int(v) for k, v in self._section("calendar", "weekdays").items()}

    @cached_property
    def seasons(self) -> dict[str, str]:
        """Season kanji → TIMEX3 season code (春 → SP)."""
        return dict(self._section("calendar", "seasons"))

    @cached_property
    def season_months(self) -> dict[str, tuple[int, int]]:
        """Season code → (first month, last month); WI runs over the year end."""
        months = self._section("calendar", "season_months")
        return {code: (int(first), int(last)) for code, (first, last) in months.items()}

    @cached_property
    def parts_of_day(self) -> dict[str, PartOfDay]:
        """Part-of-day words (午後, 朝, 深夜) with their TIMEX3 code and clock rule."""
        parts = self._section("calendar", "parts_of_day")
        return {
            word: PartOfDay(timex=spec[0], clock=str(spec[1]))
            for word, spec in parts.items()
            if not word.startswith("_")
        }

    @cached_property
    def part_of_day_without_clock(self) -> dict[str, str]:
        """TIMEX3 part for 午前/午後 standing without a clock time."""
        parts = self._section("calendar", "part_of_day_without_clock")
        return {word: str(code) for word, code in parts.items() if not word.startswith("_")}

    @cached_property
    def fiscal_year_start_month(self) -> int:
        """First month of the fiscal year (4 in Japan)."""
        return int(self._section("calendar", "fiscal_year_start_month"))

    @cached_property
    def dekads(self) -> dict[str, int]:
        """上旬/中旬/下旬 → 1/2/3."""
        return {k: int(v) for k, v in self._section("calendar", "dekads").items()}

    @cached_property
    def month_periods(self) -> dict[str, str]:
        """Words after a month: 末 → END, 初め → START, 内 → REST."""
        return dict(self._section("calendar", "month_periods"))

    @cached_property
    def year_periods(self) -> dict[str, str]:
        """Words after a year: 末 → END, 前半 → START, 内 → REST."""
        return dict(self._section("calendar", "year_periods"))

    @cached_property
    def quarter_month_ranges(self) -> dict[str, int]:
        """Month ranges naming a quarter: 7～9 (月期) → 3."""
        return {k: int(v) for k, v in self._section("calendar", "quarter_month_ranges").items()}

    @cached_property
    def date_suffixes(self) -> dict[str, str | None]:
        """Words after a date: 頃 → APPROX, 以降 → AFTER, 現在 → no mod."""
        return dict(self._section("modifiers", "date_suffixes"))

    @cached_property
    def clock_suffixes(self) -> dict[str, str | None]:
        """Words after a clock time: 頃 → APPROX, 過ぎ → AFTER."""
        return dict(self._section("modifiers", "clock_suffixes"))

    @cached_property
    def duration_prefixes(self) -> dict[str, str | None]:
        """Words before a duration: 約 → APPROX, 最大 → EQUAL_OR_LESS."""
        return dict(self._section("modifiers", "duration_prefixes"))

    @cached_property
    def duration_suffixes(self) -> dict[str, str | None]:
        """Words after a duration: 以内 → EQUAL_OR_LESS, 近く → APPROX."""
        return dict(self._section("modifiers", "duration_suffixes"))

    @cached_property
    def offset_words(self) -> dict[str, list[str]]:
        """前/後 words that turn a duration into an offset, and approximators between."""
        return {
            "approx": list(self._section("modifiers", "offset_approx")),
            "before": list(self._section("modifiers", "offset_before")),
            "after": list(self._section("modifiers", "offset_after")),
        }

    @cached_property
    def span_suffixes(self) -> list[str]:
        """Suffixes that keep a count of time a span: 5年ぶり, 8日目, 30年もの間."""
        return list(self._section("modifiers", "span_suffixes"))

    @cached_property
    def span_lookaheads(self) -> list[str]:
        """Words after a count of days that make it a span, left out of it: 3日連続, 50年来."""
        return list(self._section("modifiers", "span_lookaheads"))

    @cached_property
    def tense_cues(self) -> dict[str, frozenset[str]]:
        """Lemmas that mark a past or planned clause."""
        return {
            "past": frozenset(self._section("tense", "past_auxiliaries")),
            "planned": frozenset(self._section("tense", "planned_lemmas")),
            "progressive": frozenset(self._section("tense", "progressive_lemmas")),
            "past_suffixes": frozenset(self._section("tense", "past_suffixes")),
        }

    @cached_property
    def kanji_digits(self) -> dict[str, int]:
        """Kanji digit → value."""
        return {k: int(v) for k, v in self._section("numerals", "digits").items()}

    @cached_property
    def kanji_multipliers(self) -> dict[str, int]:
        """十/百/千/万 → value."""
        return {k: int(v) for k, v in self._section("numerals", "multipliers").items()}

    @cached_property
    def numeral_unit_characters(self) -> str:
        """Characters that may follow a kanji numeral of a time expression."""
        return str(self._section("numerals", "unit_characters"))

    @cached_property
    def numeral_left_context(self) -> str:
        """Kanji that may stand before a kanji numeral of a time expression."""
        return str(self._section("numerals", "left_context"))

    @cached_property
    def blocked_numerals(self) -> dict[str, BlockedNumeral]:
        """Kanji numeral idioms that are not times (十分な, 一時的)."""
        blocked: dict[str, BlockedNumeral] = {}
        for word, spec in self._section("numerals", "blocked").items():
            blocked[word] = BlockedNumeral(
                unless_before=str(spec.get("unless_before", "")),
                unless_before_words=tuple(spec.get("unless_before_words", ())),
                unless_after=str(spec.get("unless_after", "")),
            )
        return blocked

    @cached_property
    def set_words(self) -> dict[str, str]:
        """毎年 → P1Y, 隔週 → P2W."""
        return dict(self._section("sets", "every"))

    @cached_property
    def set_blocked_right(self) -> tuple[str, ...]:
        """Words after 毎日 that make it a name (毎日新聞)."""
        return tuple(self._section("sets", "blocked_right"))

    @cached_property
    def frequency_units(self) -> dict[str, str]:
        """年/月/週/日 opening a frequency (年1回) → its period."""
        return dict(self._section("sets", "frequency_units"))


@cache
def default_lexicon() -> TimeLexicon:
    """The lexicons shipped in ``jnews_extract/resources/time/`` (read once per process)."""
    root = resources.files("jnews_extract") / "resources" / "time"
    return TimeLexicon.from_directory(Path(str(root)))
