#!/usr/bin/python3
"""Build IntentBot's training data: ``/usr/bin/python3 -m training.prepare_data`` (from the repository root).

Why this exists: the intent/sentiment model is trained on a mix of public
datasets (read in place from ``$INTENTBOT_DATASETS``, default
``../shared/datasets``) and the project's own hand-written seed messages and
templates (``training/data/``).  This script combines them reproducibly
(standard library only, fixed seeds, no salted hashing) and writes:

* ``training/build/data/train.jsonl`` / ``val.jsonl`` -- rows
  ``{"text", "intent", "sentiment", "source"}``; intent or sentiment may be
  null (the model masks the missing loss).
* ``training/build/data/mlm.txt`` -- every text, one per line, deduplicated,
  for masked-LM pre-training (Chinese capped so English dominates).
* ``training/build/data/challenge.jsonl`` -- the hand-written real-world
  challenge set (never used for training; its texts are also removed from
  train/val/mlm).
* ``training/build/data/stats.json`` and ``STATUS.txt``.

``--feedback FILE`` (``intentbot feedback export``'s jsonl, rows ``{"text",
"intent", "sentiment", "source"}``) adds reviewers' corrections: each goes to
the training split only, repeated ``FEEDBACK_REPEAT`` times so that a few
corrections weigh against thousands of generated rows, and any generated row
with the same text but another intent is dropped (the reviewer's word wins).

Splitting is by *group* (an original and all its variants, or all
expansions of one template) so validation measures generalisation to unseen
phrasings.  See ``training/data/README.md`` for sources and licences.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from training.data import gen_bitext, gen_noise, gen_own, public_sources
from training.data.common import Group, Row, clean, load_labels, rng_for, split_by_key, stable_fraction

HERE = Path(__file__).resolve().parent

OUT_DIR = HERE / "build" / "data"
CHALLENGE_DIR = HERE / "data" / "challenge"
VERSION = "v6"

# Caps on training rows per intent after everything is generated.  Originals
# are never dropped; only augmented variants are thinned out.
DEFAULT_INTENT_CAP = 2000
INTENT_CAPS = {"out_of_scope": 15000}
REVIEW_CAPS = {"negative": 6000, "neutral": 4500, "positive": 7500}
CHINESE_PER_CLASS = 8000
CHINESE_MLM_CAP = 20000
FEEDBACK_REPEAT = 8


def norm_key(text: str) -> str:
    return " ".join(text.lower().split())


def load_challenge() -> list[dict]:
    rows = []
    for path in sorted(CHALLENGE_DIR.glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    row.setdefault("intent", None)
                    row.setdefault("sentiment", None)
                    row.setdefault("source", f"challenge:{path.stem}")
                    rows.append({k: row[k] for k in ("text", "intent", "sentiment", "source")})
    return rows


def collect_groups() -> tuple[list[Group], list[str]]:
    """All labelled groups plus extra unlabelled texts for the MLM corpus."""
    mlm_extra: list[str] = []
    groups: list[Group] = []

    bitext, bitext_raw = gen_bitext.bitext_groups()
    groups += bitext
    mlm_extra += bitext_raw

    groups += public_sources.load_clinc()

    reviews, review_texts = public_sources.balanced_review_groups(REVIEW_CAPS)
    groups += reviews
    mlm_extra += review_texts

    zh, zh_texts = public_sources.chinese_review_groups(CHINESE_PER_CLASS)
    groups += zh
    mlm_extra += zh_texts[:CHINESE_MLM_CAP]

    groups += gen_own.own_groups()
    groups += gen_noise.noise_groups()
    return groups, mlm_extra


def assign_splits(groups: list[Group]) -> None:
    for g in groups:
        if g.split is None:
            g.split = split_by_key(g.key, 0.15)


def validate_labels(rows: list[Row], labels: dict) -> None:
    intents = {i["name"] for i in labels["intents"]}
    sentiments = set(labels["sentiments"])
    for r in rows:
        if r.intent is not None and r.intent not in intents:
            raise ValueError(f"unknown intent {r.intent!r} in {r}")
        if r.sentiment is not None and r.sentiment not in sentiments:
            raise ValueError(f"unknown sentiment {r.sentiment!r} in {r}")
        if r.intent is None and r.sentiment is None:
            raise ValueError(f"row without any label: {r}")


def dedupe(groups: list[Group], banned: set[str]) -> tuple[list[Row], list[Row], Counter]:
    """Flatten groups into train/val rows without duplicates or leakage.

    * a text seen twice keeps its first occurrence (generators are ordered
      by priority), later copies are dropped;
    * a text with conflicting intents across sources is dropped everywhere;
    * val rows whose text also occurs in train are dropped from val;
    * challenge texts (``banned``) never appear.
    """
    problems: Counter = Counter()
    intents_by_text: dict[str, set] = defaultdict(set)
    for g in groups:
        for r in g.rows:
            if r.intent is not None:
                intents_by_text[norm_key(r.text)].add(r.intent)
    conflicted = {k for k, v in intents_by_text.items() if len(v) > 1}
    problems["conflicting_intent_texts"] = len(conflicted)

    seen: set[str] = set()
    train: list[Row] = []
    val: list[Row] = []
    train_keys: set[str] = set()
    for g in groups:
        for r in g.rows:
            k = norm_key(r.text)
            if not k or k in conflicted or k in banned:
                problems["dropped_conflict_or_challenge"] += 1
                continue
            if k in seen:
                problems["dropped_duplicate"] += 1
                continue
            seen.add(k)
            (train if g.split == "train" else val).append(r)
            if g.split == "train":
                train_keys.add(k)
    before = len(val)
    val = [r for r in val if norm_key(r.text) not in train_keys]
    problems["val_dropped_leak"] = before - len(val)
    return train, val, problems


def cap_intents(rows: list[Row], split: str) -> list[Row]:
    """Thin out augmented rows of over-full intents (originals always kept)."""
    rng = rng_for("cap", split)
    by_intent: dict[str | None, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_intent[r.intent].append(i)
    drop: set[int] = set()
    for intent, idxs in sorted(by_intent.items(), key=lambda kv: str(kv[0])):
        if intent is None:
            continue
        cap = INTENT_CAPS.get(intent, DEFAULT_INTENT_CAP)
        if split == "val":
            cap = max(150, cap // 4)
        excess = len(idxs) - cap
        if excess <= 0:
            continue
        augmented = [i for i in idxs if "+" in rows[i].source]
        rng.shuffle(augmented)
        drop.update(augmented[:excess])
    return [r for i, r in enumerate(rows) if i not in drop]


def thin_chat_neutral(rows: list[Row], keep_fraction: float = 0.35) -> list[Row]:
    """Keep the neutral sentiment label on only part of the chat rows.

    Nearly every intent-labelled chat message is a neutral request; labelling
    all of them would swamp the sentiment head with one class.  A stable
    subset keeps the label, the rest get sentiment None (intent still trains).
    """
    out = []
    for r in rows:
        if (r.intent is not None and r.sentiment == "neutral"
                and stable_fraction("neu|" + r.text) >= keep_fraction):
            r = Row(r.text, r.intent, None, r.source)
        out.append(r)
    return out


def shuffled(rows: list[Row], seed: str) -> list[Row]:
    rows = list(rows)
    rng_for("shuffle", seed).shuffle(rows)
    return rows


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def is_chinese(text: str) -> bool:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in text) > len(text) // 4


def write_mlm(path: Path, texts: list[str], banned: set[str]) -> int:
    """Deduplicated MLM corpus; Chinese lines capped in total so English dominates."""
    seen: set[str] = set()
    n = n_zh = 0
    with open(path, "w", encoding="utf-8") as fh:
        for t in texts:
            t = clean(t)
            k = norm_key(t)
            if not t or t in seen or k in banned:
                continue
            if is_chinese(t):
                if n_zh >= CHINESE_MLM_CAP:
                    continue
                n_zh += 1
            seen.add(t)
            fh.write(t + "\n")
            n += 1
    return n


def stats(train: list[Row], val: list[Row], challenge: list[dict], problems: Counter, mlm_lines: int) -> dict:
    def count(rows, attr):
        c = Counter(getattr(r, attr) if isinstance(r, Row) else r[attr] for r in rows)
        return dict(sorted(((str(k), v) for k, v in c.items())))

    def base_source(rows):
        def base(src: str) -> str:
            return src.split(":")[0] if src.startswith("clinc150") else src
        c = Counter(base(r.source if isinstance(r, Row) else r["source"]) for r in rows)
        return dict(sorted(c.items()))

    out = {"version": VERSION, "mlm_lines": mlm_lines, "problems": dict(problems)}
    for name, rows in (("train", train), ("val", val), ("challenge", challenge)):
        out[name] = {"rows": len(rows), "intent": count(rows, "intent"),
                     "sentiment": count(rows, "sentiment"), "source": base_source(rows)}
    return out


def load_feedback(path: Path, labels: dict, banned: set[str]) -> list[Row]:
    """Reviewers' corrections; a row naming no intent of the model, or a challenge text, stops the build."""
    intents = {i["name"] for i in labels["intents"]}
    sentiments = set(labels["sentiments"])
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        text = clean(row.get("text") or "")
        if not text or row.get("intent") not in intents or row.get("sentiment") not in sentiments | {None}:
            sys.exit(f"{path}:{n}: needs a text, one of the model's intents and a sentiment or null: {line}")
        if norm_key(text) in banned:
            sys.exit(f"{path}:{n}: the challenge set holds this text; it must stay unseen: {text}")
        rows.append(Row(text, row["intent"], row.get("sentiment"), "feedback"))
    return rows


