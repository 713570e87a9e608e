#!/usr/bin/python3
"""IntentBot's model in PyTorch eager vs the ONNX Runtime model IntentBot ships, side by side, plus the
machine's fp32 matrix-multiply throughput.

Run with Debian's python3-torch (/usr/bin/python3); benchmarks/run.sh pytorch builds the C# tool first.

* Same architecture (the checkpoint's: model 2.x is training/pretrained.py's 6 layers, hidden 384, FFN 1536),
  same texts (the first B messages of benchmarks/IntentBot.Benchmarks/messages.txt, tokenized with the
  training tokenizer, which matches the runtime's), padded to the longest in the batch as the C#
  micro-batcher does, same batch sizes (1, 8, 32), the same cores (ONNX Runtime as the server runs it: one
  single-threaded run per core at once; PyTorch with 1 thread and with one per core, the faster counted).
* Weights: the fp32 checkpoint when training/build/ has one, else random weights. Speed does not depend on
  the values, and the report says which it was.
* PyTorch rows: fp32 eager (what training/ runs), and eager with torch's dynamic int8 quantization of the
  Linear layers, the closest eager counterpart of the shipped model (int8 DynamicQuantizeMatMul in ONNX).
* ONNX rows come from the C# tool's `onnx` mode (OnnxModel.Run, the engine's own call), run in between the
  PyTorch rounds so both see the same machine load. Each side is measured in two rounds, best kept.
* GEMM: a large fp32 matrix multiply in numpy (OpenBLAS) and torch, GFLOP/s, and the model's FLOPs per
  text computed from the architecture, to say what fraction of the machine's GEMM rate batch 32 reaches.
  Also the int8 ceiling: a one-node ONNX model (DynamicQuantizeMatMul, 2048x2048 int8 weight: the same u8 x s8
  kernel as the shipped model's MatMulIntegerToFloat) timed by the C# tool's `gemm` mode. It bounds what any int8 runtime can do
  with this model here (as measured on one large shape), and so the largest ONNX-over-PyTorch ratio to expect.

Writes a markdown report to --out (default benchmarks/results/pytorch-eager.md) and JSON next to it.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOL = os.path.join(ROOT, "benchmarks", "IntentBot.Benchmarks", "bin", "Release", "net10.0", "IntentBot.Benchmarks")
BATCHES = (1, 8, 32)


def ensure_openblas() -> str:
    """Debian's torch and numpy use whichever libblas.so.3 is selected; the reference BLAS is ~10x slower."""
    def installed() -> bool:
        return subprocess.run(["dpkg", "-s", "libopenblas0-pthread"], capture_output=True).returncode == 0
    if installed():
        return "libopenblas0-pthread already installed"
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run(sudo + ["apt-get", "update", "-qq"], check=False)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "libopenblas0-pthread"], check=True)
    return "libopenblas0-pthread installed by this run"


def load_texts() -> list[str]:
    path = os.path.join(ROOT, "benchmarks", "IntentBot.Benchmarks", "messages.txt")
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.strip().startswith("#")]


def encode_batches(texts: list[str]):
    import torch
    sys.path.insert(0, os.path.join(ROOT, "training"))
    from tokenization import WordPieceTokenizer  # noqa: E402
    model_dir = os.path.join(ROOT, "models", "intentbot-default")
    with open(os.path.join(model_dir, "manifest.json"), encoding="utf-8") as f:
        max_len = json.load(f)["tokenizer"]["maxSequenceLength"]
    tok = WordPieceTokenizer.from_file(os.path.join(model_dir, "vocab.txt"))
    out = {}
    for b in BATCHES:
        rows = [tok.encode(t, max_length=max_len) for t in texts[:b]]
        seq = max(len(r) for r in rows)
        ids = torch.full((b, seq), tok.pad_id, dtype=torch.long)
        mask = torch.zeros((b, seq), dtype=torch.long)
        for i, r in enumerate(rows):
            ids[i, :len(r)] = torch.tensor(r)
            mask[i, :len(r)] = 1
        out[b] = (ids, mask, torch.zeros_like(ids))
    return out


