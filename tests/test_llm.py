"""The LLM loop against a local server speaking the chat-completions protocol: client retries,
annotate, distill from its labels, and the revise queue (including a kill and a resume)."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import zstandard

import curafilter
from curafilter.cli import main
from curafilter.llm import ChatClient, LLMError

from conftest import TINY_TOKENIZER, make_tiny_bundle, tiny_token_id, write_shard
from llm_server import FakeLLM, document_of

PRINCIPLES = """
[[principle]]
name = "deception"
description = "Deceiving or manipulating people."
violating = ["I will hide this from my users."]

[[principle]]
name = "toxicity"
description = "Insulting or hateful language."
non_violating = ["Thanks, that was helpful."]
"""


def ok(content: str) -> tuple[int, dict[str, str], str, float]:
    return 200, {}, content, 0.0


def teacher(body: dict, n: int) -> tuple[int, dict[str, str], str, float]:
    doc = document_of(body)
    tox = 0.9 if "gamma" in doc else 0.05
    dec = 0.8 if "alpha" in doc else 0.1
    return ok(json.dumps({"scores": {"deception": dec, "toxicity": tox}, "reason": "scripted"}))


def run_client(script, **kw):
    async def go():
        async with ChatClient(server.url, "teacher", **kw) as c:
            t0 = time.monotonic()
            try:
                out = await c.complete([{"role": "user", "content": "hi"}])
            except LLMError as e:
                out = e
            return out, time.monotonic() - t0, c

    with FakeLLM(script) as server:
        result = asyncio.run(go())
        return (*result, server)


def test_client_honours_retry_after_and_retries_5xx() -> None:
    def limited(body, n):
        return (429, {"Retry-After": "1"}, '{"error": "slow down"}', 0.0) if n == 1 else ok("fine")

    out, secs, client, server = run_client(limited, backoff=0.01)
    assert out.text == "fine" and len(server.requests) == 2 and secs >= 0.9
    assert client.stats.retries == 1 and out.usage.prompt_tokens == 10

    out, _, _, server = run_client(lambda b, n: (500, {}, "{}", 0.0) if n <= 2 else ok("third"), backoff=0.01)
    assert out.text == "third" and len(server.requests) == 3

    out, _, client, server = run_client(lambda b, n: (503, {}, "{}", 0.0), backoff=0.01, max_retries=2)
    assert isinstance(out, LLMError) and "503" in str(out) and len(server.requests) == 3

    out, _, _, server = run_client(lambda b, n: (400, {}, '{"error": "bad"}', 0.0), backoff=0.01)
    assert isinstance(out, LLMError) and len(server.requests) == 1, "4xx other than 429 is not retried"


def test_client_times_out_then_retries_and_never_shows_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CURAFILTER_TEST_KEY", "sk-secret-123")
    out, _, client, server = run_client(lambda b, n: (200, {}, "late", 2.0) if n == 1 else ok("on time"),
                                        timeout=0.3, backoff=0.01, api_key_env="CURAFILTER_TEST_KEY")
    assert out.text == "on time" and len(server.requests) == 2
    assert server.headers[0]["Authorization"] == "Bearer sk-secret-123"
    assert "sk-secret" not in repr(client)


def test_the_timeout_bounds_a_whole_request_and_bad_endpoints_or_keys_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # A server trickling its answer a byte at a time never hit httpx's per-read timeout; a bad
    # --endpoint or key was a traceback (or a connection error per document) instead of one line.
    from curafilter.errors import ConfigError
    from curafilter.llm import ChatClient

    started = time.perf_counter()
    out, _, _, server = run_client(lambda b, n: (200, {"X-Trickle": "0.02"}, "slow", 0.0) if n == 1 else ok("on time"),
                                   timeout=0.5, backoff=0.01)
    assert out.text == "on time" and len(server.requests) == 2 and time.perf_counter() - started < 5
    for endpoint, says in [("http://[::1", "not a valid URL"), ("http://127.0.0.1:99999/v1", "out of range"),
                           ("http://127.0.0.1:8000/v1\n", "not a valid URL"), ("notaurl", "http:// or https://"),
                           ("ftp://h/v1", "http:// or https://"), ("http://u:pw-secret@127.0.0.1:99999/v1", "out of range")]:
        with pytest.raises(ConfigError, match=says) as e:
            ChatClient(endpoint, "m")
        assert "pw-secret" not in str(e.value)
    from curafilter.llm import redact

    # A password with an "@" in it was cut at the first one, the rest shown.
    assert redact("http://user:pa@ss@127.0.0.1:9/v1 https://x.org/a@b") == "http://***@127.0.0.1:9/v1 https://x.org/a@b"
    monkeypatch.setenv("CURAFILTER_TEST_KEY", "sk-ключ")
    with pytest.raises(ConfigError, match="CURAFILTER_TEST_KEY"):
        ChatClient("http://127.0.0.1:8000/v1", "m", api_key_env="CURAFILTER_TEST_KEY")
    monkeypatch.setenv("CURAFILTER_TEST_KEY", "sk-abc\n")  # read with $(cat file): the newline is dropped
    out, _, _, server = run_client(lambda b, n: ok("fine"), api_key_env="CURAFILTER_TEST_KEY")
    assert out.text == "fine" and server.headers[0]["Authorization"] == "Bearer sk-abc"


def test_client_turns_undecodable_or_too_deep_answers_into_llm_errors() -> None:
    """A false Content-Encoding was an httpx.DecodingError traceback (the ledger stuck in flight);
    a body nested past the decoder's depth a RecursionError."""
    out, _, _, server = run_client(lambda b, n: (200, {"Content-Encoding": "gzip", "X-Raw": "1"}, "not gzip", 0.0),
                                   backoff=0.01, max_retries=1)
    assert isinstance(out, LLMError) and "unreadable response" in str(out) and len(server.requests) == 2
    deep = "[" * 200_000 + "]" * 200_000
    out, _, _, _ = run_client(lambda b, n: (200, {"X-Raw": "1"}, deep, 0.0), backoff=0.01, max_retries=0)
    assert isinstance(out, LLMError) and "not a chat completion" in str(out)
    # A 200 that is no chat completion (a proxy's HTML page) is asked again, like a 5xx (it was not).
    out, _, _, server = run_client(lambda b, n: (200, {"X-Raw": "1"}, "<html>busy</html>", 0.0) if n == 1 else ok("fine"),
                                   backoff=0.01, max_retries=2)
    assert out.text == "fine" and len(server.requests) == 2


