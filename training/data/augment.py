"""Deterministic text augmentation for chat messages.

Customers do not write like Bitext's clean synthetic sentences: they greet
first, add "pls" and "asap", type in all caps when angry, drop apostrophes,
make typos, use "u"/"ur", and tack on emoji.  Each augmentation here imitates
one such habit at a realistic rate.  All randomness comes from the ``rng``
passed in, so a given seed always yields the same variants.

Sentiment-aware: cheerful emoji/suffixes are never added to a negative
message and angry ones never to a positive/neutral one, so augmentation does
not corrupt the sentiment label.
"""

from __future__ import annotations

import random
import re

from training.data.common import NEG, POS

GREETING_PREFIXES = ["hi, ", "hi ", "hello, ", "hey, ", "hey ", "hi there, ", "hello! ", "good morning, ",
                     "good evening. ", "hiya, ", "Hi team, ", "Hello, ", "Hi! ", "hey guys ", "yo ",
                     "Dear customer service, ", "hi again, ", "Hello there. "]
NEUTRAL_PREFIXES = ["quick question: ", "excuse me, ", "ok so ", "so ", "um ", "question - ",
                    "can you help? ", "hi, can you help me? ", "sorry to bother you but ", "just wondering, ",
                    "help: ", "Hi, I need some help. ", "need help - ", "one more thing: ", "also, "]
NEGATIVE_PREFIXES = ["ugh ", "seriously?? ", "this is ridiculous. ", "I'm so frustrated. ", "again!! ",
                     "WTF ", "not happy. ", "3rd time asking: ", "hello?? ", "come on... ",
                     "this is the worst service. ", "fed up. "]
NEUTRAL_SUFFIXES = [" please", " pls", " plz", " thanks", " thx", " thanks in advance", " asap",
                    "?", "??", " ?", ".", " :)", " 🙏", " ty", " cheers", " thank you!",
                    " if possible", " when you get a chance", " - thanks!", " help"]
NEGATIVE_SUFFIXES = [" 😡", " 😤", "!!!", " !!", " asap!!", " this is unacceptable", " ridiculous",
                     " 🤬", " so annoying", " fix this", " smh", " 🙄", " wtf", " not impressed"]
POSITIVE_SUFFIXES = [" 😊", " :)", " 🙂", " ❤️", "!", " thanks so much!", " you guys rock"]
HANDLES = ["@ShopHelp ", "@StoreCares ", "@AskTheShop ", "@shop_support "]
HASHTAGS = [" #customerservice", " #help", " #shopping", " #delivery", " #fail", " #annoyed"]

CONTEXT_SENTENCES = [
    "I bought a jacket from you last week.", "I'm a long time customer.", "I ordered online yesterday.",
    "I'm on the app right now.", "I'm using the website on my phone.", "I have a question.",
    "I placed an order on Monday.", "Bought a few things for my son's birthday.",
    "First time shopping here.", "My wife ordered some stuff for me.", "I'm trying to sort this out for my mum.",
    "It's about my recent purchase.", "I've been trying all morning.", "I tried the FAQ already.",
]

