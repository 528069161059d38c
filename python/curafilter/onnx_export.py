"""Build an ONNX document classifier from BERT encoder weights, without torch.

The graph is written op by op with :mod:`onnx.helper` from the raw tensors of a Hugging Face BERT
checkpoint (``model.safetensors`` + ``config.json``, e.g. sentence-transformers/all-MiniLM-L6-v2):

    input_ids, attention_mask  (int64 [batch, seq])
      -> BERT encoder (embeddings + LayerNorm, N post-LN transformer layers, erf GELU)
      -> mean pooling over attention_mask, of the last layer or of several layers side by side
                                                     -> ``embedding`` float32 [batch, hidden * k]
      -> Sigmoid(embedding @ head_w.T + head_b)      -> ``scores``    float32 [batch, n_out]

Only standard opset-17 ops are used, so the model runs on any onnxruntime execution provider;
onnxruntime's graph optimiser fuses the GELU and the residual Add + LayerNorm patterns at load time.

:func:`to_int8` (dynamic int8 quantisation, for CPU) and :func:`to_fp16` (for GPU) derive the
variants from the fp32 model.

Needs ``onnx`` (and ``safetensors`` for :func:`load_bert_weights`); both are imported lazily so
``import curafilter`` never requires them.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from curafilter.errors import ConfigError, InputError

if TYPE_CHECKING:
    import onnx

__all__ = ["OPSET", "load_bert_weights", "build_classifier", "to_int8", "to_fp16"]

#: The ONNX opset of the built graph: the first with LayerNormalization as a standard op.
OPSET = 17

#: Additive attention bias for padded keys. -10000 (what BERT was trained with) rather than
#: float32's minimum: exp(-10000) is already 0, and the value stays finite in fp16 (max 65504),
#: so the same graph converts to fp16 without turning the mask into -inf/NaN.
_MASK_BIAS = -10000.0

#: Floor of the token count in mean pooling, as sentence-transformers does (``clamp(min=1e-9)``):
#: an all-padding row then pools to zeros instead of NaN.
_MIN_TOKENS = 1e-9

#: Prefixes of the pooling and head node names, which :func:`to_int8` keeps in float32.
_POOL_PREFIX = "pool/"
_HEAD_PREFIX = "head/"
# Word-piece bigrams are hashed into buckets: bucket = ((a * vocab + b) * BIGRAM_HASH) mod n_buckets.
# The product stays below 2**63 for vocabularies up to ~58k, so int64 arithmetic is exact.
BIGRAM_HASH = 2654435761


def bigram_buckets(ids: np.ndarray, vocab: int, n_buckets: int) -> np.ndarray:
    """Buckets of consecutive id pairs along the last axis, as the graph computes them."""
    ids = np.asarray(ids, dtype=np.int64)
    return ((ids[..., :-1] * vocab + ids[..., 1:]) * BIGRAM_HASH) % n_buckets



# ---------------------------------------------------------------------------------------------
# Weights
# ---------------------------------------------------------------------------------------------


def load_bert_weights(folder: str | os.PathLike[str]) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """Read ``model.safetensors`` and ``config.json`` of a Hugging Face BERT checkpoint.

    Returns ``(weights, config)``. ``weights`` is keyed without any model prefix
    (``"embeddings.word_embeddings.weight"``, ``"encoder.layer.0.attention.self.query.weight"``, ...),
    whether the file stores them bare or as ``"bert.embeddings..."``; tensors outside the encoder
    (pooler, task heads) are kept as they are, with the prefix removed, and are ignored by
    :func:`build_classifier`.
    """
    try:
        from safetensors.numpy import load_file
    except ImportError as exc:  # an optional dependency: only this function needs it
        raise ImportError("load_bert_weights needs the 'safetensors' package (pip install safetensors)") from exc

    root = Path(folder)
    st_path, cfg_path = root / "model.safetensors", root / "config.json"
    for path in (st_path, cfg_path):
        if not path.is_file():
            raise InputError(f"BERT checkpoint folder {str(root)!r} has no {path.name}")
    config: dict[str, Any] = json.loads(cfg_path.read_text(encoding="utf-8"))
    return _strip_prefix(load_file(str(st_path))), config


def _strip_prefix(raw: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Drop the prefix before ``embeddings.`` / ``encoder.`` so keys match BertModel's own names.

    The prefix is read off the word-embedding key rather than matched against a list, because
    checkpoints vary: none for BertModel, "bert." for the BertFor* task models, "0.auto_model."
    and the like for wrapped sentence-transformers saves.
    """
    anchor = "embeddings.word_embeddings.weight"
    found = [k[: -len(anchor)] for k in raw if k.endswith(anchor)]
    if len(found) != 1:
        raise ConfigError(f"expected one '{anchor}' tensor in the checkpoint, found {len(found)}")
    prefix = found[0]
    if prefix and not prefix.endswith("."):  # e.g. "xembeddings...": not a BERT key at all
        raise ConfigError(f"unexpected key {prefix + anchor!r} in the checkpoint")
    return {(k[len(prefix) :] if k.startswith(prefix) else k): v for k, v in raw.items()}


