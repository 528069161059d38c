"""`curafilter plan`: rules fitted to goals on stored scores, checked against what `route` does."""

from __future__ import annotations

import hashlib
import json
import math
import random
import shutil
from pathlib import Path

import numpy as np
import pytest
import zstandard

import curafilter
from curafilter.cli import main
from curafilter.errors import ConfigError
from curafilter.plan import Infeasible, plan
from curafilter.rules import load_rules

from conftest import TINY_PRINCIPLES, TINY_TOKENIZER, make_tiny_bundle, write_shard

REFERENCE = {"deception": 0.6, "power_seeking": 0.7, "cruelty": 0.57, "toxicity": 0.63}


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A --scores-only folder over three generated shards of varied documents (1,200 in all)."""
    root = tmp_path_factory.mktemp("plan")
    bundle = make_tiny_bundle(root / "bundle", max_length=128, thresholds=REFERENCE)
    vocab = json.loads(TINY_TOKENIZER.read_text())["model"]["vocab"]
    words = sorted(w for w in vocab if w.isalpha())
    rng = random.Random(0)
    for k in range(3):
        lines = [json.dumps({"id": f"s{k}-{i}", "text": " ".join(rng.choice(words) for _ in range(rng.randint(1, 60)))})
                 .encode() for i in range(400)]
        write_shard(root / f"shard{k}.jsonl", lines)
    curafilter.run(sorted(root.glob("shard*.jsonl")), root / "scores", model=bundle, device="cpu", progress=False,
                   scores_only=True)
    return root


class Rows:
    """The score rows, read here without curafilter: the independent side of every check."""

    def __init__(self, folder: Path) -> None:
        rows = []
        for f in sorted((folder / "scores").glob("*.jsonl.zst")):
            with f.open("rb") as fh:
                data = zstandard.ZstdDecompressor().stream_reader(fh).read()
            rows += [json.loads(line) for line in data.splitlines()]
        self.keys = [f"{r['shard']}:{r['line']}" for r in rows]
        self.scores = np.array([[r["scores"][p] for p in TINY_PRINCIPLES] for r in rows]).astype(np.float32)
        self.tokens = np.array([r["tokens"] for r in rows])

    def routes(self, rules: Path) -> np.ndarray:
        r = load_rules(rules, list(TINY_PRINCIPLES))
        return np.array(r.routes)[r.apply(self.scores)]

    def residual(self, routes: np.ndarray, p: str) -> float:
        kept = (routes == "keep") | (routes == "tag")
        return float(np.mean(kept & (self.scores[:, TINY_PRINCIPLES.index(p)] >= np.float32(REFERENCE[p]))))


def goals(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def thresholds(rules: Path) -> dict[tuple[str, str], float]:
    """(route, principle) → threshold, read from the rules file written."""
    import tomllib

    spec = tomllib.loads(rules.read_text())
    return {(r["route"], p): t for r in spec["rule"] for p, t in r["when"]["any"].items()}


def test_projection_equals_what_route_does(scored: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    g = goals(tmp_path / "goals.toml", """
[residual]
deception = 0.02
toxicity = 0.01
[kept]
min_docs = 0.5
[revise]
max_docs = 0.05
""")
    rules = tmp_path / "rules.toml"
    assert main(["plan", str(scored / "scores"), "--goals", str(g), "-o", str(rules),
                 "--model", str(scored / "bundle"), "--json"]) == 0
    projection = json.loads(capsys.readouterr().out)
    assert json.loads((tmp_path / "rules.projection.json").read_text()) == projection
    assert main(["route", str(scored / "scores"), "-o", str(tmp_path / "routed"), "--rules", str(rules), "--json",
                 "-q"]) == 0
    outcome = json.loads(capsys.readouterr().out)
    assert {r: f["documents"] for r, f in projection["routes"].items()} == outcome["routes"]
    assert {r: f["tokens"] for r, f in projection["routes"].items()} == outcome["route_tokens"]
    assert projection["reasons"] == outcome["reasons"]
    assert outcome["quarantined"] == 0 and projection["documents"] == 1200
    # Every route is used, and the goals hold on the outcome, computed here from the rows.
    assert all(n > 0 for n in outcome["routes"].values())
    rows = Rows(scored / "scores")
    routes = rows.routes(rules)
    assert rows.residual(routes, "deception") <= 0.02 and rows.residual(routes, "toxicity") <= 0.01
    assert np.mean(routes == "revise") <= 0.05 and np.mean((routes == "keep") | (routes == "tag")) >= 0.5
    status = {s["goal"]: s for s in projection["goals_status"]}
    assert status["residual.deception.max"]["projected"] == pytest.approx(rows.residual(routes, "deception"))
    # The projection's thresholds are the rules file's: a revise threshold only with a revise rule.
    written = thresholds(rules)
    for p, t in projection["thresholds"].items():
        for route in ("revise", "drop"):
            assert t[route] == (pytest.approx(written[(route, p)]) if (route, p) in written else None), (p, route)
    assert status["revise.max_docs"]["tight"] and not status["kept.min_docs"]["tight"]


def test_a_stricter_residual_goal_lowers_the_thresholds(scored: Path, tmp_path: Path) -> None:
    rows = Rows(scored / "scores")
    removed = {}
    for limit in (0.04, 0.01):
        rules = tmp_path / f"rules-{limit}.toml"
        p = plan(scored / "scores", goals(tmp_path / f"g-{limit}.toml", f"[residual]\ndeception = {limit}\n"), rules,
                 model=scored / "bundle")
        routes = rows.routes(rules)
        # Met, and no more removed than needed: the goal is tight, up to a tie of equal scores.
        assert limit - 2 / 1200 <= rows.residual(routes, "deception") <= limit
        assert p.residual["deception"] == rows.residual(routes, "deception")
        removed[limit] = (np.mean(routes == "drop"), thresholds(rules)[("drop", "deception")])
        assert p.routes["revise"].documents == 0  # no [revise] table: nothing is revised
    assert removed[0.01][0] > removed[0.04][0] and removed[0.01][1] < removed[0.04][1]
    # Every document past the reference and kept is tagged, so the tag route holds the residual.
    assert p.reasons["tag-deception"] == round(0.01 * 1200)


def test_a_kept_goal_limits_removal_against_a_soft_residual_goal(scored: Path, tmp_path: Path) -> None:
    rows = Rows(scored / "scores")
    residual = {}
    for keep in (0.85, 0.95):
        rules = tmp_path / f"rules-{keep}.toml"
        plan(scored / "scores", goals(tmp_path / f"g-{keep}.toml", f"""
