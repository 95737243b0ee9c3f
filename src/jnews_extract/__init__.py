"""jnews_extract: who did what, with whom, where, when in Japanese news.

>>> from jnews_extract import extract
>>> rec = extract("トランプ大統領は21日、プーチン大統領と電話会談した。")  # doctest: +SKIP
"""

from jnews_extract.api import extract
from jnews_extract.errors import EmptyTextError, JnewsExtractError
from jnews_extract.pipeline import load_pipeline
from jnews_extract.schema import SCHEMA_VERSION, Extraction

__all__ = [
    "SCHEMA_VERSION",
    "EmptyTextError",
    "Extraction",
    "JnewsExtractError",
    "extract",
    "load_pipeline",
]