# ---------------------------------------------------------------------------------------------
# Graph
# ---------------------------------------------------------------------------------------------


class _Graph:
    """Accumulates the nodes and initializers of the graph being built.

    Each node's output tensor is named after the node, so a tensor name says which layer and
    step produced it (``l3/ff1``), which keeps the graph readable in Netron and in error messages.
    """

    def __init__(self) -> None:
        from onnx import helper, numpy_helper

        self._helper = helper
        self._numpy_helper = numpy_helper
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []

    def const(self, name: str, value: np.ndarray) -> str:
        """An initializer; float tensors are stored as float32, whatever the checkpoint held."""
        array = np.asarray(value)
        if array.dtype.kind == "f":
            array = array.astype(np.float32)
        self.initializers.append(self._numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def op(
        self, op_type: str, inputs: Sequence[str], name: str, n_out: int = 1, *, output: str | None = None, **attrs: Any
    ) -> Any:
        """Add one node named ``name``; returns its output name (or a list of them if ``n_out > 1``).

        The output is named after the node unless ``output`` names it (used for graph outputs, so
        node names keep their prefixes while the outputs carry the caller's names).
        """
        if output is not None:
            outputs = [output]
        else:
            outputs = [name] if n_out == 1 else [f"{name}:{i}" for i in range(n_out)]
        self.nodes.append(self._helper.make_node(op_type, list(inputs), outputs, name=name, **attrs))
        return outputs[0] if n_out == 1 else outputs


def _cfg(config: Mapping[str, Any], key: str) -> Any:
    if key not in config:
        raise ConfigError(f"BERT config has no '{key}'")
    return config[key]


def build_classifier(
    weights: Mapping[str, np.ndarray],
    config: Mapping[str, Any],
    head_w: np.ndarray,
    head_b: np.ndarray,
    *,
    token_w: np.ndarray | None = None,
    bigram_w: np.ndarray | None = None,
    output_names: tuple[str, str] = ("scores", "embedding"),
    pooled_layers: Sequence[int] | None = None,
    attn_w: np.ndarray | None = None,
) -> onnx.ModelProto:
    """The ONNX model: BERT encoder -> mean pooling -> sigmoid linear head.

    With ``attn_w`` (``[n_out, hidden]``, fine-tuned heads only: one pooled layer, no lexical part)
    each head reads its own attention-pooled last layer instead of the mean: logit ``p`` is
    ``sum_t a[t, p] * (h_t . head_w[p]) + head_b[p]`` with ``a[:, p]`` the softmax over real
    tokens of ``h_t . attn_w[p]`` (see :mod:`curafilter.finetune`). ``embedding`` stays the mean.

    With ``token_w`` (``[vocab, n_out]``) the head is "wide and deep": the logits also get the mean
    over real tokens of ``token_w[input_ids]``, a linear model on the document's normalised
    word-piece counts, which carries lexical evidence the frozen embedding blurs. ``bigram_w``
    (``[n_buckets, n_out]``) adds the same over hashed consecutive word-piece pairs (see
    :func:`bigram_buckets`), divided by the same token count.

    ``weights`` and ``config`` are what :func:`load_bert_weights` returns; ``head_w`` is
    ``[n_out, hidden]`` and ``head_b`` ``[n_out]``. Inputs ``input_ids`` and ``attention_mask`` are
    int64 ``[batch, seq]`` with dynamic batch and seq (seq at most ``max_position_embeddings``);
    token type ids are all zero, as for single-segment text. Outputs, named by ``output_names``:
    ``scores`` float32 ``[batch, n_out]`` and ``embedding`` float32 ``[batch, hidden * k]``.

    ``pooled_layers`` (1-based layer numbers, default the last) are the layers whose mean-pooled
    hidden states, side by side in the given order, form ``embedding``; ``head_w`` is then
    ``[n_out, hidden * k]``. With a frozen encoder the middle layers carry phrasing (negation, who
    acts on whom) that the last, sentence-similarity-tuned layer averages away; pooling them costs
    one masked sum per layer. Opset :data:`OPSET`.
    """
    from onnx import TensorProto, checker, helper, shape_inference

    hidden = int(_cfg(config, "hidden_size"))
    n_heads = int(_cfg(config, "num_attention_heads"))
    n_layers = int(_cfg(config, "num_hidden_layers"))
    eps = float(config.get("layer_norm_eps", 1e-12))
    act = config.get("hidden_act", "gelu")
    if act != "gelu":  # "gelu" is the exact erf form in transformers; tanh variants would differ
        raise ConfigError(f"hidden_act {act!r} is not supported (only 'gelu')")
    if config.get("position_embedding_type", "absolute") != "absolute":
        raise ConfigError("only absolute position embeddings are supported")
    if hidden % n_heads:
        raise ConfigError(f"hidden_size {hidden} is not a multiple of num_attention_heads {n_heads}")
    head_dim = hidden // n_heads

    layers = list(pooled_layers) if pooled_layers is not None else [n_layers]
    if not layers or any(not 1 <= i <= n_layers for i in layers) or len(set(layers)) != len(layers):
        raise ConfigError(f"pooled_layers must be distinct layer numbers in 1..{n_layers}, got {pooled_layers!r}")
    width = hidden * len(layers)
    if attn_w is not None:
        attn_w = np.asarray(attn_w, dtype=np.float32)
        if attn_w.shape != (np.shape(head_w)[0], hidden) or len(layers) != 1 or token_w is not None or bigram_w is not None:
            raise ConfigError(f"attn_w must be [n_out, {hidden}], with one pooled layer and no lexical head; "
                              f"got {attn_w.shape}")
    head_w = np.asarray(head_w, dtype=np.float32)
    head_b = np.asarray(head_b, dtype=np.float32)
    if head_w.ndim != 2 or head_w.shape[1] != width or head_b.shape != (head_w.shape[0],):
        raise ConfigError(
            f"head_w must be [n_out, {width}] and head_b [n_out]; got {head_w.shape} and {head_b.shape}"
        )
    if len(output_names) != 2 or len(set(output_names)) != 2:
        raise ConfigError(f"output_names must be two distinct names, got {output_names!r}")

    def w(key: str) -> np.ndarray:
        if key not in weights:
            raise ConfigError(f"checkpoint has no tensor '{key}'")
        return np.asarray(weights[key], dtype=np.float32)

    g = _Graph()

    # --- Embeddings ---------------------------------------------------------------------------
    # Token types are always 0, so the token-type row is a constant: fold it into the position
    # table (one Add fewer per call, and no token_type_ids input for callers to get wrong).
    pos_table = w("embeddings.position_embeddings.weight") + w("embeddings.token_type_embeddings.weight")[0]
    word = g.op("Gather", [g.const("emb/word_table", w("embeddings.word_embeddings.weight")), "input_ids"], "emb/word")
    # seq_len as a 1-D tensor, to slice the first seq_len rows of the position table.
    seq_len = g.op("Shape", ["input_ids"], "emb/seq_len", start=1, end=2)
    pos = g.op(
        "Slice",
        [g.const("emb/pos_table", pos_table), g.const("emb/zero", np.array([0], np.int64)), seq_len,
         g.const("emb/axis0", np.array([0], np.int64))],
        "emb/pos",
    )
    x = g.op("Add", [word, pos], "emb/sum")  # [B, S, H] + [S, H] broadcasts over the batch
    x = g.op(
        "LayerNormalization",
        [x, g.const("emb/ln_g", w("embeddings.LayerNorm.weight")), g.const("emb/ln_b", w("embeddings.LayerNorm.bias"))],
        "emb/ln", axis=-1, epsilon=eps,
    )

    # --- Attention mask -----------------------------------------------------------------------
    mask_f = g.op("Cast", ["attention_mask"], "mask/float", to=TensorProto.FLOAT)  # [B, S]
    # (1 - mask) * -10000, shaped [B, 1, 1, S] to broadcast over heads and query positions.
    inv = g.op("Sub", [g.const("mask/one", np.array(1.0, np.float32)), mask_f], "mask/inv")
    bias = g.op("Mul", [inv, g.const("mask/big_neg", np.array(_MASK_BIAS, np.float32))], "mask/bias")
    bias = g.op("Unsqueeze", [bias, g.const("mask/axes", np.array([1, 2], np.int64))], "mask/bias4d")

    split_heads = g.const("shape/split_heads", np.array([0, 0, n_heads, head_dim], np.int64))
    merge_heads = g.const("shape/merge_heads", np.array([0, 0, hidden], np.int64))
    qkv_split = g.const("shape/qkv_split", np.array([hidden] * 3, np.int64))
    sqrt2 = g.const("gelu/sqrt2", np.array(math.sqrt(2.0), np.float32))
    one = g.const("gelu/one", np.array(1.0, np.float32))
    half = g.const("gelu/half", np.array(0.5, np.float32))

    def dense(x: str, wt: np.ndarray, b: np.ndarray, name: str) -> str:
        """x @ wt + b, as MatMul then Add: the pair onnxruntime fuses (and quantises) as a unit."""
        return g.op("Add", [g.op("MatMul", [x, g.const(name + "_w", wt)], name + "_mm"), g.const(name + "_b", b)], name)

    def add_norm(x: str, residual: str, key: str, name: str) -> str:
        """LayerNorm(x + residual), the post-LN step; the Add + LayerNorm pair fuses into one op."""
        summed = g.op("Add", [x, residual], name + "_res")
        return g.op("LayerNormalization", [summed, g.const(name + "_g", w(key + ".weight")),
                                           g.const(name + "_beta", w(key + ".bias"))], name, axis=-1, epsilon=eps)

    # --- Transformer layers (post-LN, as BERT) ------------------------------------------------
    layer_out: list[str] = []
    for i in range(n_layers):
        p, n = f"encoder.layer.{i}.", f"l{i}/"
        # Q, K and V as one [H, 3H] MatMul: one GEMM instead of three small ones, which is faster
        # on CPU and GPU alike. The 1/sqrt(head_dim) score scale is folded into the Q weights and
        # bias (exact up to float rounding), so the graph needs no separate Mul on the scores.
        scale = 1.0 / math.sqrt(head_dim)
        wqkv = np.concatenate(
            [w(p + "attention.self.query.weight").T * scale, w(p + "attention.self.key.weight").T,
             w(p + "attention.self.value.weight").T], axis=1,
        )
        bqkv = np.concatenate(
            [w(p + "attention.self.query.bias") * scale, w(p + "attention.self.key.bias"),
             w(p + "attention.self.value.bias")]
        )
        qkv = dense(x, wqkv, bqkv, n + "qkv")
        q, k, v = g.op("Split", [qkv, qkv_split], n + "split", n_out=3, axis=-1)
        # [B, S, H] -> [B, nh, S, hd]; K goes straight to [B, nh, hd, S] for Q @ K^T.
        q = g.op("Transpose", [g.op("Reshape", [q, split_heads], n + "q_r")], n + "q_t", perm=[0, 2, 1, 3])
        k = g.op("Transpose", [g.op("Reshape", [k, split_heads], n + "k_r")], n + "k_t", perm=[0, 2, 3, 1])
        v = g.op("Transpose", [g.op("Reshape", [v, split_heads], n + "v_r")], n + "v_t", perm=[0, 2, 1, 3])
        scores = g.op("Add", [g.op("MatMul", [q, k], n + "qk"), bias], n + "qk_masked")
        probs = g.op("Softmax", [scores], n + "softmax", axis=-1)
        ctx = g.op("MatMul", [probs, v], n + "ctx")
        ctx = g.op("Transpose", [ctx], n + "ctx_t", perm=[0, 2, 1, 3])  # back to [B, S, nh, hd]
        ctx = g.op("Reshape", [ctx, merge_heads], n + "ctx_merged")  # [B, S, H]
        out = dense(ctx, w(p + "attention.output.dense.weight").T, w(p + "attention.output.dense.bias"), n + "ao")
        x = add_norm(out, x, p + "attention.output.LayerNorm", n + "ln1")

        # Feed-forward with exact GELU, 0.5 * h * (1 + erf(h / sqrt(2))): opset 17 has no Gelu op,
        # and this Div/Erf/Add/Mul/Mul shape is the one onnxruntime's GeluFusion recognises.
        h = dense(x, w(p + "intermediate.dense.weight").T, w(p + "intermediate.dense.bias"), n + "ff1")
        erf = g.op("Erf", [g.op("Div", [h, sqrt2], n + "gelu_div")], n + "gelu_erf")
        h = g.op("Mul", [g.op("Mul", [h, g.op("Add", [erf, one], n + "gelu_add")], n + "gelu_mul"), half], n + "gelu")
        out = dense(h, w(p + "output.dense.weight").T, w(p + "output.dense.bias"), n + "ff2")
        x = add_norm(out, x, p + "output.LayerNorm", n + "ln2")
        layer_out.append(x)

    # --- Mean pooling over real tokens (sentence-transformers' Pooling, mean mode) -------------
    pp = _POOL_PREFIX
    scores_name, embedding_name = output_names
    mask3 = g.op("Unsqueeze", [mask_f, g.const(pp + "axes_last", np.array([-1], np.int64))], pp + "mask3")
    axis1 = g.const(pp + "axis1", np.array([1], np.int64))
    sums = [g.op("ReduceSum", [g.op("Mul", [layer_out[i - 1], mask3], f"{pp}masked{i}"), axis1], f"{pp}sum{i}", keepdims=0)
            for i in layers]
    summed = sums[0] if len(sums) == 1 else g.op("Concat", sums, pp + "sum", axis=-1)
    count = g.op("ReduceSum", [mask_f, axis1], pp + "count", keepdims=1)  # [B, 1]
    # Clip rather than Max: onnxruntime's fp16 converter keeps Max in float32 by default, wrapping
    # it in Casts that it appends out of topological order (an invalid graph for onnx's checker).
    count = g.op("Clip", [count, g.const(pp + "min_tokens", np.array(_MIN_TOKENS, np.float32))], pp + "count_clamped")
    pooled = g.op("Div", [summed, count], pp + "mean", output=embedding_name)

    # --- Classification head --------------------------------------------------------------------
    hp = _HEAD_PREFIX
    if attn_w is None:
        logits = g.op("MatMul", [pooled, g.const(hp + "w", head_w.T)], hp + "mm")
    else:
        from curafilter.finetune import PAD_LOGIT

        last = layer_out[layers[0] - 1]
        pad = g.op("Mul", [g.op("Sub", [g.const(hp + "one_f", np.array(1.0, np.float32)), mask3], hp + "pad"),
                           g.const(hp + "pad_logit", np.array(PAD_LOGIT, np.float32))], hp + "pad_logits")
        att = g.op("Add", [g.op("MatMul", [last, g.const(hp + "attn_w", attn_w.T)], hp + "attn_mm"), pad], hp + "attn_logits")
        att = g.op("Mul", [g.op("Softmax", [att], hp + "attn_softmax", axis=1), mask3], hp + "attn")  # [B, T, P]
        per_token = g.op("MatMul", [last, g.const(hp + "w", head_w.T)], hp + "token_mm")  # [B, T, P]
        logits = g.op("ReduceSum", [g.op("Mul", [att, per_token], hp + "attn_weighted"), axis1], hp + "mm", keepdims=0)
    logits = g.op("Add", [logits, g.const(hp + "b", head_b)], hp + "logits")
    if token_w is not None:
        token_w = np.asarray(token_w, dtype=np.float32)
        if token_w.shape != (int(_cfg(config, "vocab_size")), head_w.shape[0]):
            raise ConfigError(f"token_w must be [vocab_size, n_out]; got {token_w.shape}")
        per_token = g.op("Gather", [g.const(hp + "token_w", token_w), "input_ids"], hp + "token_logits")
        tok_sum = g.op("ReduceSum", [g.op("Mul", [per_token, mask3], hp + "token_masked"), axis1], hp + "token_sum", keepdims=0)
        logits = g.op("Add", [logits, g.op("Div", [tok_sum, count], hp + "token_mean")], hp + "wide_logits")
    if bigram_w is not None:
        bigram_w = np.asarray(bigram_w, dtype=np.float32)
        if bigram_w.ndim != 2 or bigram_w.shape[1] != head_w.shape[0]:
            raise ConfigError(f"bigram_w must be [n_buckets, n_out]; got {bigram_w.shape}")
        vocab = int(_cfg(config, "vocab_size"))
        if vocab * vocab * BIGRAM_HASH >= 2**63:
            raise ConfigError(f"vocab_size {vocab} is too large for exact int64 bigram hashing")
        one = g.const(hp + "one", np.array([1], np.int64))
        zero = g.const(hp + "zero", np.array([0], np.int64))
        minus_one = g.const(hp + "minus_one", np.array([-1], np.int64))
        big = g.const(hp + "big", np.array([2**62], np.int64))
        first = g.op("Slice", ["input_ids", zero, minus_one, one], hp + "bi_first")
        second = g.op("Slice", ["input_ids", one, big, one], hp + "bi_second")
        pair = g.op("Add", [g.op("Mul", [first, g.const(hp + "vocab", np.array(vocab, np.int64))], hp + "bi_scaled"), second], hp + "bi_pair")
        hashed = g.op("Mul", [pair, g.const(hp + "hash", np.array(BIGRAM_HASH, np.int64))], hp + "bi_hashed")
        bucket = g.op("Mod", [hashed, g.const(hp + "buckets", np.array(bigram_w.shape[0], np.int64))], hp + "bi_bucket")
        m_first = g.op("Slice", [mask_f, zero, minus_one, one], hp + "bi_mask_first")
        m_second = g.op("Slice", [mask_f, one, big, one], hp + "bi_mask_second")
        pair_mask = g.op("Unsqueeze", [g.op("Mul", [m_first, m_second], hp + "bi_mask"), g.const(hp + "bi_axes", np.array([-1], np.int64))], hp + "bi_mask3")
        per_pair = g.op("Gather", [g.const(hp + "bigram_w", bigram_w), bucket], hp + "bi_logits")
        bi_sum = g.op("ReduceSum", [g.op("Mul", [per_pair, pair_mask], hp + "bi_masked"), axis1], hp + "bi_sum", keepdims=0)
        logits = g.op("Add", [logits, g.op("Div", [bi_sum, count], hp + "bi_mean")], hp + "bigram_logits")
    g.op("Sigmoid", [logits], hp + "sigmoid", output=scores_name)

    batch, seq = "batch", "seq"
    graph = helper.make_graph(
        g.nodes,
        "curafilter_bert_classifier",
        inputs=[
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, [batch, seq]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, [batch, seq]),
        ],
        outputs=[
            helper.make_tensor_value_info(scores_name, TensorProto.FLOAT, [batch, head_w.shape[0]]),
            helper.make_tensor_value_info(embedding_name, TensorProto.FLOAT, [batch, width]),
        ],
        initializer=g.initializers,
    )
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="curafilter.onnx_export"
    )
    # Pin the IR version to what opset 17 needs rather than the installed onnx's newest, so older
    # onnxruntime builds (which reject IR versions newer than they know) still load the file.
    model.ir_version = 8
    checker.check_model(model)
    # Store the inferred (symbolic) shapes of every intermediate tensor: onnxruntime's fusions
    # check them, e.g. bias + residual Add + LayerNormalization only becomes one
    # SkipLayerNormalization when both Add inputs are known to be [batch, seq, hidden].
    return shape_inference.infer_shapes(model, strict_mode=True)


