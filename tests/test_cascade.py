"""The cascade: the Rust cheap stage against a numpy reference, windows escalated and documents
kept, distillation from a model's own window scores, and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import curafilter
from curafilter import cascade
from curafilter._core import CheapStage, cheap_features
from curafilter.card import read_card, write_card
from curafilter.errors import ConfigError, ModelError

from conftest import tiny_token_id, write_shard
from test_windows import LONG, gamma_bundle

M64 = (1 << 64) - 1


def splitmix(key: int) -> int:
    z = (key + 0x9E3779B97F4A7C15) & M64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


def reference_features(tokens: list[int], bits: int) -> list[int]:
    """The cheap stage's features, written out from its definition: hashed unigrams, and bigrams
    keyed with the top bit set, each counted once."""
    keys = list(tokens) + [(1 << 63) | (a << 32) | b for a, b in zip(tokens, tokens[1:])]
    return sorted({splitmix(k) >> (64 - bits) for k in keys})


def reference_score(tokens: list[int], weights: np.ndarray, bias: np.ndarray, bits: int) -> np.ndarray:
    f = reference_features(tokens, bits)
    return bias + (weights[:, f].sum(axis=1) / np.sqrt(len(f)) if f else 0.0)


def test_rust_cheap_stage_matches_the_numpy_reference() -> None:
    rng = np.random.default_rng(0)
    bits = 12
    weights = rng.standard_normal((4, 1 << bits)).astype(np.float32)
    bias = rng.standard_normal(4).astype(np.float32)
    stage = CheapStage(bits, weights, bias.tolist(), [0.0] * 4)
    cases = [[], [7], [7, 7, 7], [5, 9, 5, 9]] + [rng.integers(0, 30522, rng.integers(1, 300)).tolist() for _ in range(30)]
    for tokens in cases:
        np.testing.assert_allclose(stage.score(tokens), reference_score(tokens, weights, bias, bits), rtol=1e-5, atol=1e-5)
    # The batch form: each row's attended tokens less one special token at each end.
    rows = [[101, *t, 102] for t in cases[1:8]]
    width = max(map(len, rows))
    ids = np.zeros((len(rows), width), np.int64)
    mask = np.zeros_like(ids)
    for i, r in enumerate(rows):
        ids[i, :len(r)], mask[i, :len(r)] = r, 1
    indptr, indices = cheap_features(ids, mask, (1, 1), bits)
    for i, r in enumerate(rows):
        assert indices[indptr[i]:indptr[i + 1]].tolist() == reference_features(r[1:-1], bits)


def test_a_cheap_stage_with_wrong_shapes_is_refused() -> None:
    with pytest.raises(ConfigError, match="principles"):
        CheapStage(10, np.zeros((2, 1 << 10), np.float32), [0.0], [0.0])
    with pytest.raises(ConfigError, match="bits"):
        CheapStage(30, np.zeros((1, 4), np.float32), [0.0], [0.0])


def with_gamma_stage(bundle: Path, *, cut: float = 0.0) -> Path:
    """Give the gamma bundle a cheap stage that escalates windows holding 'gamma' (toxicity) and
    no others: the cascade's decisions are then known exactly."""
    bits = 10
    weights = np.zeros((4, 1 << bits), np.float32)
    (gamma,) = reference_features([tiny_token_id("gamma")], bits)
    weights[3, gamma] = 50.0
    card = read_card(bundle)
    d = cascade.Distilled(weights=weights, bias=np.full(4, -6.0, np.float32), cut=np.array([9, 9, 9, cut], np.float32),
                          recall={"all": 1.0}, flagged={}, triggers={}, escalation_rate=0.0, held_out_docs=0, held_out_windows=0)
    write_card(bundle, cascade.write_stage(bundle, card, d, distilled_on="test"))
    return bundle


TEXTS = [LONG, "hello world " * 200, "gamma first " + "hello world " * 100, "", "hello", "world " * 40 + "gamma"]


