"""Loaders for the public datasets in ``$INTENTBOT_DATASETS`` (default
``<repo>/../shared/datasets``).  The files are read in place, never copied
into the repository.

* Bitext customer-service 8k (CDLA-Sharing-1.0): the 27 customer-service
  intents.  Stratified 15 % validation split by utterance hash.
* CLINC150 (CC BY 3.0): conversation intents, ``order_status`` and our main
  pool of diverse out-of-scope text.  Its own ``val`` split is our val split.
  See :data:`CLINC_MAP` for the per-intent decision table.
* Review corpora for sentiment (stars 1-2 negative, 3 neutral, 4-5 positive).
"""

from __future__ import annotations

import csv
import json
import re

from training.data.common import NEG, NEU, POS, Group, Row, clean, datasets_dir, rng_for, split_by_key

OOS = "out_of_scope"
DROP = None

# ---------------------------------------------------------------------------
# CLINC150 decision table: clinc intent -> our intent, "out_of_scope", or DROP.
# Every one of the 150 intents is listed; build fails on an unknown one.
# ---------------------------------------------------------------------------
CLINC_MAP: dict[str, str | None] = {
    # -- small_talk: the three conversational acts our bot answers itself
    "greeting": "greeting", "goodbye": "goodbye", "thank_you": "thanks",
    # -- home: package tracking is exactly our track_order; "order me more lysol"
    #    is a request to buy something -> place_order (examples checked: they fit)
    "order_status": "track_order", "order": "place_order",
    # -- ambiguous for a shop bot: shopping lists look like cart/order edits
    "shopping_list": DROP, "shopping_list_update": DROP,
    # -- meta dialogue acts: bare yes/no/cancel/repeat only make sense in context
    #    ("cancel" would fight cancel_order); "what can I ask you" / "are you a bot"
    #    / name changes are things a shop bot may legitimately answer
    "cancel": DROP, "yes": DROP, "no": DROP, "maybe": DROP, "repeat": DROP,
    "what_can_i_ask_you": DROP, "are_you_a_bot": DROP, "user_name": DROP,
    "change_user_name": DROP, "change_language": DROP,
    # -- banking/credit-card intents that look like shop payment, invoice,
    #    refund, account or loyalty questions: too close to our intents to be
    #    safe negatives
    "card_declined": DROP, "pay_bill": DROP, "bill_balance": DROP, "bill_due": DROP,
    "transactions": DROP, "report_fraud": DROP, "replacement_card_duration": DROP,
    "damaged_card": DROP, "spending_history": DROP, "account_blocked": DROP,
    "freeze_account": DROP, "pin_change": DROP, "redeem_rewards": DROP,
    "rewards_balance": DROP, "application_status": DROP, "international_fees": DROP,
    # -- travel: lost luggage is a "where is my stuff" complaint -> ambiguous
    "lost_luggage": DROP,
    # -- remaining banking / credit cards: clearly someone else's business
    "routing": OOS, "interest_rate": OOS, "min_payment": OOS, "transfer": OOS,
    "order_checks": OOS, "balance": OOS, "expiration_date": OOS, "improve_credit_score": OOS,
    "report_lost_card": OOS, "credit_limit_change": OOS, "apr": OOS, "credit_limit": OOS,
    "credit_score": OOS, "new_card": OOS,
    # -- kitchen & dining
    "food_last": OOS, "confirm_reservation": OOS, "how_busy": OOS, "ingredients_list": OOS,
    "calories": OOS, "nutrition_info": OOS, "recipe": OOS, "restaurant_reviews": OOS,
    "restaurant_reservation": OOS, "meal_suggestion": OOS, "restaurant_suggestion": OOS,
    "cancel_reservation": OOS, "ingredient_substitution": OOS, "cook_time": OOS,
    "accept_reservations": OOS,
    # -- home assistant (music, lists, calendar, smart home)
    "what_song": OOS, "play_music": OOS, "todo_list_update": OOS, "reminder": OOS,
    "reminder_update": OOS, "calendar_update": OOS, "update_playlist": OOS, "calendar": OOS,
    "next_song": OOS, "todo_list": OOS, "smart_home": OOS,
    # -- auto & commute
    "current_location": OOS, "oil_change_when": OOS, "oil_change_how": OOS, "uber": OOS,
    "traffic": OOS, "tire_pressure": OOS, "schedule_maintenance": OOS, "gas": OOS, "mpg": OOS,
    "distance": OOS, "directions": OOS, "last_maintenance": OOS, "gas_type": OOS,
    "tire_change": OOS, "jump_start": OOS,
    # -- travel
    "plug_type": OOS, "travel_notification": OOS, "translate": OOS, "flight_status": OOS,
    "international_visa": OOS, "timezone": OOS, "exchange_rate": OOS, "travel_suggestion": OOS,
    "travel_alert": OOS, "vaccines": OOS, "book_flight": OOS, "book_hotel": OOS,
    "carry_on": OOS, "car_rental": OOS,
    # -- utility
    "weather": OOS, "alarm": OOS, "date": OOS, "find_phone": OOS, "share_location": OOS,
    "timer": OOS, "make_call": OOS, "calculator": OOS, "definition": OOS,
    "measurement_conversion": OOS, "flip_coin": OOS, "spelling": OOS, "time": OOS,
    "roll_dice": OOS, "text": OOS,
    # -- work / HR / taxes
    "pto_request_status": OOS, "next_holiday": OOS, "insurance_change": OOS, "insurance": OOS,
    "meeting_schedule": OOS, "payday": OOS, "taxes": OOS, "income": OOS, "rollover_401k": OOS,
    "pto_balance": OOS, "pto_request": OOS, "w2": OOS, "schedule_meeting": OOS,
    "direct_deposit": OOS, "pto_used": OOS,
    # -- small talk about the assistant itself: not a shop task
    "who_made_you": OOS, "meaning_of_life": OOS, "who_do_you_work_for": OOS,
    "do_you_have_pets": OOS, "what_are_your_hobbies": OOS, "fun_fact": OOS,
    "what_is_your_name": OOS, "where_are_you_from": OOS, "tell_joke": OOS,
    "how_old_are_you": OOS,
    # -- device settings of a voice assistant
    "change_speed": OOS, "whisper_mode": OOS, "change_volume": OOS, "change_accent": OOS,
    "sync_device": OOS, "change_ai_name": OOS, "reset_settings": OOS,
    # -- CLINC's own out-of-scope queries
    "oos": OOS,
}