def build_model():
    """The shipped architecture with the trained checkpoint when training/build/model has one (training.model's
    sharded format), else the default architecture with random weights."""
    sys.path.insert(0, ROOT)
    from training.model import EncoderConfig, IntentSentimentModel, load_checkpoint  # noqa: E402
    checkpoint = os.path.join(ROOT, "training", "build", "model", "run", "checkpoint.pt")
    if os.path.exists(checkpoint):
        try:
            model, _meta = load_checkpoint(checkpoint)
            model.eval()
            return model, model.cfg, f"checkpoint {os.path.relpath(checkpoint, ROOT)}"
        except Exception as e:  # an unreadable or foreign checkpoint: say so and fall back
            print(f"warning: cannot load {checkpoint}: {e}", file=sys.stderr)
    cfg = EncoderConfig()
    model = IntentSentimentModel(cfg)
    model.eval()
    return model, cfg, "random (no checkpoint in training/build/; speed does not depend on weight values)"


def seconds_per_call(fn, seconds: float, warmup: int) -> float:
    """Mean seconds per call of fn over about `seconds`, after `warmup` calls."""
    for _ in range(warmup):
        fn()
    runs, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        fn()
        runs += 1
    return (time.perf_counter() - start) / runs


def run_tool(mode: str, *args: str) -> list[dict[str, str]]:
    """Runs the C# tool in `mode`; each output line "MODE key=value ..." as a dict."""
    run = subprocess.run([TOOL, mode, *args], capture_output=True, text=True, check=True, cwd=ROOT)
    return [dict(p.split("=") for p in line.split()[1:]) for line in run.stdout.splitlines() if line.startswith(mode + " ")]


def time_torch(model, inputs, seconds: float) -> float:
    """Seconds per batch, after a warm-up."""
    import torch
    with torch.inference_mode():
        return seconds_per_call(lambda: model(*inputs), seconds, warmup=3)


def time_onnx(seconds: float) -> dict[int, tuple[int, float]]:
    """{batch: (sequence, seconds per batch)} from the C# tool's onnx mode."""
    rows = run_tool("onnx", "--seconds", str(seconds), "--batches", ",".join(map(str, BATCHES)))
    return {int(kv["batch"]): (int(kv["seq"]), float(kv["ms_per_batch"]) / 1000) for kv in rows}


def gemm_gflops(n: int = 2048, seconds: float = 2.0) -> dict[str, float]:
    import numpy as np
    import torch
    a = np.random.rand(n, n).astype(np.float32)
    b = np.random.rand(n, n).astype(np.float32)
    ta, tb = torch.from_numpy(a), torch.from_numpy(b)
    flops = 2 * n**3
    return {"numpy": flops / seconds_per_call(lambda: a @ b, seconds, warmup=1) / 1e9,
            "torch": flops / seconds_per_call(lambda: ta @ tb, seconds, warmup=1) / 1e9}


def int8_gemm_gops(seconds: float, n: int = 2048) -> float:
    """ONNX Runtime's int8 GEMM rate (2*n^3 operations per run) on a one-node DynamicQuantizeMatMul model."""
    import tempfile
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    w = np.random.default_rng(0).integers(-64, 64, size=(n, n)).astype(np.int8)   # 7-bit, as training/quantize.py
    graph = helper.make_graph(
        [helper.make_node("DynamicQuantizeMatMul", ["A", "W", "S", "Z"], ["Y"], domain="com.microsoft")], "int8_gemm",
        [helper.make_tensor_value_info("A", TensorProto.FLOAT, [n, n])], [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [n, n])],
        [numpy_helper.from_array(w, "W"), numpy_helper.from_array(np.full(n, 0.01, np.float32), "S"),
         numpy_helper.from_array(np.zeros(n, np.int8), "Z")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)])
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "int8_gemm.onnx")
        onnx.save(model, path)
        return float(run_tool("gemm", "--model", path, "--seconds", str(seconds))[0]["gops"])


