"""Which pretrained encoder to fine-tune: a linear probe on each one's frozen sentence embeddings.

Fine-tuning each candidate costs more than an hour on 2 cores, so the choice is made on the cheaper signal that
predicts it: the same logistic-regression probe, trained on the same sample of training rows over each encoder's
frozen embeddings (masked mean and [CLS] pooling), scored on the same validation rows, for intents (English) and
review sentiment. Chinese is left out: neither vocabulary reads it before fine-tuning.

    python -m training.compare_encoders --data training/build/data --labels training/labels.json
"""
from __future__ import annotations

import argparse
import json
import os
import random

import numpy as np
import torch
import torch.nn.functional as F

from training import pretrained
from training.tokenization import WordPieceTokenizer
from training.utils import pad_batch, read_jsonl, read_labels

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@torch.no_grad()
def embed(model, tok, texts, batch=64):
    """(mean-pooled, [CLS]) L2-normalised final states of each text."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out_mean = np.zeros((len(texts), model.cfg.hidden), dtype=np.float32)
    out_cls = np.zeros_like(out_mean)
    for s in range(0, len(order), batch):
        idx = order[s:s + batch]
        ids, mask = pad_batch([tok.encode(texts[i], 128) for i in idx])
        hidden = model.encode_to(ids, mask, torch.zeros_like(ids), model.cfg.layers)
        m = mask.unsqueeze(-1).float()
        out_mean[idx] = F.normalize((hidden * m).sum(1) / m.sum(1), dim=-1).numpy()
        out_cls[idx] = F.normalize(hidden[:, 0], dim=-1).numpy()
    return out_mean, out_cls


def probe(x_train, y_train, x_val, y_val, classes, epochs=300):
    """Multinomial logistic regression (full-batch Adam, small L2) -> validation accuracy."""
    torch.manual_seed(0)
    xt, yt = torch.from_numpy(x_train), torch.from_numpy(y_train)
    w = torch.zeros(x_train.shape[1], classes, requires_grad=True)
    b = torch.zeros(classes, requires_grad=True)
    opt = torch.optim.Adam([w, b], lr=0.05)
    for _ in range(epochs):
        opt.zero_grad()
        loss = F.cross_entropy(xt @ w * 10 + b, yt) + 1e-4 * (w * w).sum()
        loss.backward()
        opt.step()
    pred = (torch.from_numpy(x_val) @ w * 10 + b).argmax(1).numpy()
    return float(np.mean(pred == y_val))


def sample(rows, key, n, rng):
    rows = [r for r in rows if r.get(key) is not None and r["text"].isascii()]
    rng.shuffle(rows)
    return rows[:n]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--labels", required=True)
    ap.add_argument("--train-rows", type=int, default=3000)
    ap.add_argument("--val-rows", type=int, default=1500)
    ap.add_argument("--out", help="write the results as JSON here")
    args = ap.parse_args(argv)
    intents, sentiments = read_labels(args.labels)
    names = [d["name"] for d in intents]
    rng = random.Random(13)
    train, val = read_jsonl(os.path.join(args.data, "train.jsonl")), read_jsonl(os.path.join(args.data, "val.jsonl"))
    tasks = {"intent": (sample(train, "intent", args.train_rows, rng), sample(val, "intent", args.val_rows, rng), names),
             "sentiment": (sample([r for r in train if r.get("intent") is None], "sentiment", args.train_rows, rng),
                           sample([r for r in val if r.get("intent") is None], "sentiment", args.val_rows, rng),
                           sentiments)}
    results = {}
    for name in pretrained.ENCODERS:
        folder = pretrained.fetch_encoder(name, REPO, os.path.join(REPO, "training", "build"))
        vocab = pretrained.read_base_vocab(os.path.join(folder, "vocab.txt"))
        model = pretrained.build_model(name, REPO, os.path.join(REPO, "training", "build"), vocab, 2, 3, 128, 13).eval()
        tok = WordPieceTokenizer(vocab)
        for task, (tr, va, labels) in tasks.items():
            key = task
            y_tr = np.array([labels.index(r[key]) for r in tr])
            y_va = np.array([labels.index(r[key]) for r in va])
            (tr_mean, tr_cls), (va_mean, va_cls) = embed(model, tok, [r["text"] for r in tr]), \
                embed(model, tok, [r["text"] for r in va])
            for pooling, xt, xv in (("mean", tr_mean, va_mean), ("cls", tr_cls, va_cls)):
                acc = probe(xt, y_tr, xv, y_va, len(labels))
                results[f"{name}/{task}/{pooling}"] = acc
                print(json.dumps({"encoder": name, "task": task, "pooling": pooling, "accuracy": round(acc, 4),
                                  "train": len(tr), "val": len(va)}), flush=True)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