# ---------------------------------------------------------------------------------------------
# Variants
# ---------------------------------------------------------------------------------------------


def _head_and_pool_nodes(model: onnx.ModelProto) -> list[str]:
    return [n.name for n in model.graph.node if n.name.startswith((_POOL_PREFIX, _HEAD_PREFIX))]


def to_int8(
    model_path: str | os.PathLike[str],
    out_path: str | os.PathLike[str],
    *,
    per_channel: bool = True,
    reduce_range: bool = False,
) -> Path:
    """Write a dynamically quantised copy of the fp32 model at ``model_path`` to ``out_path``.

    The encoder's MatMul weights and its word-embedding table (a Gather, 47 MB of a MiniLM's
    90 MB) become int8 (MatMul activations are quantised to uint8 per call by onnxruntime);
    everything else stays float32. ``per_channel`` gives each output column its own
    scale, which costs nothing at run time and keeps closer to fp32 than one scale per matrix.
    ``reduce_range`` (7-bit weights) helps accuracy on x86 CPUs without AVX-512 VNNI / AVX-VNNI,
    whose u8*s8 kernels can saturate. The classification head is left in float32: it is one tiny
    matrix (and the wide head's tables are small), so quantising it saves little and would only add
    error straight onto the scores.
    Returns ``out_path``.
    """
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out = Path(out_path)
    model = onnx.load(str(model_path))
    quantize_dynamic(
        model,
        out,
        op_types_to_quantize=["MatMul", "Gather"],
        per_channel=per_channel,
        reduce_range=reduce_range,
        weight_type=QuantType.QInt8,
        nodes_to_exclude=_head_and_pool_nodes(model),
    )
    return out


