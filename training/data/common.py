"""Shared helpers for the IntentBot data builder.

Every generator module produces *groups*: a list of rows that must land on the
same side of the train/validation split (an original utterance plus its
augmented variants, or every expansion of one template).  Keeping the group
together is what makes the validation score honest: the model never sees a
paraphrase of a validation text during training.

Nothing here may depend on Python's salted ``hash()`` or on dict/set iteration
order of unsorted data -- the build must be byte-for-byte reproducible.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

TRAINING_DIR = Path(__file__).resolve().parent.parent
REPO_ROOT = TRAINING_DIR.parent
DATA_DIR = TRAINING_DIR / "data"
SEEDS_DIR = DATA_DIR / "seeds"

NEG, NEU, POS = "negative", "neutral", "positive"


def datasets_dir() -> Path:
    """Public datasets live outside the repo (never copied in)."""
    env = os.environ.get("INTENTBOT_DATASETS")
    return Path(env) if env else (REPO_ROOT.parent / "shared" / "datasets")


def load_labels() -> dict:
    with open(TRAINING_DIR / "labels.json", encoding="utf-8") as fh:
        return json.load(fh)


def stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest()[:8], "big")


def stable_fraction(key: str) -> float:
    """Deterministic pseudo-random number in [0, 1) derived from ``key``."""
    return stable_hash(key) / float(1 << 64)


def rng_for(*parts: object) -> random.Random:
    """A Random seeded from a readable key, so each generator is independent."""
    return random.Random(stable_hash("|".join(str(p) for p in parts)))


def clean(text: str) -> str:
    """Collapse whitespace, strip stray BOMs; keep case/punctuation/emoji."""
    text = text.replace("\ufeff", "").replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return " ".join(text.split())


@dataclass
class Row:
    text: str
    intent: str | None
    sentiment: str | None
    source: str

    def as_dict(self) -> dict:
        return {"text": self.text, "intent": self.intent,
                "sentiment": self.sentiment, "source": self.source}


@dataclass
class Group:
    """Rows that share a split.  ``split`` None = decided by the builder."""
    key: str
    rows: list[Row] = field(default_factory=list)
    split: str | None = None


def split_by_key(key: str, val_fraction: float, salt: str = "split-v1") -> str:
    return "val" if stable_fraction(salt + "|" + key) < val_fraction else "train"


def read_sections(path: Path) -> dict[str, list[str]]:
    """Parse a phrase file made of ``## name`` sections, one entry per line.

    Blank lines and lines starting with ``#`` (but not ``##``) are comments.
    Order inside a section is preserved.
    """
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            stripped = line.strip()
            if stripped.startswith("## "):
                name = stripped[3:].strip()
                current = sections.setdefault(name, [])
                continue
            if not stripped or stripped.startswith("#"):
                continue
            if current is None:
                raise ValueError(f"{path}: entry before first section: {line!r}")
            current.append(stripped)
    return sections


def parse_sentiment_marker(line: str, default: str | None) -> tuple[str, str | None]:
    """Seed lines may start with a sentiment marker: ``-`` ``0`` ``+`` or ``?``.

    ``- text`` negative, ``0 text`` neutral, ``+ text`` positive, ``? text``
    unlabelled; anything else uses the section default.
    """
    if len(line) > 2 and line[1] == " " and line[0] in "-0+?":
        mark, rest = line[0], line[2:].strip()
        return rest, {"-": NEG, "0": NEU, "+": POS, "?": None}[mark]
    return line, default
