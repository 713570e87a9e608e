"""Bitext rows plus realistic variants.

Bitext 8k is clean and synthetic.  For every utterance we keep the original
and add a few augmented variants (typos, casing, greetings, tweet style ...).
We also rewrite some utterances the way the newer Bitext release and real
customers do: with a concrete reference ("cancel order {{Order Number}}",
"cancel order #48213", "switch to the {{Account Type}} account").

The validation split is stratified per intent (15 %, by stable hash of the
utterance); variants always follow their original.
"""

from __future__ import annotations

import random
import re

from training.data import augment, slots
from training.data.common import Group, Row, rng_for, stable_fraction
from training.data.public_sources import bitext_sentiment, load_bitext

VAL_FRACTION = 0.15

# (pattern, replacement template) -- applied once, first match only
REFERENCE_RULES: list[tuple[re.Pattern, list[str]]] = [
    (re.compile(r"\b(?:my|the|an|a|this|that|last) (order|purchase)\b(?! (?:status|number))", re.I),
     ["order {order}", "the order {order}", "my order {order}", "purchase {order}", "order number {order}"]),
    (re.compile(r"\b(?:my|the|an|a|this) (invoice|bill)\b", re.I),
     ["invoice {invoice}", "the invoice {invoice}", "bill {invoice}"]),
    (re.compile(r"\b(?:my|the|a|an) (account|profile)\b", re.I),
     ["the {account_type} account", "my {account_type} account", "my account ({email})"]),
    (re.compile(r"\b(?:my|the|a) (refund|reimbursement)\b", re.I),
     ["the refund of {amount}", "my {amount} refund", "the refund for order {order}"]),
    (re.compile(r"\b(?:my|the) (item|package|parcel|product)\b", re.I),
     ["my {item}", "the {product}", "my package", "the parcel for order {order}"]),
]


# intents for which a concrete reference would not make sense
NO_REFERENCE = {"place_order", "create_account", "registration_problems", "check_refund_policy",
                "check_payment_methods", "delivery_options", "newsletter_subscription"}


def add_reference(text: str, intent: str, rng: random.Random) -> str | None:
    if intent in NO_REFERENCE:
        return None
    for pattern, repls in REFERENCE_RULES:
        if pattern.search(text):
            repl = slots.fill(rng.choice(repls), rng, bitext_style_p=0.5)
            return pattern.sub(lambda _m: repl, text, count=1)
    return None


def split_for(text: str, intent: str) -> str:
    return "val" if stable_fraction(f"bitext|{intent}|{text}") < VAL_FRACTION else "train"


def bitext_groups(n_aug: int = 2) -> tuple[list[Group], list[str]]:
    groups: list[Group] = []
    raw_texts: list[str] = []
    for text, intent, flags in load_bitext():
        raw_texts.append(text)
        rng = rng_for("bitext", text)
        sent = bitext_sentiment(intent, flags, text)
        rows = [Row(text, intent, sent, "bitext")]
        for v in augment.variants(text, rng, n_aug, sent):
            rows.append(Row(v, intent, sent, "bitext+aug"))
        if rng.random() < 0.6:
            ref = add_reference(text, intent, rng)
            if ref:
                if rng.random() < 0.4:
                    ref = augment.augment_once(ref, rng, sent)
                rows.append(Row(ref, intent, sent, "bitext+ref"))
        groups.append(Group(key=f"bitext|{intent}|{text}", rows=rows, split=split_for(text, intent)))
    return groups, raw_texts
