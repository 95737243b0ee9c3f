"""The ``jnews-extract`` command line: extract, schema, eval, gold check.

``jnews-extract extract PATH...`` reads files, directories (``*.txt``, ``*.jsonl``),
JSONL (one article a line: ``id``, ``text``, optional ``published``) or ``-`` for
stdin and writes records as JSON, JSONL, a readable table or Parquet. A failing
item is reported and the run goes on; the exit code is 1 when any item failed.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from jnews_extract.schema import Extraction

logger = logging.getLogger(__name__)


def _iter_path(path: str) -> Iterator[dict[str, Any]]:
    if path == "-":
        data = sys.stdin.read()
        yield {"id": "stdin", "text": data}
        return
    target = Path(path)
    if target.is_dir():
        for child in sorted(target.iterdir()):
            if child.suffix in {".txt", ".jsonl"}:
                yield from _iter_path(str(child))
        return
    if target.suffix == ".jsonl":
        with target.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield {"id": f"{target}:{number}", "error": f"invalid JSON: {exc}"}
                    continue
                item.setdefault("id", f"{target}:{number}")
                yield item
        return
    yield {"id": str(target), "text": target.read_text(encoding="utf-8")}


def iter_inputs(paths: Sequence[str]) -> Iterator[dict[str, Any]]:
    """Every article named on the command line, as ``{"id", "text", "published"?}`` dicts."""
    for path in paths:
        try:
            yield from _iter_path(path)
        except OSError as exc:
            yield {"id": path, "error": f"cannot read: {exc}"}


def format_table(record: Extraction, item_id: str, out: TextIO) -> None:
    """Print a record for people: article facts, entities, times, events."""
    art = record.article
    out.write(f"== {item_id}\n")
    if art.title:
        out.write(f"title:     {art.title.text}\n")
    if art.published:
        out.write(f"published: {art.published.isoformat()}\n")
    if art.dateline:
        out.write(f"dateline:  {art.dateline.text} → {art.dateline_date} ({art.source})\n")
    if art.authors:
        out.write(f"authors:   {', '.join(art.authors)}\n")
    out.write(f"reference: {record.reference_date} ({record.reference_date_source})\n")
    names = {e.id: e.name for e in record.entities}
    out.write(f"\nentities ({len(record.entities)}):\n")
    for entity in record.entities:
        roles = "; ".join(
            f"{r.title}" + (f"@{names.get(r.affiliation, r.affiliation)}" if r.affiliation else "")
            for r in entity.roles
        )
        surfaces = sorted({m.text for m in entity.mentions})
        out.write(
            f"  {entity.id:<4} {entity.label.value:<6} {entity.name}"
            f"{' [' + entity.kb_id + ']' if entity.kb_id else ''}"
            f"{' ' + roles if roles else ''}  ×{len(entity.mentions)} {'/'.join(surfaces)}\n"
        )
    out.write(f"\ntimes ({len(record.times)}):\n")
    for t in record.times:
        out.write(f"  {t.id:<4} {t.type.value:<8} {t.text} → {t.value}\n")
    out.write(f"\nevents ({len(record.events)}):\n")
    for event in record.events:
        args = ", ".join(f"{a.role}={names.get(a.entity, a.entity)}" for a in event.arguments)
        place = names.get(event.location, "") if event.location else ""
        when = next((t.value for t in record.times if t.id == event.time), "")
        triggers = "/".join(m.text for m in event.mentions)
        out.write(
            f"  {event.id:<4} {event.type:<14} {event.status.value:<10} {triggers}"
            f"{' (' + args + ')' if args else ''}"
            f"{' @' + place if place else ''}{' ' + when if when else ''}"
            f"{' NEG' if event.negated else ''}\n"
        )
    out.write("\n")


def _cmd_schema(args: argparse.Namespace) -> int:
    json.dump(Extraction.model_json_schema(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _cmd_extract(args: argparse.Namespace) -> int:
    from jnews_extract.batch import extract_many, write_records

    published = date.fromisoformat(args.published) if args.published else None
    items = list(iter_inputs(args.paths))
    results = extract_many(
        items,
        n_process=args.workers,
        published=published,
        progress=args.progress,
    )
    failures = write_records(results, args.format, args.output)
    if failures:
        sys.stderr.write(f"{len(failures)} of {len(items)} item(s) failed:\n")
        for item_id, message in failures:
            sys.stderr.write(f"  {item_id}: {message}\n")
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``jnews-extract``."""
    parser = argparse.ArgumentParser(prog="jnews-extract", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="extract records from articles")
    extract.add_argument("paths", nargs="+", help="files, directories, JSONL, or - for stdin")
    extract.add_argument("--format", choices=["json", "jsonl", "parquet", "table"], default="jsonl")
    extract.add_argument("--output", "-o", help="output file (required for parquet)")
    extract.add_argument("--workers", type=int, default=1, help="processes for nlp.pipe")
    extract.add_argument("--published", help="publication date YYYY-MM-DD for undated input")
    extract.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar (default: on when stderr is a terminal)",
    )
    extract.set_defaults(func=_cmd_extract)
    schema = sub.add_parser("schema", help="print the JSON Schema of the record")
    schema.set_defaults(func=_cmd_schema)
    try:
        from jnews_extract import evaluate
    except ImportError:  # pragma: no cover - evaluate ships with the package
        evaluate = None  # type: ignore[assignment]
    if evaluate is not None and hasattr(evaluate, "add_cli"):
        evaluate.add_cli(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``jnews-extract`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    result: int = args.func(args)
    return result


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