def to_fp16(
    model: onnx.ModelProto | str | os.PathLike[str],
    out_path: str | os.PathLike[str] | None = None,
) -> onnx.ModelProto:
    """An fp16 copy of the fp32 model, for GPU execution providers; also written to ``out_path`` if given.

    Inputs stay int64 and outputs float32 (``keep_io_types``: the converter puts Casts at the
    graph's edges), so callers feed and read the same types as with the fp32 model.

    Uses onnxruntime's own float16 converter, which ships with onnxruntime (no extra dependency).
    Everything inside runs in fp16, mean pooling included: the converters' node block lists,
    which would keep pooling in float32, produce invalid graphs here (duplicate Cast names with
    onnxruntime's, float16 graph outputs with onnxconverter-common's), and fp16 pooling costs
    about 1e-3 on ``scores``. The graph is built so that nothing overflows fp16: the mask bias is
    -10000, and a pooled sum stays far below 65504 for hidden states of LayerNorm scale.
    """
    import onnx
    from onnxruntime.transformers.float16 import convert_float_to_float16

    if not isinstance(model, onnx.ModelProto):
        model = onnx.load(str(model))
    fp16: onnx.ModelProto = convert_float_to_float16(model, keep_io_types=True)
    if out_path is not None:
        onnx.save(fp16, str(out_path))
    return fp16
