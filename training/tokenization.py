"""BERT WordPiece tokenizer that reproduces the C# runtime's tokenizer id for id.

The runtime tokenizes with Microsoft.ML.Tokenizers 2.0.1::

    BertTokenizer.Create(vocab, new BertOptions { LowerCaseBeforeTokenization = true,
        ApplyBasicTokenization = true, IndividuallyTokenizeCjk = true,
        RemoveNonSpacingMarks = true, SplitOnSpecialTokens = true })

The model only works if training sees exactly the ids the runtime produces, so this
module mirrors *that* implementation rather than HuggingFace's BertTokenizer where the
two differ:

* Normaliser: NFD (but see INVARIANT_GLOBALIZATION); drop U+0000, U+FFFD and every ``Cc`` control character -- including
  TAB, CR and LF, which BertNormalizer would delete (so "a\\nb" -> "ab"): both the runtime and this
  module first turn TAB, VT, FF, CR, LF, NEL, LS and PS into spaces;
  ``Zs`` space separators -> " "; drop ``Mn`` (accents); lowercase ``Lu`` letters one
  character at a time (no Greek final-sigma rule); surround CJK ideographs with spaces;
  finally NFC.  ``Cf`` format characters (BOM, zero-width joiner) are *kept* by the
  normaliser.  The runtime is built with ``InvariantGlobalization=true``
  (Directory.Build.props), and there ``string.Normalize`` leaves non-ASCII text unchanged:
  precomposed letters such as "é" are therefore NOT decomposed and keep their accent
  (only already-decomposed combining marks are removed).  The vocabulary is learned
  through the same function, so accented words get their own pieces.
* Pre-tokeniser: the .NET regex ``\\w+|[\\p{P}]`` run over UTF-16 code units, after
  first cutting out the lowercased special tokens ("[cls]", "[mask]", ...).  .NET ``\\w``
  is letters (L*), ``Mn``, ``Nd`` and ``Pc``.  Everything that is neither a word
  character nor punctuation is silently dropped and acts as a separator: symbols such
  as ``$ + < = > ^ ` | ~``, emoji, and every character outside the BMP (a surrogate
  pair is never matched by the regex).
* WordPiece: greedy longest match with "##" continuation pieces; a word longer than 100
  UTF-16 units, or one that cannot be fully covered, becomes [UNK].

``training/golden/tokenizer_golden.jsonl`` pins this behaviour; the C# test suite and
``run.sh`` compare it against the real C# tokenizer.
"""
from __future__ import annotations

import os
import re
import unicodedata
from typing import Dict, Iterable, List, Sequence

PAD, UNK, CLS, SEP, MASK = "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"
SPECIAL_TOKENS = [PAD, UNK, CLS, SEP, MASK]  # ids 0..4, in this order
MAX_INPUT_CHARS_PER_WORD = 100
CONTINUATION = "##"

# Mirror .NET with InvariantGlobalization=true: no NFD/NFC (verified against the C# CLI).
# Set to False if the runtime ever ships with ICU (then NFD strips accents as in HF BERT).
INVARIANT_GLOBALIZATION = True

_WORD_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Nd", "Pc"})
# Same order as BertTokenizer.Create registers them (UNK, SEP, PAD, CLS, MASK); the
# tokens never overlap, so the order does not change the result.
_SPECIAL_RE = re.compile("|".join(re.escape(t.lower()) for t in (UNK, SEP, PAD, CLS, MASK)))


def is_cjk(cp: int) -> bool:
    """The CJK ideograph blocks BertNormalizer.IsCjkChar treats as single tokens."""
    return (0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF
            or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F
            or 0x2B820 <= cp <= 0x2CEAF or 0x2F800 <= cp <= 0x2FA1F)


def _lower(ch: str) -> str:
    """Simple (one-to-one) lowercase mapping, like .NET's ToLowerInvariant on one char."""
    low = ch.lower()
    return low if len(low) == 1 else ch


# BertNormalizer deletes control characters, TAB/CR/LF included, which would glue the last word
# of one line to the first of the next ("arrived\nbroken" -> "arrivedbroken"). The runtime's
# TextEncoder turns these line and tab breaks into spaces first; this table does the same here.
LINE_BREAKS_TO_SPACE = str.maketrans({c: " " for c in "\t\n\v\f\r\u0085\u2028\u2029"})