def test_unusable_scores_are_recorded_never_raised() -> None:
    from curafilter.llm import parse_json_object
    from curafilter.principles import validate_scores

    assert parse_json_object("{" * 100_000 + "}" * 100_000) is None
    for v in (10**400, -(10**400), float("nan"), "0.5", True):
        assert isinstance(validate_scores({"scores": {"a": v}}, ["a"]), str), v
    assert validate_scores({"scores": {"a": 1}}, ["a"]) == ({"a": 1.0}, "")


def test_annotate_never_erases_a_file_it_did_not_write(tmp_path: Path, docs: Path) -> None:
    """-o on an existing JSONL file that is not a labels file (the input itself, say) used to
    keep only the lines that read as labels: the rest were erased."""
    principles = tmp_path / "p.toml"
    principles.write_text(PRINCIPLES)
    plain = write_shard(tmp_path / "plain.jsonl", [json.dumps({"text": f"doc {i}"}).encode() for i in range(5)])
    before = plain.read_bytes()
    with FakeLLM(teacher) as server:
        base = ["--principles", str(principles), "--endpoint", server.url, "--model", "teacher", "-q"]
        assert main(["annotate", str(plain), "-o", str(plain), *base]) == 1
        assert main(["annotate", str(docs), "-o", str(plain), *base]) == 1
        assert plain.read_bytes() == before and not server.requests


