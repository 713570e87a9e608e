"""Fine-tune the pretrained encoder (training/pretrained.py) for intent + out-of-scope and sentiment.

The shape that fits a 2-core CPU (measured in ../shared/ENCODER-NOTES.md): the lower ``--freeze-below``
layers and the position/type embeddings stay as pretrained and run without gradients; the top layers, the
pooler and both heads are trained. The new CJK vocabulary rows are the exception: batches that contain them
(Chinese text, kept in batches of their own) run the lower layers with gradients flowing back to those rows
only, so Chinese characters learn embeddings the frozen layers can read.

Resumable: the full training state is written after every epoch (``<out>/state.pt``); running the same
command again continues from the last finished epoch. The best epoch on validation (mean of intent and
sentiment macro-F1) is written as ``<out>/checkpoint.pt`` in the format export/evaluate/package read.

    python -m training.train_pretrained --data training/build/data --labels training/labels.json \
        --encoder minilm --out training/build/model/run --vocab-out training/build/model/vocab.txt
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import time

import numpy as np
import torch
import torch.nn.functional as F

from training import pretrained
from training.tokenization import WordPieceTokenizer
from training.utils import (encode_rows, length_bucketed_batches, linear_schedule, pad_batch, predict_logits,
                            quick_metrics, read_jsonl, read_labels, sampling_weights)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FEEDBACK_SOURCE = "feedback"  # prepare_data.py's source of reviewers' corrections
# Sources sampled as classes of their own within their label (utils.sampling_weights): gen_noise.py's keyboard
# mashes, fillers and emoji within out-of-scope, and the hand-written short reviews within each sentiment.
STRATA = {"own:noise": 0, "own:reviews": 1, "own:reviews_real": 1}


def build_vocab(args, rows) -> list:
    base = pretrained.read_base_vocab(os.path.join(pretrained.fetch_encoder(args.encoder, REPO, args.build),
                                                   "vocab.txt"))
    return pretrained.extend_vocab(base, [r["text"] for r in rows], args.max_new_cjk, args.min_cjk_count)


def param_groups(model, args):
    """Trained: layers >= freeze_below, pooler and heads; the word embedding (only its new rows get gradients,
    see freeze_base_rows). Decay only on matrices of the trained layers and heads."""
    frozen_prefixes = ("position.", "token_type.", "emb_ln.") + tuple(
        f"layers.{i}." for i in range(args.freeze_below))
    groups = {"decay": [], "no_decay": [], "heads": [], "rows": []}
    for name, p in model.named_parameters():
        if name.startswith(frozen_prefixes):
            p.requires_grad_(False)
        elif name == "word.weight":
            groups["rows"].append(p)
        elif name.startswith(("pooler.", "intent_head.", "sentiment_head.")):
            groups["heads"].append(p)
        else:
            groups["decay" if p.ndim >= 2 else "no_decay"].append(p)
    return [{"params": groups["decay"], "lr": args.lr, "weight_decay": args.weight_decay},
            {"params": groups["no_decay"], "lr": args.lr, "weight_decay": 0.0},
            {"params": groups["heads"], "lr": args.head_lr, "weight_decay": args.weight_decay},
            {"params": groups["rows"], "lr": args.row_lr, "weight_decay": 0.0}]


def freeze_base_rows(model) -> None:
    base = model.cfg.base_vocab_size
    model.word.weight.register_hook(lambda g: torch.cat([torch.zeros_like(g[:base]), g[base:]]))


def forward(model, ids, mask, freeze_below: int, new_rows: bool):
    types = torch.zeros_like(ids)
    if new_rows:
        hidden = model.encode_to(ids, mask, types, freeze_below)
    else:
        with torch.no_grad():
            hidden = model.encode_to(ids, mask, types, freeze_below)
    intent, sentiment, _ = model.heads_from(hidden, mask, freeze_below)
    return intent, sentiment


def make_batches(seqs, order, batch, rng, base_size):
    """Length-bucketed batches, rows with new vocabulary rows (Chinese) apart from the others."""
    new = [i for i in order if max(seqs[i]) >= base_size]
    old = [i for i in order if max(seqs[i]) < base_size]
    lengths = [len(s) for s in seqs]
    batches = [(b, True) for b in length_bucketed_batches(lengths, new, batch, rng)]
    batches += [(b, False) for b in length_bucketed_batches(lengths, old, batch, rng)]
    rng.shuffle(batches)
    return batches


def chinese_metrics(model, rows, seqs, sents, device: str) -> dict:
    zh = [i for i, r in enumerate(rows) if any(pretrained.is_cjk_char(c) for c in r["text"]) and sents[i] >= 0]
    if not zh:
        return {}
    _, sl = predict_logits(model, [seqs[i] for i in zh], device)
    pred, gold = sl.argmax(1), sents[zh]
    return {"zh_sentiment_acc": float(np.mean(pred == gold)), "zh_rows": len(zh)}


def epoch_seconds_logged(log_path: str) -> float:
    """Training time of the epochs finished so far, from the log (states written before it was recorded)."""
    with open(log_path, encoding="utf-8") as f:
        entries = [json.loads(line) for line in f if line.strip()]
    return float(sum(e["seconds"] for e in entries if e.get("stage") == "finetune"))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--labels", required=True)
    ap.add_argument("--encoder", choices=sorted(pretrained.ENCODERS), default="minilm")
    ap.add_argument("--build", default=os.path.join(REPO, "training", "build"))
    ap.add_argument("--out", required=True)
    ap.add_argument("--vocab-out", required=True)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--max-new-cjk", type=int, default=3000)
    ap.add_argument("--min-cjk-count", type=int, default=3)
    ap.add_argument("--freeze-below", type=int, default=4)
    ap.add_argument("--epochs", type=int, default=5, help="epochs the learning-rate schedule is planned for")
    ap.add_argument("--stop-after", type=int, default=0,
                    help="end (and write the checkpoint) after this many epochs of that schedule (0: all)")
    ap.add_argument("--epoch-size", type=int, default=17000)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--row-lr", type=float, default=2e-3)
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--label-smoothing", type=float, default=0.1)
    ap.add_argument("--intent-share", type=float, default=0.6)
    ap.add_argument("--balance-alpha", type=float, default=0.5)
    ap.add_argument("--val-max", type=int, default=3000)
    ap.add_argument("--max-steps", type=int, default=0, help="debug: stop each epoch after N steps")
    ap.add_argument("--train-max", type=int, default=0,
                    help="smoke runs: train on a seeded sample of N rows (reviewers' corrections always kept)")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = ap.parse_args(argv)

    torch.set_num_threads(args.threads or max(1, os.cpu_count() or 1))
    os.makedirs(args.out, exist_ok=True)
    log_path = os.path.join(args.out, "train_log.jsonl")

    def log(entry):
        print(json.dumps(entry), flush=True)
        with open(log_path, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")

    intents_def, sentiments = read_labels(args.labels)
    intent_index = {d["name"]: i for i, d in enumerate(intents_def)}
    sentiment_index = {s: i for i, s in enumerate(sentiments)}
    train_rows = read_jsonl(os.path.join(args.data, "train.jsonl"))
    if args.train_max:
        rest = [r for r in train_rows if r.get("source") != FEEDBACK_SOURCE]
        random.Random(args.seed).shuffle(rest)
        train_rows = [r for r in train_rows if r.get("source") == FEEDBACK_SOURCE] + rest[:args.train_max]
    val_rows = read_jsonl(os.path.join(args.data, "val.jsonl"))
    random.Random(args.seed).shuffle(val_rows)
    val_rows = val_rows[:args.val_max]

    state_path = os.path.join(args.out, "state.pt")
    resumed = torch.load(state_path, map_location="cpu") if os.path.exists(state_path) else None
    if resumed:
        vocab = resumed["vocab"]
    else:
        vocab = build_vocab(args, train_rows)
    tok = WordPieceTokenizer(vocab)
    tok.save(args.vocab_out)

    model = pretrained.build_model(args.encoder, REPO, args.build, vocab, len(intents_def), len(sentiments),
                                   args.max_len, args.seed)
    folder = pretrained.fetch_encoder(args.encoder, REPO, args.build)
    parity = resumed.get("parity") if resumed else None
    if parity is None:
        probe = [tok.encode(r["text"], args.max_len) for r in val_rows[:64]]
        probe = [s for s in probe if max(s) < model.cfg.base_vocab_size][:32]
        parity = pretrained.check_parity(model, os.path.join(folder, "model.onnx"), REPO, probe)
        log({"stage": "parity", "encoder": args.encoder, "max_abs_diff": parity, "sequences": len(probe),
             "vocab": len(vocab), "new_cjk_rows": len(vocab) - model.cfg.base_vocab_size})

    t0 = time.time()
    train = encode_rows(train_rows, tok, intent_index, sentiment_index, args.max_len)
    val = encode_rows(val_rows, tok, intent_index, sentiment_index, args.max_len)
    unk = sum(s.count(tok.unk_id) for s in train[0]) / max(1, sum(len(s) for s in train[0]))
    log({"stage": "encode", "train": len(train[0]), "val": len(val[0]), "unk_share": round(unk, 5),
         "seconds": round(time.time() - t0, 1)})

    model.to(args.device)
    groups = param_groups(model, args)
    freeze_base_rows(model)
    opt = torch.optim.AdamW(groups, betas=(0.9, 0.98), eps=1e-6)
    steps_per_epoch = math.ceil(args.epoch_size / args.batch)
    total = steps_per_epoch * args.epochs
    sched = linear_schedule(opt, int(0.06 * total), total)
    seqs, intents, sents = train
    strata = np.array([STRATA.get(r.get("source") or "", -1) for r in train_rows])
    weights = sampling_weights(intents, sents, args.intent_share, args.balance_alpha, strata)
    # A reviewer's correction is a handful of rows among ~100k: drawn by weight alone, a short run may never see it.
    # Every epoch trains on each of its copies (prepare_data repeats it) on top of the weighted draw.
    feedback = [i for i, r in enumerate(train_rows) if r.get("source") == FEEDBACK_SOURCE]
    start_epoch, best, best_state, seconds = 0, None, None, 0.0
    if resumed:
        model.load_state_dict(resumed["model"])
        opt.load_state_dict(resumed["optimizer"])
        sched.load_state_dict(resumed["scheduler"])
        start_epoch, best, best_state = resumed["epoch"], resumed["best"], resumed["best_state"]
        seconds = resumed.get("seconds") or epoch_seconds_logged(log_path)
        log({"stage": "resume", "from_epoch": start_epoch})

    for epoch in range(start_epoch, args.stop_after or args.epochs):
        rng = random.Random(args.seed * 1000 + epoch)
        np_rng = np.random.default_rng(args.seed * 1000 + epoch)
        model.train()
        t0, losses, new_batches = time.time(), [], 0
        order = np_rng.choice(len(seqs), size=args.epoch_size, replace=True, p=weights).tolist() + feedback
        for step, (batch, new_rows) in enumerate(make_batches(seqs, order, args.batch, rng,
                                                              model.cfg.base_vocab_size)):
            ids, mask = pad_batch([seqs[i] for i in batch])
            il, sl = forward(model, ids.to(args.device), mask.to(args.device), args.freeze_below, new_rows)
            yi = torch.from_numpy(intents[batch]).to(args.device)
            ys = torch.from_numpy(sents[batch]).to(args.device)
            loss = torch.zeros((), device=args.device)
            if (yi >= 0).any():
                loss = loss + F.cross_entropy(il, yi, ignore_index=-100, label_smoothing=args.label_smoothing)
            if (ys >= 0).any():
                loss = loss + F.cross_entropy(sl, ys, ignore_index=-100, label_smoothing=args.label_smoothing)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for g in groups for p in g["params"]], 1.0)
            opt.step(); sched.step()
            losses.append(loss.item()); new_batches += new_rows
            if step % 100 == 0:
                print(f"  epoch {epoch + 1} step {step}/{steps_per_epoch} loss {np.mean(losses[-100:]):.3f} "
                      f"{time.time() - t0:.0f}s", flush=True)
            if args.max_steps and step + 1 >= args.max_steps:
                break
        seconds += time.time() - t0
        m = quick_metrics(model, *val, args.device)
        m.update(chinese_metrics(model, val_rows, val[0], val[2], args.device))
        log({"stage": "finetune", "epoch": epoch + 1, "loss": float(np.mean(losses)), "chinese_batches": new_batches,
             "seconds": round(time.time() - t0, 1), **m})
        if best is None or m["score"] > best["score"]:
            best = {"epoch": epoch + 1, **m}
            best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        torch.save({"vocab": vocab, "model": model.state_dict(), "optimizer": opt.state_dict(),
                    "scheduler": sched.state_dict(), "epoch": epoch + 1, "best": best, "best_state": best_state,
                    "parity": parity, "seconds": seconds},
                   state_path + ".tmp")
        os.replace(state_path + ".tmp", state_path)

    model.load_state_dict(best_state)
    model.cpu().eval()
    pretrained.save(os.path.join(args.out, "checkpoint.pt"), model,
                    {"best": best, "labels": {"intents": intents_def, "sentiments": sentiments},
                     "args": vars(args), "encoder": pretrained.BASE_NAMES[args.encoder], "parity": parity,
                     "seconds": seconds, "torch": torch.__version__,
                     "device_name": torch.cuda.get_device_name(0) if args.device.startswith("cuda")
                     else f"CPU ({os.cpu_count()} cores)"})
    log({"stage": "done", **best})


if __name__ == "__main__":
    main()