def load_emoji_words(path: str) -> Dict[int, str]:
    """The emoji table (``training/emoji_words.tsv``; shipped as the model's ``emoji.tsv``):
    code point -> the words the runtime reads in its place."""
    table: Dict[int, str] = {}
    # Exactly the lines EmojiWords.Load (C#) accepts, so both sides always read the same table.
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            hex_digits = parts[0][2:] if parts[0].startswith("U+") else ""
            code = int(hex_digits, 16) if hex_digits and all(c in "0123456789abcdefABCDEF" for c in hex_digits) else -1
            # Keys below U+2000 would break the "no character >= U+2000" fast path on both sides; surrogates can
            # never be matched as code points by the C# side.
            if (len(parts) != 3 or code < 0x2000 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF
                    or not parts[2].strip()):
                raise ValueError(f"{path}:{number}: bad line {line!r}")
            if code in table:
                raise ValueError(f"{path}:{number}: U+{code:04X} is listed twice")
            table[code] = parts[2].strip()
    return table


EMOJI_WORDS_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "emoji_words.tsv")
# Every model this pipeline builds reads emoji as words (the runtime does the same with the
# emoji.tsv that package.py ships next to vocab.txt).
EMOJI_WORDS: Dict[int, str] = load_emoji_words(EMOJI_WORDS_PATH)


def emoji_to_words(text: str, table: Dict[int, str] = EMOJI_WORDS) -> str:
    """Replace each emoji in the table by " words " (spaces on both sides), like TextEncoder."""
    if not table or all(ord(ch) < 0x2000 for ch in text):
        return text
    return "".join(f" {table[ord(ch)]} " if ord(ch) in table else ch for ch in text)


def normalize(text: str) -> str:
    """Mirror of TextEncoder's line-break rule + Microsoft.ML.Tokenizers.BertNormalizer.Normalize
    (lowercase, CJK, strip Mn)."""
    if not text:
        return ""
    text = emoji_to_words(text.translate(LINE_BREAKS_TO_SPACE))
    out: List[str] = []
    if not INVARIANT_GLOBALIZATION:
        text = unicodedata.normalize("NFD", text)
    for ch in text:
        if ch == "\x00" or ch == "\ufffd":
            continue
        cat = unicodedata.category(ch)
        if cat == "Cc":
            continue
        if cat == "Zs":
            out.append(" ")
        elif cat == "Mn":
            continue
        elif cat == "Lu":
            out.append(_lower(ch))
        elif is_cjk(ord(ch)):
            out.append(" " + ch + " ")
        else:
            out.append(ch)
    result = "".join(out)
    return result if INVARIANT_GLOBALIZATION else unicodedata.normalize("NFC", result)


def _char_class(ch: str) -> int:
    """0 = separator/dropped, 1 = word character (.NET \\w), 2 = punctuation (\\p{P})."""
    if ord(ch) > 0xFFFF:  # a surrogate pair in UTF-16: neither \w nor \p{P} in .NET
        return 0
    cat = unicodedata.category(ch)
    if cat in _WORD_CATEGORIES:
        return 1
    if cat[0] == "P":
        return 2
    return 0


def _regex_split(text: str, out: List[str]) -> None:
    """Python equivalent of .NET Regex ``\\w+|[\\p{P}]`` enumerated left to right."""
    i, n = 0, len(text)
    while i < n:
        kind = _char_class(text[i])
        if kind == 1:
            j = i + 1
            while j < n and _char_class(text[j]) == 1:
                j += 1
            out.append(text[i:j])
            i = j
        else:
            if kind == 2:
                out.append(text[i])
            i += 1


def pre_tokenize(normalized: str) -> List[str]:
    """Split normalised text into words, punctuation marks and (lowercased) special tokens."""
    words: List[str] = []
    pos = 0
    for m in _SPECIAL_RE.finditer(normalized):
        _regex_split(normalized[pos:m.start()], words)
        words.append(m.group(0))
        pos = m.end()
    _regex_split(normalized[pos:], words)
    return words


