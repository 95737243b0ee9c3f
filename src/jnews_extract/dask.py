"""Dask integration: extract corpora beyond one machine with ``distributed``.

Install with ``pip install jnews-extract[dask]``. Each worker process loads the pipeline
once (:func:`jnews_extract.load_pipeline` is cached per process) and extracts whole
partitions through :func:`jnews_extract.batch.extract_many`, so results are identical to
a single-process run.

>>> import dask.bag as db  # doctest: +SKIP
>>> records = extract_bag(db.from_sequence(items, npartitions=8)).compute()  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from jnews_extract.batch import extract_many
from jnews_extract.frames import _COLUMNS, TABLES, to_frames
from jnews_extract.schema import Extraction

if TYPE_CHECKING:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd


def _extract_partition(items: Iterable[Any]) -> list[Extraction]:
    return list(extract_many(list(items)))


def extract_bag(bag: db.Bag) -> db.Bag:
    """A bag of ``Extraction`` records from a bag of strings or ``{id, text, published}`` dicts."""
    result: db.Bag = bag.map_partitions(_extract_partition)  # type: ignore[no-untyped-call]
    return result


def _frame_partition(
    frame: pd.DataFrame,
    text_column: str,
    id_column: str | None,
    published_column: str | None,
    table: str,
) -> pd.DataFrame:
    items = []
    for row in frame.itertuples(index=True):
        item: dict[str, Any] = {"text": getattr(row, text_column)}
        item["id"] = str(getattr(row, id_column)) if id_column else str(row.Index)
        if published_column:
            value = getattr(row, published_column)
            item["published"] = None if value is None else str(value)
        items.append(item)
    return to_frames(extract_many(items))[table]


def extract_dataframe(
    ddf: dd.DataFrame,
    *,
    text_column: str = "text",
    id_column: str | None = None,
    published_column: str | None = None,
    table: str = "events",
) -> dd.DataFrame:
    """One research table (see :mod:`jnews_extract.frames`) extracted from a text column.

    ``table`` is one of articles, entities, mentions, times, events, arguments; its
    ``article_id`` is ``id_column`` (or the frame's index).
    """
    import pandas as pd

    if table not in TABLES:
        raise ValueError(f"table must be one of {', '.join(TABLES)}, not {table!r}")
    meta = pd.DataFrame({column: pd.Series(dtype="object") for column in _COLUMNS[table]})
    result: dd.DataFrame = ddf.map_partitions(  # type: ignore[no-untyped-call]
        _frame_partition,
        text_column,
        id_column,
        published_column,
        table,
        meta=meta,
    )
    return result