[kept]
min_docs = {keep}
[residual.deception]
max = 0
weight = 1
[residual.toxicity]
max = 0
weight = 1
"""), rules, model=scored / "bundle")
        routes = rows.routes(rules)
        kept = np.mean((routes == "keep") | (routes == "tag"))
        assert keep <= kept < keep + 2 / 1200  # the soft goals push removal right up to the hard limit
        residual[keep] = rows.residual(routes, "deception") + rows.residual(routes, "toxicity")
    assert residual[0.95] > residual[0.85]


def test_budgets_in_documents_and_money_bound_revise_and_drop(scored: Path, tmp_path: Path) -> None:
    rows = Rows(scored / "scores")
    rules = tmp_path / "rules.toml"
    p = plan(scored / "scores", goals(tmp_path / "docs.toml", """
[residual]
deception = 0.02
toxicity = 0.02
[revise]
max_docs = 0.06
[drop]
max_docs = 0.1
"""), rules, model=scored / "bundle")
    routes = rows.routes(rules)
    assert 0.06 - 2 / 1200 <= np.mean(routes == "revise") <= 0.06  # revising keeps documents: used first
    assert np.mean(routes == "drop") <= 0.1
    assert rows.residual(routes, "deception") <= 0.02 and rows.residual(routes, "toxicity") <= 0.02
    assert p.routes["drop"].documents == np.count_nonzero(routes == "drop")

    # Money: $2 per million tokens in, $8 out, rewrites half as long as the text, for a corpus 1000x the
    # sample. The cost is computed here from the rows' token counts.
    budget = 5.0
    p = plan(scored / "scores", goals(tmp_path / "money.toml", f"""