def utf16_len(s: str) -> int:
    return sum(2 if ord(c) > 0xFFFF else 1 for c in s)


class WordPieceTokenizer:
    """Full tokenizer: normalise, pre-tokenise, WordPiece, add [CLS]/[SEP]."""

    def __init__(self, vocab: Sequence[str]):
        self.vocab: List[str] = list(vocab)
        self.token_to_id: Dict[str, int] = {t: i for i, t in enumerate(self.vocab)}
        for tok in SPECIAL_TOKENS:
            if tok not in self.token_to_id:
                raise ValueError(f"special token {tok} missing from vocab")
            # BertTokenizer.Create also registers the lowercased form so "[cls]" in
            # lowercased user text maps to the special id.
            self.token_to_id.setdefault(tok.lower(), self.token_to_id[tok])
        self.pad_id = self.token_to_id[PAD]
        self.unk_id = self.token_to_id[UNK]
        self.cls_id = self.token_to_id[CLS]
        self.sep_id = self.token_to_id[SEP]
        self.mask_id = self.token_to_id[MASK]
        self._cache: Dict[str, List[int]] = {}

    @classmethod
    def from_file(cls, path: str) -> "WordPieceTokenizer":
        with open(path, encoding="utf-8") as f:
            return cls([line.rstrip("\r\n") for line in f if line.rstrip("\r\n")])

    def save(self, path: str) -> None:
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for tok in self.vocab:
                f.write(tok + "\n")

    def __len__(self) -> int:
        return len(self.vocab)

    def _wordpiece(self, word: str) -> List[int]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        if utf16_len(word) > MAX_INPUT_CHARS_PER_WORD:
            ids = [self.unk_id]
        else:
            ids = []
            start, n = 0, len(word)
            while start < n:
                end = n
                found = None
                while start < end:
                    piece = word[start:end]
                    if start > 0:
                        piece = CONTINUATION + piece
                    found = self.token_to_id.get(piece)
                    if found is not None:
                        break
                    end -= 1
                if found is None:
                    ids = [self.unk_id]
                    break
                ids.append(found)
                start = end
        if len(self._cache) < 500_000:
            self._cache[word] = ids
        return ids

    def tokenize_ids(self, text: str) -> List[int]:
        """Token ids without [CLS]/[SEP]."""
        ids: List[int] = []
        for word in pre_tokenize(normalize(text)):
            ids.extend(self._wordpiece(word))
        return ids

    def encode(self, text: str, max_length: int | None = None) -> List[int]:
        """[CLS] ids [SEP].  With max_length, like the runtime's
        EncodeToIds(text, maxTokenCount, addSpecialTokens: true): words are added whole
        while their pieces fit in max_length - 2; the first word that does not fit ends
        the sequence."""
        if max_length is None:
            ids = self.tokenize_ids(text)
        else:
            budget = max_length - 2
            ids = []
            for word in pre_tokenize(normalize(text)):
                pieces = self._wordpiece(word)
                if len(ids) + len(pieces) > budget:
                    break
                ids.extend(pieces)
        return [self.cls_id] + ids + [self.sep_id]

    def tokens(self, text: str) -> List[str]:
        return [self.vocab[i] for i in self.encode(text)]


def words_for_vocab(texts: Iterable[str]) -> Iterable[str]:
    """Yield the pre-tokenised words of each text (what WordPiece will see)."""
    for t in texts:
        yield from pre_tokenize(normalize(t))


