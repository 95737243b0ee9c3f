"""Event statistics over the Wikinews political articles, and a fixed sample to check by hand.

    .venv/bin/python tools/events_wikinews.py --records /tmp/wikinews-records.jsonl

Runs ``extract()`` on every article with ``"political": true`` in
``../shared/corpus/wikinews/articles.jsonl`` (text = headline + "\\n\\n" + article, as in
the gold), writes the records as JSONL (``--records``; reused when the file exists, so the
statistics and the sample come from one run) and prints, as Markdown:

- events per article (mean, median, min, max) and mentions per event;
- the distribution of event types and of statuses, and how many events are negated or
  have arguments, a location, a time, a source;
- ``--sample`` events drawn with ``--seed`` (default 30 and 2025), each with its type,
  status, mentions, arguments, location, time, source and the sentence of its first
  mention, for the verdicts of docs/events-wikinews.md.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
from collections import Counter
from pathlib import Path

from jnews_extract import extract
from jnews_extract.schema import Event, Extraction

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO.parent / "shared" / "corpus" / "wikinews" / "articles.jsonl"
TERMINATORS = "。！？\n"


def wikinews_articles() -> list[dict[str, str]]:
    """Every record of the shared Wikinews corpus."""
    with ARTICLES.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def political_articles() -> list[dict[str, str]]:
    return [r for r in wikinews_articles() if r.get("political")]


def load_or_extract(path: Path) -> list[tuple[str, Extraction]]:
    """(article id, record) for every political article, from ``path`` when it exists."""
    if path.exists():
        with path.open(encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle]
        return [(row["id"], Extraction.model_validate(row["record"])) for row in rows]
    results = []
    with path.open("w", encoding="utf-8") as handle:
        for article in political_articles():
            record = extract(article["headline"] + "\n\n" + article["text"])
            results.append((article["id"], record))
            row = {"id": article["id"], "record": record.model_dump(mode="json")}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return results


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``, the trigger marked with 【】."""
    left = max(text.rfind(c, 0, start) for c in TERMINATORS) + 1
    stops = [i for i in (text.find(c, end) for c in TERMINATORS) if i >= 0]
    right = min(stops) + 1 if stops else len(text)
    if right - left > 220:
        left, right = max(left, start - 110), min(right, end + 110)
    sentence = text[left:start] + "【" + text[start:end] + "】" + text[end:right]
    return sentence.replace("\n", " ").strip()


def describe(record: Extraction, event: Event) -> str:
    names = {e.id: e.name for e in record.entities}
    times = {t.id: f"{t.text} = {t.value}" for t in record.times}
    arguments = ", ".join(f"{a.role} {names.get(a.entity, a.entity)}" for a in event.arguments)
    negated = " negated" if event.negated else ""
    lines = [
        f"{event.type} · {event.status.value}{negated} · mentions "
        + ", ".join(m.text for m in event.mentions),
        f"arguments: {arguments or '—'} · location: {names.get(event.location or '', '—')}"
        f" · time: {times.get(event.time or '', '—')} · source: "
        f"{names.get(event.source or '', '—')}"
        + (f" · target: {event.target}" if event.target else ""),
    ]
    first = event.mentions[0]
    lines.append("> " + sentence_of(record.text, first.start, first.end))
    return "\n".join(lines)


def share(count: int, total: int) -> str:
    return f"{count} ({100 * count / total:.1f} %)" if total else "0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=Path, default=Path("/tmp/wikinews-political.jsonl"))
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    results = load_or_extract(args.records)
    per_article = [len(record.events) for _, record in results]
    events = [(aid, record, event) for aid, record in results for event in record.events]
    total = len(events)
    print(f"## Over {len(results)} political articles: {total} events\n")
    print(
        f"- events per article: mean {statistics.mean(per_article):.1f}, median "
        f"{statistics.median(per_article):g}, min {min(per_article)}, max {max(per_article)}; "
        f"articles without events: {sum(1 for n in per_article if n == 0)}"
    )
    mentions = [len(e.mentions) for _, _, e in events]
    print(
        f"- mentions per event: mean {statistics.mean(mentions):.2f}, "
        f"events with more than one mention: {share(sum(1 for n in mentions if n > 1), total)}"
    )
    for label, test in (
        ("negated", lambda e: e.negated),
        ("with arguments", lambda e: bool(e.arguments)),
        ("with a location", lambda e: e.location is not None),
        ("with a time", lambda e: e.time is not None),
        ("with a source", lambda e: e.source is not None),
    ):
        print(f"- {label}: {share(sum(1 for _, _, e in events if test(e)), total)}")
    print("\n| type | events | share |\n| --- | ---: | ---: |")
    for kind, count in Counter(e.type for _, _, e in events).most_common():
        print(f"| {kind} | {count} | {100 * count / total:.1f} % |")
    print("\n| status | events | share |\n| --- | ---: | ---: |")
    for status, count in Counter(e.status.value for _, _, e in events).most_common():
        print(f"| {status} | {count} | {100 * count / total:.1f} % |")
    print(f"\n## Sample: {args.sample} events, random.Random({args.seed})\n")
    chosen = random.Random(args.seed).sample(range(total), min(args.sample, total))
    for number, index in enumerate(chosen, start=1):
        aid, record, event = events[index]
        print(f"{number}. **{aid} {event.id}** " + describe(record, event).replace("\n", "\n   "))
        print()


if __name__ == "__main__":
    main()
