"""Time stage: temporal expressions normalised against the article's own date.

- :func:`make_time_tagger` — the spaCy factory ``jnews_times`` (tags a doc, with tense);
- :func:`resolve_times` — article-level resolution against the reference date;
- :func:`analyze_text` — tag and resolve one text.

One module per kind of expression: :mod:`.absolute` (2025年10月22日, 令和7年),
:mod:`.clock` (午前5時44分), :mod:`.relative` (先週, 同日, 年内), :mod:`.durations`
(2週間, 3日前), :mod:`.sets` (毎年), :mod:`.weekdays` (水曜日); :mod:`.normalize`
maps full-width and kanji numerals back to raw offsets; :mod:`.tense` reads the
governing clause; :mod:`.resolve` places everything on the calendar.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language

from jnews_extract.annotations import TimeMention
from jnews_extract.times.component import TimeTagger, make_time_tagger
from jnews_extract.times.lexicon import TimeLexicon
from jnews_extract.times.resolve import resolve_times
from jnews_extract.times.tagger import default_patterns, find_time_expressions

__all__ = [
    "TimeLexicon",
    "TimeTagger",
    "analyze_text",
    "make_time_tagger",
    "resolve_times",
]


def analyze_text(
    text: str, reference: date | None = None, nlp: Language | None = None
) -> list[TimeMention]:
    """Tag and resolve the time expressions of one text.

    With ``nlp`` (a GiNZA pipeline) the tense of each clause decides the direction
    of partial dates; with ``nlp=None`` there is no tense (``past`` stays None).
    If ``nlp`` already has a ``jnews_times`` pipe, its output is used.

    >>> mentions = analyze_text("先週、21日に", date(2025, 10, 22))  # doctest: +SKIP
    >>> [(m.text, m.value) for m in mentions]  # doctest: +SKIP
    [('先週', '2025-W42'), ('21日', '2025-10-21')]
    """
    if nlp is None:
        mentions = find_time_expressions(text, default_patterns())
    else:
        pipe = nlp.get_pipe("jnews_times") if "jnews_times" in nlp.pipe_names else None
        if isinstance(pipe, TimeTagger):
            doc = nlp(text)
            tagger = pipe
        else:
            tagger = TimeTagger(nlp)
            doc = tagger(nlp(text))
        mentions = list(doc._.jnews_times)
        resolve_times(mentions, reference, lexicon=tagger.lexicon)
        return mentions
    resolve_times(mentions, reference)
    return mentions