def test_the_cascade_scores_only_escalated_windows_and_flags_the_same(tmp_path: Path) -> None:
    bundle = with_gamma_stage(gamma_bundle(tmp_path / "b"))
    on = curafilter.load_model(bundle, device="cpu", windows=64, overlap=8)
    off = curafilter.load_model(bundle, device="cpu", windows=64, overlap=8, cascade=False)
    assert on.cascade and not off.cascade
    s_on, s_off = on.score_texts(TEXTS), off.score_texts(TEXTS)
    flagged = s_off[:, 3] >= 0.5
    assert flagged.tolist() == [True, False, True, False, False, True]
    assert ((s_on[:, 3] >= 0.5) == flagged).all()
    np.testing.assert_allclose(s_on[flagged], s_off[flagged], atol=1e-6)  # escalated windows score alike
    # Cleared documents carry the cheap stage's estimate: sigmoid(-6), under every threshold.
    np.testing.assert_allclose(s_on[~flagged], 1 / (1 + np.exp(6.0)), rtol=1e-5)
    (b_on,) = on.tokenizer().encode_batches(TEXTS, batch_tokens=1 << 20)
    (b_off,) = off.tokenizer().encode_batches(TEXTS, batch_tokens=1 << 20)
    def by_text(b, values):  # a batch is sorted by length: back to input order
        return np.asarray(values)[np.argsort(b.line)].tolist()

    rows_off = by_text(b_off, np.bincount(b_off.row_doc, minlength=6))
    assert by_text(b_on, b_on.doc_windows) == by_text(b_off, b_off.doc_windows) == rows_off
    assert rows_off[1] > 1 and by_text(b_on, np.bincount(b_on.row_doc, minlength=6)) == [1, 0, 1, 0, 0, 1]
    assert b_on.cheap.shape == (6, 4)
    scores, at = on.score_batch_windows(b_on)
    cleared = np.bincount(b_on.row_doc, minlength=6) == 0
    assert cleared.sum() == 3 and (at[cleared] == -1).all()  # no window to point to
    # score_texts(cascade=False) on a cascading model scores every window.
    np.testing.assert_allclose(on.score_texts(TEXTS, cascade=False), s_off, atol=1e-6)
    with pytest.raises(ConfigError, match="no cascade stage"):
        curafilter.load_model(gamma_bundle(tmp_path / "plain"), device="cpu", cascade=True)


def test_stream_with_the_cascade_is_the_same_on_any_thread_count(tmp_path: Path) -> None:
    bundle = with_gamma_stage(gamma_bundle(tmp_path / "b"))
    model = curafilter.load_model(bundle, device="cpu", windows=64, overlap=8)
    lines = [json.dumps({"id": i, "text": TEXTS[i % len(TEXTS)] + f" n{i}"}).encode() for i in range(60)]
    shard = write_shard(tmp_path / "c.jsonl", lines)
    seen = []
    for threads in (1, 2, 3):
        got = {}
        with model.stream(shard, threads=threads, batch_tokens=512) as s:
            for b in s:
                rows = np.bincount(b.row_doc, minlength=len(b))
                for i in range(len(b)):
                    got[int(b.line[i])] = (int(rows[i]), int(b.doc_windows[i]))
        seen.append(got)
    assert len(seen[0]) == 60 and seen[0] == seen[1] == seen[2]


def test_run_with_the_cascade_routes_every_document_and_reports_escalation(tmp_path: Path) -> None:
    bundle = with_gamma_stage(gamma_bundle(tmp_path / "b", windows=64, overlap=8))
    lines = [json.dumps({"id": i, "text": TEXTS[i % len(TEXTS)]}).encode() for i in range(36)]
    shard = write_shard(tmp_path / "c.jsonl", lines)
    stats = {}
    for mode in ("on", "off"):
        out = subprocess.run([sys.executable, "-m", "curafilter", "run", str(shard), "-o", str(tmp_path / mode),
                              "--model", str(bundle), "--device", "cpu", "--cascade", mode, "--json", "-q"],
                             capture_output=True, text=True, check=True)
        stats[mode] = json.loads(out.stdout)
    on, off = stats["on"], stats["off"]
    # Every line ends in one place: a route, or quarantine (the empty texts).
    assert on["docs"] == off["docs"] == 30 and sum(on["routes"].values()) == 30 and on["quarantined"] == 6
    assert on["routes"] == off["routes"]
    assert on["cascade"] and not off["cascade"]
    assert on["windows_total"] == off["windows_total"] == off["windows_scored"]
    assert on["windows_scored"] == 18  # the three texts with 'gamma' hold it in one window each, 6 times
    assert on["escalation_rate"] == pytest.approx(18 / on["windows_total"], abs=1e-4)


