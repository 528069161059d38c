"""curafilter's benchmark suite: every stage, the baselines and scaling, in one run.

    python bench/suite.py                         # ../shared/data/corpus, default bundle → bench/RESULTS.md
    python bench/suite.py PATH... --docs 300      # any corpus
    python bench/suite.py --smoke --out /tmp/r.md # seconds: tiny model and corpus (CI)

Each measurement runs in its own subprocess, so its peak RSS is its own. Figures are docs/s, MB/s
(decoded input), tokens/s and peak RSS. Stages over the whole corpus: read + decompress, + parse,
+ tokenise (Rust and pure Python). Stages over the first --docs documents (model speed bounds
them on a CPU): model alone per variant, end to end (`curafilter run`), the naive Python
pipeline and, where torch and transformers are installed (`pip install -e '.[bench,bench-torch]'`),
the same model in a transformers pipeline (bench/hf_pipeline.py). Ratios are taken within one run
on one machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "corpus"
sys.path.insert(0, str(ROOT / "bench"))


# --------------------------------------------------------------------------------------------
# Stages (run in a child process: `suite.py --stage NAME --args JSON`)
# --------------------------------------------------------------------------------------------


def _shards(paths: list[str]) -> list[str]:
    from curafilter._core import resolve_inputs

    return resolve_inputs(paths)


def stage_rust_read(a: dict) -> dict:
    from curafilter._core import scan_lines

    lines, _, decoded = scan_lines(a["paths"])
    return {"docs": lines, "bytes": decoded, "tokens": 0}


def stage_rust_parse(a: dict) -> dict:
    import curafilter

    with curafilter.stream(a["paths"], tokenizer=None, threads=a.get("threads", 0)) as s:
        docs = sum(len(b) for b in s)
        return {"docs": docs, "bytes": s.counters["bytes_decoded"], "tokens": 0}


def stage_rust_tokenize(a: dict) -> dict:
    import curafilter

    with curafilter.stream(a["paths"], tokenizer=a["tokenizer"], max_length=a["max_length"],
                           threads=a.get("threads", 0)) as s:
        docs = tokens = 0
        for b in s:
            docs += len(b)
            tokens += int(b.n_tokens.sum())
        return {"docs": docs, "bytes": s.counters["bytes_decoded"], "tokens": tokens}


def _py_lines(paths: list[str]):
    from common import open_text

    for p in _shards(paths):
        with open_text(p) as f:
            for line in io.BufferedReader(f, 1 << 20):
                yield line


def _py_docs(paths: list[str]):
    """(line bytes, text) per line, text None for a blank line: how the Python baselines read."""
    for line in _py_lines(paths):
        yield len(line), (json.loads(line)["text"] if line.strip() else None)


def stage_py_read(a: dict) -> dict:
    docs = nbytes = 0
    for line in _py_lines(a["paths"]):
        nbytes += len(line)
        docs += bool(line.strip())
    return {"docs": docs, "bytes": nbytes, "tokens": 0}


def stage_py_parse(a: dict) -> dict:
    docs = nbytes = 0
    for line in _py_lines(a["paths"]):
        nbytes += len(line)
        if line.strip():
            json.loads(line)[a.get("text_key", "text")]
            docs += 1
    return {"docs": docs, "bytes": nbytes, "tokens": 0}


def stage_py_tokenize(a: dict) -> dict:
    os.environ["RAYON_NUM_THREADS"] = "1"
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(a["tokenizer"])
    tok.no_padding()
    tok.enable_truncation(a["max_length"])
    docs = nbytes = tokens = 0
    texts: list[str] = []
    for n, text in _py_docs(a["paths"]):
        nbytes += n
        if text is not None:
            texts.append(text)
            docs += 1
        if len(texts) == 1024:
            tokens += sum(len(e.ids) for e in tok.encode_batch(texts))
            texts.clear()
    tokens += sum(len(e.ids) for e in tok.encode_batch(texts))
    return {"docs": docs, "bytes": nbytes, "tokens": tokens}


def stage_datatrove_read(a: dict) -> dict:
    from datatrove.pipeline.readers import JsonlReader

    docs = nbytes = 0
    for shard in _shards(a["paths"]):
        p = Path(shard)
        compression = "zstd" if shard.endswith(".zst") else "gzip" if shard.endswith(".gz") else None
        reader = JsonlReader(str(p.parent), glob_pattern=p.name, compression=compression, text_key="text")
        for doc in reader.run():
            docs += 1
            nbytes += len(doc.text.encode())
    return {"docs": docs, "bytes": nbytes, "tokens": 0, "note": "bytes are text bytes, not line bytes"}


def stage_model(a: dict) -> dict:
    import curafilter

    model = curafilter.load_model(a["bundle"], device=a["device"], variant=a["variant"], threads=a.get("threads", 0))
    with model.stream(a["paths"], batch_tokens=a["batch_tokens"]) as s:
        batches = list(s)
        nbytes = s.counters["bytes_decoded"]
    model.score_batch(batches[0])
    t0 = time.perf_counter()
    docs = sum(len(model.score_batch(b)) for b in batches)
    return {"docs": docs, "bytes": nbytes, "tokens": int(sum(int(b.n_tokens.sum()) for b in batches)),
            "seconds": time.perf_counter() - t0}


def stage_e2e(a: dict) -> dict:
    import curafilter

    model = curafilter.load_model(a["bundle"], device=a["device"], variant=a["variant"])
    out = Path(tempfile.mkdtemp())
    t0 = time.perf_counter()
    stats = curafilter.run(a["paths"], out, model=model, batch_tokens=a["batch_tokens"], threads=a.get("threads", 0),
                           progress=False)
    secs = time.perf_counter() - t0
    shutil.rmtree(out)
    return {"docs": stats.docs, "bytes": stats.input_bytes, "tokens": 0, "seconds": secs, "bytes_are": "input"}


def stage_naive(a: dict) -> dict:
    """zstandard + json + tokenizers (Python) + onnxruntime, fixed padding, one step after another."""
    import numpy as np
    import onnxruntime as ort
    from tokenizers import Tokenizer

    import curafilter

    model = curafilter.load_model(a["bundle"], device=a["device"], variant=a["variant"])
    tok = Tokenizer.from_file(str(model.tokenizer_path))
    L = model.max_length
    tok.enable_truncation(L)
    tok.enable_padding(length=L, pad_id=0)
    sess = ort.InferenceSession(str(model.model_file), providers=["CPUExecutionProvider"])
    t0 = time.perf_counter()
    docs = nbytes = 0
    texts: list[str] = []

    def flush() -> None:
        enc = tok.encode_batch(texts)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        sess.run(["scores"], {"input_ids": ids, "attention_mask": mask})
        texts.clear()

    for n, text in _py_docs(a["paths"]):
        nbytes += n
        if text is not None:
            texts.append(text)
            docs += 1
            if len(texts) == 32:
                flush()
    if texts:
        flush()
    return {"docs": docs, "bytes": nbytes, "tokens": docs * L, "seconds": time.perf_counter() - t0}


def _texts(paths: list[str]) -> tuple[list[str], int]:
    """Document texts and line bytes, read as the naive pipeline reads them."""
    docs = list(_py_docs(paths))
    return [t for _, t in docs if t is not None], sum(n for n, _ in docs)


def stage_hf(a: dict) -> dict:
    """The HF transformers text-classification pipeline on torch CPU, same encoder and head (bench/hf_pipeline.py).

    Reading is timed as in the naive stage; building the torch model from the bundle is not (as
    the naive stage does not time its session). The same documents are then scored by curafilter
    (variant a["variant"]) so the results can show that both compute the same model."""
    import numpy as np
    from hf_pipeline import load_pipeline, scores_matrix

    import curafilter

    clf = load_pipeline(a["bundle"])
    warm, _ = _texts(a["paths"])
    # torch's first calls allocate and pick kernels; a few documents of the real lengths warm it up.
    clf(warm[:8], batch_size=8)
    t0 = time.perf_counter()
    texts, nbytes = _texts(a["paths"])
    scores = scores_matrix(clf(texts, batch_size=32), clf.model.config)
    secs = time.perf_counter() - t0
    model = curafilter.load_model(a["bundle"], device="cpu", variant=a["variant"])
    ours = model.score_texts(texts)
    tokens = sum(int(b.n_tokens.sum()) for b in model.tokenizer().encode_batches(texts, batch_tokens=16384))
    return {"docs": len(texts), "bytes": nbytes, "tokens": tokens, "seconds": secs,
            "max_abs_diff": float(np.abs(scores - ours).max()), "versus": model.variant}


STAGES = {name[len("stage_"):]: fn for name, fn in globals().items() if name.startswith("stage_")}


# --------------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------------


def measure(stage: str, args: dict) -> dict:
    """Run one stage in a child process, so that its peak RSS is its own."""
    cmd = [sys.executable, __file__, "--stage", stage, "--args", json.dumps(args)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_stage_child(stage: str, args: dict) -> None:
    import resource

    t0 = time.perf_counter()
    res = STAGES[stage](args)
    res.setdefault("seconds", time.perf_counter() - t0)  # stages that warm up time themselves
    res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(res))


def fmt_row(name: str, r: dict) -> str:
    if "error" in r:
        return f"| {name} | skipped: {r['error']} | | | | |"
    s = r["seconds"] or float("nan")
    tok = f"{r['tokens'] / s:,.0f}" if r.get("tokens") else "-"
    return (f"| {name} | {r['docs'] / s:,.1f} | {r['bytes'] / s / 1e6:,.1f} | {tok} | {r['peak_rss_mb']:,.0f} | "
            f"{r['docs']:,} docs in {s:.2f} s |")


def machine() -> dict[str, str]:
    from common import cpu_name

    cpu = cpu_name()
    gpu = "none"
    if shutil.which("nvidia-smi"):
        q = subprocess.run(["nvidia-smi", "--query-gpu=name,memory.total", "--format=csv,noheader"],
                           capture_output=True, text=True)
        gpu = q.stdout.strip() or "nvidia-smi found, no GPU listed"
    import numpy
    import onnxruntime
    import tokenizers

    import curafilter

    hf = ""
    if not _torch_missing():
        from hf_pipeline import versions

        hf = f", {versions()}"
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": f"{cpu}, {os.cpu_count()} logical cores",
        "gpu": gpu,
        "versions": (f"curafilter {curafilter.__version__}, Python {platform.python_version()}, "
                     f"onnxruntime {onnxruntime.__version__} ({', '.join(onnxruntime.get_available_providers())}), "
                     f"tokenizers {tokenizers.__version__}, numpy {numpy.__version__}{hf}"),
        "os": f"{platform.system()} {platform.release()}",
    }


def length_distribution(paths: list[str], tokenizer: str, max_length: int) -> str:
    import numpy as np

    import curafilter

    chars = []
    for line in _py_lines(paths):
        if line.strip():
            chars.append(len(json.loads(line)["text"]))
    c = np.array(chars)
    toks = []
    with curafilter.stream(paths, tokenizer=tokenizer, max_length=max_length) as s:
        for b in s:
            toks.extend(b.n_tokens.tolist())
    t = np.array(toks)
    q = lambda a: " / ".join(f"{int(np.percentile(a, p)):,}" for p in (0, 10, 50, 90, 100))  # noqa: E731
    return (f"{c.size:,} documents; characters min / p10 / median / p90 / max: {q(c)}; tokens at max length "
            f"{max_length}: {q(t)} ({100 * (t >= max_length).mean():.0f}% truncated)")


def subset(paths: list[str], n: int, dest: Path) -> str:
    import zstandard

    lines = []
    for line in _py_lines(paths):
        if line.strip():
            lines.append(line.rstrip(b"\n"))
            if len(lines) >= n:
                break
    dest.write_bytes(zstandard.ZstdCompressor(level=3).compress(b"\n".join(lines) + b"\n"))
    return str(dest)


def replicate(paths: list[str], times: int, dest: Path) -> list[str]:
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(times):
        for p in _shards(paths):
            link = dest / f"copy{k}-{Path(p).name}"
            if not link.exists():
                os.symlink(os.path.abspath(p), link)
            out.append(str(link))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--bundle", default="default")
    ap.add_argument("--docs", type=int, default=300, help="documents for the model-bound stages")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--out", default=str(ROOT / "bench" / "RESULTS.md"))
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--stage", help=argparse.SUPPRESS)
    ap.add_argument("--args", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.stage:
        run_stage_child(a.stage, json.loads(a.args))
        return 0

    import curafilter

    tmp = Path(tempfile.mkdtemp())
    if a.smoke:
        sys.path.insert(0, str(ROOT / "tests"))
        from common import smoke_corpus
        from conftest import make_tiny_bert_bundle

        # A tiny BERT with the default model's wide-and-deep head (not a lookup table), so every
        # stage, the HF baseline included, runs the real graph shape in seconds.
        bundle = str(make_tiny_bert_bundle(tmp / "bundle", max_length=64, int8_copy=True))
        paths = smoke_corpus(tmp)
        a.docs = 200
    else:
        bundle = a.bundle
        paths = a.paths or [str(DEFAULT_CORPUS)]
        for p in paths:
            if not Path(p).exists():
                print(f"no corpus at {p}; pass shard paths", file=sys.stderr)
                return 2
    model = curafilter.load_model(bundle, device=a.device)
    tokenizer, L = str(model.tokenizer_path), model.max_length
    small = [subset(paths, a.docs, tmp / "subset.jsonl.zst")]
    base = {"paths": paths, "tokenizer": tokenizer, "max_length": L}
    mb = {"bundle": str(model.path), "device": a.device, "batch_tokens": 8192, "variant": model.variant}

    rows: list[tuple[str, dict]] = []

    def add(name: str, stage: str, args: dict) -> dict:
        r = measure(stage, args)
        rows.append((name, r))
        print(fmt_row(name, r) if "peak_rss_mb" in r or "error" in r else f"{name}: {r}", flush=True)
        return r

    print("== stages over the whole corpus", flush=True)
    rr = add("read + decompress (Rust)", "rust_read", base)
    pr = add("read + decompress (Python: zstandard)", "py_read", base)
    add("read (datatrove JsonlReader)", "datatrove_read", base)
    add("+ parse (Rust, serde_json)", "rust_parse", base)
    add("+ parse (Python: json)", "py_parse", base)
    rt1 = add("+ tokenise (Rust, 1 tokeniser thread)", "rust_tokenize", {**base, "threads": 1})
    rtn = add(f"+ tokenise (Rust, {os.cpu_count()} tokeniser threads)", "rust_tokenize", {**base, "threads": 0})
    pt = add("+ tokenise (Python: tokenizers, 1 thread)", "py_tokenize", base)
    four = replicate(paths, 4, tmp / "x4")
    rt4 = add("+ tokenise (Rust), corpus × 4", "rust_tokenize", {**base, "paths": four})

    print(f"== model-bound stages over the first {a.docs} documents", flush=True)
    variants = sorted(model.card.variants)
    model_rows = {v: add(f"model alone: {v}", "model", {**mb, "paths": small, "variant": v}) for v in variants}
    e2e = add(f"end to end: curafilter run ({model.variant})", "e2e", {**mb, "paths": small})
    small4 = [subset(paths, 4 * a.docs, tmp / "subset4.jsonl.zst")]
    e2e4 = add(f"end to end × 4 documents ({model.variant})", "e2e", {**mb, "paths": small4})
    naive = add(f"naive Python pipeline ({model.variant}, padded to {L}, batch 32)", "naive", {**mb, "paths": small})
    hf_name = "HF transformers pipeline (torch, fp32, batch 32)"
    missing = _torch_missing()
    if missing:
        hf: dict = {"error": missing}
        rows.append((hf_name, hf))
    else:
        hf = add(hf_name, "hf", {**mb, "paths": small})

    def rate(r: dict) -> float:
        return r["docs"] / r["seconds"] if "docs" in r and r.get("seconds") else float("nan")

    ratios = [
        ("Rust read + tokenise vs Python (both 1 tokeniser thread)", rate(rt1) / rate(pt), "≥ 5"),
        ("end to end vs naive Python pipeline", rate(e2e) / rate(naive), "≥ 2.5"),
        ("end to end vs HF transformers pipeline (torch)", rate(e2e) / rate(hf), ""),
        ("pipeline overhead: 1 − end to end / model alone", 1 - rate(e2e) / rate(model_rows[model.variant]), "≤ 0.10"),
        ("Rust read vs Python read", rate(rr) / rate(pr), ""),
        (f"Rust tokenise, {os.cpu_count()} threads vs 1", rate(rtn) / rate(rt1), ""),
        ("Rust tokenise docs/s, corpus × 4 vs × 1 (flat = linear cost)", rate(rt4) / rate(rtn), "≈ 1"),
        ("Rust tokenise peak RSS, corpus × 4 vs × 1 (flat = bounded memory)",
         rt4.get("peak_rss_mb", float("nan")) / rtn.get("peak_rss_mb", float("nan")), "≈ 1"),
        ("end to end docs/s, 4× documents vs 1×", rate(e2e4) / rate(e2e), "≈ 1"),
        ("end to end peak RSS, 4× documents vs 1×",
         e2e4.get("peak_rss_mb", float("nan")) / e2e.get("peak_rss_mb", float("nan")), "≈ 1"),
    ]
    m = machine()
    lines = [
        "# curafilter benchmark results",
        "",
        f"Command: `python bench/suite.py{' --smoke' if a.smoke else ''}` — {m['date']}",
        "",
        f"- CPU: {m['cpu']}",
        f"- GPU: {m['gpu']}" + ("" if m["gpu"] != "none" else " (the CUDA/TensorRT path was not run)"),
        f"- {m['versions']}; {m['os']}",
        f"- model: {model.id} on {model.device} ({', '.join(model.providers)}), max length {L}",
        f"- corpus: {', '.join(paths)}: {length_distribution(paths, tokenizer, L)}",
        f"- HF transformers baseline: {_hf_agreement(hf)}",
        "",
        "| stage | docs/s | MB/s | tokens/s | peak RSS MB | |",
        "|---|---:|---:|---:|---:|---|",
        *(fmt_row(n, r) for n, r in rows),
        "",
        "| ratio | measured | target |",
        "|---|---:|---|",
        *(f"| {n} | {v:.2f} | {t} |" for n, v, t in ratios),
        "",
        "MB/s is decoded input bytes per second (the end-to-end rows: bytes of the input file). Model-bound",
        "rows run on the first documents of the corpus, copied into one shard. The naive row's tokens are",
        "padded tokens; the HF row pads each batch to its longest document and counts real tokens.",
    ]
    Path(a.out).write_text("\n".join(lines) + "\n")
    print("\n".join(lines[-(len(ratios) + 5):]))
    print(f"wrote {a.out}")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _torch_missing() -> str:
    """Why the HF baseline cannot run here ("" when it can): torch and transformers are not curafilter dependencies."""
    from importlib.util import find_spec

    # find_spec rather than import: the driver itself never needs torch in memory.
    missing = [name for name in ("torch", "transformers") if find_spec(name) is None]
    if not missing:
        return ""
    return (f"{' and '.join(missing)} not installed for this Python (the torch wheel with its CUDA libraries is "
            f"~2.5 GB); run the suite with a Python that has them to measure it")


def _hf_agreement(hf: dict) -> str:
    if "max_abs_diff" not in hf:
        return "not run (see its row)"
    return (f"the same encoder and head rebuilt in torch (bench/hf_pipeline.py); its scores differ from "
            f"curafilter's {hf['versus']} scores by at most {hf['max_abs_diff']:.2g} (max |Δp|) on the same "
            f"{hf['docs']:,} documents")


if __name__ == "__main__":
    sys.exit(main())
