"""``extract()``: one article (a raw scraped page or plain text) → one ``Extraction``.

The flow: input checks → analysis copy of the text (same length: HTML tags and control
characters blanked so offsets never move) → page parsing → each part of the article
(long parts split under Sudachi's byte limit) tokenized and cut into runs of sentences
that need the parse and runs that do not → the pipeline over the runs, the second kind
around GiNZA's parser → the event stage over the whole article's names → article-level
alias clustering, time resolution, event coreference → the assembler.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from spacy.language import Language
from spacy.tokens import Doc

from jnews_extract import assemble
from jnews_extract.aliases import cluster_entities
from jnews_extract.annotations import EntityMention, EventMention, TimeMention
from jnews_extract.errors import EmptyTextError
from jnews_extract.knowledge import load_entity_rules, load_gazetteer
from jnews_extract.page import Page, parse_page
from jnews_extract.pipeline import (
    ARTICLE_STAGES,
    load_pipeline,
    pipe_bounded,
    plan_syntax,
    split_for_sudachi,
)
from jnews_extract.schema import Extraction

_TAG = re.compile(r"<[^<>]{0,2000}>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_HTML_HINT = re.compile(r"<\s*(html|body|div|p|br|span|a|article|script|style)\b", re.IGNORECASE)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def check_text(text: object) -> str:
    """Return ``text`` if it is a non-empty ``str``; raise a helpful error otherwise."""
    if isinstance(text, (bytes, bytearray)):
        raise TypeError(
            "extract() takes str, not bytes: decode it first, e.g. data.decode('utf-8')"
        )
    if not isinstance(text, str):
        raise TypeError(f"extract() takes str, not {type(text).__name__}")
    if not text.strip():
        raise EmptyTextError("the text is empty or whitespace only: nothing to extract")
    return text


def analysis_text(text: str) -> str:
    """A copy of ``text`` of the same length that the pipeline can read safely.

    HTML markup (tags, scripts, styles) and control characters become spaces, so every
    offset found in the copy is an offset into ``text``.
    """
    cleaned = _CONTROL.sub(" ", text)
    if _HTML_HINT.search(cleaned):
        cleaned = _SCRIPT.sub(lambda m: " " * len(m.group(0)), cleaned)
        cleaned = _TAG.sub(lambda m: " " * len(m.group(0)), cleaned)
    assert len(cleaned) == len(text)
    return cleaned


@dataclass
class Piece:
    """A part of the article analysed as one ``Doc``: offsets into the caller's string."""

    start: int
    end: int
    needs_syntax: bool = True
    """False: no stage reads this piece's syntax, so it skips the parser (see
    :func:`~jnews_extract.pipeline.plan_syntax`)."""
    tokens: Doc | None = None
    """The piece already tokenized (by :func:`route_pieces`), or None."""

    def input(self, clean: str) -> str | Doc:
        """What the pipeline takes for this piece: its tokens, else its text."""
        return self.tokens if self.tokens is not None else clean[self.start : self.end]


def plan_pieces(clean: str, page: Page) -> list[Piece]:
    """The pieces to analyse: title, published line, captions, body; split when long."""
    pieces = []
    for region in page.regions:
        for start, end in split_for_sudachi(clean, region.start, region.end):
            if clean[start:end].strip():
                pieces.append(Piece(start, end))
    return pieces


def route_pieces(nlp: Language, clean: str, pieces: Sequence[Piece]) -> list[Piece]:
    """The pieces cut into runs of sentences that need the parse and runs that do not.

    Only the event and time stages read syntax, around trigger words and dates whose
    value the tense moves: the other sentences (58 % of the characters of Wikinews text,
    ``tools/compare_routing.py``) skip GiNZA's tok2vec and parser, the most expensive part
    of the pipeline. Entities and times come out of every sentence.
    """
    routed = []
    for piece in pieces:
        for run in plan_syntax(nlp, clean[piece.start : piece.end]):
            if clean[piece.start + run.start : piece.start + run.end].strip():
                start, end = piece.start + run.start, piece.start + run.end
                routed.append(Piece(start, end, run.needs_syntax, run.doc))
    return routed


def run_article_stages(nlp: Language, pieces: Sequence[Piece], docs: Sequence[Doc]) -> None:
    """The stages that read the whole article (:data:`~jnews_extract.pipeline.ARTICLE_STAGES`)
    over its docs, once every doc has its names and the names only the whole article
    decides (:func:`add_article_names`).

    The event stage reads each doc against the whole article's names, indexed once, so
    米ロ首脳会談 finds the presidents wherever the article names them.
    """
    from jnews_extract.events.component import EventDetector

    add_article_names(docs)
    if ARTICLE_STAGES[0] not in nlp.pipe_names:
        return
    detector = nlp.get_pipe(ARTICLE_STAGES[0])
    if not isinstance(detector, EventDetector):
        return
    names = detector.article_names(
        replace(m, start=m.start + piece.start, end=m.end + piece.start)
        for piece, doc in zip(pieces, docs, strict=True)
        for m in doc._.jnews_entities or []
    )
    for piece, doc in zip(pieces, docs, strict=True):
        if not piece.needs_syntax:
            # no trigger word here: plan_syntax sent every sentence holding one to the parser
            detector.set_annotations(doc, [])
            continue
        detector.set_annotations(doc, detector.match(doc, names=names, offset=piece.start))


def add_article_names(docs: Sequence[Doc]) -> None:
    """Names that only the whole article decides: 南北 is South + North Korea where the
    article names both (``paired_abbreviations`` of the entity rules)."""
    from jnews_extract.entities import find_paired_abbreviations

    rules = load_entity_rules()
    if not rules.get("paired_abbreviations"):
        return
    keys = {m.key for doc in docs for m in doc._.jnews_entities or [] if m.key}
    for doc in docs:
        added = find_paired_abbreviations(doc, rules, keys)
        if added:
            doc._.jnews_entities = sorted(
                [*(doc._.jnews_entities or []), *added], key=lambda m: (m.start, m.end)
            )