# pairs applied in the "informal" direction (formal -> casual) and back
CONTRACTIONS = [
    (r"\bI am\b", "I'm"), (r"\bdo not\b", "don't"), (r"\bcannot\b", "can't"), (r"\bcan not\b", "can't"),
    (r"\bdoes not\b", "doesn't"), (r"\bis not\b", "isn't"), (r"\bhave not\b", "haven't"),
    (r"\bwould like\b", "'d like"), (r"\bI will\b", "I'll"), (r"\bit is\b", "it's"), (r"\bwhat is\b", "what's"),
]
CASUAL = [
    (r"\byou\b", "u"), (r"\byour\b", "ur"), (r"\bplease\b", "pls"), (r"\bthanks\b", "thx"),
    (r"\bwant to\b", "wanna"), (r"\bgoing to\b", "gonna"), (r"\bbecause\b", "cuz"), (r"\bare\b", "r"),
    (r"\bI'm\b", "im"), (r"\bdon't\b", "dont"), (r"\bcan't\b", "cant"), (r"\bdoesn't\b", "doesnt"),
    (r"\bwhere's\b", "wheres"), (r"\bwhat's\b", "whats"), (r"\bit's\b", "its"), (r"\bto\b", "2"),
    (r"\bfor\b", "4"), (r"\btomorrow\b", "tmrw"), (r"\bpeople\b", "ppl"), (r"\bsomeone\b", "some1"),
]
# Regional / everyday vocabulary: same meaning, different words.  Bitext is
# written in US "support" English; customers say parcel, basket, postage ...
LEXICAL = [
    (r"\bpackage\b", ["parcel", "delivery", "stuff", "box"]), (r"\bcart\b", ["basket", "bag", "trolley"]),
    (r"\bshipping\b", ["postage", "delivery"]), (r"\bzip code\b", ["postcode", "postal code"]),
    (r"\bmom\b", ["mum"]), (r"\bitem\b", ["thing", "product", "stuff"]), (r"\bitems\b", ["things", "products", "bits"]),
    (r"\bpurchase\b", ["order"]), (r"\bcustomer service\b", ["customer services", "support", "customer care", "the help desk"]),
    (r"\bagent\b", ["advisor", "rep", "person", "operator"]), (r"\bcheck\b", ["see", "find out", "look up"]),
    (r"\bcancel\b", ["cancel", "call off", "scrap"]), (r"\bemail\b", ["e-mail", "mail"]),
    (r"\bI want to\b", ["I'd like to", "I need to", "I wanna", "can I", "I have to"]),
    (r"\bhow do I\b", ["how can I", "how to", "how would I", "what's the way to", "where do I"]),
    (r"\bcan you\b", ["could you", "can u", "would you", "pls"]),
    (r"\bmoney back\b", ["money back", "cash back", "refund"]),
    (r"\binvoice\b", ["invoice", "receipt", "bill"]), (r"\bsubscription\b", ["sub", "membership", "plan"]),
]


def lexical_swap(text: str, rng: random.Random) -> str:
    """Replace one or two matching phrases with a synonym; no-op if none match."""
    hits = [(pat, opts) for pat, opts in LEXICAL if re.search(pat, text, flags=re.IGNORECASE)]
    rng.shuffle(hits)
    for pat, opts in hits[:rng.choice([1, 2])]:
        text = re.sub(pat, rng.choice(opts), text, count=1, flags=re.IGNORECASE)
    return text


KEYBOARD_NEIGHBOURS = {
    "a": "qs", "s": "ad", "d": "sf", "e": "wr", "r": "et", "t": "ry", "o": "ip", "i": "uo",
    "n": "bm", "m": "n", "l": "k", "c": "xv", "u": "yi", "p": "o", "h": "gj", "g": "fh",
}


def typo_word(word: str, rng: random.Random) -> str:
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.randrange(4)
    if op == 0:  # swap neighbours
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op == 1:  # drop a letter
        return word[:i] + word[i + 1:]
    if op == 2:  # double a letter
        return word[:i] + word[i] + word[i:]
    near = KEYBOARD_NEIGHBOURS.get(word[i].lower())
    return word[:i] + (rng.choice(near) if near else word[i]) + word[i + 1:]


def add_typos(text: str, rng: random.Random, rate: float = 0.08) -> str:
    words = text.split(" ")
    out = [typo_word(w, rng) if rng.random() < rate else w for w in words]
    if out == words and words:
        j = rng.randrange(len(words))
        out[j] = typo_word(words[j], rng)
    return " ".join(out)


def apply_pairs(text: str, pairs: list[tuple[str, str]], rng: random.Random, p: float) -> str:
    for pattern, repl in pairs:
        if rng.random() < p:
            text = re.sub(pattern, repl, text, flags=re.IGNORECASE)
    return text


def strip_punct(text: str) -> str:
    return re.sub(r"[.,!?;:'\"]", "", text)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != "I " else text


def change_case(text: str, rng: random.Random, sentiment: str | None) -> str:
    r = rng.random()
    upper_p = 0.25 if sentiment == NEG else 0.05
    if r < upper_p:
        return text.upper()
    if r < upper_p + 0.55:
        return text.lower()
    if r < upper_p + 0.62:
        return text.title()
    return text[:1].upper() + text[1:]


