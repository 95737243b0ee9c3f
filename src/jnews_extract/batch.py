"""Batch extraction: ``extract_many`` streams records over many articles.

Items are strings or dicts (``id``, ``text``, optional ``published`` as ISO date or
datetime). Articles go through ``nlp.pipe`` in batches; with ``n_process > 1`` each
worker process loads the pipeline once and pipes its own batches (our Doc extensions
hold Python objects that spaCy's multiprocess ``pipe`` cannot ship back, so we send
finished records instead). Order is kept; an item that fails yields an error record
(``Extraction.error`` set, with its id) and the run goes on.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import sys
from collections.abc import Iterable, Iterator, Sized
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TextIO

from jnews_extract.api import Piece, assemble_article, prepare, route_pieces, run_article_stages
from jnews_extract.assemble import error_record
from jnews_extract.page import Page
from jnews_extract.pipeline import ARTICLE_STAGES, load_pipeline, pipe_bounded
from jnews_extract.schema import Extraction

logger = logging.getLogger(__name__)

Item = str | dict[str, Any]


@dataclass
class _Prepared:
    item_id: str
    text: str
    clean: str
    page: Page
    pieces: list[Piece]
    published: date | datetime | None


def _parse_published(value: object) -> date | datetime | None:
    if value is None or isinstance(value, (date, datetime)):
        return value
    text = str(value)
    try:
        return (
            datetime.fromisoformat(text) if "T" in text or " " in text else date.fromisoformat(text)
        )
    except ValueError as exc:
        raise ValueError(f"published {text!r} is not an ISO date (YYYY-MM-DD)") from exc


def _normalise(item: Item, index: int) -> tuple[str, object, object]:
    if isinstance(item, str):
        return str(index), item, None
    if isinstance(item, dict):
        if "error" in item and "text" not in item:
            raise ValueError(str(item["error"]))
        return str(item.get("id", index)), item.get("text"), item.get("published")
    raise TypeError(f"item {index} is a {type(item).__name__}, not str or dict")


def _extract_batch(
    batch: list[tuple[int, Item]], published: date | datetime | None
) -> list[Extraction]:
    """Extract one batch in this process; failures become error records.

    The pipeline runs over the batch's pieces in sub-batches of bounded size
    (:func:`~jnews_extract.pipeline.pipe_bounded`), so memory does not grow with
    ``batch_size`` or with the length of the articles.
    """
    nlp = load_pipeline()
    prepared: list[_Prepared | Extraction] = []
    for index, item in batch:
        item_id = str(index)
        try:
            item_id, text, item_published = _normalise(item, index)
            when = _parse_published(item_published) or published
            checked, clean, page, pieces = prepare(text, when)
            pieces = route_pieces(nlp, clean, pieces)
            prepared.append(_Prepared(item_id, checked, clean, page, pieces, when))
        except Exception as exc:
            raw = item.get("text") if isinstance(item, dict) else item
            record = error_record(
                raw if isinstance(raw, str) else "", f"{type(exc).__name__}: {exc}"
            )
            record.id = item_id
            prepared.append(record)
    texts = [
        (piece.input(p.clean), (n, piece.needs_syntax))
        for n, p in enumerate(prepared)
        if isinstance(p, _Prepared)
        for piece in p.pieces
    ]
    docs_by_item: dict[int, list[Any]] = {}
    try:
        for doc, (n, _) in pipe_bounded(
            nlp, texts, needs_syntax=lambda context: context[1], disable=ARTICLE_STAGES
        ):
            docs_by_item.setdefault(n, []).append(doc)
    except Exception:
        docs_by_item = _pipe_one_by_one(nlp, prepared)
    results: list[Extraction] = []
    for n, p in enumerate(prepared):
        if isinstance(p, Extraction):
            results.append(p)
            continue
        try:
            docs = docs_by_item.get(n)
            if docs is None or len(docs) != len(p.pieces):
                raise RuntimeError("the pipeline failed on this item")
            run_article_stages(nlp, p.pieces, docs)
            record = assemble_article(p.text, p.page, p.pieces, docs, p.published)
            record.id = p.item_id
        except Exception as exc:
            record = error_record(p.text, f"{type(exc).__name__}: {exc}")
            record.id = p.item_id
        results.append(record)
    return results


def _pipe_one_by_one(nlp: Any, prepared: list[_Prepared | Extraction]) -> dict[int, list[Any]]:
    docs_by_item: dict[int, list[Any]] = {}
    for n, p in enumerate(prepared):
        if not isinstance(p, _Prepared):
            continue
        try:
            texts = [(piece.input(p.clean), piece.needs_syntax) for piece in p.pieces]
            docs_by_item[n] = [
                doc
                for doc, _ in pipe_bounded(nlp, texts, needs_syntax=bool, disable=ARTICLE_STAGES)
            ]
        except Exception as exc:
            logger.warning("item %s failed in the pipeline: %s", p.item_id, exc)
    return docs_by_item


def _worker_batch(
    args: tuple[list[tuple[int, Item]], date | datetime | None],
) -> list[Extraction]:
    return _extract_batch(*args)


def _batches(items: Iterable[Item], size: int) -> Iterator[list[tuple[int, Item]]]:
    numbered = enumerate(items)
    while batch := list(itertools.islice(numbered, size)):
        yield batch


def extract_many(
    items: Iterable[Item],
    *,
    n_process: int = 1,
    batch_size: int = 8,
    published: date | datetime | None = None,
    progress: bool | None = False,
    total: int | None = None,
) -> Iterator[Extraction]:
    """Extract every item, in order, as a stream of records.

    ``items``: strings or dicts with ``id``, ``text`` and optional ``published``
    (ISO date). ``published`` is the default publication date for items without
    one. ``n_process`` worker processes each load the pipeline once. A failing item
    yields a record whose ``error`` says what went wrong; nothing is dropped.
    ``progress``: a tqdm bar on stderr (None: only when stderr is a terminal).
    ``batch_size``: articles prepared together and handed to a worker at a time; the
    pipeline itself runs in batches of at most
    :data:`~jnews_extract.pipeline.BATCH_MAX_CHARS` characters, whatever ``batch_size``.
    """
    if n_process < 1:
        raise ValueError("n_process must be at least 1")
    if progress is None:
        progress = sys.stderr.isatty()
    if total is None and isinstance(items, Sized):
        total = len(items)
    bar = _progress_bar(total) if progress else None
    batches = _batches(items, batch_size)
    try:
        if n_process == 1:
            for batch in batches:
                for record in _extract_batch(batch, published):
                    if bar is not None:
                        bar.update(1)
                    yield record
            return
        context = multiprocessing.get_context("spawn")
        with context.Pool(n_process) as pool:
            jobs = ((batch, published) for batch in batches)
            for records in pool.imap(_worker_batch, jobs):
                for record in records:
                    if bar is not None:
                        bar.update(1)
                    yield record
    finally:
        if bar is not None:
            bar.close()


def _progress_bar(total: int | None) -> Any:
    try:
        from tqdm import tqdm
    except ImportError:
        logger.info("tqdm is not installed: no progress bar")
        return None
    return tqdm(total=total, unit="article", file=sys.stderr)


def write_records(
    records: Iterable[Extraction], fmt: str, output: str | None
) -> list[tuple[str, str]]:
    """Write ``records`` in ``fmt`` (json, jsonl, table, parquet); return the failures."""
    from jnews_extract.cli import format_table

    failures: list[tuple[str, str]] = []
    if fmt == "parquet":
        if not output:
            raise SystemExit("--format parquet needs --output FILE.parquet")
        from jnews_extract.frames import write_parquet

        kept = []
        for record in records:
            if record.error:
                failures.append((record.id or "?", record.error))
            kept.append(record)
        write_parquet(kept, output)
        return failures
    stream: TextIO = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    try:
        if fmt == "json":
            stream.write("[\n")
        first = True
        for record in records:
            if record.error:
                failures.append((record.id or "?", record.error))
            if fmt == "table":
                if record.error:
                    stream.write(f"== {record.id}: ERROR {record.error}\n\n")
                else:
                    format_table(record, record.id or "", stream)
            elif fmt == "json":
                stream.write(("" if first else ",\n") + record.model_dump_json(indent=1))
            else:
                stream.write(record.model_dump_json() + "\n")
            first = False
            stream.flush()
        if fmt == "json":
            stream.write("\n]\n")
    finally:
        if output:
            stream.close()
    return failures
