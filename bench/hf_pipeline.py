"""Benchmark baseline (b): a curafilter bundle rebuilt as a Hugging Face `transformers` pipeline on torch.

    clf = load_pipeline("default")                       # transformers text-classification pipeline, CPU
    scores = scores_matrix(clf(texts, batch_size=32), clf.model.config)   # [docs, principles]

The encoder becomes a `BertModel` and the wide-and-deep head a small `BertPreTrainedModel` subclass
that computes what the bundle's ONNX graph computes (see curafilter.onnx_export.build_classifier):
mean pooling over attention_mask (of the last layer, or of several layers side by side, as the
graph's ``pool/`` nodes say), a linear head on the pooled embedding, plus the mean over real
tokens of token_w[input_ids], plus hashed word-piece bigrams' bigram_w summed over real pairs and
divided by the same token count. The pipeline applies the sigmoid, so its scores are the bundle's.

Weights come from the bundle's float variant (fp32, else fp16 cast to float32): they are read off the
graph by node name (``l3/qkv_mm`` is layer 3's fused Q/K/V MatMul), not by initializer name, because
initializer names have changed between builder versions while node names have not. Needs torch,
transformers and onnx; nothing here is imported by curafilter itself.
"""

from __future__ import annotations

import logging
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn
from transformers import BertConfig, BertModel, BertPreTrainedModel, PreTrainedTokenizerFast, pipeline
from transformers.modeling_outputs import SequenceClassifierOutput

import curafilter
from curafilter.bundle import bundle_dir
from curafilter.card import read_card

__all__ = ["WideAndDeepBert", "load_pipeline", "load_torch_model", "load_tokenizer", "scores_matrix"]


# --------------------------------------------------------------------------------------------
# Reading the ONNX graph
# --------------------------------------------------------------------------------------------


@dataclass
class _Graph:
    """A float ONNX classifier as numpy: initializers by name, node inputs and attributes by node name."""

    init: dict[str, np.ndarray]
    inputs: dict[str, list[str]]
    attrs: dict[str, dict[str, Any]]

    def arg(self, node: str, k: int) -> np.ndarray:
        """Input ``k`` of ``node``, which must be an initializer (a weight)."""
        if node not in self.inputs:
            raise ValueError(f"the graph has no node {node!r}: not a curafilter BERT classifier?")
        return self.init[self.inputs[node][k]]

    def has(self, node: str) -> bool:
        return node in self.inputs


def float_variant_file(bundle: Path) -> Path:
    """fp32 if the bundle has it, else fp16: int8 weights would need de-quantising and are not the model."""
    card = read_card(bundle)
    for precision in ("fp32", "fp16"):
        for v in card.variants.values():
            if v.precision == precision:
                return bundle / v.file
    raise ValueError(f"{bundle}: no fp32 or fp16 variant (variants: {sorted(card.variants)})")


def read_graph(path: Path) -> _Graph:
    import onnx
    from onnx import numpy_helper

    m = onnx.load(str(path))
    init = {}
    for t in m.graph.initializer:
        a = numpy_helper.to_array(t)
        init[t.name] = a.astype(np.float32) if a.dtype.kind == "f" else a  # fp16 weights → float32
    inputs = {n.name: list(n.input) for n in m.graph.node}
    attrs = {n.name: {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute} for n in m.graph.node}
    return _Graph(init, inputs, attrs)


# --------------------------------------------------------------------------------------------
# The torch model
# --------------------------------------------------------------------------------------------


class WideAndDeepBert(BertPreTrainedModel):
    """BertModel → mean pooling → linear head, plus curafilter's wide head (token and hashed-bigram weights).

    Returns logits; the text-classification pipeline applies the sigmoid (``problem_type`` is
    multi_label_classification). The wide head's sizes live in the config (``wide_vocab``,
    ``bigram_buckets``, ``bigram_hash``; 0 = absent), so the model saves and loads like any other.
    """

    def __init__(self, config: BertConfig) -> None:
        super().__init__(config)
        self.bert = BertModel(config, add_pooling_layer=False)
        self.head = nn.Linear(config.hidden_size * len(config.pooled_layers), config.num_labels)
        n = config.num_labels
        self.token_w = nn.Parameter(torch.zeros(config.wide_vocab, n)) if config.wide_vocab else None
        self.bigram_w = nn.Parameter(torch.zeros(config.bigram_buckets, n)) if config.bigram_buckets else None
        self.post_init()

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor | None = None,
                **kwargs: Any) -> SequenceClassifierOutput:
        if attention_mask is None:
            attention_mask = torch.ones_like(input_ids)
        # token_type_ids are dropped: the bundle's graph has none (its type-0 row is in the position table).
        states = self.bert(input_ids=input_ids, attention_mask=attention_mask, output_hidden_states=True).hidden_states
        mask = attention_mask.to(states[-1].dtype)
        m3 = mask.unsqueeze(-1)
        # The same 1e-9 floor as the graph: an all-padding row pools to zeros rather than NaN.
        count = m3.sum(1).clamp(min=1e-9)
        # hidden_states[i] is layer i's output (0 is the embeddings), the graph's 1-based numbering.
        pooled = torch.cat([(states[i] * m3).sum(1) for i in self.config.pooled_layers], dim=-1) / count
        logits = self.head(pooled)
        if self.token_w is not None:
            logits = logits + (self.token_w[input_ids] * m3).sum(1) / count
        if self.bigram_w is not None:
            c = self.config
            # int64 is exact here: the builder refuses vocabularies where vocab² · hash reaches 2⁶³.
            bucket = ((input_ids[:, :-1] * c.bigram_vocab + input_ids[:, 1:]) * c.bigram_hash) % c.bigram_buckets
            pair_mask = (mask[:, :-1] * mask[:, 1:]).unsqueeze(-1)
            logits = logits + (self.bigram_w[bucket] * pair_mask).sum(1) / count
        return SequenceClassifierOutput(logits=logits)


