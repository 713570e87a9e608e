"""Expand the hand-written seed files in ``seeds/`` into training groups.

Seed file format (UTF-8 text)::

    ## intent_name | default_sentiment      <- section header (sentiment optional)
    # comment
    - my order {order} never came!!          <- "- " negative, "+ " positive,
    0 where is my order                      <- "0 " neutral, "? " unlabelled,
    can u check order {order}                <- no marker: section default

``{slot}`` placeholders are filled by :mod:`slots`.  Each seed line becomes
one group (its slot fillings and augmented variants share the split), and
the validation split is chosen per seed line, so validation measures
generalisation to unseen phrasings rather than unseen slot values.
"""

from __future__ import annotations

from pathlib import Path

from training.data import augment, slots
from training.data.common import Group, Row, SEEDS_DIR, parse_sentiment_marker, read_sections, rng_for, split_by_key

NO_CONTEXT_INTENTS = {"greeting", "goodbye", "thanks", "out_of_scope"}
# short conversational acts: only surface noise, never added words
LIGHT_AUGMENT_INTENTS = {"greeting", "goodbye", "thanks"}


def parse_header(header: str) -> tuple[str, str | None]:
    name, _, sent = header.partition("|")
    sent = sent.strip() or None
    return name.strip(), sent


def expand_line(template: str, intent: str | None, sentiment: str | None, source: str,
                per_line: int, bitext_style_p: float, augment_ok: bool, rng_key: str) -> list[Row]:
    """Slot fillings + augmented variants of one seed line, ~``per_line`` rows."""
    rng = rng_for(rng_key)
    allow_ctx = intent not in NO_CONTEXT_INTENTS
    allow_greet = intent not in {"greeting", "goodbye", "thanks"}
    texts: list[str] = []
    if slots.has_slots(template):
        n_fill = max(1, per_line // 2) if augment_ok else per_line
        seen: set[str] = set()
        for _ in range(n_fill * 3):
            if len(texts) >= n_fill:
                break
            t = slots.fill(template, rng, bitext_style_p=bitext_style_p)
            if t not in seen:
                seen.add(t)
                texts.append(t)
    else:
        texts.append(template)
    rows = [Row(t, intent, sentiment, source) for t in texts]
    if augment_ok:
        budget = max(0, per_line - len(rows))
        i = 0
        while budget > 0 and i < per_line * 3:
            base = texts[i % len(texts)]
            light = intent in LIGHT_AUGMENT_INTENTS
            for v in augment.variants(base, rng, 1, sentiment, allow_greet, allow_ctx, light):
                if v not in {r.text for r in rows}:
                    rows.append(Row(v, intent, sentiment, source + "+aug"))
                    budget -= 1
            i += 1
    return rows


def seed_groups(path: Path, source: str, target_per_section: int = 500, val_fraction: float = 0.15,
                bitext_style_p: float = 0.05, augment_ok: bool = True,
                label_kind: str = "intent", max_per_line: int = 40) -> list[Group]:
    """Groups for every section of ``path``.

    ``label_kind`` "intent": section name is an intent; "sentiment": the
    section name is a sentiment (review files), intent stays None.
    """
    groups: list[Group] = []
    for header, lines in read_sections(path).items():
        name, default_sent = parse_header(header)
        if not lines:
            continue
        per_line = max(1, min(max_per_line, round(target_per_section / len(lines))))
        for idx, line in enumerate(lines):
            text, sent = parse_sentiment_marker(line, default_sent)
            intent = name if label_kind == "intent" else None
            if label_kind == "sentiment":
                sent = name
            key = f"{source}|{name}|{text}"
            # very short out-of-scope lines ("...", "🙏"-like noise) stay as
            # written: decorating them can turn them into real greetings/thanks
            # (Chinese has no spaces: count characters instead of words)
            short_oos = intent == "out_of_scope" and (
                len(text) < 4 if augment.is_chinese(text) else len(text.split()) < 3)
            rows = expand_line(text, intent, sent, source, 1 if short_oos else per_line,
                               bitext_style_p, augment_ok and not short_oos, key)
            groups.append(Group(key=key, rows=rows, split=split_by_key(key, val_fraction)))
    return groups


def all_seed_files() -> list[Path]:
    return sorted(SEEDS_DIR.glob("*.txt"))
