"""The ``eval`` and ``gold check`` subcommands, and the readable tables they print.

``jnews-extract eval GOLD_DIR [--json] [--system ours|ginza|both] [--limit N]``
``jnews-extract eval --dataset gsd-dev|stockmark|ja-timex [--corpus PATH] [...]``
``jnews-extract gold check DIR``
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from jnews_extract.errors import JnewsExtractError
from jnews_extract.evaluate.datasets import (
    DATASETS,
    SYSTEMS,
    evaluate_flat_dataset,
    load_flat_dataset,
    score_ja_timex,
)
from jnews_extract.evaluate.gold_check import check_gold_dir
from jnews_extract.evaluate.gold_eval import evaluate_gold_dir

GOLD_COLUMNS: tuple[tuple[str, str], ...] = (
    ("ent-F", "ents_f"),
    ("ent-pF", "ents_partial_f"),
    ("name", "ents_name_acc"),
    ("kb_id", "ents_kb_id_acc"),
    ("time-F", "times_f"),
    ("value", "times_value_acc"),
    ("Tri-I", "tri_i_f"),
    ("Tri-C", "tri_c_f"),
    ("Arg-I", "arg_i_f"),
    ("Arg-C", "arg_c_f"),
    ("status", "events_status_acc"),
    ("loc", "events_location_acc"),
    ("when", "events_time_acc"),
)
"""(column header, result key) of the per-file table."""


def add_cli(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``eval`` and ``gold check`` on the ``jnews-extract`` subparsers.

    Each subcommand sets ``func``: call ``args.func(args)``, which returns the exit code.
    """
    evaluate = subparsers.add_parser(
        "eval",
        help="score the system on gold files or an external NER/time set",
        description=(
            "Score jnews_extract against GOLD_DIR (data/gold/*.json) or against a shared "
            "external set (--dataset). Prints a table; --json prints the result dict."
        ),
    )
    evaluate.add_argument("gold_dir", nargs="?", type=Path, help="directory of gold *.json")
    evaluate.add_argument("--dataset", choices=DATASETS, help="score an external set instead")
    evaluate.add_argument(
        "--system",
        choices=(*SYSTEMS, "both"),
        default="ours",
        help="ours = extract(); ginza = plain ja_ginza with its own label mapping",
    )
    evaluate.add_argument("--limit", type=int, help="only the first N sentences / gold files")
    evaluate.add_argument("--corpus", type=Path, help="path of the dataset file (default: shared)")
    evaluate.add_argument("--json", action="store_true", help="print the result as JSON")
    evaluate.set_defaults(func=run_eval)

    gold = subparsers.add_parser("gold", help="gold annotation tools")
    gold_commands = gold.add_subparsers(dest="gold_command", required=True)
    check = gold_commands.add_parser(
        "check",
        help="validate gold files: offsets, ids, references, labels",
        description="Validate every DIR/*.json gold file; exit code 1 if any problem.",
    )
    check.add_argument("dir", type=Path, help="directory of gold *.json")
    check.set_defaults(func=run_gold_check)


def run_eval(args: argparse.Namespace) -> int:
    """Handler of ``eval``: returns 0, or 2 when the input cannot be scored."""
    systems: tuple[str, ...] = SYSTEMS if args.system == "both" else (args.system,)
    try:
        if args.dataset is None:
            if args.gold_dir is None:
                sys.stderr.write("eval: give GOLD_DIR or --dataset\n")
                return 2
            results = {s: evaluate_gold_dir(args.gold_dir, s, limit=args.limit) for s in systems}
            payload: dict[str, Any] = {"gold_dir": str(args.gold_dir), "systems": results}
            report = format_gold_report(results)
        elif args.gold_dir is not None:
            sys.stderr.write("eval: give either GOLD_DIR or --dataset, not both\n")
            return 2
        elif args.dataset == "ja-timex":
            result = score_ja_timex(args.corpus)
            payload = {"dataset": "ja-timex", "systems": {"ours": result}}
            report = format_mapping(result)
        else:
            dataset = load_flat_dataset(args.dataset, args.corpus, limit=args.limit)
            results = {s: evaluate_flat_dataset(dataset, s) for s in systems}
            payload = {"dataset": args.dataset, "systems": results}
            report = format_flat_report(results)
    except JnewsExtractError as exc:
        sys.stderr.write(f"eval: {exc}\n")
        return 2
    if args.json:
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(report)
    return 0