def learn_vocab(texts: Iterable[str], size: int = 10000, min_char_count: int = 3,
                max_cjk: int = 2500, min_word_count: int = 3, word_share: float = 0.7) -> List[str]:
    """Learn a WordPiece vocabulary from a corpus with a simple, deterministic count rule.

    Why not full BPE/WordPiece likelihood training: this is fast in pure Python, needs no
    extra packages, and for a small intent/sentiment model the difference is negligible.

    Order: the 5 special tokens; punctuation and every character seen >= min_char_count
    times (non-CJK also as "##c" so any word made of known characters never becomes
    [UNK]); the max_cjk most frequent CJK ideographs (always single words after
    normalisation, so no "##" form); then frequent whole words (word_share of what is
    left) and finally the subword pieces (word prefixes and "##" continuations) that
    save the most tokens over the remaining words.
    """
    from collections import Counter

    words = Counter(words_for_vocab(texts))
    chars: Counter = Counter()
    for w, c in words.items():
        for ch in w:
            chars[ch] += c

    vocab: List[str] = list(SPECIAL_TOKENS)
    seen = set(vocab) | {t.lower() for t in SPECIAL_TOKENS}

    def add(tok: str) -> None:
        if tok not in seen:
            seen.add(tok)
            vocab.append(tok)

    # Always cover ASCII letters/digits/punctuation so common input never hits [UNK].
    base = [c for c in "abcdefghijklmnopqrstuvwxyz0123456789"]
    for c in base:
        add(c)
    for c in base:
        add(CONTINUATION + c)
    for c in "!\"#%&'()*,-./:;?@[\\]_{}":
        add(c)
    cjk = [c for c, n in chars.most_common() if is_cjk(ord(c)) and n >= min_char_count][:max_cjk]
    others = sorted((c for c, n in chars.items() if not is_cjk(ord(c)) and n >= min_char_count),
                    key=lambda c: (-chars[c], c))
    for c in others:
        add(c)
        if _char_class(c) == 1:
            add(CONTINUATION + c)
    for c in cjk:
        add(c)

    remaining = size - len(vocab)
    if remaining <= 0:
        return vocab[:size]
    n_words = int(remaining * word_share)
    for w, c in sorted(words.items(), key=lambda kv: (-kv[1], kv[0])):
        if n_words <= 0 or c < min_word_count:
            break
        if len(w) > 1 and w not in seen:
            add(w)
            n_words -= 1

    # Subword pieces from the words still not in the vocabulary, scored by how many
    # tokens they would save (frequency x (length - 1)).
    pieces: Counter = Counter()
    for w, c in words.items():
        if w in seen or len(w) < 3 or len(w) > 30 or any(is_cjk(ord(ch)) for ch in w):
            continue
        for k in range(2, min(len(w), 9)):
            pieces[w[:k]] += c * (k - 1)
        for i in range(1, len(w) - 1):
            for k in range(2, min(len(w) - i, 7) + 1):
                pieces[CONTINUATION + w[i:i + k]] += c * (k - 1)
    for p, _ in sorted(pieces.items(), key=lambda kv: (-kv[1], kv[0])):
        if len(vocab) >= size:
            break
        add(p)
    return vocab


def _iter_corpus(paths: Sequence[str]) -> Iterable[str]:
    import json
    for path in paths:
        with open(path, encoding="utf-8") as f:
            if path.endswith(".jsonl"):
                for line in f:
                    if line.strip():
                        yield json.loads(line)["text"]
            else:
                for line in f:
                    if line.strip():
                        yield line.rstrip("\n")


def main(argv: Sequence[str] | None = None) -> None:
    import argparse
    ap = argparse.ArgumentParser(description="Learn vocab.txt, or tokenize text with one.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build-vocab", help="learn a WordPiece vocab from .txt/.jsonl files")
    b.add_argument("--corpus", nargs="+", required=True)
    b.add_argument("--out", required=True)
    b.add_argument("--size", type=int, default=10000)
    b.add_argument("--max-cjk", type=int, default=2500)
    t = sub.add_parser("tokenize", help="JSON string per stdin line -> JSON id list (like the C# CLI)")
    t.add_argument("--vocab", required=True)
    args = ap.parse_args(argv)
    if args.cmd == "build-vocab":
        vocab = learn_vocab(_iter_corpus(args.corpus), size=args.size, max_cjk=args.max_cjk)
        WordPieceTokenizer(vocab).save(args.out)
        print(f"wrote {len(vocab)} tokens to {args.out}")
    else:
        import json
        import sys
        tok = WordPieceTokenizer.from_file(args.vocab)
        for line in sys.stdin:
            if line.strip():
                print(json.dumps(tok.encode(json.loads(line))))


if __name__ == "__main__":
    main()
