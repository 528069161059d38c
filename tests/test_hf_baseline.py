"""bench/hf_pipeline.py: the HF transformers pipeline rebuilt from a bundle gives curafilter's scores.

Runs only where torch and transformers are installed (they are not curafilter dependencies).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("onnx")

import curafilter  # noqa: E402

from conftest import REPO, WORDS, make_tiny_bert_bundle  # noqa: E402

sys.path.insert(0, str(REPO / "bench"))
from hf_pipeline import load_pipeline, scores_matrix  # noqa: E402

# Both sides compute in float32 from the same float32 weights; what differs is summation order,
# the Q scale folded in and taken out again, and the padding bias (-10000 in the graph, float32's
# minimum in BertModel, both exp() to exactly 0). That is a few float32 ulps on O(1) logits,
# so 1e-5 on probabilities leaves a wide margin while a wrong term (a missed token, a bigram
# in the wrong bucket, the token-type row counted twice) moves scores by far more.
TOL = 1e-5


def texts() -> list[str]:
    out = ["", "hello", "hello world", "unknownword alpha", "The Word ALPHA beta!"]
    # Varied lengths up to well past max_length (64 tokens), so truncation is exercised too.
    for k in (3, 10, 31, 62, 63, 64, 65, 200):
        out.append(" ".join(WORDS[(i * 3 + k) % len(WORDS)] for i in range(k)))
    return out


# The last layer alone, and both layers pooled side by side (what curafilter's builder ships).
@pytest.fixture(scope="module", params=[None, (1, 2)], ids=["last-layer", "all-layers"])
def bundle(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_tiny_bert_bundle(tmp_path_factory.mktemp("hf") / "bundle", max_length=64, pooled_layers=request.param)


@pytest.fixture(scope="module")
def clf(bundle: Path):
    return load_pipeline(bundle)


def test_pipeline_matches_curafilter_fp32(bundle: Path, clf) -> None:
    t = texts()
    ours = curafilter.load_model(bundle, device="cpu", variant="fp32").score_texts(t)
    hf = scores_matrix(clf(t, batch_size=4), clf.model.config)  # batches of mixed lengths: padding matters
    assert hf.shape == ours.shape == (len(t), 4)
    assert list(clf.model.config.id2label.values()) == curafilter.load_model(bundle, device="cpu").principles
    # Scores spread over (0, 1), so agreement is not two saturated sigmoids agreeing.
    assert ours.std() > 0.1
    np.testing.assert_allclose(hf, ours, rtol=0, atol=TOL)
    # One at a time (no padding) gives the same.
    np.testing.assert_allclose(scores_matrix(clf(t, batch_size=1), clf.model.config), ours, rtol=0, atol=TOL)


def test_every_head_term_counts(bundle: Path, clf) -> None:
    """Each part of the wide-and-deep head moves the scores by far more than TOL, so the agreement
    above checks all of them (it would also hold if both sides dropped a term that weighs nothing)."""
    t = texts()[1:]
    base = scores_matrix(clf(t, batch_size=4), clf.model.config)
    model = clf.model
    for name in ("head.weight", "token_w", "bigram_w"):
        p = dict(model.named_parameters())[name]
        saved = p.detach().clone()
        with torch.no_grad():
            p.zero_()
        try:
            moved = np.abs(scores_matrix(clf(t, batch_size=4), model.config) - base).max()
        finally:
            with torch.no_grad():
                p.copy_(saved)
        assert moved > 1000 * TOL, (name, moved)


def test_truncation_matches(bundle: Path, clf) -> None:
    long = " ".join(WORDS * 30)
    enc = clf.tokenizer([long], truncation=True, max_length=64)["input_ids"][0]
    ours = curafilter.load_model(bundle, device="cpu").tokenizer().encode_batches([long], batch_tokens=4096)
    (b,) = list(ours)
    assert enc == b.input_ids[0, : int(b.n_tokens[0])].tolist() and len(enc) == 64
