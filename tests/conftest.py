"""Shared fixtures: paths to the repository and ../shared, and one pipeline per session.

Also skips, with the reason, the notebooks that read ../shared when it is absent: ``make
test`` runs the notebooks through nbmake beside ``tests/``, and a notebook cannot skip
itself. The hook below sees every collected item, notebooks included.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_9a2f86c28e752116.txt"
SAMPLE = REPO / "src" / "jnews_extract" / "data" / "sample_article.txt"
READS_SHARED = '/ \\"shared\\"'
"""How a notebook cell ``repo.parent / "shared"`` reads in the .ipynb JSON."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the notebooks that read ../shared/corpus when it is not there."""
    corpus = SHARED / "corpus"
    if corpus.is_dir():
        return
    skip = pytest.mark.skip(reason=f"{corpus} is absent: this notebook reads it")
    for item in items:
        path = Path(str(item.path))
        if path.suffix == ".ipynb" and READS_SHARED in path.read_text(encoding="utf-8"):
            item.add_marker(skip)


def require_shared(*parts: str) -> Path:
    """Path under ../shared, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: clone the repository beside ../shared to run this test")
    return path


@pytest.fixture(scope="session")
def nlp() -> Iterator[Language]:
    """The library's cached pipeline (ja_ginza + our components), loaded once."""
    from jnews_extract import load_pipeline

    yield load_pipeline()


@pytest.fixture(scope="session")
def sample_text() -> str:
    """The bundled sample page (the seed article as scraped)."""
    return SAMPLE.read_text(encoding="utf-8")
