"""Judge candidate models side by side, the way the "Model history" tables of training/README.md are made.

    /usr/bin/python3 -m training.judge models/intentbot-default training/build/candidate-x [...]

Every model is run by the C# runtime (`intentbot eval`: its tokenizer, int8 ONNX model, batching and
out-of-scope rule) on the same rows: slices cut from training/build/data/{val,challenge}.jsonl (run
prepare_data.py first; a candidate trained on other data versions must be judged on the splits of the newest),
plus a generated probe of order-number messages. Prints one markdown table, rows as in the README.

Why a probe of order numbers: a model can get nearly all random order numbers right and still misread the ones
people type when they try a bot ("where is my order #12345?"), which are not random; the validation split, whose
numbers are generated, cannot show it (docs/model-history.md has the case that made this probe).

The agent-level product-question count (with the shop-name second reading) is measured by
tests/IntentBot.Agent.Tests (ProductQuestionCoverage): copy the candidate into models/intentbot-default and run it.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np

from training.utils import macro_f1, read_jsonl

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "training" / "build" / "data"
OUT = ROOT / "training" / "build" / "judge"
CLI_PROJECT = ROOT / "src" / "IntentBot.Cli"
CLI_DLL = CLI_PROJECT / "bin" / "Release" / "net10.0" / "intentbot.dll"

PROBES = ("challenge:short_product_questions", "challenge:unknown_brands", "challenge:shop_catalog")
ENGLISH_REVIEWS = ("womens_clothing_reviews", "amazon_reviews_microsd")

# Order numbers as customers type them when they try a bot, and as shops print them.
DEMO_NUMBERS = ("12345", "#12345", "123456", "1234", "#1234", "00001", "#98765", "54321", "111111", "#A-99812")
ORDER_MESSAGES = (
    ("where is my order {n}?", "track_order"), ("where's my order {n}", "track_order"),
    ("has order {n} shipped yet", "track_order"), ("cancel order {n} please", "cancel_order"),
    ("I want to cancel my order {n}", "cancel_order"), ("can I change the size on order {n}", "change_order"),
    ("I need to add an item to order {n}", "change_order"), ("I want a refund for order {n}", "get_refund"),
    ("when will I get the refund for order {n}", "track_refund"), ("send me the invoice for order {n}", "get_invoice"),
)


def source_of(row: dict) -> str:
    return row.get("source", "")


def order_number_rows() -> list[dict]:
    """Each message with every demo number and with five random ones (fixed seed: the same rows every run)."""
    rng = random.Random(2026)
    rows = []
    for template, intent in ORDER_MESSAGES:
        numbers = list(DEMO_NUMBERS)
        for _ in range(5):
            digits = "".join(rng.choice("0123456789") for _ in range(rng.choice((5, 6, 7, 8))))
            numbers.append(rng.choice(("", "#", "no. ", "ORD-")) + digits)
        rows += [{"text": template.format(n=n), "intent": intent} for n in numbers]
    return rows


def slices() -> dict[str, tuple[str, list[dict]]]:
    """name -> (task, rows)."""
    def load(name):
        path = DATA / f"{name}.jsonl"
        if not path.exists():
            sys.exit(f"{path} is missing: run /usr/bin/python3 training/prepare_data.py first")
        return read_jsonl(str(path))
    val, challenge = load("val"), load("challenge")
    own_chat = [r for r in val if r.get("sentiment") and source_of(r).startswith("own")]
    return {
        "challenge_chat": ("intent", [r for r in challenge if r.get("intent") and source_of(r) not in PROBES]),
        "challenge_chinese_chat": ("intent", [r for r in challenge if source_of(r) == "challenge:zh_chat"]),
        "short_product_questions": ("intent", [r for r in challenge if source_of(r) == PROBES[0]]),
        "unknown_brands": ("intent", [r for r in challenge if source_of(r) == PROBES[1]]),
        "shop_catalog": ("intent", [r for r in challenge if source_of(r) == PROBES[2]]),
        "order_numbers": ("intent", order_number_rows()),
        "val_intent": ("intent", [r for r in val if r.get("intent")]),
        "val_noise": ("intent", [r for r in val if r.get("intent") and source_of(r) == "own:noise"]),
        "challenge_reviews": ("sentiment", [r for r in challenge if r.get("sentiment") and "review" in source_of(r)]),
        "val_chat_sentiment": ("sentiment", own_chat),
        "val_english_reviews": ("sentiment", [r for r in val if r.get("sentiment")
                                              and source_of(r).split(":")[0].split("+")[0] in ENGLISH_REVIEWS]),
        "val_chinese_reviews": ("sentiment", [r for r in val if r.get("sentiment") and "chinese" in source_of(r)]),
    }


def write_csv(name: str, task: str, rows: list[dict]) -> None:
    """The slice as `intentbot eval` reads it; written once, every model reads the same file."""
    with (OUT / f"{name}.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["text", task])
        writer.writerows([r["text"], r[task]] for r in rows)


def predictions(model: Path, name: str, task: str, tag: str) -> list[dict]:
    folder = OUT / tag
    folder.mkdir(parents=True, exist_ok=True)
    data, out = OUT / f"{name}.csv", folder / f"{name}.jsonl"
    subprocess.run(["dotnet", str(CLI_DLL), "eval", "--model", str(model), "--data", str(data), "--text-column", "text",
                    "--label-column", task, "--task", task, "--predictions", str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    return read_jsonl(str(out))


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


def intent_cells(preds: list[dict]) -> dict[str, str]:
    oos = [p for p in preds if p["gold"] == "out_of_scope"]
    ins = [p for p in preds if p["gold"] != "out_of_scope"]
    right = sum(p["correct"] for p in preds)
    return {"accuracy": pct(right, len(preds)), "right": str(right),
            "in scope": str(sum(p["predicted"] != "out_of_scope" for p in preds)),
            "oos recall": pct(sum(p["predicted"] == "out_of_scope" for p in oos), len(oos)),
            "false rejection": pct(sum(p["predicted"] == "out_of_scope" for p in ins), len(ins))}


def sentiment_cells(preds: list[dict]) -> dict[str, str]:
    labels = ["negative", "neutral", "positive"]
    gold = np.array([labels.index(p["gold"]) for p in preds])
    said = np.array([labels.index(p["predicted"]) for p in preds])
    # Negative vs positive: the neutral gold rows are left out, and the call is the larger of the two probabilities.
    polar = [p for p in preds if p["gold"] != "neutral"]
    hits = sum((p["probabilities"]["positive"] > p["probabilities"]["negative"]) == (p["gold"] == "positive")
               for p in polar)
    # The same macro-F1 as training and evaluate.py: over the classes present in gold.
    return {"macro-F1": f"{macro_f1(gold, said, len(labels)):.3f}", "binary": pct(hits, len(polar))}


ROWS = (  # (label, slice, cells)
    ("challenge chat intent accuracy", "challenge_chat", ("accuracy",)),
    ("— out-of-scope recall / false rejection", "challenge_chat", ("oos recall", "false rejection")),
    ("— of which Chinese (`zh_chat`) right", "challenge_chinese_chat", ("right",)),
    ("`short_product_questions` right / in scope", "short_product_questions", ("right", "in scope")),
    ("`shop_catalog` right / in scope", "shop_catalog", ("right", "in scope")),
    ("`unknown_brands` right / in scope", "unknown_brands", ("right", "in scope")),
    ("order-number messages right (generated)", "order_numbers", ("right",)),
    ("validation intent accuracy", "val_intent", ("accuracy",)),
    ("— out-of-scope recall / false rejection", "val_intent", ("oos recall", "false rejection")),
    ("validation noise caught", "val_noise", ("oos recall",)),
    ("challenge reviews macro-F1 / binary", "challenge_reviews", ("macro-F1", "binary")),
    ("validation own-seed sentiment binary (chat, 2% reviews)", "val_chat_sentiment", ("binary",)),
    ("validation English reviews macro-F1 / binary", "val_english_reviews", ("macro-F1", "binary")),
    ("validation Chinese reviews binary", "val_chinese_reviews", ("binary",)),
)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("models", nargs="+", type=Path, help="model folders (model.onnx, vocab.txt, manifest.json)")
    args = ap.parse_args(argv)
    subprocess.run(["dotnet", "build", str(CLI_PROJECT), "-c", "Release", "--nologo", "-v", "q"], check=True,
                   stdout=subprocess.DEVNULL)
    cut = slices()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (task, rows) in cut.items():
        write_csv(name, task, rows)
    cells, headers = {}, []
    for index, model in enumerate(args.models):
        manifest = json.loads((model / "manifest.json").read_text(encoding="utf-8"))
        headers.append(f"{manifest.get('version', '?')} ({model.name})")
        for name, (task, _) in cut.items():
            preds = predictions(model, name, task, f"{index}-{model.name}")
            found = intent_cells(preds) if task == "intent" else sentiment_cells(preds)
            cells[(index, name)] = found | {"rows": str(len(preds))}
        print(f"judged {model}", file=sys.stderr)
    print("| | " + " | ".join(headers) + " |")
    print("|---|" + "---:|" * len(headers))
    for label, name, keys in ROWS:
        size = cells[(0, name)]["rows"]
        values = [" / ".join(cells[(i, name)][k] for k in keys) for i in range(len(args.models))]
        print(f"| {label} ({size}) | " + " | ".join(values) + " |")
    print(f"\nPredictions per slice and model: {OUT.relative_to(ROOT)}/", file=sys.stderr)


if __name__ == "__main__":
    main()