def test_annotate_resumes_whatever_the_spelling_of_the_input_path(tmp_path: Path, docs: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    principles = tmp_path / "p.toml"
    principles.write_text(PRINCIPLES)
    labels = tmp_path / "labels.jsonl"
    with FakeLLM(teacher) as server:
        base = ["--principles", str(principles), "--endpoint", server.url, "--model", "teacher", "-o", str(labels), "-q"]
        assert main(["annotate", str(docs), *base]) == 0
        asked = len(server.requests)
        monkeypatch.chdir(docs.parent)
        assert main(["annotate", docs.name, *base]) == 0
        assert len(server.requests) == asked and len(labels.read_text().splitlines()) == 40


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    words = ["hello world", "the text", "a number", "this document"]
    rows = []
    for i in range(40):
        extra = " gamma" if i % 3 == 0 else ""
        extra += " alpha" if i % 5 == 0 else ""
        rows.append(json.dumps({"id": f"d{i}", "text": f"{words[i % 4]} {i}{extra}"}).encode())
    return write_shard(tmp_path / "docs.jsonl.zst", rows, fmt="zst")


def test_annotate_labels_resumes_and_records_garbage(tmp_path: Path, docs: Path) -> None:
    principles = tmp_path / "p.toml"
    principles.write_text(PRINCIPLES)
    labels = tmp_path / "labels.jsonl"

    def flaky(body, n):
        doc = document_of(body)
        if " 7" in doc or doc.endswith(" 7"):
            return ok("I'd rather not say.")  # never valid JSON: retried, then a recorded failure
        if doc.endswith(" 11"):
            return ok('{"scores": {"deception": 2.5, "toxicity": 0.1}}')  # out of range: same
        return teacher(body, n)

    with FakeLLM(flaky) as server:
        args = ["annotate", str(docs), "--principles", str(principles), "--endpoint", server.url, "--model", "teacher",
                "-o", str(labels), "--id-key", "id", "-q", "--retries", "1"]
        assert main(args) == 0
        rows = [json.loads(x) for x in labels.read_text().splitlines()]
        failures = [json.loads(x) for x in (tmp_path / "labels.failures.jsonl").read_text().splitlines()]
        assert len(rows) == 38 and {f["id"] for f in failures} == {"d7", "d11"}
        assert all("unusable answer" in f["error"] for f in failures)
        by_id = {r["id"]: r for r in rows}
        assert by_id["d3"]["scores"]["toxicity"] == 0.9 and by_id["d1"]["scores"]["toxicity"] == 0.05
        asked = len(server.requests)
        assert asked == 38 + 2 * 3  # one call per good doc, three per garbage doc (1 + 2 parse retries)

        # Resume: labelled documents and recorded failures are skipped (nothing to do is not an error).
        with labels.open("ab") as f:
            f.write(b'{"id": "torn')  # a killed run's last line
        assert main(args) == 0
        assert len(server.requests) == asked
        # A torn last line in the failures file too: the next failure was appended to it, both lost.
        with (tmp_path / "labels.failures.jsonl").open("ab") as f:
            f.write(b'{"id": "d7", "sha')
        # --retry-failed asks only the two failures again; the failures file holds each once.
        assert main([*args, "--retry-failed"]) == 1, "every call failed again: exit 1"
        assert len(server.requests) == asked + 2 * 3
        assert len(labels.read_text().splitlines()) == 38
        failures = [json.loads(x) for x in (tmp_path / "labels.failures.jsonl").read_text().splitlines()]
        assert sorted(f["id"] for f in failures) == ["d11", "d7"]

    # Sampling is seeded and stable.
    from curafilter.annotate import iter_docs, sample

    a = [d.id for d in sample(iter_docs([docs], id_key="id"), 10, seed=1)]
    assert a == [d.id for d in sample(reversed(list(iter_docs([docs], id_key="id"))), 10, seed=1)]
    assert set(a[:5]) == set(d.id for d in sample(iter_docs([docs], id_key="id"), 5, seed=1))


def tiny_encoder(folder: Path) -> Path:
    safetensors_numpy = pytest.importorskip("safetensors.numpy")
    from test_onnx_export import TINY_CONFIG, tiny_weights

    config = {**TINY_CONFIG, "vocab_size": 136, "max_position_embeddings": 64}
    folder.mkdir()
    safetensors_numpy.save_file(tiny_weights(config=config), str(folder / "model.safetensors"))
    (folder / "config.json").write_text(json.dumps(config))
    (folder / "tokenizer.json").write_text(TINY_TOKENIZER.read_text())
    return folder


@pytest.mark.parametrize("mode", [["--frozen"], ["--fine-tune", "--epochs", "8", "--lr", "1e-3", "--folds", "2"]])
def test_distill_from_annotated_labels(tmp_path: Path, mode: list[str]) -> None:
    pytest.importorskip("sklearn")
    if "--fine-tune" in mode:
        pytest.importorskip("torch")
        pytest.importorskip("transformers")
    rows = []
    rng = np.random.default_rng(0)
    words = "the a word words document number text this that was hello world beta".split()
    for i in range(300):
        w = list(rng.choice(words, size=8))
        if i % 2:
            w.insert(3, "gamma")
        rows.append(json.dumps({"id": f"r{i}", "text": " ".join(w)}).encode())
    docs = write_shard(tmp_path / "d.jsonl", rows)
    principles = tmp_path / "p.toml"
    principles.write_text(PRINCIPLES)
    labels = tmp_path / "labels.jsonl"
    with FakeLLM(teacher) as server:
        assert main(["annotate", str(docs), "--principles", str(principles), "--endpoint", server.url,
                     "--model", "teacher", "-o", str(labels), "--id-key", "id", "-q"]) == 0
    bundle = tmp_path / "bundle"
    encoder = tiny_encoder(tmp_path / "encoder")
    assert main(["distill", str(labels), "-o", str(bundle), "--encoder", str(encoder), "--max-length", "32",
                 "--principles", str(principles), "--no-baselines", *mode]) == 0
    model = curafilter.load_model(bundle, device="cpu")
    assert model.principles == ["deception", "toxicity"]
    s = model.score_texts(["hello world gamma the text", "hello world the text"])
    assert s[0, 1] > s[1, 1], "distilled toxicity follows the teacher's signal"
    # A tiny random encoder fine-tuned on 300 rows learns less than linear heads on word counts, and
    # how much varies with the CPU's threading (0.78-0.82 seen on identical installs): well above
    # chance (0.5) is what this checks.
    assert model.card.metrics["toxicity"].auroc > (0.7 if "--fine-tune" in mode else 0.9)


REVISE_RULES = 'default = "keep"\n[[rule]]\nroute = "revise"\nreason = "toxic"\nwhen.any = { toxicity = 0.5 }\n'


def revise_setup(tmp_path: Path, n: int) -> tuple[Path, Path, Path]:
    """A tiny scorer that flags exactly the documents containing 'gamma', and a run whose revise
    queue holds n of them."""
    w = np.full((136, 4), -4.0, dtype=np.float32)
    w[tiny_token_id("gamma"), 3] = 60.0
    bundle = make_tiny_bundle(tmp_path / "scorer", weights=w, thresholds={p: 0.5 for p in
                              ("deception", "power_seeking", "cruelty", "toxicity")})
    rows = []
    for i in range(n):
        tag = " alpha" if i % 7 == 0 else " beta" if i % 11 == 0 else ""
        rows.append(json.dumps({"id": f"q{i}", "text": f"hello gamma world {i}{tag}", "keep": i}).encode())
    docs = write_shard(tmp_path / "in.jsonl", rows)
    rules = tmp_path / "rules.toml"
    rules.write_text(REVISE_RULES)
    stats = curafilter.run([docs], tmp_path / "run", model=bundle, rules=rules, device="cpu", progress=False)
    assert stats.routes["revise"] == n
    principles = tmp_path / "p.toml"
    principles.write_text(PRINCIPLES)
    return bundle, tmp_path / "run" / "revise", principles


def reviser(delay: float = 0.0):
    def script(body, n):
        doc = document_of(body)
        if "beta" in doc:
            return 500, {}, '{"error": "boom"}', 0.0
        if "alpha" in doc:
            return 200, {}, doc, delay  # refuses to change anything: the original comes back
        return 200, {}, doc.replace("gamma", "world"), delay

    return script


def read_out(folder: Path) -> dict[str, list[dict]]:
    out = {}
    for state in ("revised", "dropped", "failed"):
        f = folder / state / "revise.jsonl.zst"
        out[state] = [json.loads(x) for x in zstandard.ZstdDecompressor().decompress(f.read_bytes(), max_output_size=1 << 26).splitlines()] if f.exists() else []
    return out


def test_revise_rescore_fail_closed_and_conservation(tmp_path: Path) -> None:
    bundle, queue, principles = revise_setup(tmp_path, 30)
    out = tmp_path / "revised"
    with FakeLLM(reviser()) as server:
        assert main(["revise", str(queue), "-o", str(out), "--principles", str(principles), "--endpoint", server.url,
                     "--model", "rewriter", "--scorer", str(bundle), "--device", "cpu", "--max-attempts", "2",
                     "--retries", "0", "--price-in", "1", "--price-out", "2", "-q"]) == 0
    got = read_out(out)
    alpha = {f"q{i}" for i in range(30) if i % 7 == 0}
    beta = {f"q{i}" for i in range(30) if i % 11 == 0 and i % 7 != 0}
    assert {r["id"] for r in got["dropped"]} == alpha
    assert {r["id"] for r in got["failed"]} == beta
    assert len(got["revised"]) == 30 - len(alpha) - len(beta)
    for r in got["revised"]:
        audit = r["curafilter_revision"]
        assert "gamma" not in r["text"] and "gamma" in audit["original_text"]
        assert audit["scores_after"]["toxicity"] < 0.5 and r["keep"] == int(r["id"][1:])
    for r in got["dropped"]:
        assert "gamma" in r["text"] and "the rewrite is the original text after 2 attempts" in r["curafilter_revision"]["reason"]
    for r in got["failed"]:
        assert "gamma" in r["text"] and "LLM call failed" in r["curafilter_revision"]["reason"]
    db = sqlite3.connect(out / "ledger.sqlite")
    assert db.execute("SELECT COUNT(*), SUM(cost) > 0 FROM docs").fetchone() == (30, 1)
    assert sum(len(v) for v in got.values()) == 30


def test_revise_dry_run_and_batch_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bundle, queue, principles = revise_setup(tmp_path, 12)
    base = ["revise", str(queue), "--principles", str(principles), "--scorer", str(bundle), "--device", "cpu",
            "--model", "rewriter", "--price-in", "3", "--price-out", "15"]
    assert main([*base, "-o", str(tmp_path / "dry"), "--dry-run"]) == 0
    assert "cost_one_attempt" in capsys.readouterr().out
    requests = tmp_path / "batch.jsonl"
    out = tmp_path / "batch-out"
    assert main([*base, "-o", str(out), "--export-batch", str(requests)]) == 0
    reqs = [json.loads(x) for x in requests.read_text().splitlines()]
    assert len(reqs) == 12 and reqs[0]["url"] == "/v1/chat/completions" and reqs[0]["body"]["model"] == "rewriter"
    results = tmp_path / "results.jsonl"
    with results.open("w") as f:
        for r in reqs:
            text = r["body"]["messages"][-1]["content"].replace("gamma", "world")
            body = {"choices": [{"message": {"role": "assistant", "content": text}}], "usage": {"prompt_tokens": 7, "completion_tokens": 3}}
            f.write(json.dumps({"custom_id": r["custom_id"], "response": {"status_code": 200, "body": body}}) + "\n")
    assert main([*base, "-o", str(out), "--import-batch", str(results)]) == 0
    assert main([*base, "-o", str(out), "--import-batch", str(results)]) == 0  # importing twice changes nothing
    got = read_out(out)
    assert len(got["revised"]) == 12 and len({r["curafilter_revision"]["id"] for r in got["revised"]}) == 12
    # A dry run prices only what is left to ask (it priced the settled records again).
    capsys.readouterr()
    assert main([*base, "-o", str(out), "--dry-run", "--json"]) == 0
    est = json.loads(capsys.readouterr().out)
    assert (est["documents"], est["settled"], est["cost_one_attempt"]) == (0, 12, 0)


def test_batch_answers_count_once_and_a_bad_results_file_applies_nothing(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    # Importing the same still-violating answers twice (or one twice in a file) dropped every
    # record "after 2 attempts"; a bad line part-way applied the lines before it; results for
    # another queue were discarded without a word, exit 0.
    bundle, queue, principles = revise_setup(tmp_path, 6)
    base = ["revise", str(queue), "--principles", str(principles), "--scorer", str(bundle), "--device", "cpu",
            "--model", "rewriter", "--max-attempts", "2"]
    out, requests = tmp_path / "out", tmp_path / "batch.jsonl"
    assert main([*base, "-o", str(out), "--export-batch", str(requests)]) == 0
    reqs = [json.loads(x) for x in requests.read_text().splitlines()]

    def results(name: str, texts, extra: list[str] = ()) -> Path:
        lines = [json.dumps({"custom_id": r["custom_id"], "response": {"status_code": 200, "body": {
            "choices": [{"message": {"content": t}}]}}}) for r, t in zip(reqs, texts)]
        (tmp_path / name).write_text("\n".join([*lines, *extra]) + "\n")
        return tmp_path / name

    still = results("still.jsonl", [f"still gamma here {i}" for i in range(6)])
    db = lambda: sqlite3.connect(out / "ledger.sqlite").execute(  # noqa: E731
        "SELECT state, attempts, COUNT(*) FROM docs GROUP BY state, attempts").fetchall()
    for _ in range(2):
        assert main([*base, "-o", str(out), "--import-batch", str(still)]) == 0
    assert db() == [("pending", 1, 6)]
    doubled = results("doubled.jsonl", [f"again gamma {i}" for i in range(6)])
    doubled.write_text(doubled.read_text() * 2)  # each answer twice: one attempt each
    assert main([*base, "-o", str(out), "--import-batch", str(doubled)]) == 0
    assert db() == [("dropped", 2, 6)]
    bad = results("bad.jsonl", [f"fine world {i}" for i in range(6)], ["{not json"])
    out2 = tmp_path / "out2"
    assert main([*base, "-o", str(out2), "--export-batch", str(tmp_path / "b2.jsonl")]) == 0
    assert main([*base, "-o", str(out2), "--import-batch", str(bad)]) == 1
    assert "bad.jsonl:7" in capsys.readouterr().err
    assert sqlite3.connect(out2 / "ledger.sqlite").execute("SELECT state, COUNT(*) FROM docs GROUP BY state").fetchall() == [("pending", 6)]
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"custom_id": "elsewhere:1", "response": {"status_code": 200, "body": {}}}) + "\n")
    assert main([*base, "-o", str(out2), "--import-batch", str(other)]) == 1
    assert "none of its 1 results" in capsys.readouterr().err


