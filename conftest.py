"""Repository-wide pytest hooks: the notebooks that read ../shared skip without it.

``make test`` runs the notebooks through nbmake beside ``tests/``. A notebook cannot skip
itself, so the ones that read the shared corpus are marked skipped here, with the reason,
when ``../shared/corpus`` is not beside the repository.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
READS_SHARED = '/ \\"shared\\"'
"""How a notebook cell ``repo.parent / "shared"`` reads in the .ipynb JSON."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if SHARED_CORPUS.is_dir():
        return
    skip = pytest.mark.skip(reason=f"{SHARED_CORPUS} is absent: this notebook reads it")
    for item in items:
        path = Path(str(item.path))
        if path.suffix == ".ipynb" and READS_SHARED in path.read_text(encoding="utf-8"):
            item.add_marker(skip)
