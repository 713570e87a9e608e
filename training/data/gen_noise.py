"""Generated out-of-scope noise: keyboard mashes, fillers and emoji-only messages.

Why: model 1.1.0 read short unreadable input ("lkjhg", "hmm ok", a lone 😴) as a
confident greeting or goodbye -- the only short messages it had seen were
conversation acts.  A chat widget gets such input all the time (a cat on the
keyboard, a shrug), and the right answer is "I didn't catch that", not "Hi!".
So this module writes about 1,500 short out-of-scope rows of the kinds a
conversation act never looks like.  Fillers are kept neutral; emoji rows carry
no sentiment label (a lone 😂 or 🙃 is not a reliable verdict).

Deliberately left out: digits alone (an order number typed as the answer to a
dialog prompt) and yes/no words (dialog confirmations).
"""

from __future__ import annotations

import random

from training.data.common import Group, Row, rng_for

KEYBOARD_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
VOWELS = "aeiou"
CONSONANTS = "bcdfghjklmnpqrstvwxz"

# Short fillers that answer nothing and open nothing (greetings, thanks and
# goodbyes have their own labels in seeds/conversation.txt).
FILLERS = [
    "hmm", "hmmm", "hmm ok", "hmm right", "umm", "umm ok", "uh", "uhh", "er", "erm", "meh", "huh",
    "lol", "lmao", "haha", "hahaha", "hehe", "lol ok", "ok", "okk", "k", "kk", "ok and", "ok so",
    "right", "right ok", "sure", "cool", "whatever", "idk", "dunno", "so", "well", "oh", "oh ok",
    "ah", "aha", "ahh ok", "wow", "omg", "ugh", "meh ok", "blah", "blah blah", "test", "testing",
    "testing 123", "?", "??", "...", "hm?", "what", "wut", "eh?", "and?", "so?", "yeah whatever",
    "nothing", "never mind that", "idk lol", "brb", "one sec", "wait", "hang on",
]

# Emoji that are neither a greeting, thanks nor goodbye (👋 🙏 stay conversation acts).
EMOJI = [
    "😴", "🤷", "🤔", "🙃", "😐", "😑", "😶", "🥱", "😮", "😯", "🤨", "😬", "🫠", "🤪", "😜",
    "🐶", "🐱", "🍕", "🍔", "⚽", "🎮", "🎸", "🚗", "🌧️", "☀️", "🌙", "⭐", "🔥", "💤", "👀",
    "🤡", "👻", "💩", "🦄", "🌈", "🎲", "🧩", "🍺", "☕", "🐸", "😂", "🤣", "😅", "🙈", "💀",
]


def keyboard_mash(rng: random.Random) -> str:
    row = rng.choice(KEYBOARD_ROWS)
    start = rng.randrange(0, len(row) - 2)
    run = row[start:start + rng.randint(3, 8)]
    if rng.random() < 0.3:
        run = run[::-1]
    if rng.random() < 0.3:
        run += rng.choice(KEYBOARD_ROWS)[: rng.randint(2, 4)]
    return run


def random_letters(rng: random.Random) -> str:
    n = rng.randint(3, 9)
    vowel_p = rng.choice([0.0, 0.15, 0.3])
    return "".join(rng.choice(VOWELS) if rng.random() < vowel_p else rng.choice(CONSONANTS) for _ in range(n))


def repeated(rng: random.Random) -> str:
    return rng.choice("ajkhszx?.!") * rng.randint(3, 8)


def noise_text(rng: random.Random) -> tuple[str, str | None]:
    """One noise message and its sentiment label (None for emoji-only)."""
    kind = rng.random()
    if kind < 0.30:
        text = keyboard_mash(rng)
    elif kind < 0.50:
        text = random_letters(rng)
    elif kind < 0.55:
        text = repeated(rng)
    elif kind < 0.75:
        text = rng.choice(FILLERS)
        if rng.random() < 0.3:
            text += rng.choice(["", ".", "..", "!", "?", " lol", " 🤷"])
    else:
        return "".join(rng.choice(EMOJI) for _ in range(rng.choice([1, 1, 1, 2, 3]))), None
    if rng.random() < 0.2:
        text = text.capitalize() if rng.random() < 0.5 else text.upper()
    if rng.random() < 0.15:
        text += " " + (keyboard_mash(rng) if rng.random() < 0.5 else random_letters(rng))
    return text, "neutral"


def noise_groups(count: int = 1500) -> list[Group]:
    """``count`` distinct noise messages, one group each (prepare_data splits them per message)."""
    rng = rng_for("noise")
    seen: set[str] = set()
    groups: list[Group] = []
    for _ in range(count * 20):
        if len(groups) >= count:
            break
        text, sentiment = noise_text(rng)
        if text in seen:
            continue
        seen.add(text)
        groups.append(Group(key=f"noise|{text}", rows=[Row(text, "out_of_scope", sentiment, "own:noise")]))
    return groups
