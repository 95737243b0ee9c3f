"""Shared fixtures: paths to the repository and ../shared, and one pipeline per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_9a2f86c28e752116.txt"
SAMPLE = REPO / "src" / "jnews_extract" / "data" / "sample_article.txt"


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
