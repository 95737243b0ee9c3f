"""Entity mentions of ``extract()`` on the 136 political Wikinews articles, saved and
compared: how an entity-rule change acts on real news that has no gold labels.

``--save FILE`` writes every article's mentions (start, end, text, label) as JSON;
``--diff OLD`` prints, article by article, the mentions lost and gained against a saved
run, with the text around each, for reading by hand. The articles are those
``tools/events_wikinews.py`` reads (its ``political_articles``; headline + blank line +
body); ``--matching REGEX`` takes instead every Wikinews article (political or not) whose
headline + body the regular expression finds, to check a rule on the rare words it is
about.

Usage: ``.venv/bin/python tools/wikinews_mentions.py [--limit N] [--matching REGEX]
[--save FILE] [--diff FILE]``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from events_wikinews import (
    political_articles,
    wikinews_articles,
)  # tools/ is on the path of a script here

from jnews_extract.batch import extract_many

Mention = tuple[int, int, str, str]


def mentions_of(texts: Sequence[str]) -> list[list[Mention]]:
    """Every entity mention of each text's ``extract()`` record, sorted by position."""
    found = []
    for record in extract_many(list(texts), batch_size=16):
        found.append(
            sorted(
                (m.start, m.end, m.text, str(entity.label.value))
                for entity in record.entities
                for m in entity.mentions
            )
        )
    return found


def show_changes(article_id: str, text: str, old: list[Mention], new: list[Mention]) -> int:
    """Print the mentions lost (``-``) and gained (``+``) in one article; their number."""
    before, after = set(old), set(new)
    changed = sorted((m, "-") for m in before - after) + sorted((m, "+") for m in after - before)
    for (start, end, surface, label), mark in sorted(changed):
        context = text[max(0, start - 15) : end + 10].replace("\n", " ")
        print(f"{mark} {article_id} {surface}/{label} | {context}")
    return len(changed)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N articles")
    parser.add_argument("--save", type=Path, help="write the mentions as JSON")
    parser.add_argument("--diff", type=Path, help="compare with mentions saved before")
    parser.add_argument("--matching", help="every article this regular expression finds")
    args = parser.parse_args(argv)
    records = wikinews_articles() if args.matching else political_articles()
    articles = [(str(item["id"]), f"{item['headline']}\n\n{item['text']}") for item in records]
    if args.matching:
        pattern = re.compile(args.matching)
        articles = [(name, text) for name, text in articles if pattern.search(text)]
    articles = articles[: args.limit]
    found = mentions_of([text for _, text in articles])
    saved = {name: mentions for (name, _), mentions in zip(articles, found, strict=True)}
    total = sum(len(m) for m in found)
    print(f"{len(articles)} articles, {total} entity mentions")
    if args.diff:
        old = json.loads(args.diff.read_text(encoding="utf-8"))
        changes = 0
        for article_id, text in articles:
            before = [(int(a), int(b), str(c), str(d)) for a, b, c, d in old.get(article_id, [])]
            changes += show_changes(article_id, text, before, saved[article_id])
        print(f"{changes} mentions lost or gained")
    if args.save:
        args.save.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
