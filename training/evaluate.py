"""Evaluate a checkpoint on val/challenge and calibrate the out-of-scope decision.

The runtime's rule (manifest "outOfScope"): a message is out of scope when the top
intent is ``out_of_scope`` OR the highest in-scope probability, after a temperature
softmax, is below ``confidenceThreshold``.  ``apply_oos_rule`` is exactly that rule;
``calibrate`` fits the temperature (NLL on val) and picks the threshold on val that
maximises out-of-scope recall while in-scope messages falsely rejected stay <= 2%.

Reports, per split and both with and without the threshold: intent accuracy, macro-F1,
per-label precision/recall/F1, confusion matrix, intent-family accuracy, OOS recall,
false-rejection rate, per-source breakdown, and sentiment 3-class macro-F1 plus binary
(negative vs positive) accuracy.
"""
from __future__ import annotations

import argparse
import json
import os
from collections import defaultdict
from typing import Dict, List, Optional

import numpy as np

from training.utils import macro_f1, predict_logits, read_jsonl, read_labels


def softmax(x: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = x / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def apply_oos_rule(intent_logits: np.ndarray, oos_index: int, temperature: float, threshold: float) -> np.ndarray:
    """Predicted intent ids after the runtime's out-of-scope rule."""
    p = softmax(intent_logits, temperature)
    pred = p.argmax(1)
    in_scope = np.delete(p, oos_index, axis=1).max(1)
    pred = np.where((pred == oos_index) | (in_scope < threshold), oos_index, pred)
    return pred


def force_unreadable_out_of_scope(intent_logits: np.ndarray, encoded: List[List[int]], oos_index: int) -> None:
    """The runtime calls a text with no readable token (only [CLS] [SEP] left: emoji, symbols, control
    characters) out of scope whatever the model says; raising its out-of-scope logit to the top makes
    every metric below follow that rule too."""
    for row, ids in enumerate(encoded):
        if len(ids) <= 2:
            intent_logits[row, oos_index] = intent_logits[row].max() + 100.0


def fit_temperature(logits: np.ndarray, gold: np.ndarray) -> float:
    """Temperature minimising the negative log-likelihood (grid search, robust and dependency free)."""
    if len(gold) == 0:
        return 1.0
    best_t, best_nll = 1.0, float("inf")
    for t in np.exp(np.linspace(np.log(0.25), np.log(4.0), 161)):
        p = softmax(logits, t)
        nll = -np.mean(np.log(p[np.arange(len(gold)), gold] + 1e-12))
        if nll < best_nll:
            best_t, best_nll = float(t), nll
    return round(best_t, 3)


def oos_rates(pred: np.ndarray, gold: np.ndarray, oos_index: int) -> Dict[str, Optional[float]]:
    is_oos, in_scope = gold == oos_index, gold != oos_index
    return {"oos_recall": float(np.mean(pred[is_oos] == oos_index)) if is_oos.any() else None,
            "false_rejection_rate": float(np.mean(pred[in_scope] == oos_index)) if in_scope.any() else None}


def choose_threshold(logits: np.ndarray, gold: np.ndarray, oos_index: int, temperature: float,
                     max_frr: float) -> float:
    """Highest OOS recall with false rejection <= max_frr; ties -> the lowest threshold."""
    best_t, best_recall = 0.0, -1.0
    for thr in np.round(np.arange(0.0, 0.951, 0.01), 2):
        r = oos_rates(apply_oos_rule(logits, oos_index, temperature, thr), gold, oos_index)
        if r["false_rejection_rate"] is not None and r["false_rejection_rate"] > max_frr:
            continue
        recall = r["oos_recall"] or 0.0
        if recall > best_recall + 1e-9:
            best_t, best_recall = float(thr), recall
    return best_t


def intent_report(pred: np.ndarray, gold: np.ndarray, names: List[str], categories: List[str],
                  sources: List[str], oos_index: int) -> dict:
    n = len(names)
    per_label = {}
    for c in range(n):
        tp = int(np.sum((pred == c) & (gold == c)))
        fp = int(np.sum((pred == c) & (gold != c)))
        fn = int(np.sum((pred != c) & (gold == c)))
        if tp + fn == 0 and fp == 0:
            continue
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        per_label[names[c]] = {"precision": round(p, 4), "recall": round(r, 4),
                               "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0, "support": tp + fn}
    conf = np.zeros((n, n), dtype=int)
    np.add.at(conf, (gold, pred), 1)
    cat = np.array(categories)
    by_source = defaultdict(list)
    for i, s in enumerate(sources):
        by_source[s].append(i)
    return {
        "count": int(len(gold)),
        "accuracy": round(float(np.mean(pred == gold)), 4),
        "macro_f1": round(macro_f1(gold, pred, n), 4),
        "family_accuracy": round(float(np.mean(cat[pred] == cat[gold])), 4),
        **{k: (round(v, 4) if v is not None else None) for k, v in oos_rates(pred, gold, oos_index).items()},
        "by_source": {s: {"count": len(ix), "accuracy": round(float(np.mean(pred[ix] == gold[ix])), 4),
                          "family_accuracy": round(float(np.mean(cat[pred[ix]] == cat[gold[ix]])), 4)}
                      for s, ix in sorted(by_source.items())},
        "per_label": per_label,
        "confusion": {"labels": names, "matrix": conf.tolist()},
    }


def sentiment_report(logits: np.ndarray, gold: np.ndarray, names: List[str], sources: List[str]) -> dict:
    pred = logits.argmax(1)
    neg, pos = names.index("negative"), names.index("positive")
    polar = (gold == neg) | (gold == pos)
    binary = np.where(logits[:, neg] >= logits[:, pos], neg, pos)
    by_source = defaultdict(list)
    for i, s in enumerate(sources):
        by_source[s].append(i)
    out = {"count": int(len(gold)), "accuracy": round(float(np.mean(pred == gold)), 4),
           "macro_f1": round(macro_f1(gold, pred, len(names)), 4),
           "binary_accuracy": round(float(np.mean(binary[polar] == gold[polar])), 4) if polar.any() else None,
           "binary_accuracy_3way_argmax": round(float(np.mean(pred[polar] == gold[polar])), 4) if polar.any() else None,
           "by_source": {}}
    for s, ix in sorted(by_source.items()):
        ix = np.array(ix)
        pol = ix[polar[ix]]
        out["by_source"][s] = {"count": len(ix), "macro_f1": round(macro_f1(gold[ix], pred[ix], len(names)), 4),
                               "binary_accuracy": round(float(np.mean(binary[pol] == gold[pol])), 4) if len(pol) else None}
    return out


def evaluate_split(rows: List[dict], intent_logits, sent_logits, intent_names, categories, sentiments,
                   temperature: float, threshold: float) -> dict:
    idx = {n: i for i, n in enumerate(intent_names)}
    oos = idx["out_of_scope"]
    out = {}
    ri = [i for i, r in enumerate(rows) if r.get("intent") is not None]
    if ri:
        gold = np.array([idx[rows[i]["intent"]] for i in ri])
        src = [rows[i].get("source", "?") for i in ri]
        lg = intent_logits[ri]
        out["intent_no_threshold"] = intent_report(apply_oos_rule(lg, oos, 1.0, 0.0), gold, intent_names,
                                                   categories, src, oos)
        out["intent"] = intent_report(apply_oos_rule(lg, oos, temperature, threshold), gold, intent_names,
                                      categories, src, oos)
    rs = [i for i, r in enumerate(rows) if r.get("sentiment") is not None]
    if rs:
        sidx = {s: i for i, s in enumerate(sentiments)}
        gold = np.array([sidx[rows[i]["sentiment"]] for i in rs])
        out["sentiment"] = sentiment_report(sent_logits[rs], gold, sentiments, [rows[i].get("source", "?") for i in rs])
    return out


def summary(split: dict) -> dict:
    """The handful of numbers that go into manifest.json."""
    s = {}
    if "intent" in split:
        i, n = split["intent"], split["intent_no_threshold"]
        s.update({"intentAccuracy": i["accuracy"], "intentMacroF1": i["macro_f1"],
                  "intentFamilyAccuracy": i["family_accuracy"], "oosRecall": i["oos_recall"],
                  "falseRejectionRate": i["false_rejection_rate"],
                  "intentAccuracyNoThreshold": n["accuracy"], "oosRecallNoThreshold": n["oos_recall"],
                  "falseRejectionRateNoThreshold": n["false_rejection_rate"], "intentCount": i["count"]})
    if "sentiment" in split:
        t = split["sentiment"]
        s.update({"sentimentMacroF1": t["macro_f1"], "sentimentBinaryAccuracy": t["binary_accuracy"],
                  "sentimentAccuracy": t["accuracy"], "sentimentCount": t["count"]})
    return s


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--vocab", required=True)
    ap.add_argument("--labels", required=True)
    ap.add_argument("--data", required=True, help="folder with val.jsonl (and challenge.jsonl)")
    ap.add_argument("--out", required=True, help="report JSON")
    ap.add_argument("--max-frr", type=float, default=0.02)
    ap.add_argument("--no-temperature", action="store_true")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--max-rows", type=int, default=0, help="smoke runs: only the first N rows of each split")
    args = ap.parse_args(argv)

    from training.model import load_checkpoint
    from training.tokenization import WordPieceTokenizer
    model, meta = load_checkpoint(args.checkpoint)
    model.to(args.device)
    tok = WordPieceTokenizer.from_file(args.vocab)
    intents, sentiments = read_labels(args.labels)
    names = [d["name"] for d in intents]
    cats = [d["category"] for d in intents]
    oos = names.index("out_of_scope")

    splits = {}
    for name in ("val", "challenge"):
        path = os.path.join(args.data, f"{name}.jsonl")
        if os.path.exists(path):
            rows = read_jsonl(path)[:args.max_rows or None]
            encoded = [tok.encode(r["text"], model.cfg.max_positions) for r in rows]
            il, sl = predict_logits(model, encoded, args.device)
            force_unreadable_out_of_scope(il, encoded, oos)
            splits[name] = (rows, il, sl)

    rows, il, sl = splits["val"]
    ri = [i for i, r in enumerate(rows) if r.get("intent") is not None]
    gold = np.array([names.index(rows[i]["intent"]) for i in ri])
    t_int = 1.0 if args.no_temperature else fit_temperature(il[ri], gold)
    rs = [i for i, r in enumerate(rows) if r.get("sentiment") is not None]
    sgold = np.array([sentiments.index(rows[i]["sentiment"]) for i in rs])
    t_sent = 1.0 if args.no_temperature else fit_temperature(sl[rs], sgold)
    thr = choose_threshold(il[ri], gold, oos, t_int, args.max_frr)

    report = {"calibration": {"intentTemperature": t_int, "sentimentTemperature": t_sent,
                              "confidenceThreshold": thr, "maxFalseRejection": args.max_frr,
                              "chosenOn": "validation"}}
    # Threshold sweep on every split, for the model card and for choosing by hand.
    for name, (rows_, il_, sl_) in splits.items():
        ri_ = [i for i, r in enumerate(rows_) if r.get("intent") is not None]
        if ri_:
            g = np.array([names.index(rows_[i]["intent"]) for i in ri_])
            report.setdefault("sweep", {})[name] = [
                {"threshold": float(t), **oos_rates(apply_oos_rule(il_[ri_], oos, t_int, t), g, oos)}
                for t in np.round(np.arange(0.0, 0.951, 0.05), 2)]
        report[name] = evaluate_split(rows_, il_, sl_, names, cats, sentiments, t_int, thr)
        report.setdefault("summary", {})[name] = summary(report[name])
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)
    print(json.dumps({"calibration": report["calibration"], "summary": report["summary"]}, indent=1))


if __name__ == "__main__":
    main()
