"""Pretrain the NER's own tok2vec on unlabelled text, for ``tools/train_ner.py --pretrain``.

``spacy pretrain`` cannot do this for our config: it pretrains ``[pretraining] layer`` of the
component, and the only tok2vec reference a transition-based NER exposes (``tok2vec``) is the
embedding network *followed by* the NER's input projection (list2array + Linear), whose output
is one array, not the per-doc arrays the pretraining objectives expect. This loop pretrains the
embedding network inside that reference (its first layer) with the objective, batcher,
optimizer and corpus of the config's ``[pretraining]`` section, then saves the whole reference
with ``to_bytes()``: exactly the layer ``spacy train`` loads from ``[initialize] init_tok2vec``
through ``[pretraining] component/layer``. The projection keeps its fresh initial weights.

Objective (``spacy.PretrainCharacters.v1``): with 15 % of the tokens masked, predict the first
and last four characters of every token from its context.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import time
from pathlib import Path
from typing import Any

for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from spacy import util  # noqa: E402
from spacy.schemas import ConfigSchemaPretrain  # noqa: E402
from spacy.training.pretrain import ensure_docs, get_tok2vec_ref  # noqa: E402
from thinc.api import Model, fix_random_seed, set_dropout_rate  # noqa: E402

LOG = logging.getLogger("pretrain_tok2vec")

SHAPE_DOC = "日本の首相は東京で会見した。"


def pretrain(
    config_path: Path, raw_text: Path, out: Path, *, epochs: int | None = None, seed: int = 0
) -> Path:
    """Pretrain and write ``out`` (the bytes ``[initialize] init_tok2vec`` reads); return it."""
    fix_random_seed(seed)
    config = util.load_config(
        config_path, overrides={"paths.raw_text": str(raw_text)}, interpolate=False
    )
    config["initialize"]["init_tok2vec"] = None
    nlp = util.load_model_from_config(config)
    with nlp.select_pipes(enable=[]):
        nlp.initialize()  # loads [initialize] vectors (ja_ginza's chiVe) into the vocab
    resolved = nlp.config.interpolate()
    settings = util.registry.resolve(resolved["pretraining"], schema=ConfigSchemaPretrain)
    corpus = util.registry.resolve({"corpus": util.dot_to_object(resolved, settings["corpus"])})[
        "corpus"
    ]
    reference = get_tok2vec_ref(nlp, settings)
    embedder: Model = reference.layers[0]
    sample = [nlp.make_doc(SHAPE_DOC)]
    reference.initialize(X=sample)
    model = settings["objective"](nlp.vocab, embedder)
    model.initialize(X=sample)
    set_dropout_rate(model, settings["dropout"])
    loss_of = model.attrs["loss"]
    optimizer = settings["optimizer"]
    max_epochs = epochs if epochs is not None else settings["max_epochs"]
    log: list[dict[str, Any]] = []
    for epoch in range(max_epochs):
        started = time.monotonic()
        words = 0
        total = 0.0
        for batch in settings["batcher"](corpus(nlp)):
            docs = [doc for doc in ensure_docs(batch) if len(doc)]
            if not docs:
                continue
            predicted, backprop = model.begin_update(docs)
            loss, gradient = loss_of(model.ops, docs, predicted)
            backprop(gradient)
            model.finish_update(optimizer)
            words += sum(len(doc) for doc in docs)
            total += float(loss)
        seconds = time.monotonic() - started
        log.append(
            {
                "epoch": epoch,
                "words": words,
                "loss_per_word": total / max(words, 1),
                "seconds": round(seconds, 1),
            }
        )
        LOG.info(
            "epoch %d: %d words, loss/word %.4f, %.0f s",
            epoch,
            words,
            total / max(words, 1),
            seconds,
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    with model.use_params(optimizer.averages):
        out.write_bytes(reference.to_bytes())
    out.with_suffix(".log.json").write_text(json.dumps(log, indent=1) + "\n")
    return out


def main(argv: list[str] | None = None) -> None:
    """Command line: config, text, output file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", type=Path)
    parser.add_argument("raw_text", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--epochs", type=int, default=None, help="override the config")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    pretrain(args.config, args.raw_text, args.out, epochs=args.epochs, seed=args.seed)


if __name__ == "__main__":
    main()