def run_gold_check(args: argparse.Namespace) -> int:
    """Handler of ``gold check``: prints each problem; 1 if there is any."""
    problems = check_gold_dir(args.dir)
    for problem in problems:
        sys.stdout.write(problem + "\n")
    if problems:
        sys.stderr.write(f"{len(problems)} problem(s) in {args.dir}\n")
        return 1
    sys.stdout.write(f"{args.dir}: {len(list(Path(args.dir).glob('*.json')))} gold files, OK\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``eval`` / ``gold check`` without the rest of the CLI (for tests)."""
    parser = argparse.ArgumentParser(prog="jnews-extract")
    add_cli(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


# --- tables -------------------------------------------------------------------------------


def fmt(value: object) -> str:
    """A score as ``0.912``; ``-`` when undefined."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Plain-text table: first column left-aligned, the others right-aligned.

    Short rows are padded with empty cells.
    """
    rows = [[*row, *([""] * (len(header) - len(row)))] for row in rows]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        first, *rest = cells
        return "  ".join(
            [
                str(first).ljust(widths[0]),
                *(str(c).rjust(w) for c, w in zip(rest, widths[1:], strict=True)),
            ]
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(row) for row in rows)]) + "\n"


def format_gold_report(results: Mapping[str, Mapping[str, Any]]) -> str:
    """Per-file table, aggregates and per-label details for each system."""
    parts = []
    for system, result in results.items():
        columns = [(h, k) for h, k in GOLD_COLUMNS if k in result["pooled"]]
        rows = [[name, *(fmt(d.get(k)) for _, k in columns)] for name, d in result["files"].items()]
        for label, key in (
            ("POOLED without seed", "pooled_without_seed"),
            ("POOLED all", "pooled"),
            ("MEAN without seed", "mean_without_seed"),
            ("MEAN all", "mean"),
        ):
            rows.append([label, *(fmt(result[key].get(k)) for _, k in columns)])
        parts.append(
            f"== {system} on {result['gold_dir']} ({result['n_files']} files, "
            f"{result['n_files_without_seed']} without the seed, {result['seconds']} s)\n"
        )
        parts.append(table(["file", *(h for h, _ in columns)], rows))
        parts.append(_gold_details(result["pooled_without_seed"]))
        parts.append(format_errors(result["errors_without_seed"], "errors without seed"))
        for name, message in result.get("failures", {}).items():
            parts.append(f"failed: {name}: {message} (scored as an empty prediction)\n")
        if result["gold_problems"]:
            parts.append(
                f"warning: {len(result['gold_problems'])} gold problem(s); "
                "run `jnews-extract gold check`\n"
            )
        parts.append("\n")
    return "".join(parts)