def test_distilled_stage_keeps_the_models_flags(tmp_path: Path) -> None:
    bundle = gamma_bundle(tmp_path / "b", windows=16, overlap=4)
    rng = np.random.default_rng(1)
    words = "the word alpha beta document number text hello world".split()
    lines = []
    for i in range(400):
        text = rng.choice(words, int(rng.integers(20, 400))).tolist()
        if i % 5 == 0:  # a flagged passage somewhere in a fifth of the documents
            text.insert(int(rng.integers(0, len(text))), "gamma")
        lines.append(json.dumps({"id": i, "text": " ".join(text)}).encode())
    corpus = write_shard(tmp_path / "c.jsonl", lines)
    out = subprocess.run([sys.executable, "-m", "curafilter", "distill-cheap", str(bundle), str(corpus), "--docs", "400",
                          "--bits", "12", "--device", "cpu", "--json", "-q"], capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)
    assert report["docs"] == 400 and report["flagged_docs"]["toxicity"] >= 10
    # Recall is held out (each fold under cuts set on the others), so it can sit a little under the target.
    assert report["recall"]["toxicity"] >= 0.95 and report["escalation_rate"] < 0.5
    assert report["expected_speedup"] == pytest.approx(1 / report["escalation_rate"], rel=0.05)
    # The gamma model flags nothing but toxicity: the other principles' cuts are not set for a recall, and --json says so.
    assert [w.split(":")[0] for w in report["warnings"]] == ["deception", "power_seeking", "cruelty"]
    card = read_card(bundle)
    assert card.cascade is not None and (bundle / card.cascade.file).is_file()
    model = curafilter.load_model(bundle, device="cpu")
    assert model.cascade
    texts = [json.loads(line)["text"] for line in lines]
    off = model.score_texts(texts, cascade=False)[:, 3] >= 0.5
    on = model.score_texts(texts)[:, 3] >= 0.5
    assert off.sum() >= 70 and (on & off).sum() / off.sum() >= 0.95 and not (on & ~off).any()


def test_a_corpus_the_model_never_flags_gives_no_recall_not_zero(tmp_path: Path) -> None:
    # Nothing flagged held out: the report said recall {"all": 0.0}, as if every flag were lost.
    bundle = gamma_bundle(tmp_path / "b", windows=4, overlap=4)
    words = "the word alpha beta document number text hello world".split()
    rng = np.random.default_rng(2)
    lines = [json.dumps({"text": " ".join(rng.choice(words, 30).tolist())}).encode() for _ in range(60)]
    corpus = write_shard(tmp_path / "c.jsonl", lines)
    out = subprocess.run([sys.executable, "-m", "curafilter", "distill-cheap", str(bundle), str(corpus), "--bits", "10",
                          "--device", "cpu", "--json", "-q"], capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)
    assert report["recall"] == {"all": None} and sum(report["flagged_docs"].values()) == 0
    assert len(report["warnings"]) == 4 and "only 0 documents flagged" in report["warnings"][0]
    card = read_card(bundle)
    assert card.cascade is not None and card.cascade.recall is None
    assert curafilter.load_model(bundle, device="cpu").cascade


def test_cuts_are_set_on_every_flagged_document_and_recall_is_held_out(tmp_path: Path) -> None:
    # 200 documents of 3 windows; 8 documents hold a window with feature 7, which the transformer
    # flags. A 30% hold-out would leave ~2 flagged documents to set a cut on (below MIN_FLAGGED:
    # no cut for a recall); cross-fitting sets it on all 8 and measures recall on held-out folds.
    rng = np.random.default_rng(0)
    bits, docs, per = 10, 200, 3
    indptr, indices, scores = [0], [], []
    flagged_docs = set(range(0, docs, 25))
    for d in range(docs):
        for w in range(per):
            feats = set(rng.integers(8, 1 << bits, 20).tolist())
            hit = d in flagged_docs and w == d % per
            if hit:
                feats.add(7)
            indices += sorted(feats)
            indptr.append(len(indices))
            scores.append([0.9 if hit else float(rng.uniform(0.001, 0.05))])
    sample = cascade.WindowSample(np.array(indptr, np.int64), np.array(indices, np.uint32),
                                  np.array(scores, np.float32), np.repeat(np.arange(docs), per), docs, bits)
    sample.save(tmp_path / "windows.npz")
    sample = cascade.WindowSample.load(tmp_path / "windows.npz")
    assert sample.bits == bits and sample.docs == docs and sample.indices.dtype == np.uint32 and sample.scores.shape == (docs * per, 1)
    d = cascade.distill(sample, ["toxicity"], np.array([0.5], np.float32), recall=0.99, folds=4)
    assert d.weights.shape == (1, 1 << bits)
    assert d.flagged == {"toxicity": 8} and d.held_out_docs == docs and d.held_out_windows == docs * per
    assert d.cut[0] < float(np.log(0.5 / 0.5)) + 1e-6  # set for the recall, at or below the threshold's logit
    assert d.recall["toxicity"] >= 0.75 and d.escalation_rate < 0.5
    # The shipped weights escalate every flagged window and few others.
    cheap = np.asarray(sample.matrix() @ d.weights.T).ravel() + d.bias[0]
    hits = sample.scores[:, 0] >= 0.5
    assert (cheap[hits] >= d.cut[0]).all() and (cheap[~hits] >= d.cut[0]).mean() < 0.5
    with pytest.raises(ConfigError, match="folds"):
        cascade.distill(sample, ["toxicity"], np.array([0.5], np.float32), folds=1)
    # A threshold below sigmoid(-LOGIT_CLIP): the cut is still at or under its own logit, so a
    # cleared document's estimate stays under the threshold.
    tiny = cascade.distill(sample, ["toxicity"], np.array([1e-5], np.float32), folds=4)
    assert tiny.cut[0] <= np.log(1e-5 / (1 - 1e-5)) + 1e-6