def pooled_layers(g: _Graph, n_layers: int) -> list[int]:
    """Which layers the graph mean-pools, in order: ``pool/sum{i}`` per layer, joined by a Concat
    named ``pool/sum`` when there are several; graphs from before layer pooling pool the last layer."""
    numbered = [name for name in g.inputs if name.startswith("pool/sum") and name[len("pool/sum"):].isdigit()]
    if g.has("pool/sum") and numbered:
        return [int(name[len("pool/sum"):]) for name in g.inputs["pool/sum"]]
    return [int(numbered[0][len("pool/sum"):])] if numbered else [n_layers]


def bert_config(g: _Graph, principles: list[str]) -> BertConfig:
    """Encoder sizes from the graph's tensor shapes; labels from the card."""
    word = g.arg("emb/word", 0)
    n_layers = 0
    while g.has(f"l{n_layers}/qkv_mm"):
        n_layers += 1
    _, _, n_heads, _ = (int(x) for x in g.init[g.inputs["l0/q_r"][1]])  # Reshape to [0, 0, heads, head_dim]
    token_w = g.arg("head/token_logits", 0) if g.has("head/token_logits") else None
    bigram_w = g.arg("head/bi_logits", 0) if g.has("head/bi_logits") else None
    return BertConfig(
        vocab_size=word.shape[0],
        hidden_size=word.shape[1],
        num_hidden_layers=n_layers,
        num_attention_heads=n_heads,
        intermediate_size=g.arg("l0/ff1_mm", 1).shape[1],
        hidden_act="gelu",  # the graph's erf GELU
        max_position_embeddings=g.arg("emb/pos", 0).shape[0],
        type_vocab_size=2,
        layer_norm_eps=float(g.attrs["emb/ln"].get("epsilon", 1e-5)),
        hidden_dropout_prob=0.0,
        attention_probs_dropout_prob=0.0,
        pad_token_id=0,
        num_labels=len(principles),
        id2label=dict(enumerate(principles)),
        label2id={p: i for i, p in enumerate(principles)},
        problem_type="multi_label_classification",
        pooled_layers=pooled_layers(g, n_layers),
        wide_vocab=0 if token_w is None else token_w.shape[0],
        bigram_buckets=0 if bigram_w is None else bigram_w.shape[0],
        bigram_vocab=int(g.arg("head/bi_scaled", 1).reshape(-1)[0]) if bigram_w is not None else 0,
        bigram_hash=int(g.arg("head/bi_hashed", 1).reshape(-1)[0]) if bigram_w is not None else 0,
    )


