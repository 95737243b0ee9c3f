"""Dask: a real LocalCluster with two worker processes gives the single-process output."""

from __future__ import annotations

import json

import pytest
from conftest import require_shared
from spacy.language import Language

from jnews_extract.batch import extract_many

ARTICLES = 200


@pytest.fixture(scope="module")
def items() -> list[dict[str, str]]:
    path = require_shared("corpus", "wikinews", "articles.jsonl")
    rows = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            rows.append(
                {"id": article["id"], "text": f"{article['headline']}\n\n{article['text']}"}
            )
            if len(rows) == ARTICLES:
                break
    return rows


@pytest.mark.slow
def test_local_cluster_matches_single_process(items: list[dict[str, str]], nlp: Language) -> None:
    db = pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    import pandas as pd

    from jnews_extract.dask import extract_bag, extract_dataframe

    single = list(extract_many(items))
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        bag = db.from_sequence(items, npartitions=4)
        clustered = extract_bag(bag).compute()
        dd = pytest.importorskip("dask.dataframe")
        frame = dd.from_pandas(pd.DataFrame(items[:20]), npartitions=2)
        events = extract_dataframe(frame, text_column="text", id_column="id").compute()
    assert len(clustered) == len(single) == ARTICLES
    assert [r.model_dump_json() for r in clustered] == [r.model_dump_json() for r in single]
    expected_events = sum(len(r.events) for r in single[:20])
    assert len(events) == expected_events
