"""Helpers shared by the training scripts (train_pretrained, train, evaluate, export, golden, judge,
compare_encoders): reading the data and labels, batching, metrics and the optimiser set-up."""
from __future__ import annotations

import contextlib
import json
import random
from typing import Dict, List, Sequence, Tuple

import numpy as np
import torch

from training.tokenization import WordPieceTokenizer

MAX_LEN = 128


# ----------------------------------------------------------------------------- data
def read_jsonl(path: str) -> List[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_labels(path: str) -> Tuple[List[dict], List[str]]:
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    return d["intents"], list(d["sentiments"])


def encode_rows(rows: Sequence[dict], tok: WordPieceTokenizer, intent_index: Dict[str, int],
                sentiment_index: Dict[str, int], max_len: int = MAX_LEN):
    """Tokenise rows into (ids list, intent id or -100, sentiment id or -100)."""
    ids = [tok.encode(r["text"], max_len) for r in rows]
    intents = [intent_index[r["intent"]] if r.get("intent") is not None else -100 for r in rows]
    sents = [sentiment_index[r["sentiment"]] if r.get("sentiment") is not None else -100 for r in rows]
    return ids, np.array(intents, dtype=np.int64), np.array(sents, dtype=np.int64)


# ----------------------------------------------------------------------------- batches
def pad_batch(seqs: Sequence[Sequence[int]], pad_id: int = 0):
    """Dynamic padding to the longest sequence in the batch."""
    t = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), t), pad_id, dtype=torch.long)
    mask = torch.zeros((len(seqs), t), dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, :len(s)] = torch.tensor(s, dtype=torch.long)
        mask[i, :len(s)] = 1
    return ids, mask


def length_bucketed_batches(lengths: Sequence[int], order: Sequence[int], batch_size: int,
                            rng: random.Random, bucket: int = 50) -> List[List[int]]:
    """Group indices of similar length (within chunks of bucket*batch) to cut padding,
    then shuffle the batches."""
    batches = []
    chunk = batch_size * bucket
    for s in range(0, len(order), chunk):
        part = sorted(order[s:s + chunk], key=lambda i: lengths[i])
        batches.extend(part[i:i + batch_size] for i in range(0, len(part), batch_size))
    rng.shuffle(batches)
    return batches


def sampling_weights(intents: np.ndarray, sents: np.ndarray, intent_share: float, alpha: float,
                     strata: np.ndarray | None = None) -> np.ndarray:
    """Per-row sampling probability: inverse class frequency^alpha within each task,
    with the intent task getting intent_share of the draws.  Counters the imbalance
    between many reviews / few utterances per intent and between classes.

    ``strata`` (optional, one id per row, -1 for none) balances a kind of row inside each class as if it were a
    class of its own: out-of-scope is one label of 15k rows, and its 1k keyboard-noise rows would otherwise get
    about 45 draws an epoch against the ~160 of a greeting, which is how noise came to be read as a greeting;
    the few hundred hand-written short reviews would get 1% of the sentiment draws beside 20k dataset reviews."""
    w = np.zeros(len(intents), dtype=np.float64)
    has_i = intents >= 0
    only_s = (~has_i) & (sents >= 0)
    if strata is None:
        strata = np.full(len(intents), -1)
    for mask_rows, labels, share in ((has_i, intents, intent_share), (only_s, sents, 1.0 - intent_share)):
        if not mask_rows.any():
            continue
        own = strata[mask_rows]
        keys = np.where(own >= 0, labels[mask_rows] + (labels.max() + 1) * (own + 1), labels[mask_rows])
        counts = np.bincount(keys)
        g = 1.0 / np.power(counts[keys], alpha)
        w[mask_rows] = share * g / g.sum()
    return w / w.sum()


# ----------------------------------------------------------------------------- metrics
@torch.no_grad()
def predict_logits(model, seqs: Sequence[Sequence[int]], device: str, batch_size: int = 256):
    """Intent and sentiment logits (numpy) for already tokenised sequences."""
    model.eval()
    order = sorted(range(len(seqs)), key=lambda i: len(seqs[i]))
    intent_out = np.zeros((len(seqs), model.cfg.num_intents), dtype=np.float32)
    sent_out = np.zeros((len(seqs), model.cfg.num_sentiments), dtype=np.float32)
    for s in range(0, len(order), batch_size):
        idx = order[s:s + batch_size]
        ids, mask = pad_batch([seqs[i] for i in idx])
        ids, mask = ids.to(device), mask.to(device)
        il, sl = model(ids, mask, torch.zeros_like(ids))
        intent_out[idx] = il.float().cpu().numpy()
        sent_out[idx] = sl.float().cpu().numpy()
    return intent_out, sent_out


def macro_f1(gold: np.ndarray, pred: np.ndarray, n: int) -> float:
    """Macro-F1 over the classes present in gold."""
    f1s = []
    for c in range(n):
        tp = np.sum((gold == c) & (pred == c))
        fp = np.sum((gold != c) & (pred == c))
        fn = np.sum((gold == c) & (pred != c))
        if tp + fn == 0:
            continue
        f1s.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(f1s)) if f1s else 0.0


def quick_metrics(model, seqs, intents, sents, device) -> dict:
    il, sl = predict_logits(model, seqs, device)
    m = {}
    has_i = intents >= 0
    if has_i.any():
        p = il[has_i].argmax(1)
        m["intent_acc"] = float(np.mean(p == intents[has_i]))
        m["intent_macro_f1"] = macro_f1(intents[has_i], p, il.shape[1])
    has_s = sents >= 0
    if has_s.any():
        p = sl[has_s].argmax(1)
        m["sentiment_acc"] = float(np.mean(p == sents[has_s]))
        m["sentiment_macro_f1"] = macro_f1(sents[has_s], p, sl.shape[1])
    m["score"] = float(np.mean([m.get("intent_macro_f1", 0.0), m.get("sentiment_macro_f1", 0.0)]))
    return m


# ----------------------------------------------------------------------------- optimisation
def linear_schedule(optimizer, warmup: int, total: int):
    def f(step):
        if step < warmup:
            return (step + 1) / max(1, warmup)
        return max(0.0, (total - step) / max(1, total - warmup))
    return torch.optim.lr_scheduler.LambdaLR(optimizer, f)


def make_optimizer(params, lr: float, weight_decay: float):
    """AdamW without weight decay on biases, LayerNorm and embeddings' norms."""
    decay, no_decay = [], []
    for n, p in params:
        (no_decay if p.ndim < 2 else decay).append(p)
    return torch.optim.AdamW([{"params": decay, "weight_decay": weight_decay},
                              {"params": no_decay, "weight_decay": 0.0}], lr=lr, betas=(0.9, 0.98), eps=1e-6)


def autocast(device: str):
    if device.startswith("cuda"):
        return torch.autocast("cuda", dtype=torch.bfloat16)
    return contextlib.nullcontext()