def test_distill_cheap_samples_the_first_documents_and_refuses_a_diverged_fit(tmp_path: Path) -> None:
    bundle = gamma_bundle(tmp_path / "b", windows=16, overlap=4)
    assert read_card(bundle).cascade is None
    # 100 one-window documents, then 100 long flagged ones. The stream hands out each sort window
    # longest first; `docs=100` must still be the first 100 documents, not the 100 longest.
    lines = [json.dumps({"id": i, "text": "hello world"}).encode() for i in range(100)]
    lines += [json.dumps({"id": i, "text": "gamma " + "hello world " * 100}).encode() for i in range(100, 200)]
    model = curafilter.load_model(bundle, device="cpu", cascade=False)
    sample = cascade.sample_windows(model, [write_shard(tmp_path / "c.jsonl", lines)], docs=100, bits=12)
    assert sample.docs == 100 and sample.doc.size == 100 and (sample.scores[:, 3] < 0.5).all()
    # A penalty so small that the fit diverges: refused in one line, and the bundle left as it was.
    lines = [json.dumps({"id": i, "text": " ".join(["hello"] * (i % 60 + 1)) + (" gamma" if i % 4 == 0 else "")}).encode()
             for i in range(150)]
    out = subprocess.run([sys.executable, "-m", "curafilter", "distill-cheap", str(bundle), str(write_shard(tmp_path / "s.jsonl", lines)),
                          "--docs", "150", "--bits", "8", "--alpha", "1e-300", "--device", "cpu", "-q"], capture_output=True, text=True)
    assert out.returncode == 1 and "diverged" in out.stderr and "Traceback" not in out.stderr and "Warning" not in out.stderr
    assert read_card(bundle).cascade is None and not (bundle / cascade.CASCADE_FILE).exists()


def test_one_strong_feature_escalates_a_long_ordinary_window() -> None:
    # Feature 7 is in 22 windows and the transformer flags 21 of them (short ones, and two of 300
    # ordinary features). As a trigger (TRIGGER_SUPPORT, TRIGGER_SHARE) it must escalate any window
    # that holds it however long and ordinary the rest, where a mean over the window's features
    # would dilute it; a feature flagged in one window only has too little support to become one.
    rng = np.random.default_rng(2)
    bits, indptr, indices, scores = 12, [0], [], []
    for d in range(300):
        long, short = d in (7, 152), d % 15 == 0
        feats = set(rng.integers(100, 700, 300 if long else 20).tolist())
        if long or short:
            feats = set(rng.integers(100, 700, 300 if long else 3).tolist()) | {7}
        if d == 150:
            feats.add(8)
        indices += sorted(feats)
        indptr.append(len(indices))
        scores.append([0.95 if ((long or short) and d != 30) or d == 150 else float(rng.uniform(0.001, 0.05))])
    sample = cascade.WindowSample(np.array(indptr, np.int64), np.array(indices, np.uint32), np.array(scores, np.float32),
                                  np.arange(300), 300, bits)
    d = cascade.distill(sample, ["toxicity"], np.array([0.5], np.float32), recall=0.9, folds=3)
    assert d.triggers == {"toxicity": 1} and d.weights[0, 7] == cascade.TRIGGER_WEIGHT and d.weights[0, 8] < cascade.TRIGGER_WEIGHT
    cheap = np.asarray(sample.matrix() @ d.weights.T).ravel() + d.bias[0]
    holds = np.array([7 in sample.indices[sample.indptr[i]:sample.indptr[i + 1]] for i in range(300)])
    assert holds.sum() == 22 and (cheap[holds] >= d.cut[0]).all()
    # The longest window there is (512 features), every other feature the most ordinary one, in
    # the bundle's float16 weights, scored as the Rust scorer does (reference_score): still escalated.
    w16 = d.weights.astype(np.float16).astype(np.float32)
    f = np.concatenate([[7], np.argsort(w16[0, 100:700])[:511] + 100])
    assert w16[0, 7] == cascade.TRIGGER_WEIGHT and d.bias[0] + w16[0, f].sum() / np.sqrt(f.size) >= d.cut[0]


