"""The project's own data: hand-written seeds and templates in ``seeds/``.

Which file feeds which label, and how strongly each is expanded:

* ``cs_*.txt``        -- messy real-world messages for the 27 customer-service
                         intents (tweets, angry multi-sentence rants, typos).
* ``shopping.txt``    -- product_inquiry / price_inquiry / recommendation
                         templates with slots (see :mod:`gen_shopping`).
* ``conversation.txt``-- greeting / goodbye / thanks.
* ``out_of_scope.txt``-- requests another assistant would get.
* ``reviews.txt``     -- review-style sentiment examples (apps, food delivery,
                         furniture, electronics, cosmetics ...).
* ``cs_real.txt``     -- realistic polite/indirect requests, tweets and e-mails
                         for the 27 customer-service intents plus
                         product_inquiry / price_inquiry / recommendation,
                         focused on the confusable intent pairs (``cs_`` plan).
* ``out_of_scope_real.txt`` -- chat-style general-assistant requests incl.
                         money/buying hard negatives (``out_of_scope`` plan).
* ``reviews_real.txt``-- product + app-store reviews from many shop types,
                         mixed 3-star neutrals (``reviews`` plan).
* ``new_shopping.txt`` / ``new_service.txt`` -- the labels added with model
                         2.0.0 (promo_code, stock_availability,
                         damaged_or_wrong_item, exchange_item, opening_hours)
                         plus product-attribute questions.  No public corpus has
                         these labels, so these seeds are expanded more than
                         the ``cs_`` ones (which sit beside ~300 Bitext rows).
* ``zh_shopping.txt`` -- Chinese chat messages for the common shopping and
                         conversation intents and Chinese out-of-scope; the
                         public Chinese data is reviews only (sentiment).
                         Augmented with Chinese surface changes
                         (:func:`augment.augment_zh`).
"""

from __future__ import annotations

from training.data.common import SEEDS_DIR, Group
from training.data.gen_seeds import seed_groups

# file stem prefix -> (expansion target per section, label kind, max rows per line)
PLAN = [
    ("cs_", dict(target_per_section=700, label_kind="intent", bitext_style_p=0.08)),
    ("shopping", dict(target_per_section=1900, label_kind="intent", bitext_style_p=0.0, max_per_line=25)),
    ("conversation", dict(target_per_section=1100, label_kind="intent", max_per_line=12)),
    ("out_of_scope", dict(target_per_section=3000, label_kind="intent", max_per_line=8)),
    ("new_", dict(target_per_section=1500, label_kind="intent", bitext_style_p=0.05, max_per_line=14)),
    ("zh_", dict(target_per_section=450, label_kind="intent", bitext_style_p=0.0, max_per_line=10)),
    ("reviews", dict(target_per_section=900, label_kind="sentiment", augment_ok=False, max_per_line=3)),
]


def own_groups() -> list[Group]:
    groups: list[Group] = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        for prefix, kwargs in PLAN:
            if path.stem.startswith(prefix):
                groups += seed_groups(path, source=f"own:{path.stem}", **kwargs)
                break
        else:
            raise ValueError(f"no expansion plan for seed file {path.name}")
    return groups
