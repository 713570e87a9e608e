"""Export a trained checkpoint to ONNX for the C# runtime, and verify it.

Contract (see manifest.json): int64 inputs ``input_ids``, ``attention_mask``,
``token_type_ids`` shaped [batch, sequence] (dynamic axes "batch", "sequence"); float
outputs ``intent_logits`` [batch, n_intents] and ``sentiment_logits`` [batch, 3].

Uses the TorchScript-based ("legacy") exporter on every torch version -- on torch >= 2.5
``dynamo=False`` is passed explicitly -- because it produces the same small, static graph
from torch 1.13 and 2.x.  Verification: onnx.checker always; where the onnxruntime
package exists (GPU machine) also PyTorch-vs-ORT logits on real texts at batch sizes 1
and 8 (max abs diff must stay < 1e-4) and a 2-thread CPU latency measurement.
"""
from __future__ import annotations

import argparse
import inspect
import json
import os
import time
from typing import List

import numpy as np
import torch

from training.model import load_checkpoint
from training.tokenization import WordPieceTokenizer
from training.utils import pad_batch, read_jsonl

INPUT_NAMES = ["input_ids", "attention_mask", "token_type_ids"]
OUTPUT_NAMES = ["intent_logits", "sentiment_logits"]
EMBEDDING_OUTPUT = "sentence_embedding"
# The fp32 export is an intermediate; the shipped (int8) file's limit is checked by package.py.
MAX_MODEL_BYTES = 200_000_000


def export(model, path: str, opset: int = 17) -> None:
    ids = torch.tensor([[101, 2000, 2001, 102], [101, 2002, 102, 0]], dtype=torch.long)
    mask = (ids != 0).long()
    types = torch.zeros_like(ids)
    outputs = list(OUTPUT_NAMES)
    if hasattr(model, "heads_from"):  # the pretrained encoder also exports its sentence embedding
        from training.pretrained import ExportWrapper
        model = ExportWrapper(model).eval()
        outputs.append(EMBEDDING_OUTPUT)
    dyn = {n: {0: "batch", 1: "sequence"} for n in INPUT_NAMES}
    dyn.update({n: {0: "batch"} for n in outputs})
    kwargs = dict(input_names=INPUT_NAMES, output_names=outputs, dynamic_axes=dyn,
                  opset_version=opset, do_constant_folding=True)
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        kwargs["dynamo"] = False
    with torch.no_grad():
        torch.onnx.export(model, (ids, mask, types), path, **kwargs)


def check(path: str) -> dict:
    import onnx
    m = onnx.load(path)
    onnx.checker.check_model(m)
    size = os.path.getsize(path)
    ops = sorted({n.op_type for n in m.graph.node})
    return {"bytes": size, "opset": m.opset_import[0].version, "ops": ops,
            "inputs": [i.name for i in m.graph.input], "outputs": [o.name for o in m.graph.output]}


def verify_with_ort(model, path: str, seqs: List[List[int]], threads: int = 2) -> dict:
    """PyTorch vs ONNX Runtime on real sequences at batch 1 and 8, plus CPU latency."""
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    worst = 0.0
    for bs in (1, 8):
        for s in range(0, len(seqs), bs):
            ids, mask = pad_batch(seqs[s:s + bs])
            types = torch.zeros_like(ids)
            with torch.no_grad():
                ti, ts = model(ids, mask, types)
            oi, os_ = sess.run(OUTPUT_NAMES, {"input_ids": ids.numpy(), "attention_mask": mask.numpy(),
                                               "token_type_ids": types.numpy()})
            worst = max(worst, float(np.abs(oi - ti.numpy()).max()), float(np.abs(os_ - ts.numpy()).max()))
    # Latency: single short text, and throughput at batch 32 of short texts.
    short = [s for s in seqs if len(s) <= 24][:256] or seqs[:256]
    one = pad_batch([short[0]])
    feed = lambda ids, mask: {"input_ids": ids.numpy(), "attention_mask": mask.numpy(),
                              "token_type_ids": np.zeros_like(ids.numpy())}
    for _ in range(20):
        sess.run(OUTPUT_NAMES, feed(*one))
    times = []
    for s in short[:200]:
        f = feed(*pad_batch([s]))
        t0 = time.perf_counter(); sess.run(OUTPUT_NAMES, f); times.append(time.perf_counter() - t0)
    batches = [feed(*pad_batch(short[i:i + 32])) for i in range(0, len(short), 32)]
    t0 = time.perf_counter(); n = 0
    for _ in range(3):
        for b in batches:
            sess.run(OUTPUT_NAMES, b); n += b["input_ids"].shape[0]
    thr = n / (time.perf_counter() - t0)
    return {"max_abs_diff": worst, "texts": len(seqs), "ort_version": ort.__version__, "threads": threads,
            "latency_ms_single_p50": 1000 * float(np.percentile(times, 50)),
            "latency_ms_single_p95": 1000 * float(np.percentile(times, 95)),
            "throughput_texts_per_s_batch32": thr,
            "short_text_mean_tokens": float(np.mean([len(s) for s in short]))}


