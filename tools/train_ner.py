"""Train the project's NER and (by default) ship it into src/jnews_extract/models/ner/.

    make train-ner                                  # the shipped model: own tok2vec, GSD+Stockmark
    python tools/train_ner.py --arch own --data gsd --no-ship   # an experiment

Steps: build the DocBins under scratch/ner/ (tools/ner/build_docbins.py, skipped when present),
train with the versioned config tools/ner/<arch>.cfg and a fixed seed, score the best model on
GSD dev and the held-out fifth of Stockmark with character-span strict matching
(tools/ner/evaluate_ner.py), then write the ``ner`` component's weights, its config and a
meta.json (labels, data, scores, the ja_ginza version it needs) into the package.

Training runs single-threaded (OMP/MKL threads = 1): 20 minutes on an idle core, 40 on a busy one.
It is not part of ``make test``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import shutil
import sys
from functools import partial
from pathlib import Path
from typing import Any

for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools" / "ner"))

import spacy  # noqa: E402
from build_docbins import DEFAULT_OUT, NER_LABELS  # noqa: E402
from build_docbins import main as build_docbins  # noqa: E402
from build_pretrain_text import main as build_pretrain_text  # noqa: E402
from evaluate_ner import evaluate, format_report  # noqa: E402
from pretrain_tok2vec import pretrain  # noqa: E402
from spacy.cli.train import train  # noqa: E402
from spacy.language import Language  # noqa: E402

LOG = logging.getLogger("train_ner")

CONFIGS = {
    "listener": REPO / "tools" / "ner" / "listener.cfg",
    "own": REPO / "tools" / "ner" / "own_tok2vec.cfg",
}
DATASETS = {
    "gsd": ("gsd-train.spacy",),
    "gsd+stockmark": ("gsd-train.spacy", "stockmark-train.spacy"),
}
SHIP_DIR = REPO / "src" / "jnews_extract" / "models" / "ner"
DEFAULT_ARCH = "own"
DEFAULT_DATA = "gsd+stockmark"
DEFAULT_STOCKMARK_PLACES = "missing"
PRETRAIN_SOURCES = (
    "spacy.PretrainCharacters.v1 on Wikinews (gold articles left out), GSD train and the "
    "Stockmark training part, text only (tools/ner/build_pretrain_text.py)"
)
HELDOUT_RULE = "held out iff int(sha256(curid.encode()).hexdigest(), 16) % 5 == 0"


def prepare_corpus(scratch: Path, data: str, build_options: list[str]) -> tuple[Path, Path]:
    """Build the DocBins if they are missing or were built with other ``build_options``
    (``tools/ner/build_docbins.py`` arguments); return the train and the dev directory."""
    stamp = scratch / "build_options.json"
    wanted = json.dumps(build_options)
    built = stamp.exists() and stamp.read_text() == wanted
    if not built or not all((scratch / f).exists() for f in ("gsd-dev.spacy", *DATASETS[data])):
        build_docbins(["--out", str(scratch), *build_options])
        stamp.write_text(wanted)
    train_dir = scratch / f"train-{data.replace('+', '-')}"
    dev_dir = scratch / "dev"
    for directory, files in ((train_dir, DATASETS[data]), (dev_dir, ("gsd-dev.spacy",))):
        directory.mkdir(exist_ok=True)
        for name in files:
            link = directory / name
            if not link.exists():
                link.symlink_to(Path("..") / name)
    return train_dir, dev_dir


def pretrained_tok2vec(scratch: Path, config: Path, seed: int) -> Path:
    """The tok2vec weights pretrained for ``config`` (built on first use, then reused).

    The file name carries a digest of the config's text, so a changed config (another
    attribute, another width) never picks up weights pretrained for the old one.
    """
    digest = hashlib.sha256(config.read_bytes()).hexdigest()[:12]
    weights = scratch / "pretrain" / f"{config.stem}-{digest}-tok2vec-seed{seed}.bin"
    if not weights.exists():
        text = build_pretrain_text(["--out", str(scratch)])
        pretrain(config, text, weights, seed=seed)
    return weights


def ship(
    nlp: Language,
    arch: str,
    config_path: Path,
    data: str,
    seed: int,
    pretrained: bool,
    build_options: list[str],
    scores: dict[str, Any],
) -> None:
    """Write the trained ``ner`` component, its config and meta.json into the package.

    ``scores`` maps ``standalone`` (tokenizer + ner) and, once measured by ``score_shipped``,
    ``in_ja_ginza`` (where the parser's sentence boundaries also bound entities) to reports.
    """
    ner = nlp.get_pipe("ner")
    config = dict(nlp.config["components"]["ner"])
    factory = config.pop("factory")
    SHIP_DIR.mkdir(parents=True, exist_ok=True)
    (SHIP_DIR / "ner.bin").write_bytes(ner.to_bytes(exclude=["vocab"]))
    (SHIP_DIR / "config.json").write_text(json.dumps(config, indent=1) + "\n")
    ginza = spacy.load("ja_ginza", exclude=["parser", "ner", "morphologizer"])
    meta = {
        "name": "jnews_ner",
        "factory": factory,
        "labels": list(ner.labels),
        "architecture": arch,
        "requires": {
            "pipeline": f"{ginza.meta['lang']}_{ginza.meta['name']}",
            "version": ginza.meta["version"],
            "tok2vec": "tok2vec" if arch == "listener" else None,
            "vectors": ginza.vocab.vectors.name,
            "vectors_shape": list(ginza.vocab.vectors.shape),
        },
        "spacy_version": spacy.__version__,
        "training": {
            "config": config_path.resolve().relative_to(REPO).as_posix(),
            "data": DATASETS[data],
            "docbin_options": build_options,
            "seed": seed,
            "pretrained_tok2vec": PRETRAIN_SOURCES if pretrained else None,
            "stockmark_heldout_rule": HELDOUT_RULE,
        },
        "licence": "CC BY-SA 4.0 (derived from UD Japanese GSD NE, CC BY-SA 4.0, and the "
        "Stockmark Wikipedia NER set, CC BY-SA 3.0)",
        "scores": scores,
    }
    (SHIP_DIR / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n")
    LOG.info("shipped to %s", SHIP_DIR)


def score_shipped() -> dict[str, Any]:
    """Scores of the shipped component put into ja_ginza by ``replace_ginza_ner``."""
    from jnews_extract.ner_model import replace_ginza_ner

    return evaluate(replace_ginza_ner(spacy.load("ja_ginza")))


def main(argv: list[str] | None = None) -> None:
    """Train, score and ship."""
    parser = argparse.ArgumentParser(description="Train the jnews_extract NER.")
    parser.add_argument("--arch", choices=sorted(CONFIGS), default=DEFAULT_ARCH)
    parser.add_argument("--data", choices=sorted(DATASETS), default=DEFAULT_DATA)
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        help="an experiment's config instead of tools/ner/<arch>.cfg",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-steps", type=int, default=None, help="override the config")
    parser.add_argument("--scratch", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--run-dir", type=Path, default=None)
    parser.add_argument(
        "--pretrain",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="start from a tok2vec pretrained on unlabelled text (tools/ner/pretrain_tok2vec.py)",
    )
    parser.add_argument(
        "--stockmark-places",
        choices=("missing", "gazetteer"),
        default=DEFAULT_STOCKMARK_PLACES,
        help="Stockmark's 地名: missing annotation, or GPE/LOC where the gazetteer knows it",
    )
    parser.add_argument(
        "--augment", type=int, default=0, help="mention-replaced copies of the training sets"
    )
    parser.add_argument("--no-ship", action="store_true", help="train and score only")
    parser.add_argument("--score-only", action="store_true", help="reuse a finished run")
    args = parser.parse_args(argv)
    if args.pretrain and args.arch != "own":
        parser.error("--pretrain needs --arch own (the listener's tok2vec is ja_ginza's, frozen)")
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    config = args.config or CONFIGS[args.arch]
    args.scratch.mkdir(parents=True, exist_ok=True)
    run_name = f"{args.arch}-{args.data.replace('+', '-')}{'-pretrained' if args.pretrain else ''}"
    run_dir = args.run_dir or args.scratch / "runs" / run_name
    build_options = ["--stockmark-places", args.stockmark_places, "--augment", str(args.augment)]
    train_dir, dev_dir = prepare_corpus(args.scratch, args.data, build_options)
    if not args.score_only:
        overrides: dict[str, Any] = {
            "paths.train": str(train_dir),
            "paths.dev": str(dev_dir),
            "system.seed": args.seed,
        }
        if args.pretrain:
            overrides["paths.init_tok2vec"] = str(
                pretrained_tok2vec(args.scratch, config, args.seed)
            )
        if args.max_steps is not None:
            overrides["training.max_steps"] = args.max_steps
        if run_dir.exists():
            shutil.rmtree(run_dir)
        train(config, run_dir, use_gpu=-1, overrides=overrides)
    nlp = spacy.load(run_dir / "model-best")
    labels = set(nlp.get_pipe("ner").labels)
    if labels != set(NER_LABELS):
        raise SystemExit(f"trained labels {sorted(labels)} differ from {sorted(NER_LABELS)}")
    report = evaluate(nlp)
    (run_dir / "scores.json").write_text(json.dumps(report, indent=1))
    print(f"run {run_dir.name}: arch={args.arch} data={args.data} seed={args.seed}")
    print("standalone (tokenizer + ner):")
    print(format_report(report))
    if not args.no_ship:
        ship_run = partial(
            ship, nlp, args.arch, config, args.data, args.seed, args.pretrain, build_options
        )
        ship_run({"standalone": report})
        shipped = score_shipped()
        ship_run({"in_ja_ginza": shipped, "standalone": report})
        print("shipped, inside ja_ginza (replace_ginza_ner):")
        print(format_report(shipped))


if __name__ == "__main__":
    main()