def _pick_suffix(rng: random.Random, sentiment: str | None) -> str:
    if sentiment == NEG and rng.random() < 0.6:
        return rng.choice(NEGATIVE_SUFFIXES)
    if sentiment == POS and rng.random() < 0.5:
        return rng.choice(POSITIVE_SUFFIXES)
    return rng.choice(NEUTRAL_SUFFIXES)


def _pick_prefix(rng: random.Random, sentiment: str | None, allow_greeting: bool) -> str:
    r = rng.random()
    if sentiment == NEG and r < 0.4:
        return rng.choice(NEGATIVE_PREFIXES)
    if allow_greeting and r < 0.7:
        return rng.choice(GREETING_PREFIXES)
    return rng.choice(NEUTRAL_PREFIXES)


def augment_once(text: str, rng: random.Random, sentiment: str | None = None,
                 allow_greeting: bool = True, allow_context: bool = True) -> str:
    """One random combination of 1-3 augmentations."""
    out = text
    ops = rng.sample(["prefix", "suffix", "casual", "contract", "typo", "case", "punct", "context",
                      "tweet", "lexical", "lexical"], k=rng.choice([1, 2, 2, 3]))
    if "lexical" in ops:
        out = lexical_swap(out, rng)
    if "contract" in ops:
        out = apply_pairs(out, CONTRACTIONS, rng, 0.7)
    if "casual" in ops:
        out = apply_pairs(out, CASUAL, rng, 0.5)
    if "punct" in ops:
        out = strip_punct(out)
    if "typo" in ops:
        out = add_typos(out, rng)
    if "context" in ops and allow_context:
        sent = rng.choice(CONTEXT_SENTENCES)
        out = sent + " " + out[:1].upper() + out[1:] if rng.random() < 0.7 else out + ". " + sent
    if "prefix" in ops:
        out = _pick_prefix(rng, sentiment, allow_greeting) + lower_first(out)
    if "suffix" in ops:
        out = out.rstrip(" .") + _pick_suffix(rng, sentiment)
    if "tweet" in ops:
        out = rng.choice(HANDLES) + lower_first(out)
        if rng.random() < 0.4:
            tags = HASHTAGS if sentiment == NEG else HASHTAGS[:4]
            out += rng.choice(tags)
    if "case" in ops:
        out = change_case(out, rng, sentiment)
    return " ".join(out.split())


CHAT_SUFFIXES = ["!", "!!", "!!!", ".", " :)", " :D", " 🙂", " 😊", " 👋", " 🙏", " ^^", " xx", " 😀", "~"]


def stretch_letter(text: str, rng: random.Random) -> str:
    """'hi' -> 'hiii', 'thanks' -> 'thanksss' (only the last letter)."""
    stripped = text.rstrip("!?.:) ")
    if not stripped or not stripped[-1].isalpha():
        return text
    return stripped + stripped[-1] * rng.randint(1, 3) + text[len(stripped):]


def augment_light(text: str, rng: random.Random) -> str:
    """Surface-only changes for short conversational acts (no added content)."""
    out = text
    ops = rng.sample(["case", "punct", "typo", "stretch", "suffix", "handle"], k=rng.choice([1, 1, 2]))
    if "punct" in ops:
        out = strip_punct(out)
    if "typo" in ops and len(out) > 5:
        out = add_typos(out, rng, 0.15)
    if "stretch" in ops:
        out = stretch_letter(out, rng)
    if "suffix" in ops:
        out = out.rstrip(" .!") + rng.choice(CHAT_SUFFIXES)
    if "handle" in ops:
        out = rng.choice(HANDLES) + out
    if "case" in ops:
        out = rng.choice([out.lower(), out.upper(), out[:1].upper() + out[1:]])
    return " ".join(out.split())