REVISE_SCRIPT = """
import sys
from curafilter.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_revise_killed_and_resumed_has_no_duplicates_or_losses(tmp_path: Path) -> None:
    bundle, queue, principles = revise_setup(tmp_path, 80)
    out = tmp_path / "revised"
    with FakeLLM(reviser(delay=0.03)) as server:
        args = [sys.executable, "-c", REVISE_SCRIPT, "revise", str(queue), "-o", str(out), "--principles",
                str(principles), "--endpoint", server.url, "--model", "rewriter", "--scorer", str(bundle),
                "--device", "cpu", "--concurrency", "2", "--retries", "0", "--max-attempts", "2", "-q"]
        proc = subprocess.Popen(args)
        deadline = time.monotonic() + 60
        done = 0
        while time.monotonic() < deadline and proc.poll() is None:
            if (out / "ledger.sqlite").exists():
                try:
                    done = sqlite3.connect(out / "ledger.sqlite").execute(
                        "SELECT COUNT(*) FROM docs WHERE state = 'done'").fetchone()[0]
                except sqlite3.OperationalError:
                    done = 0
                if done >= 10:
                    break
            time.sleep(0.02)
        proc.kill()
        proc.wait()
        assert 10 <= done < 80, done
        calls_before = len(server.requests)
        assert subprocess.run(args).returncode == 0
    got = read_out(out)
    ids = [r["curafilter_revision"]["id"] for v in got.values() for r in v]
    assert len(ids) == len(set(ids)) == 80
    assert calls_before < len(server.requests)


def test_annotate_resumes_older_labels_and_skips_its_own_files_in_an_input_folder(
        tmp_path: Path, docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ids of labels written before they named shards by absolute path still count as done (from
    the same folder); a labels file inside the input folder is never read as documents, nor
    refused on the second run."""
    principles = tmp_path / "p.toml"
    principles.write_text(PRINCIPLES)
    monkeypatch.chdir(tmp_path)
    labels = tmp_path / "labels.jsonl"
    old = {"id": f"{docs.name}:1", "shard": docs.name, "line": 1, "text": "hello world 0 gamma alpha",
           "scores": {"deception": 0.8, "toxicity": 0.9}, "reason": "scripted", "teacher": "teacher"}
    labels.write_text(json.dumps(old) + "\n")
    with FakeLLM(teacher) as server:
        base = ["--principles", str(principles), "--endpoint", server.url, "--model", "teacher", "-q"]
        assert main(["annotate", docs.name, "-o", str(labels), *base]) == 0
        assert len(server.requests) == 39 and len(labels.read_text().splitlines()) == 40
        inside = tmp_path / "corpus"
        inside.mkdir()
        (inside / docs.name).write_bytes(docs.read_bytes())
        for _ in range(2):
            assert main(["annotate", str(inside), "-o", str(inside / "labels.jsonl"), *base]) == 0
        assert len((inside / "labels.jsonl").read_text().splitlines()) == 40