def _gold_details(pooled: Mapping[str, Any]) -> str:
    counts = pooled["counts"]
    parts = ["\npooled without seed, per label (strict):\n"]
    detail_tables: list[tuple[str, str, str]] = [
        ("entity label", "ents_per_type", "ents"),
        ("time type", "times_per_type", "times"),
        ("event type (Tri-C)", "tri_c_per_type", "tri_c"),
        ("role (Arg-C)", "arg_c_per_role", "arg_c"),
    ]
    for title, key, micro in detail_tables:
        if key not in pooled:
            continue
        rows = [
            [label, *_prf_cells(scores, counts[key][label])]
            for label, scores in pooled[key].items()
        ]
        rows.append(
            ["micro", *_prf_cells({k: pooled[f"{micro}_{k}"] for k in "prf"}, counts[micro])]
        )
        if key == "ents_per_type":
            partial = {k: pooled[f"ents_partial_{k}"] for k in "prf"}
            rows.append(["micro partial", *_prf_cells(partial, counts["ents_partial"])])
        if key == "times_per_type":
            for time_type, value in pooled.get("times_value_acc_per_type", {}).items():
                n = counts["times_value_acc_per_type"][time_type]
                rows.append([f"value {time_type}", fmt(value), f"{n['correct']}/{n['total']}"])
        parts.append(table([title, "P", "R", "F", "tp", "fp", "fn"], rows))
    accuracies = [
        (key, pooled[key], counts[key])
        for key in sorted(pooled)
        if key.endswith("_acc") and key in counts
    ]
    rows = [[key, fmt(value), f"{n['correct']}/{n['total']}"] for key, value, n in accuracies]
    parts.append(table(["accuracy", "value", "correct/total"], rows))
    return "".join(parts)


def format_errors(
    summary: Mapping[str, Mapping[str, Mapping[str, Any]]], title: str = "errors"
) -> str:
    """Error classes per kind, most frequent first, with examples."""
    if not summary:
        return ""
    lines = [f"\n{title} (class: count; examples):\n"]
    for kind, classes in summary.items():
        lines.append(f"  {kind}\n")
        for error_class, entry in classes.items():
            lines.append(f"    {error_class}: {entry['count']}; {' | '.join(entry['examples'])}\n")
    return "".join(lines)


def _prf_cells(scores: Mapping[str, Any], counts: Mapping[str, int]) -> list[str]:
    return [
        fmt(scores["p"]),
        fmt(scores["r"]),
        fmt(scores["f"]),
        str(counts["tp"]),
        str(counts["fp"]),
        str(counts["fn"]),
    ]


def format_flat_report(results: Mapping[str, Mapping[str, Any]]) -> str:
    """Per-label P/R/F of each system side by side, then the micro averages."""
    systems = list(results)
    first = results[systems[0]]
    labels = sorted({label for r in results.values() for label in r["ents_per_type"]})
    header = ["label", *(f"{s} {m}" for s in systems for m in ("P", "R", "F")), "gold"]

    def gold_count(label: str) -> str:
        entry = first["ents_per_type"].get(label)
        return str(entry["tp"] + entry["fn"]) if entry else "0"

    rows = []
    for label in labels:
        cells = []
        for s in systems:
            entry = results[s]["ents_per_type"].get(label, {"p": None, "r": None, "f": None})
            cells += [fmt(entry["p"]), fmt(entry["r"]), fmt(entry["f"])]
        rows.append([label, *cells, gold_count(label)])
    for title, prefix in (
        (f"micro ({', '.join(first['micro_labels'])})", "ents"),
        (f"core ({', '.join(first['core_labels'])})", "ents_core"),
        ("micro partial", "ents_partial"),
    ):
        cells = [fmt(results[s][f"{prefix}_{m}"]) for s in systems for m in "prf"]
        rows.append([title, *cells, ""])
    timing = ", ".join(f"{s} {results[s]['seconds']} s" for s in systems)
    head = f"== {first['dataset']}: {first['sentences']} sentences ({timing})\n"
    errors = "".join(
        format_errors({"entities": results[s]["errors"]}, f"{s} errors")
        for s in systems
        if results[s].get("errors")
    )
    return head + table(header, rows) + errors


def format_mapping(result: Mapping[str, Any], indent: str = "") -> str:
    """Nested key: value lines (for results whose shape another stage decides)."""
    lines = []
    for key, value in result.items():
        if isinstance(value, Mapping):
            lines.append(f"{indent}{key}:\n{format_mapping(value, indent + '  ')}")
        else:
            lines.append(f"{indent}{key}: {fmt(value)}\n")
    return "".join(lines)