# --- Chinese chat -----------------------------------------------------------
# English operations (word typos, "pls", contractions) mean nothing in Chinese
# text and swapping Chinese characters makes nonsense, so Chinese seed lines get
# their own surface changes: the politeness/attention openers and sentence-final
# particles shoppers type on Taobao/JD-style chats, punctuation habits
# (full-width, half-width, none, doubled) and occasional traditional characters.
CJK = re.compile(r"[\u4e00-\u9fff]")
ZH_PREFIXES = ["亲，", "你好，", "您好，", "在吗？", "在吗 ", "请问", "客服，", "hi ", "喂，", "老板，", "你好 "]
ZH_SUFFIXES = ["？", "??", "？？", "啊", "呀", "呢", "哈", "～", "。", "!", "谢谢", "，谢谢", " 谢谢啦", "，麻烦了", " 🙏", "～～"]
ZH_LIGHT_SUFFIXES = ["！", "!", "～", "~", "。", "呀", "哈", "啦", " 😊", " 🙏", "!!"]
ZH_NEG_SUFFIXES = ["！！！", "!!!", "，急！", "，气死了", " 😡", "。。。", "！"]
ZH_TRADITIONAL = str.maketrans({
    "们": "們", "这": "這", "货": "貨", "单": "單", "么": "麼", "吗": "嗎", "发": "發", "说": "說",
    "还": "還", "没": "沒", "码": "碼", "号": "號", "个": "個", "买": "買", "卖": "賣", "务": "務",
    "话": "話", "问": "問", "请": "請", "钱": "錢", "时": "時", "间": "間", "运": "運", "递": "遞",
    "换": "換", "坏": "壞", "颜": "顏", "红": "紅", "长": "長", "门": "門", "开": "開", "关": "關",
    "该": "該", "给": "給", "让": "讓", "见": "見", "谢": "謝", "对": "對", "无": "無", "现": "現",
    "样": "樣", "优": "優", "惠": "惠", "券": "券", "库": "庫", "补": "補", "尺": "尺", "转": "轉",
    "订": "訂", "邮": "郵", "寄": "寄", "够": "夠", "气": "氣", "么": "麼", "儿": "兒", "几": "幾",
})


def is_chinese(text: str) -> bool:
    return bool(CJK.search(text))


def augment_zh(text: str, rng: random.Random, sentiment: str | None = None,
               allow_greeting: bool = True, light: bool = False) -> str:
    """One random combination of Chinese chat surface changes.

    ``light`` (greeting/thanks/goodbye): no added words, only punctuation and
    particles, so "你好" never turns into "你好，谢谢"."""
    out = text
    ops = rng.sample(["prefix", "suffix", "punct", "punct", "halfwidth", "traditional", "space"],
                     k=rng.choice([1, 1, 2, 2, 3]))
    if "punct" in ops:
        out = re.sub(r"[，。！？、,.!?~～]+$", "", out)
        out = re.sub(r"[，,]", rng.choice([" ", "，", ","]), out)
    if "halfwidth" in ops:
        out = out.replace("？", "?").replace("！", "!").replace("，", ",")
    if "prefix" in ops and allow_greeting and not light:
        out = rng.choice(ZH_PREFIXES) + out
    if "suffix" in ops:
        pool = ZH_LIGHT_SUFFIXES if light else ZH_NEG_SUFFIXES if sentiment == NEG else ZH_SUFFIXES
        out = re.sub(r"[。.]+$", "", out) + rng.choice(pool)
    if "traditional" in ops:
        out = out.translate(ZH_TRADITIONAL)
    if "space" in ops:
        out = re.sub(r"[，,]", " ", out)
    return " ".join(out.split())


def variants(text: str, rng: random.Random, n: int, sentiment: str | None = None,
             allow_greeting: bool = True, allow_context: bool = True, light: bool = False) -> list[str]:
    """Up to ``n`` distinct augmented variants of ``text`` (original excluded)."""
    seen = {text}
    out: list[str] = []
    for _ in range(n * 4):
        if len(out) >= n:
            break
        if is_chinese(text):
            v = augment_zh(text, rng, sentiment, allow_greeting, light)
        elif light:
            v = augment_light(text, rng)
        else:
            v = augment_once(text, rng, sentiment, allow_greeting, allow_context)
        if v and v not in seen:
            seen.add(v)
            out.append(v)
    return out
