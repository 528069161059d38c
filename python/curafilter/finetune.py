"""Fine-tune the encoder: one shared BERT encoder, mean (or attention) pooling, one sigmoid head per principle.

Needs torch and transformers (the ``train`` extra) and is only used to build bundles; a fine-tuned
model is exported through :func:`curafilter.onnx_export.build_classifier`, so run time stays ONNX
Runtime only and the bundle is the same architecture as a frozen one (last layer mean-pooled,
linear head, no lexical tables).

Labelled rows carry one principle's label each, so the loss is masked: a row trains only its own
principle's head. Background rows (ordinary text) are negatives for every head. Rows whose text
is the same are merged into one example with several labels.

Example (a tiny run; real builds use ``models/build_default.py`` or ``curafilter distill``)::

    from curafilter import distill, finetune
    ds = distill.Dataset.from_rows(rows, ["deception", "toxicity"])
    targets = finetune.Targets.from_dataset(ds)
    trained = finetune.train(targets, encoder_dir, finetune.FineTune(epochs=1))
    scores = trained.predict(["some text"])          # float32 [1, 2]
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from curafilter.errors import ConfigError, InputError


POOLINGS = ("mean", "attention")

#: Logit added to padding positions before the attention softmax: small enough for fp16.
PAD_LOGIT = -10000.0


@dataclass(frozen=True)
class FineTune:
    """Hyper-parameters of a fine-tuning run (defaults: what the default model uses)."""

    epochs: float = 1.0
    lr: float = 4e-5  # encoder
    head_lr: float = 2e-3  # the freshly initialised heads learn faster than the pretrained encoder
    batch_size: int = 32
    max_length: int = 128
    weight_decay: float = 0.01
    warmup: float = 0.06  # fraction of the steps
    # The word-embedding table is half of MiniLM's weights; freezing it makes a CPU step ~30%
    # cheaper and keeps rare word pieces, seen a few times in training, where pretraining put them.
    freeze_embeddings: bool = True
    seed: int = 0
    threads: int | None = None
    # "mean": the head reads the mean of the last layer over real tokens. "attention": each
    # principle's head reads its own softmax-weighted mean (one learnt query vector per principle,
    # started at zero, i.e. at the plain mean), so a violating sentence inside an ordinary window
    # is not averaged away by the 200 tokens around it.
    pooling: str = "mean"
    folds: int = 3  # validation runs (each trains a model) when building through distill.build_bundle

    def __post_init__(self) -> None:
        if (self.epochs <= 0 or self.lr <= 0 or self.head_lr <= 0 or self.batch_size < 1 or self.max_length < 8
                or self.folds < 2 or self.pooling not in POOLINGS):
            raise ConfigError(f"invalid fine-tuning settings: {self}")


@dataclass
class Targets:
    """Unique texts with a label and a mask per principle."""

    texts: list[str]
    y: np.ndarray  # float32 [n, P]
    mask: np.ndarray  # bool [n, P]: which principles this text is labelled for
    source: list[str]  # of the text's first labelled row
    principles: list[str]
    row_text: np.ndarray  # [rows of the Dataset]: the index of each row's text here

    @classmethod
    def from_dataset(cls, ds: Any) -> Targets:
        """From a :class:`curafilter.distill.Dataset` (one row per text and principle)."""
        index: dict[str, int] = {}
        texts: list[str] = []
        source: list[str] = []
        rows: list[int] = []
        sources = ds.source if getattr(ds, "source", None) else ds.group
        for t, s in zip(ds.texts, sources):
            i = index.get(t)
            if i is None:
                i = index[t] = len(texts)
                texts.append(t)
                source.append(s)
            rows.append(i)
        n, p = len(texts), len(ds.principles)
        y = np.zeros((n, p), np.float32)
        mask = np.zeros((n, p), bool)
        r = np.asarray(rows, dtype=np.intp)
        # A text labelled 1 and 0 for the same principle (label noise across sources) counts as 1.
        np.maximum.at(y, (r, ds.principle), ds.label.astype(np.float32))
        mask[r, ds.principle] = True
        return cls(texts, y, mask, source, list(ds.principles), r)

    def subset(self, idx: np.ndarray) -> Targets:
        return Targets([self.texts[i] for i in idx], self.y[idx], self.mask[idx],
                       [self.source[i] for i in idx], self.principles, np.zeros(0, np.intp))


@dataclass
class Trained:
    """A fine-tuned encoder and heads, in the units :func:`build_classifier` takes."""

    weights: dict[str, np.ndarray]  # BertModel names, e.g. "encoder.layer.0.attention.self.query.weight"
    config: dict[str, Any]
    head_w: np.ndarray  # [P, hidden]
    head_b: np.ndarray  # [P]
    tokenizer: Path
    max_length: int
    losses: list[float]
    attn_w: np.ndarray | None = None  # [P, hidden]: attention pooling's query per principle

    def heads(self) -> list[Any]:
        """One :class:`curafilter.distill.Head` per principle, for :func:`curafilter.distill.export_bundle`."""
        from curafilter.distill import Head

        return [Head(self.head_w[p], None, None, float(self.head_b[p]),
                     None if self.attn_w is None else self.attn_w[p]) for p in range(self.head_w.shape[0])]

    def predict(self, texts: Sequence[str], *, batch_size: int = 64, max_length: int | None = None) -> np.ndarray:
        """Scores [n, P] with torch, the same computation as the exported graph (fp32), on the first
        `max_length` tokens (default: the training length)."""
        torch = _torch()
        model = _Classifier.from_trained(self)
        model.eval()
        enc = _encode(texts, self.tokenizer, max_length or self.max_length)
        out = np.zeros((len(texts), self.head_w.shape[0]), np.float32)
        order = np.argsort([len(e) for e in enc], kind="stable")
        with torch.no_grad():
            for k in range(0, len(order), batch_size):
                idx = order[k:k + batch_size]
                ids, am = _pad([enc[i] for i in idx])
                out[idx] = torch.sigmoid(model(ids, am)).numpy()
        return out


def require_torch() -> None:
    """Raise ConfigError, saying what to install, when torch or transformers is missing."""
    _torch()


def _torch() -> Any:
    try:
        import torch
        import transformers  # noqa: F401
    except ImportError:
        raise ConfigError(
            "fine-tuning needs torch and transformers: pip install 'curafilter[train]' "
            "(or use the frozen builder: curafilter distill --frozen)"
        ) from None
    return torch


def _encode(texts: Sequence[str], tokenizer: Path, max_length: int) -> list[list[int]]:
    """Token ids of each text's head, read by the same core that reads text at run time (NFKC and
    rust/lookalike.rs's folds), so a model trains on what it will see."""
    from curafilter._core import Tokenizer

    out: list[list[int]] = [[] for _ in texts]
    for batch in Tokenizer(os.fspath(tokenizer), max_length=max_length).encode_batches(list(texts)):
        for row, i in enumerate(batch.line.tolist()):  # batches are length-sorted; line is the text's index
            out[i] = batch.input_ids[row, :int(batch.n_tokens[row])].tolist()
    return out


