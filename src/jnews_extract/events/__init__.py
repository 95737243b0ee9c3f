"""The event stage: triggers, arguments, status and source per doc; coreference per article.

- :class:`EventDetector` (spaCy factory ``jnews_events``) writes ``doc._.jnews_events``;
- :func:`cluster_events` groups an article's event mentions into events.

Rules are described in docs/events.md; the words they use are data under
``resources/events/``.
"""

from __future__ import annotations

from jnews_extract.events.component import EventDetector, make_event_detector
from jnews_extract.events.coref import cluster_events
from jnews_extract.events.lexicon import EventLexicon, TriggerPattern, load_lexicon

__all__ = [
    "EventDetector",
    "EventLexicon",
    "TriggerPattern",
    "cluster_events",
    "load_lexicon",
    "make_event_detector",
]