def model_flops(cfg, batch: int, seq: int) -> float:
    """Multiply-adds x2 of one forward pass on a padded [batch, seq] input (padding costs the same as text).

    Per layer and token: QKV 3h^2, attention output h^2, FFN 2*h*ffn multiply-adds; attention scores and
    context 2*seq*h per token. Plus pooler h^2 and heads h*(intents + sentiments) per text. Embedding
    lookups, LayerNorm, softmax and GELU are memory-bound and left out (a few percent)."""
    h, f, layers = cfg.hidden, cfg.intermediate, cfg.layers
    per_token_layer = 4 * h * h + 2 * h * f + 2 * seq * h
    encoder = batch * seq * layers * per_token_layer
    heads = batch * (h * h + h * (cfg.num_intents + cfg.num_sentiments))
    return 2.0 * (encoder + heads)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="measuring time per configuration")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", default=os.path.join(ROOT, "benchmarks", "results", "pytorch-eager.md"))
    args = parser.parse_args()

    blas = ensure_openblas()
    import numpy as np
    import torch
    threads = os.cpu_count() or 1
    torch.set_num_threads(threads)
    if not os.path.exists(TOOL):
        print(f"build the C# tool first: dotnet build -c Release benchmarks/IntentBot.Benchmarks ({TOOL} missing)", file=sys.stderr)
        return 1

    texts = load_texts()
    batches = encode_batches(texts)
    model, cfg, weights = build_model()
    quantized = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    load_start = open("/proc/loadavg").read().split()[:3]

    best: dict[str, dict[int, float]] = {"onnx": {}, "torch_fp32": {}, "torch_int8": {}}
    # PyTorch at one thread and at one per core; the faster is kept (and named). On a loaded machine torch's
    # OpenMP threads spin at barriers while descheduled, which can make two threads far slower than one.
    torch_threads: dict[tuple[str, int], int] = {}
    all_torch: dict[str, float] = {}
    onnx_seq: dict[int, int] = {}
    gemm: dict[str, float] = {}
    int8_peak = 0.0
    for r in range(args.rounds):
        print(f"round {r + 1}/{args.rounds}: ONNX Runtime (C#) ...", flush=True)
        for b, (seq, s) in time_onnx(args.seconds).items():
            onnx_seq[b] = seq
            best["onnx"][b] = min(best["onnx"].get(b, float("inf")), s)
        for n in sorted({1, threads}):
            torch.set_num_threads(n)
            for name, m in (("torch_fp32", model), ("torch_int8", quantized)):
                print(f"round {r + 1}/{args.rounds}: {name}, {n} thread(s) ...", flush=True)
                for b in BATCHES:
                    s = time_torch(m, batches[b], args.seconds)
                    all_torch[f"{name} threads={n} batch={b}"] = min(all_torch.get(f"{name} threads={n} batch={b}", float("inf")), s)
                    if s < best[name].get(b, float("inf")):
                        best[name][b] = s
                        torch_threads[(name, b)] = n
        torch.set_num_threads(threads)
        print(f"round {r + 1}/{args.rounds}: GEMM ...", flush=True)
        for k, v in gemm_gflops(seconds=args.seconds).items():
            gemm[k] = max(gemm.get(k, 0.0), v)
        print(f"round {r + 1}/{args.rounds}: int8 GEMM (ONNX Runtime) ...", flush=True)
        int8_peak = max(int8_peak, int8_gemm_gops(args.seconds))
    load_end = open("/proc/loadavg").read().split()[:3]

    seqs = {b: batches[b][0].shape[1] for b in BATCHES}
    if any(onnx_seq.get(b) != seqs[b] for b in BATCHES):
        print(f"warning: padded lengths differ: python {seqs}, C# {onnx_seq}", file=sys.stderr)
    peak = max(gemm.values())
    rows = []
    for b in BATCHES:
        flops = model_flops(cfg, b, seqs[b])
        row = {"batch": b, "seq": seqs[b], "mflop_per_text": flops / b / 1e6}
        for name in best:
            row[f"{name}_texts_per_s"] = b / best[name][b]
            row[f"{name}_gflops"] = flops / best[name][b] / 1e9
        row["ratio_fp32"] = row["onnx_texts_per_s"] / row["torch_fp32_texts_per_s"]
        row["ratio_int8"] = row["onnx_texts_per_s"] / row["torch_int8_texts_per_s"]
        row["onnx_fraction_of_gemm"] = row["onnx_gflops"] / peak
        row["onnx_fraction_of_int8_gemm"] = row["onnx_gflops"] / int8_peak
        # Even a runtime doing all of this model's work at the int8 GEMM rate could not beat this ratio.
        row["ratio_ceiling_fp32"] = int8_peak / row["torch_fp32_gflops"]
        rows.append(row)

    meta = {"weights": weights, "threads": threads, "torch": torch.__version__, "numpy": np.__version__,
            "blas": blas, "gemm_gflops": gemm, "int8_gemm_gops": int8_peak, "loadavg_start": load_start, "loadavg_end": load_end,
            "seconds_per_config": args.seconds, "rounds": args.rounds,
            "torch_seconds_per_batch": all_torch, "torch_best_threads": {f"{k[0]} batch={k[1]}": v for k, v in torch_threads.items()}}
    with open(os.path.splitext(args.out)[0] + ".json", "w", encoding="utf-8") as f:
        json.dump({"meta": meta, "rows": rows}, f, indent=1)

    md = [f"## Model only: ONNX Runtime (IntentBot, C#) vs PyTorch eager, same run",
          "",
          f"ONNX Runtime as the server runs it (`Nlu:ModelRunners` and `Nlu:IntraOpThreads` 0: one single-threaded run per core at once); PyTorch at 1 and {threads} threads, the faster shown "
          f"(threads in parentheses); weights: {weights}; torch {torch.__version__}, numpy {np.__version__} ({blas}); "
          f"best of {args.rounds} interleaved rounds of {args.seconds:g} s per configuration; "
          f"load average {' '.join(load_start)} at the start, {' '.join(load_end)} at the end.",
          "",
          "| Batch | Padded len | ONNX Runtime texts/s | PyTorch fp32 texts/s | PyTorch dyn. int8 texts/s | ONNX ÷ fp32 | ONNX ÷ int8 |",
          "|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        b = r["batch"]
        md.append(f"| {b} | {r['seq']} | {r['onnx_texts_per_s']:,.0f} | {r['torch_fp32_texts_per_s']:,.0f} ({torch_threads[('torch_fp32', b)]}) | "
                  f"{r['torch_int8_texts_per_s']:,.0f} ({torch_threads[('torch_int8', b)]}) | {r['ratio_fp32']:.1f}× | {r['ratio_int8']:.1f}× |")
    md += ["",
           f"## Against the machine's matrix-multiply rate",
           "",
           f"fp32 GEMM 2048×2048×2048, {threads} threads, best of the rounds: numpy (OpenBLAS) {gemm['numpy']:.0f} GFLOP/s, "
           f"torch {gemm['torch']:.0f} GFLOP/s. The shipped model runs its 16 encoder MatMuls in int8 (VNNI), so it can exceed "
           f"the fp32 GEMM rate; the fraction compares against the fp32 rate all the same (the question asked).",
           "",
           f"int8 GEMM 2048×2048×2048 in ONNX Runtime (`DynamicQuantizeMatMul`, the shipped model's op): {int8_peak:.0f} GOP/s, "
           f"{int8_peak / peak:.1f}× the fp32 rate. That is the ceiling for the int8 model; the last column is how far "
           f"ONNX Runtime could out-run PyTorch fp32 eager if it did *all* of the model's work at that ceiling.",
           "",
           "| Batch | Padded len | MFLOP per text | ONNX Runtime GFLOP/s (int8 MatMuls) | Fraction of fp32 GEMM | Fraction of int8 GEMM | PyTorch fp32 GFLOP/s | Ceiling on ONNX ÷ fp32 |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        md.append(f"| {r['batch']} | {r['seq']} | {r['mflop_per_text']:.1f} | {r['onnx_gflops']:.1f} | "
                  f"{r['onnx_fraction_of_gemm']:.0%} | {r['onnx_fraction_of_int8_gemm']:.0%} | {r['torch_fp32_gflops']:.1f} | {r['ratio_ceiling_fp32']:.1f}× |")
    report = "\n".join(md) + "\n"
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(report)
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