# CLINC's generic "oos" texts that nevertheless read like a shop request are
# dropped rather than taught as "reject" (keeps false rejections low).  Texts of
# named CLINC intents (e.g. order_checks "order new checks from my bank",
# book_flight "purchase a flight") are kept: they are useful hard negatives.
SHOPLIKE_OOS = re.compile(
    r"\b(order|refund|deliver|shipping|ship|package|parcel|invoice|receipt|purchase|buy|bought|"
    r"price of|cost of|how much (is|are|does) (a|an|the)|discount|coupon|return policy|store|shop)\b",
    re.IGNORECASE)

CLINC_SENTIMENT = {"thanks": POS, "greeting": NEU, "goodbye": NEU}


def load_clinc() -> list[Group]:
    """One group per CLINC utterance; split fixed by CLINC (train/val)."""
    path = datasets_dir() / "clinc150"
    data = json.loads((path / "data_train_val.json").read_text(encoding="utf-8"))
    domains = json.loads((path / "domains.json").read_text(encoding="utf-8"))
    known = {i for intents in domains.values() for i in intents} | {"oos"}
    missing = sorted(known - set(CLINC_MAP))
    if missing:
        raise ValueError(f"CLINC intents without a decision: {missing}")
    groups: list[Group] = []
    for split_name, split in (("train", "train"), ("val", "val"), ("oos_train", "train"), ("oos_val", "val")):
        for text, clinc_intent in data[split_name]:
            ours = CLINC_MAP[clinc_intent]
            if ours is None:
                continue
            text = clean(text)
            if clinc_intent == "oos" and SHOPLIKE_OOS.search(text):
                continue
            # CLINC queries are plain requests: a neutral sentiment label is
            # safe for in-scope intents; OOS rows stay unlabelled (too many).
            sent = CLINC_SENTIMENT.get(ours)
            if ours in ("track_order", "place_order"):
                sent = NEU
            groups.append(Group(key=f"clinc|{text}", split=split,
                                rows=[Row(text, ours, sent, f"clinc150:{clinc_intent}")]))
    return groups


# ---------------------------------------------------------------------------
# Bitext
# ---------------------------------------------------------------------------
NEGATIVE_WORDS = re.compile(r"\b(damn|goddamn|bloody|fucking|fuck|shit|crap|freaking|hell)\b", re.I)


