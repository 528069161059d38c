"""Does a larger encoder pay for its CPU cost? A frozen-encoder probe on the default model's folds.

    python bench/bench_encoders.py --encoder L6=PATH --encoder MPNET=PATH [--cap 150]

Each encoder (a folder with model.safetensors, config.json and tokenizer.json, any architecture
transformers' AutoModel loads) embeds the same texts, mean-pooled over the last layer, at 128
tokens. The rows are the labelled sets' (``../shared/data/labeled``), up to --cap per source,
principle and label, plus Wikipedia pieces as negatives for every head. For each of the default
build's leave-sources-out folds (models/build_default.py FOLDS), a logistic regression per principle
is fitted on the other sources and scores the held-out ones; the table is AUROC per principle (mean
over its held-out sources) and macro, the same summary as the build's validation. Frozen
embeddings are a cheaper proxy for fine-tuning: an encoder whose frozen features are not better
here is unlikely to be worth several times the CPU time per document. Also printed: each
encoder's embedding speed on this machine (documents/s, batch 32 x 128 tokens, torch fp32).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "python" / "curafilter" / "models"))
SHARED = ROOT.parent / "shared" / "data"


def embed(folder: Path, texts: list[str], max_length: int = 128, batch: int = 32) -> tuple[np.ndarray, float]:
    import torch
    from tokenizers import Tokenizer
    from transformers import AutoModel

    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tok.enable_truncation(max_length)
    tok.no_padding()
    model = AutoModel.from_pretrained(str(folder)).eval()
    pad = int(getattr(model.config, "pad_token_id", 0) or 0)
    order = np.argsort([len(t) for t in texts])  # length-sorted batches, as a run forms them
    out = np.zeros((len(texts), model.config.hidden_size), np.float32)
    start = time.perf_counter()
    with torch.inference_mode():
        for i in range(0, len(texts), batch):
            idx = order[i:i + batch]
            enc = [tok.encode(texts[j]).ids for j in idx]
            width = max(len(e) for e in enc)
            ids = torch.tensor([e + [pad] * (width - len(e)) for e in enc])
            mask = torch.tensor([[1] * len(e) + [0] * (width - len(e)) for e in enc])
            hidden = model(input_ids=ids, attention_mask=mask).last_hidden_state
            m = mask.unsqueeze(-1).float()
            out[idx] = ((hidden * m).sum(1) / m.sum(1).clamp(min=1)).numpy()
    return out, len(texts) / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    from build_default import EXCLUDED
    from inputs import background_texts
    from validation import FOLDS
    from sklearn.linear_model import LogisticRegression

    from curafilter.labels import read_labels
    from curafilter.metrics import auroc

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--encoder", action="append", required=True, help="NAME=FOLDER (repeat)")
    ap.add_argument("--cap", type=int, default=150, help="texts per (source, principle, label)")
    ap.add_argument("--background", type=int, default=200, help="Wikipedia texts of each kind (head, paragraph, piece)")
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    args = ap.parse_args(argv)
    labels = [SHARED / "labeled" / "principles-train.jsonl", SHARED / "labeled" / "realistic-train.jsonl"]
    if not all(p.is_file() for p in labels):
        raise SystemExit(f"{SHARED / 'labeled'} is missing (../shared/data)")
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    rng = np.random.default_rng(0)
    by_key: dict[tuple[str, str, int], list[str]] = {}
    for path in labels:
        for r in read_labels(path):
            if (r.principle, r.category) not in EXCLUDED:
                by_key.setdefault((r.source, r.principle, r.label), []).append(r.text)
    rows = [(s, p, y, t) for (s, p, y), texts in sorted(by_key.items())
            for t in rng.permutation(texts)[:args.cap].tolist()]
    background = background_texts(sorted((SHARED / "corpus").glob("*.jsonl*"))[0], args.background)
    texts = [t for *_, t in rows] + background
    source = np.array([s for s, *_ in rows])
    principle = np.array([p for _, p, _, _ in rows])
    label = np.array([y for _, _, y, _ in rows])
    names = sorted(set(principle))
    results: dict[str, dict[str, float]] = {}
    for spec in args.encoder:
        name, _, folder = spec.partition("=")
        x, speed = embed(Path(folder), texts)
        x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
        xb = x[len(rows):]
        cells: dict[str, list[float]] = {p: [] for p in names}
        for _, held in FOLDS:
            test = np.isin(source, sorted(held))
            for p in names:
                train = ~test & (principle == p)
                xt = np.vstack([x[:len(rows)][train], xb])
                yt = np.concatenate([label[train], np.zeros(len(xb), int)])
                clf = LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced").fit(xt, yt)
                for s in sorted(held):
                    idx = test & (principle == p) & (source == s)
                    if 0 < label[idx].sum() < idx.sum():
                        cells[p].append(auroc(label[idx] == 1, clf.decision_function(x[:len(rows)][idx])))
        per = {p: round(float(np.mean(v)), 4) for p, v in cells.items() if v}
        per["macro"] = round(float(np.mean(list(per.values()))), 4)
        per["docs/s"] = round(speed, 1)
        results[name] = per
        print(name, per, flush=True)
    cols = [*names, "macro", "docs/s"]
    print("\n| encoder | " + " | ".join(cols) + " |\n|---|" + "---:|" * len(cols))
    for name, per in results.items():
        print(f"| {name} | " + " | ".join(str(per.get(c, "-")) for c in cols) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