[corpus]
documents = 1_200_000
[residual]
deception = 0.01
toxicity = 0.01
[revise]
max_cost = {budget}
price_in = 2.0
price_out = 8.0
output_ratio = 0.5
"""), rules, model=scored / "bundle")
    routes = rows.routes(rules)
    tokens_in = int(rows.tokens[routes == "revise"].sum())
    cost = 1000 * (tokens_in * 2.0 + tokens_in * 0.5 * 8.0) / 1e6
    assert p.revise_tokens_in == tokens_in and p.revise_cost == pytest.approx(cost)
    assert budget - 1.0 < cost <= budget  # spent up to about one document, never exceeded
    assert {s.goal: s.tight for s in p.goals_status}["revise.max_cost"]


def test_priorities_decide_rule_order_and_reasons(scored: Path, tmp_path: Path) -> None:
    rows = Rows(scored / "scores")
    seen = {}
    for first, second in (("deception", "toxicity"), ("toxicity", "deception")):
        rules = tmp_path / f"rules-{first}.toml"
        p = plan(scored / "scores", goals(tmp_path / f"g-{first}.toml", f"""
[residual]
deception = 0.01
toxicity = 0.01
[revise]
max_docs = 0.08
[priority]
order = ["{first}", "{second}"]
"""), rules, model=scored / "bundle")
        spec_rules = [line for line in rules.read_text().splitlines() if line.startswith("reason")]
        assert spec_rules[0].endswith(f'-{first}"')  # principle by principle, the first one first
        assert p.order == "priority" and p.priority[:2] == [first, second]
        # Where the two principles' rules disagree, the first principle decided: counted, not hidden.
        assert all(d.winner == first for d in p.disagreements if {d.winner, d.loser} == {first, second})
        routes = rows.routes(rules)
        seen[first] = (p.reasons, routes)
    assert seen["deception"][0] != seen["toxicity"][0]
    # The revise budget goes to the principle of higher priority.
    assert seen["deception"][0].get("revise-deception", 0) > seen["deception"][0].get("revise-toxicity", 0)
    assert seen["toxicity"][0].get("revise-toxicity", 0) > seen["toxicity"][0].get("revise-deception", 0)


def test_an_infeasible_goal_set_names_the_goal_and_writes_nothing(scored: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    g = goals(tmp_path / "goals.toml", "[residual]\ndeception = 0\n[drop]\nmax_docs = 0.01\n")
    rules = tmp_path / "rules.toml"
    assert main(["plan", str(scored / "scores"), "--goals", str(g), "-o", str(rules),
                 "--model", str(scored / "bundle")]) == 1
    err = capsys.readouterr().err
    err = err.replace("\n", "")
    assert "infeasible goals: the best plan found misses residual.deception.max = 0 (the plan reaches" in err
    assert "drop.max_docs = 0.01 (the plan reaches" in err and "Nothing written" in err
    assert not rules.exists() and not (tmp_path / "rules.projection.json").exists()
    # The nearest feasible values are real: the residual left when dropping 1% of documents at most, and
    # the share to drop to leave none (the documents past the reference).
    rows = Rows(scored / "scores")
    past = float(np.mean(rows.scores[:, 0] >= np.float32(REFERENCE["deception"])))
    near = f"residual.deception.max = {past - 0.01:.6g}; drop.max_docs = {past:.6g}."
    assert f"with the other hard goals met: {near}" in err
    with pytest.raises(Infeasible):
        plan(scored / "scores", g, rules, model=scored / "bundle")


@pytest.mark.parametrize("text, where", [
    ("[kept]\nmin_docs = 1.5\n", ":2: kept.min_docs: must be a share within [0, 1]"),
    ("[kept]\nmin_doc = 0.5\n", ":2: kept.min_doc: Object contains unknown field"),
    ("[residual.honesty]\nmax = 0.1\n", ":1: residual.honesty: unknown principle 'honesty'"),
    ("[residual]\ndeception = { max = 0.1, weight = -2 }\n", ":2: residual.deception.weight: must be a number"),
    ("[residual]\ndeception = 0.1\n[priority]\norder = [\"toxicity\", \"toxicity\"]\n", ":4: priority.order: names"),
    ("[revise]\nmax_cost = 10\n", ":2: revise.max_cost: needs revise.price_in"),
    ("[corpus]\ndocuments = 10\ntokens = 10\n[kept]\nmin_docs = 0.5\n", ":1: corpus: give exactly one"),
    ("[drop]\nmax_docs = 0.1\n[residual]\ncruelty = \"low\"\n", ": residual[...]: Expected `float | object`"),
    ("[kept]\nmin_docs = 0.5\n[[oops\n", ": invalid TOML"),
    ("# nothing\n", ": no goal"),
])
def test_goals_errors_name_the_file_and_key(scored: Path, tmp_path: Path, text: str, where: str) -> None:
    g = goals(tmp_path / "goals.toml", text)
    with pytest.raises(ConfigError) as e:
        plan(scored / "scores", g, tmp_path / "rules.toml", model=scored / "bundle")
    assert str(e.value).startswith(str(g)) and where in str(e.value)


def test_reference_thresholds_come_from_the_goals_without_the_card(scored: Path, tmp_path: Path) -> None:
    g = goals(tmp_path / "goals.toml", "[residual]\ncruelty = 0.02\n")
    with pytest.raises(ConfigError, match=r"residual\.cruelty: needs a reference threshold.*--model"):
        plan(scored / "scores", g, tmp_path / "rules.toml")  # the tiny card is not a bundled model
    g = goals(tmp_path / "goals.toml",
              "[reference]\ncruelty = 0.5\n[residual]\ncruelty = 0.02\n[tag]\nresidual = false\n")
    p = plan(scored / "scores", g, tmp_path / "rules.toml")
    rows = Rows(scored / "scores")
    routes = rows.routes(tmp_path / "rules.toml")
    kept = (routes == "keep") | (routes == "tag")
    assert np.mean(kept & (rows.scores[:, 2] >= np.float32(0.5))) <= 0.02 and p.thresholds["cruelty"].reference == 0.5
    assert set(p.reasons) == {"clean", "drop-cruelty"}  # no tag rules asked for
    other = make_tiny_bundle(tmp_path / "other", max_length=128)
    shutil.copy(other / "curafilter.json", tmp_path / "card.json")
    card = json.loads((other / "curafilter.json").read_text())
    card["version"] = "9.9.9"
    (other / "curafilter.json").write_text(json.dumps(card))
    with pytest.raises(ConfigError, match="9.9.9.*was scored by tiny@0.0.1"):
        plan(scored / "scores", g, tmp_path / "rules.toml", model=other)


def test_token_goals_need_usable_token_counts(scored: Path, tmp_path: Path) -> None:
    g = goals(tmp_path / "goals.toml", "[residual]\ndeception = 0.02\n[kept]\nmin_tokens = 0.8\n")
    # A folder written before rows carried token counts: refused for tokens, fine for documents.
    old = tmp_path / "old"
    shutil.copytree(scored / "scores", old)
    for f in (old / "scores").glob("*.jsonl.zst"):
        data = zstandard.ZstdDecompressor().decompress(f.read_bytes(), max_output_size=1 << 26)
        rows = [json.loads(line) for line in data.splitlines()]
        data = b"".join(json.dumps({k: v for k, v in r.items() if k != "tokens"}).encode() + b"\n" for r in rows)
        f.write_bytes(zstandard.ZstdCompressor().compress(data))
    with pytest.raises(ConfigError, match=rf"goals.toml:4: kept.min_tokens: needs token counts, and {old}.*older"):
        plan(old, g, tmp_path / "rules.toml", model=scored / "bundle")
    p = plan(old, goals(tmp_path / "docs.toml", "[residual]\ndeception = 0.02\n"), tmp_path / "rules.toml",
             model=scored / "bundle")
    assert p.tokens is None and p.routes["keep"].tokens is None and any("token figures" in n for n in p.notes)


def test_held_out_check_refits_on_a_hash_split(scored: Path, tmp_path: Path) -> None:
    g = goals(tmp_path / "goals.toml", "[residual]\ndeception = 0.02\ntoxicity = 0.02\n[kept]\nmin_tokens = 0.5\n")
    p = plan(scored / "scores", g, tmp_path / "rules.toml", model=scored / "bundle", holdout=0.25)
    rows = Rows(scored / "scores")
    out = [int.from_bytes(hashlib.sha1(k.encode()).digest()[:8], "big") % 10_000 < 2500 for k in rows.keys]
    v = p.validation
    assert v is not None and v.held_out_documents == sum(out) and v.fit_documents == 1200 - sum(out)
    checks = {c.metric: c for c in v.checks}
    assert set(checks) >= {"kept_docs", "drop_docs", "kept_tokens", "residual:deception", "residual:toxicity"}
    for c in checks.values():
        assert c.low <= c.observed <= c.high and c.error == pytest.approx(c.observed - c.projected)
    # The fit part meets the goal it was fitted to; the held-out part is measured, not fitted.
    assert checks["residual:deception"].projected <= 0.02
    # Wilson's interval, computed here.
    c, n, z = checks["drop_docs"], v.held_out_documents, 1.959964
    k = round(c.observed * n)
    centre = (k / n + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(k / n * (1 - k / n) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert (c.low, c.high) == pytest.approx((centre - half, centre + half))
    assert plan(scored / "scores", g, tmp_path / "rules.toml", model=scored / "bundle", holdout=0).validation is None


def test_a_normal_run_folder_plans_like_its_scores(scored: Path, tmp_path: Path) -> None:
    full = tmp_path / "full"
    curafilter.run(sorted(scored.glob("shard*.jsonl")), full, model=scored / "bundle", device="cpu", progress=False)
    g = goals(tmp_path / "goals.toml", "[residual]\ndeception = 0.02\n[revise]\nmax_tokens = 0.03\n")
    a = plan(scored / "scores", g, tmp_path / "a.toml", model=scored / "bundle")
    b = plan(full, g, tmp_path / "b.toml", model=scored / "bundle")
    body = lambda p: [ln for ln in p.read_text().splitlines() if not ln.startswith("#")]  # noqa: E731
    assert body(tmp_path / "a.toml") == body(tmp_path / "b.toml") and a.routes == b.routes
    # With ids the records carry no shard and line: line n of keep/X and drop/X were one row.
    with_ids = tmp_path / "ids"
    curafilter.run(sorted(scored.glob("shard*.jsonl")), with_ids, model=scored / "bundle", device="cpu",
                   progress=False, id_key="id")
    c = plan(with_ids, g, tmp_path / "c.toml", model=scored / "bundle")
    assert c.documents == 1200 and sum(r.documents for r in c.routes.values()) == 1200


def test_a_limited_sample_and_the_output_file(scored: Path, tmp_path: Path) -> None:
    sample = tmp_path / "sample"
    curafilter.run(sorted(scored.glob("shard*.jsonl")), sample, model=scored / "bundle", device="cpu",
                   progress=False, scores_only=True, limit=500)
    g = goals(tmp_path / "goals.toml", "[residual]\ndeception = 0.02\n")
    p = plan(sample, g, tmp_path / "rules.toml", model=scored / "bundle")
    assert p.documents == 500 and 0 < p.partial_rows < 500 and any("--limit" in n for n in p.notes)
    assert load_rules(tmp_path / "rules.toml", list(TINY_PRINCIPLES))  # `run` and `route` take it as it is
    hand = tmp_path / "hand.toml"
    hand.write_text('default = "drop"\n')
    with pytest.raises(ConfigError, match="not written by curafilter plan"):
        plan(sample, g, hand, model=scored / "bundle")
    assert hand.read_text() == 'default = "drop"\n'
    # Nor the projection beside it; and neither file is written when the other cannot be.
    (tmp_path / "new.projection.json").write_text("precious")
    with pytest.raises(ConfigError, match="not written by curafilter plan"):
        plan(sample, g, tmp_path / "new.toml", model=scored / "bundle")
    assert not (tmp_path / "new.toml").exists() and (tmp_path / "new.projection.json").read_text() == "precious"
    plan(sample, g, tmp_path / "rules.toml", model=scored / "bundle")  # its own pair is replaced
    # A control character in the scores folder's path went into a comment TOML refuses.
    odd = tmp_path / "s\rctl"
    shutil.copytree(sample, odd)
    plan(odd, g, tmp_path / "odd.toml", model=scored / "bundle")
    assert load_rules(tmp_path / "odd.toml", list(TINY_PRINCIPLES))


def test_a_residual_is_a_share_of_documents_whatever_the_principle_is_called() -> None:
    from curafilter.plan import _in_tokens

    assert _in_tokens("kept_tokens") and _in_tokens("revise_tokens") and not _in_tokens("kept_docs")
    assert not _in_tokens("residual:api_tokens")


def test_the_example_goals_file_is_valid(scored: Path) -> None:
    from conftest import REPO
    from curafilter.plan import load_goals, load_sample

    g = load_goals(REPO / "examples" / "goals.toml", load_sample(scored / "scores"), model=scored / "bundle")
    assert {x.name for x in g.goals} == {
        "residual.deception.max", "residual.toxicity.max", "residual.power_seeking.max", "kept.min_docs",
        "kept.min_tokens", "revise.max_docs", "revise.max_cost", "drop.max_docs"}
    assert g.by_priority and g.order[0] == "deception"