def state_dict(g: _Graph, config: BertConfig) -> dict[str, torch.Tensor]:
    """WideAndDeepBert's parameters from the graph, undoing what build_classifier folded in."""
    h = config.hidden_size
    head_dim = h // config.num_attention_heads
    # build_classifier multiplied Q's weight and bias by 1/sqrt(head_dim); BertSelfAttention scales the scores.
    unscale = math.sqrt(head_dim)
    sd: dict[str, np.ndarray] = {
        "bert.embeddings.word_embeddings.weight": g.arg("emb/word", 0),
        # The graph has no token types: token_type_embeddings[0] is folded into its position table.
        # Zero token-type rows plus the folded table give the same sum for every type id.
        "bert.embeddings.position_embeddings.weight": g.arg("emb/pos", 0),
        "bert.embeddings.token_type_embeddings.weight": np.zeros((config.type_vocab_size, h), np.float32),
        "bert.embeddings.LayerNorm.weight": g.arg("emb/ln", 1),
        "bert.embeddings.LayerNorm.bias": g.arg("emb/ln", 2),
        # The graph's MatMul weights are [in, out]; nn.Linear holds [out, in].
        "head.weight": g.arg("head/mm", 1).T,
        "head.bias": g.arg("head/logits", 1),
    }
    for i in range(config.num_hidden_layers):
        p, n = f"bert.encoder.layer.{i}.", f"l{i}/"
        wqkv, bqkv = g.arg(n + "qkv_mm", 1), g.arg(n + "qkv", 1)  # [H, 3H] = [Wq·s | Wk | Wv], Q first
        for k, name in enumerate(("query", "key", "value")):
            scale = unscale if name == "query" else 1.0
            sd[f"{p}attention.self.{name}.weight"] = wqkv[:, k * h:(k + 1) * h].T * scale
            sd[f"{p}attention.self.{name}.bias"] = bqkv[k * h:(k + 1) * h] * scale
        for node, key in (("ao", "attention.output.dense"), ("ff1", "intermediate.dense"), ("ff2", "output.dense")):
            sd[f"{p}{key}.weight"] = g.arg(n + node + "_mm", 1).T
            sd[f"{p}{key}.bias"] = g.arg(n + node, 1)
        for node, key in (("ln1", "attention.output.LayerNorm"), ("ln2", "output.LayerNorm")):
            sd[f"{p}{key}.weight"] = g.arg(n + node, 1)
            sd[f"{p}{key}.bias"] = g.arg(n + node, 2)
    if config.wide_vocab:
        sd["token_w"] = g.arg("head/token_logits", 0)
    if config.bigram_buckets:
        sd["bigram_w"] = g.arg("head/bi_logits", 0)
    return {k: torch.from_numpy(np.ascontiguousarray(v, dtype=np.float32)) for k, v in sd.items()}


def load_torch_model(bundle: str | os.PathLike[str]) -> WideAndDeepBert:
    path = bundle_dir(bundle)
    g = read_graph(float_variant_file(path))
    config = bert_config(g, [p.name for p in read_card(path).principles])
    model = WideAndDeepBert(config)
    # strict: a parameter left at its random init (or a graph tensor left over) is an error, not a
    # silently different model.
    model.load_state_dict(state_dict(g, config), strict=True)
    return model.eval()


# --------------------------------------------------------------------------------------------
# Tokenizer and pipeline
# --------------------------------------------------------------------------------------------


def load_tokenizer(bundle: str | os.PathLike[str]) -> PreTrainedTokenizerFast:
    """The bundle's tokenizer.json, truncating to the card's max_length as curafilter does (special tokens included)."""
    path = bundle_dir(bundle)
    card = read_card(path)
    tok = PreTrainedTokenizerFast(tokenizer_file=str(path / card.tokenizer), model_max_length=card.max_length,
                                  truncation_side="right", padding_side="right")
    vocab = tok.get_vocab()
    # BERT's special tokens, where the vocabulary has them; [PAD] is what curafilter pads with too.
    specials = {"unk_token": "[UNK]", "pad_token": "[PAD]", "cls_token": "[CLS]", "sep_token": "[SEP]",
                "mask_token": "[MASK]"}
    tok.add_special_tokens({k: v for k, v in specials.items() if v in vocab})  # type: ignore[arg-type]
    return tok


def load_pipeline(bundle: str | os.PathLike[str] = "default") -> Any:
    """A ``transformers`` text-classification pipeline on CPU giving every principle's sigmoid score."""
    path = bundle_dir(bundle)
    max_length = read_card(path).max_length
    model, tok = load_torch_model(path), load_tokenizer(path)
    # The pipeline logs an error for any model class outside transformers' own list, although it
    # only needs `logits` from the model; keep that wall of class names out of the bench output.
    log = logging.getLogger("transformers.pipelines.base")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        return pipeline(
            "text-classification",
            model=model,
            tokenizer=tok,
            device="cpu",
            top_k=None,  # all labels, not only the best
            function_to_apply="sigmoid",  # independent per-principle probabilities, not a softmax over them
            truncation=True,
            max_length=max_length,
        )
    finally:
        log.setLevel(level)


def scores_matrix(results: list[list[dict[str, Any]]], config: BertConfig) -> np.ndarray:
    """The pipeline's per-document lists of {label, score} (sorted by score) as [docs, principles]."""
    index = config.label2id
    out = np.zeros((len(results), len(index)), dtype=np.float32)
    for row, labels in enumerate(results):
        for d in labels:
            out[row, index[d["label"]]] = d["score"]
    return out


def versions() -> str:
    import transformers

    return f"torch {torch.__version__} ({torch.get_num_threads()} threads), transformers {transformers.__version__}"


if __name__ == "__main__":  # a quick look: python bench/hf_pipeline.py [BUNDLE] TEXT...
    import sys

    args = sys.argv[1:] or ["default", "Have a lovely day.", "I will hide this from my users."]
    clf = load_pipeline(args[0])
    print(scores_matrix(clf(args[1:], batch_size=32), clf.model.config))
    print(curafilter.load_model(args[0], device="cpu").score_texts(args[1:]))