def apply_feedback(train: list[Row], val: list[Row], feedback: list[Row]) -> tuple[list[Row], list[Row]]:
    """Feedback texts leave val (they are trained on) and contradicting rows leave train; each correction is repeated."""
    corrected = {norm_key(r.text) for r in feedback}
    train = [r for r in train if norm_key(r.text) not in corrected]
    val = [r for r in val if norm_key(r.text) not in corrected]
    return train + [r for r in feedback for _ in range(FEEDBACK_REPEAT)], val


def main() -> None:
    parser = argparse.ArgumentParser(description="Build IntentBot's training data.")
    parser.add_argument("--feedback", type=Path, help="reviewers' corrections (intentbot feedback export), jsonl")
    args = parser.parse_args()
    t0 = time.time()
    labels = load_labels()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    challenge = load_challenge()
    banned = {norm_key(r["text"]) for r in challenge}

    groups, mlm_extra = collect_groups()
    assign_splits(groups)
    for g in groups:
        validate_labels(g.rows, labels)
    train, val, problems = dedupe(groups, banned)
    train = thin_chat_neutral(cap_intents(train, "train"))
    if args.feedback:
        feedback = load_feedback(args.feedback, labels, banned)
        train, val = apply_feedback(train, val, feedback)
        print(f"feedback: {len(feedback)} corrections from {args.feedback}, each x{FEEDBACK_REPEAT} in train")
    train = shuffled(train, "train")
    val = shuffled(thin_chat_neutral(cap_intents(val, "val")), "val")

    write_jsonl(OUT_DIR / "train.jsonl", [r.as_dict() for r in train])
    write_jsonl(OUT_DIR / "val.jsonl", [r.as_dict() for r in val])
    write_jsonl(OUT_DIR / "challenge.jsonl", challenge)
    mlm_texts = [r.text for r in train] + [r.text for r in val] + mlm_extra
    mlm_lines = write_mlm(OUT_DIR / "mlm.txt", mlm_texts, banned)
    st = stats(train, val, challenge, problems, mlm_lines)
    (OUT_DIR / "stats.json").write_text(json.dumps(st, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    with open(OUT_DIR / "STATUS.txt", "a", encoding="utf-8") as fh:
        fh.write(f"{VERSION} ready: train={len(train)} val={len(val)} challenge={len(challenge)} "
                 f"mlm={mlm_lines} ({time.strftime('%Y-%m-%d %H:%M:%S')})\n")
    print(f"{VERSION}: train={len(train)} val={len(val)} challenge={len(challenge)} mlm={mlm_lines} "
          f"in {time.time() - t0:.1f}s -> {OUT_DIR}")


if __name__ == "__main__":
    main()