def _shifted_entities(doc: Doc, offset: int) -> list[EntityMention]:
    result = []
    for m in doc._.jnews_entities or []:
        m.start += offset
        m.end += offset
        for role in m.roles:
            role.start += offset
            role.end += offset
            if role.affiliation_start is not None and role.affiliation_end is not None:
                role.affiliation_start += offset
                role.affiliation_end += offset
        result.append(m)
    return result


def _shift(span: tuple[int, int] | None, offset: int) -> tuple[int, int] | None:
    return None if span is None else (span[0] + offset, span[1] + offset)


def _shifted_times(doc: Doc, offset: int) -> list[TimeMention]:
    result = []
    for t in doc._.jnews_times or []:
        t.start += offset
        t.end += offset
        result.append(t)
    return result


def _shifted_events(doc: Doc, offset: int) -> list[EventMention]:
    result = []
    for e in doc._.jnews_events or []:
        e.start += offset
        e.end += offset
        for argument in e.arguments:
            argument.start += offset
            argument.end += offset
        e.location = _shift(e.location, offset)
        e.time = _shift(e.time, offset)
        e.source = _shift(e.source, offset)
        e.target = _shift(e.target, offset)
        result.append(e)
    return result


def reference_date_of(
    page: Page, published: date | datetime | None
) -> tuple[date | None, str | None]:
    """The date relative times resolve against: dateline > page's published > caller's."""
    if page.dateline_date is not None:
        return page.dateline_date, "dateline"
    if page.published is not None:
        return page.published.date(), "published"
    if isinstance(published, datetime):
        return published.date(), "caller"
    if isinstance(published, date):
        return published, "caller"
    return None, None


def assemble_article(
    text: str,
    page: Page,
    pieces: Sequence[Piece],
    docs: Sequence[Doc],
    published: date | datetime | None,
) -> Extraction:
    """Article-level stages over the docs of one article, then the record."""
    gazetteer = load_gazetteer()
    entity_mentions: list[EntityMention] = []
    time_mentions: list[TimeMention] = []
    event_mentions: list[EventMention] = []
    sentence_starts: list[int] = []
    for piece, doc in zip(pieces, docs, strict=True):
        entity_mentions += _shifted_entities(doc, piece.start)
        time_mentions += _shifted_times(doc, piece.start)
        event_mentions += _shifted_events(doc, piece.start)
        sentence_starts += [piece.start + s.start_char for s in doc.sents]
    sentences = assemble.Sentences(sorted(sentence_starts))
    reference, reference_source = reference_date_of(page, published)

    clusters = cluster_entities(entity_mentions, gazetteer)
    entities, entity_of = assemble.build_entities(text, clusters, gazetteer, sentences)

    if time_mentions:
        from jnews_extract.times import resolve_times

        resolve_times(time_mentions, reference)
    times, time_of = assemble.build_times(text, time_mentions)

    events = []
    if event_mentions:
        from jnews_extract.events import cluster_events
        from jnews_extract.events.coref import citation_spans, event_kinds

        time_values = {(t.start, t.end): t.value for t in times}
        affiliation_of = {
            entity.id: role.affiliation
            for entity in entities
            for role in reversed(entity.roles)
            if role.affiliation is not None
        }
        event_clusters = cluster_events(
            event_mentions,
            entity_of,
            time_values,
            affiliation_of=affiliation_of,
            citations=citation_spans(text),
            kinds=event_kinds(text, event_mentions),
        )
        events = assemble.build_events(text, event_clusters, entity_of, time_of, sentences)
    return assemble.build_extraction(
        text,
        page,
        reference_date=reference,
        reference_source=reference_source,
        entities=entities,
        times=times,
        events=events,
    )


def prepare(text: object, published: date | datetime | None) -> tuple[str, str, Page, list[Piece]]:
    """Check and clean ``text``, parse the page and plan its pieces."""
    checked = check_text(text)
    clean = analysis_text(checked)
    page = parse_page(clean, published=published)
    return checked, clean, page, plan_pieces(clean, page)


def extract(
    text: str,
    *,
    published: date | datetime | None = None,
    nlp: Language | None = None,
) -> Extraction:
    """Extract entities, times and events from one article.

    ``text`` is a raw scraped page or plain article text; every offset in the record is
    into this exact string. ``published`` is used when the page prints no date.
    Raises ``TypeError`` for non-str input and :class:`~jnews_extract.errors.EmptyTextError`
    for empty text.

    >>> rec = extract("トランプ大統領は21日、プーチン大統領と電話会談した。")  # doctest: +SKIP
    >>> [e.name for e in rec.entities]  # doctest: +SKIP
    ['ドナルド・トランプ', 'ウラジーミル・プーチン']
    """
    checked, clean, page, pieces = prepare(text, published)
    pipeline = nlp if nlp is not None else load_pipeline()
    pieces = route_pieces(pipeline, clean, pieces)
    # Pieces are piped in batches of bounded size: one batch of every piece of a
    # 200,000-character text peaks at about 8 GB.
    docs = [
        doc
        for doc, _ in pipe_bounded(
            pipeline,
            ((p.input(clean), p) for p in pieces),
            needs_syntax=lambda piece: piece.needs_syntax,
            disable=ARTICLE_STAGES,
        )
    ]
    run_article_stages(pipeline, pieces, docs)
    return assemble_article(checked, page, pieces, docs, published)