def test_a_folder_is_not_resumed_across_a_new_cheap_stage_or_max_length(tmp_path: Path) -> None:
    # distill-cheap rewrites a bundle's stage in place: a job resumed after it would route half
    # its shards under one stage and half under another, and a changed max_length windows anew.
    import msgspec

    from curafilter.outputs import RunIdentity

    bundle = with_gamma_stage(gamma_bundle(tmp_path / "b", windows=16, overlap=4), cut=0.0)
    write_shard(tmp_path / "a.jsonl", [json.dumps({"text": t}).encode() for t in TEXTS])
    out = tmp_path / "out"
    curafilter.run([tmp_path / "a.jsonl"], out, model=bundle, device="cpu", progress=False)
    write_shard(tmp_path / "b.jsonl", [json.dumps({"text": "gamma " + t}).encode() for t in TEXTS])
    shards = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    with_gamma_stage(bundle, cut=50.0)  # nothing escalated now
    with pytest.raises(ConfigError, match="setup_digest"):
        curafilter.run(shards, out, model=bundle, device="cpu", progress=False)
    with_gamma_stage(bundle, cut=0.0)
    card = read_card(bundle)
    write_card(bundle, msgspec.structs.replace(card, max_length=card.max_length - 8))
    with pytest.raises(ConfigError, match="setup_digest"):
        curafilter.run(shards, out, model=bundle, device="cpu", progress=False)
    write_card(bundle, card)
    assert curafilter.run(shards, out, model=bundle, device="cpu", progress=False).shards_skipped == 1
    # A folder written before the digest was kept resumes as it did.
    ident = msgspec.json.decode((out / "run.json").read_bytes(), type=RunIdentity)
    assert ident.setup_digest
    (out / "run.json").write_bytes(msgspec.json.encode(msgspec.structs.replace(ident, setup_digest="")))
    assert curafilter.run(shards, out, model=bundle, device="cpu", progress=False).shards_skipped == 2


def test_a_broken_cascade_file_names_the_bundle(tmp_path: Path) -> None:
    bundle = with_gamma_stage(gamma_bundle(tmp_path / "b"))
    np.save(bundle / cascade.CASCADE_FILE, np.zeros((4, 8), np.float32))
    with pytest.raises(ModelError, match="cascade.npy"):
        curafilter.load_model(bundle, device="cpu")


def test_fit_weighs_features_by_idf_and_folds_the_factor_into_the_weights() -> None:
    # The Rust scorer sees binary features; the fit's weights must carry the IDF factor so that
    # they score raw features as the ridge fitted on IDF-weighted ones predicts.
    from scipy.sparse import csr_matrix, diags
    from sklearn.linear_model import Ridge

    rng = np.random.default_rng(1)
    x = csr_matrix((rng.random((300, 64)) < 0.1).astype(np.float32))
    y = np.asarray(x[:, :3].sum(axis=1)).ravel()[:, None] * 2.0 - 5.0 + rng.normal(0, 0.1, (300, 1))
    weight = np.ones(300)
    w, b = cascade._fit(x, y, 2.0, weight)
    idf = np.log(301 / (1 + np.asarray((x > 0).sum(axis=0)).ravel()))
    ridge = Ridge(alpha=2.0, solver="sparse_cg", tol=1e-4).fit(x @ diags(idf), y)
    np.testing.assert_allclose(np.asarray(x @ w.T) + b, ridge.predict(x @ diags(idf)).reshape(-1, 1), atol=1e-3)
    # Against binary features at the same penalty, the weights differ (the factor is there).
    plain = Ridge(alpha=2.0, solver="sparse_cg", tol=1e-4).fit(x, y)
    assert np.abs(np.asarray(plain.coef_).ravel() - w.ravel()).max() > 0.01