@torch.no_grad()
def torch_latency(model, seqs: List[List[int]], threads: int = 2) -> dict:
    """Fallback speed figure where onnxruntime is missing: eager PyTorch on CPU (an upper
    bound -- ONNX Runtime is usually faster on the same graph)."""
    torch.set_num_threads(threads)
    short = [s for s in seqs if len(s) <= 24][:200] or seqs[:200]
    for s in short[:20]:
        ids, mask = pad_batch([s]); model(ids, mask, torch.zeros_like(ids))
    times = []
    for s in short:
        ids, mask = pad_batch([s])
        t0 = time.perf_counter(); model(ids, mask, torch.zeros_like(ids)); times.append(time.perf_counter() - t0)
    t0 = time.perf_counter(); n = 0
    for i in range(0, len(short), 32):
        ids, mask = pad_batch(short[i:i + 32]); model(ids, mask, torch.zeros_like(ids)); n += ids.shape[0]
    return {"engine": f"pytorch {torch.__version__} eager", "threads": threads,
            "latency_ms_single_p50": 1000 * float(np.percentile(times, 50)),
            "latency_ms_single_p95": 1000 * float(np.percentile(times, 95)),
            "throughput_texts_per_s_batch32": n / (time.perf_counter() - t0),
            "short_text_mean_tokens": float(np.mean([len(s) for s in short]))}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--vocab", required=True)
    ap.add_argument("--out", required=True, help="model.onnx path")
    ap.add_argument("--opset", type=int, default=17)
    ap.add_argument("--verify-data", help="jsonl with texts for the ORT parity check")
    ap.add_argument("--verify-count", type=int, default=300)
    ap.add_argument("--report", help="write a JSON report here")
    ap.add_argument("--verify-only", action="store_true", help="check an existing model.onnx, do not export")
    args = ap.parse_args(argv)

    model, meta = load_checkpoint(args.checkpoint)
    if not args.verify_only:
        export(model, args.out, args.opset)
    report = {"torch": torch.__version__, **check(args.out)}
    if report["bytes"] > MAX_MODEL_BYTES:
        raise SystemExit(f"model.onnx is {report['bytes']} bytes, over the {MAX_MODEL_BYTES} limit")
    if args.verify_data:
        tok = WordPieceTokenizer.from_file(args.vocab)
        rows = read_jsonl(args.verify_data)[: args.verify_count]
        seqs = [tok.encode(r["text"], model.cfg.max_positions) for r in rows]
        try:
            import onnxruntime  # noqa: F401
        except ImportError:
            report["ort"] = "onnxruntime not installed here: parity is checked through the C# CLI (golden.py check-onnx)"
            report["torch_latency"] = torch_latency(model, seqs)
        else:
            report["ort"] = verify_with_ort(model, args.out, seqs)
            if report["ort"]["max_abs_diff"] >= 1e-4:
                print(json.dumps(report, indent=1))
                raise SystemExit("PyTorch and ONNX Runtime disagree")
    print(json.dumps(report, indent=1))
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1)


if __name__ == "__main__":
    main()