def bitext_sentiment(intent: str, flags: str, text: str) -> str | None:
    """Heuristic chat sentiment for Bitext rows.

    * ``complaint`` rows and W-flagged (offensive wording) rows -> negative.
    * ``review`` rows are requests to *leave* a review: tone unknown -> unlabelled.
    * everything else is a plain question/request -> neutral.
    """
    if intent == "complaint" or "W" in flags or NEGATIVE_WORDS.search(text):
        return NEG
    if intent == "review":
        return None
    return NEU


def load_bitext() -> list[tuple[str, str, str]]:
    """(utterance, intent, flags) triples, in file order."""
    path = datasets_dir() / "bitext-customer-service-8k" / "Bitext_Sample_Customer_Service_Training_Dataset.csv"
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [(clean(r["utterance"]), r["intent"], r["flags"]) for r in csv.DictReader(fh)]


# ---------------------------------------------------------------------------
# Review sentiment
# ---------------------------------------------------------------------------
def stars_to_sentiment(stars: int) -> str:
    return NEG if stars <= 2 else (NEU if stars == 3 else POS)


def load_womens_reviews() -> list[tuple[str, str]]:
    path = datasets_dir() / "womens-ecommerce-clothing-reviews" / "Womens Clothing E-Commerce Reviews.csv"
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            body = clean(r.get("Review Text") or "")
            title = clean(r.get("Title") or "")
            if not body:
                continue
            text = f"{title}. {body}" if title and not title.endswith((".", "!", "?")) else clean(f"{title} {body}")
            out.append((text, stars_to_sentiment(int(r["Rating"]))))
    return out


def load_amazon_reviews() -> list[tuple[str, str]]:
    path = datasets_dir() / "amazon-product-reviews-4915" / "amazon_reviews.csv"
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            text = clean(r.get("reviewText") or "")
            if text:
                out.append((text, stars_to_sentiment(int(float(r["overall"])))))
    return out


def load_chinese_reviews() -> list[tuple[str, str, str]]:
    """(text, sentiment, category); binary labels only (no neutral)."""
    path = datasets_dir() / "chinese-online-shopping-10-cats" / "online_shopping_10_cats.csv"
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            text = clean(r.get("review") or "")
            if text:
                out.append((text, POS if r["label"].strip() == "1" else NEG, r["cat"]))
    return out


def balanced_review_groups(per_class_cap: dict[str, int]) -> tuple[list[Group], list[str]]:
    """English review groups with positives downsampled; also all review texts for MLM."""
    rng = rng_for("reviews")
    pools: dict[str, list[tuple[str, str]]] = {NEG: [], NEU: [], POS: []}
    all_texts: list[str] = []
    for source, rows in (("womens_clothing_reviews", load_womens_reviews()),
                         ("amazon_reviews_microsd", load_amazon_reviews())):
        for text, sent in rows:
            all_texts.append(text)
            pools[sent].append((text, source))
    groups = []
    for sent in (NEG, NEU, POS):
        pool = pools[sent]
        rng.shuffle(pool)
        for text, source in pool[:per_class_cap[sent]]:
            groups.append(Group(key=f"rev|{text}", rows=[Row(text, None, sent, source)]))
    return groups, all_texts


def chinese_review_groups(n_per_class: int) -> tuple[list[Group], list[str]]:
    """Balanced Chinese subset, stratified by product category; hotel excluded."""
    rng = rng_for("chinese")
    rows = load_chinese_reviews()
    by_key: dict[tuple[str, str], list[str]] = {}
    for text, sent, cat in rows:
        by_key.setdefault((cat, sent), []).append(text)
    groups = []
    cats = sorted({c for c, _ in by_key if c != "酒店"})
    for sent in (NEG, POS):
        chosen: list[str] = []
        per_cat = n_per_class // len(cats) + 1
        for cat in cats:
            pool = sorted(set(by_key.get((cat, sent), [])))
            rng.shuffle(pool)
            chosen.extend(t for t in pool[:per_cat] if len(t) <= 300)
        for text in chosen[:n_per_class]:
            groups.append(Group(key=f"zh|{text}", rows=[Row(text, None, sent, "chinese_shopping_reviews")]))
    all_texts = [t for t, _, _ in rows]
    rng.shuffle(all_texts)
    return groups, all_texts
