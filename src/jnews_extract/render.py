"""HTML view of a record for Jupyter: highlighted text and an events table.

``Extraction._repr_html_`` calls :func:`to_html`. Entities are highlighted by label,
event triggers are boxed with their type; below the text, one row per event (type,
status, participants, place, date). Plain HTML and inline CSS: no network needed.
"""

from __future__ import annotations

from html import escape

from jnews_extract.schema import Extraction

LABEL_COLOURS = {
    "PERSON": "#ffd6a5",
    "GPE": "#caffbf",
    "LOC": "#9bf6ff",
    "ORG": "#bdb2ff",
    "NORP": "#ffc6ff",
    "FAC": "#fdffb6",
    "EVENT": "#ffadad",
    "PRODUCT": "#e0e0e0",
}
TRIGGER_STYLE = "border:2px solid #d62828;border-radius:3px;padding:0 2px;"
STATUS_COLOURS = {
    "HELD": "#2a9d8f",
    "PLANNED": "#457b9d",
    "POSTPONED": "#e9c46a",
    "CANCELLED": "#e76f51",
    "UNCERTAIN": "#f4a261",
    "UNKNOWN": "#8d99ae",
}


def _marks(record: Extraction) -> list[tuple[int, int, str, str]]:
    """Non-overlapping (start, end, kind, label) marks in text order, triggers first."""
    marks: list[tuple[int, int, str, str]] = []
    for event in record.events:
        marks += [(m.start, m.end, "trigger", event.type) for m in event.mentions]
    for entity in record.entities:
        marks += [(m.start, m.end, "entity", entity.label.value) for m in entity.mentions]
    kept: list[tuple[int, int, str, str]] = []
    for mark in marks:
        if not any(mark[0] < k[1] and k[0] < mark[1] for k in kept):
            kept.append(mark)
    return sorted(kept)


def highlight(record: Extraction, start: int, end: int) -> str:
    """HTML of ``record.text[start:end]`` with entity and trigger marks."""
    text = record.text
    pieces = []
    position = start
    for mark_start, mark_end, kind, label in _marks(record):
        if mark_start < start or mark_end > end:
            continue
        pieces.append(escape(text[position:mark_start]))
        surface = escape(text[mark_start:mark_end])
        if kind == "trigger":
            pieces.append(
                f'<span style="{TRIGGER_STYLE}" title="{escape(label)}">{surface}'
                f'<sub style="color:#d62828;font-size:0.6em">{escape(label)}</sub></span>'
            )
        else:
            colour = LABEL_COLOURS.get(label, "#eeeeee")
            pieces.append(
                f'<mark style="background:{colour};padding:0 2px;border-radius:3px" '
                f'title="{escape(label)}">{surface}'
                f'<sub style="font-size:0.6em">{escape(label)}</sub></mark>'
            )
        position = mark_end
    pieces.append(escape(text[position:end]))
    return "".join(pieces).replace("\n", "<br>")


def events_table(record: Extraction) -> str:
    """HTML table of the events: type, status, participants, place, date, trigger."""
    names = {e.id: e.name for e in record.entities}
    times = {t.id: t.value for t in record.times}
    rows = []
    for event in record.events:
        participants = ", ".join(
            f"{escape(names.get(a.entity, a.entity))} <small>({escape(a.role)})</small>"
            for a in event.arguments
        )
        status = event.status.value + (" (negated)" if event.negated else "")
        colour = STATUS_COLOURS.get(event.status.value, "#8d99ae")
        place = names.get(event.location or "", "")
        when = times.get(event.time or "", "")
        triggers = " / ".join(m.text for m in event.mentions)
        rows.append(
            f"<tr><td>{escape(event.id)}</td><td>{escape(event.type)}</td>"
            f'<td style="color:{colour};font-weight:bold">{escape(status)}</td>'
            f"<td>{participants}</td><td>{escape(place)}</td><td>{escape(when)}</td>"
            f"<td>{escape(triggers)}</td></tr>"
        )
    header = (
        "<tr><th>id</th><th>type</th><th>status</th><th>participants</th>"
        "<th>place</th><th>date</th><th>triggers</th></tr>"
    )
    return f'<table style="border-collapse:collapse">{header}{"".join(rows)}</table>'


def to_html(record: Extraction) -> str:
    """The whole view: title, highlighted article (title, captions, body) and events."""
    article = record.article
    parts = ['<div style="font-family:sans-serif;line-height:1.8">']
    if article.title is not None:
        parts.append(f"<h3>{highlight(record, article.title.start, article.title.end)}</h3>")
    facts = [
        f"published {article.published:%Y-%m-%d %H:%M %Z}" if article.published else "",
        f"source {escape(article.source)}" if article.source else "",
        f"reference date {record.reference_date}" if record.reference_date else "",
    ]
    parts.append(f"<p><small>{' · '.join(f for f in facts if f)}</small></p>")
    for caption in article.captions:
        parts.append(f"<p><i>{highlight(record, caption.start, caption.end)}</i></p>")
    parts.append(f"<p>{highlight(record, article.body.start, article.body.end)}</p>")
    parts.append(f"<h4>Events ({len(record.events)})</h4>{events_table(record)}</div>")
    return "".join(parts)
