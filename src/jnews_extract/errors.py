"""Typed errors: every failure says what was wrong with which input and what to do."""

from __future__ import annotations


class JnewsExtractError(Exception):
    """Base class of every error the library raises on purpose."""


class EmptyTextError(JnewsExtractError):
    """The text has nothing to analyse (empty or whitespace only)."""


class ResourceError(JnewsExtractError):
    """A bundled resource file is missing or malformed."""


class PipelineError(JnewsExtractError):
    """The spaCy/GiNZA pipeline could not be loaded or run."""


class GoldError(JnewsExtractError):
    """A gold annotation file does not validate."""