def _pad(seqs: Sequence[Sequence[int]]) -> tuple[Any, Any]:
    torch = _torch()
    width = max(len(s) for s in seqs)
    ids = torch.zeros((len(seqs), width), dtype=torch.long)
    am = torch.zeros((len(seqs), width), dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, :len(s)] = torch.tensor(s)
        am[i, :len(s)] = 1
    return ids, am


def _classifier_class() -> Any:
    torch = _torch()
    from transformers import BertConfig, BertModel

    class Classifier(torch.nn.Module):  # type: ignore[name-defined,misc]
        def __init__(self, config: dict[str, Any], n_out: int, attention: bool = False) -> None:
            super().__init__()
            cfg = BertConfig(**{k: v for k, v in config.items() if k not in ("architectures",)})
            self.bert = BertModel(cfg, add_pooling_layer=False)
            self.head = torch.nn.Linear(cfg.hidden_size, n_out)
            torch.nn.init.zeros_(self.head.weight)
            torch.nn.init.zeros_(self.head.bias)
            self.attn = torch.nn.Linear(cfg.hidden_size, n_out, bias=False) if attention else None
            if self.attn is not None:
                torch.nn.init.zeros_(self.attn.weight)  # uniform weights: the plain mean

        def forward(self, ids: Any, am: Any) -> Any:
            h = self.bert(input_ids=ids, attention_mask=am).last_hidden_state
            m = am.unsqueeze(-1).to(h.dtype)
            if self.attn is None:
                # The same mean over real tokens as the exported graph's pooling.
                return self.head((h * m).sum(1) / m.sum(1).clamp(min=1.0))
            # Per principle p: sum_t a[t, p] * (h_t . w_p) + b_p, a = softmax over real tokens of
            # h_t . q_p; the same ops, in the same order, as the exported graph.
            a = torch.softmax(self.attn(h) + (1.0 - m) * PAD_LOGIT, dim=1) * m
            return (a * (h @ self.head.weight.T)).sum(1) + self.head.bias

    return Classifier


class _Classifier:
    @staticmethod
    def build(weights: dict[str, np.ndarray], config: dict[str, Any], n_out: int,
              head_w: np.ndarray | None = None, head_b: np.ndarray | None = None,
              attn_w: np.ndarray | None = None, attention: bool = False) -> Any:
        torch = _torch()
        model = _classifier_class()(config, n_out, attention or attn_w is not None)
        state = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in weights.items()
                 if k.startswith(("embeddings.", "encoder.")) and not k.endswith("position_ids")}
        missing, _ = model.bert.load_state_dict(state, strict=False)
        if missing:
            raise ConfigError(f"encoder checkpoint lacks {len(missing)} tensors, e.g. {missing[0]!r}")
        if head_w is not None and head_b is not None:
            with torch.no_grad():
                model.head.weight.copy_(torch.from_numpy(head_w))
                model.head.bias.copy_(torch.from_numpy(head_b))
                if attn_w is not None:
                    model.attn.weight.copy_(torch.from_numpy(attn_w))
        return model

    @staticmethod
    def from_trained(t: Trained) -> Any:
        return _Classifier.build(t.weights, t.config, t.head_w.shape[0], t.head_w, t.head_b, t.attn_w)


def _batches(lengths: np.ndarray, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Shuffled batches of similar length: sort within random pools of 50 batches, so padding is
    small while every epoch still mixes sources and labels."""
    order = rng.permutation(lengths.size)
    pool = batch_size * 50
    out = []
    for k in range(0, order.size, pool):
        chunk = order[k:k + pool]
        chunk = chunk[np.argsort(lengths[chunk], kind="stable")]
        out.extend(chunk[j:j + batch_size] for j in range(0, chunk.size, batch_size))
    rng.shuffle(out)  # type: ignore[arg-type]
    return out


def class_weights(t: Targets) -> np.ndarray:
    """Per-entry loss weights [n, P]: within each principle, positives and negatives weigh the
    same in total (the sets are imbalanced differently per principle, and background text adds
    many negatives to every head); each principle weighs the same overall."""
    w = np.zeros_like(t.y)
    for p in range(t.y.shape[1]):
        m = t.mask[:, p]
        pos = m & (t.y[:, p] > 0.5)
        neg = m & ~pos
        if pos.any() and neg.any():
            w[pos, p] = 0.5 / pos.sum()
            w[neg, p] = 0.5 / neg.sum()
        elif m.any():
            w[m, p] = 1.0 / m.sum()
    return w * (t.y.shape[0] / max(t.y.shape[1], 1))


def train(t: Targets, encoder: Path, cfg: FineTune = FineTune(), *,
          progress: Callable[[int], None] | None = None, log: Callable[[str], None] = print) -> Trained:
    """Fine-tune `encoder` (a folder with model.safetensors, config.json, tokenizer.json) on `t`."""
    torch = _torch()
    from curafilter.onnx_export import load_bert_weights

    tokenizer = encoder / "tokenizer.json"
    if not tokenizer.is_file():
        raise InputError(f"encoder folder {encoder} has no tokenizer.json")
    if not len(t.texts):
        raise ConfigError("no training rows")
    weights, config = load_bert_weights(encoder)
    torch.manual_seed(cfg.seed)
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    rng = np.random.default_rng(cfg.seed)
    model = _Classifier.build(weights, config, len(t.principles), attention=cfg.pooling == "attention")
    for name, param in model.bert.named_parameters():
        param.requires_grad = not (cfg.freeze_embeddings and name.startswith("embeddings.word_embeddings"))
    decay = [p for n, p in model.bert.named_parameters() if p.requires_grad and p.ndim > 1]
    no_decay = [p for n, p in model.bert.named_parameters() if p.requires_grad and p.ndim <= 1]
    opt = torch.optim.AdamW([
        {"params": decay, "lr": cfg.lr, "weight_decay": cfg.weight_decay},
        {"params": no_decay, "lr": cfg.lr, "weight_decay": 0.0},
        {"params": [p for m in (model.head, model.attn) if m is not None for p in m.parameters()],
         "lr": cfg.head_lr, "weight_decay": 0.0},
    ])
    enc = _encode(t.texts, tokenizer, cfg.max_length)
    lengths = np.array([len(e) for e in enc])
    y = torch.from_numpy(t.y)
    w = torch.from_numpy(class_weights(t) * t.mask)
    n_epochs = math.ceil(cfg.epochs)
    per_epoch = math.ceil(len(enc) / cfg.batch_size)
    total = max(1, int(round(per_epoch * cfg.epochs)))
    warm = max(1, int(total * cfg.warmup))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))
    model.train()
    losses: list[float] = []
    step = 0
    for _ in range(n_epochs):
        for idx in _batches(lengths, cfg.batch_size, rng):
            if step >= total:
                break
            ids, am = _pad([enc[i] for i in idx])
            ti = torch.from_numpy(idx)
            logits = model(ids, am)
            loss = (torch.nn.functional.binary_cross_entropy_with_logits(logits, y[ti], reduction="none") * w[ti]).sum() / len(idx)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            losses.append(float(loss.detach()))
            step += 1
            if progress:
                progress(len(idx))
    if not all(math.isfinite(x) for x in losses):
        raise ConfigError("fine-tuning diverged (a non-finite loss); lower the learning rate")
    model.eval()
    state = {k: v.detach().numpy().copy() for k, v in model.bert.state_dict().items()}
    return Trained(
        weights=state, config=config,
        head_w=model.head.weight.detach().numpy().copy(), head_b=model.head.bias.detach().numpy().copy(),
        tokenizer=tokenizer, max_length=cfg.max_length, losses=losses,
        attn_w=model.attn.weight.detach().numpy().copy() if model.attn is not None else None,
    )


def cross_validate(t: Targets, folds: Sequence[tuple[str, np.ndarray]], encoder: Path, cfg: FineTune = FineTune(), *,
                   train_rows: np.ndarray | None = None, held: Sequence[np.ndarray] | None = None,
                   score_length: int | None = None,
                   progress: Callable[[int], None] | None = None, log: Callable[[str], None] = print) -> np.ndarray:
    """Out-of-fold scores [n, P]: NaN where a row is in no fold's test set.

    Each fold is ``(name, test_mask)``: the model trains on every row outside the test set (and
    inside ``train_rows``, when given: e.g. a class-balanced subsample; and outside ``held[k]``,
    when given: e.g. every row of a held-out source, of which only some are scored) and scores the
    test rows on their first `score_length` tokens (default: the training length)."""
    oof = np.full(t.y.shape, np.nan, np.float32)
    allowed = np.ones(len(t.texts), bool)
    if train_rows is not None:
        allowed[:] = False
        allowed[train_rows] = True
    for k, (name, test) in enumerate(folds):
        tr = np.flatnonzero(allowed & ~test & (~held[k] if held is not None else True))
        te = np.flatnonzero(test)
        log(f"fold {name}: training on {tr.size:,} texts, scoring {te.size:,}")
        model = train(t.subset(tr), encoder, cfg, progress=progress, log=log)
        oof[te] = model.predict([t.texts[i] for i in te], max_length=score_length)
    return oof


__all__ = ["POOLINGS", "FineTune", "Targets", "Trained", "train", "cross_validate", "class_weights", "require_torch"]
