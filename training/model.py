"""Small BERT-style encoder with an intent head and a sentiment head.

Written with plain matmul/softmax attention (no nn.MultiheadAttention, no
scaled_dot_product_attention) so the same module exports to the same clean ONNX graph
with torch 1.13 and torch 2.x's legacy exporter, and runs fast in ONNX Runtime on CPU.
Pre-LN layers (LayerNorm before attention/FFN, one final LayerNorm) because they train
stably with the short schedules we can afford.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
from torch import nn
import torch.nn.functional as F


@dataclass
class EncoderConfig:
    vocab_size: int = 10000
    hidden: int = 256
    layers: int = 4
    heads: int = 4
    intermediate: int = 1024
    max_positions: int = 128
    type_vocab_size: int = 2
    dropout: float = 0.1
    attention_dropout: float = 0.1
    num_intents: int = 34
    num_sentiments: int = 3
    pooling: str = "mean"  # "mean" (masked mean of final states) or "cls" ([CLS] state)

    def to_dict(self) -> dict:
        return asdict(self)


class SelfAttention(nn.Module):
    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        assert cfg.hidden % cfg.heads == 0
        self.heads = cfg.heads
        self.head_dim = cfg.hidden // cfg.heads
        self.qkv = nn.Linear(cfg.hidden, 3 * cfg.hidden)
        self.out = nn.Linear(cfg.hidden, cfg.hidden)
        self.drop = nn.Dropout(cfg.attention_dropout)

    def forward(self, x: torch.Tensor, additive_mask: torch.Tensor) -> torch.Tensor:
        b, t, h = x.shape
        qkv = self.qkv(x).view(b, t, 3, self.heads, self.head_dim).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]                       # [b, heads, t, d]
        scores = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(self.head_dim))
        probs = self.drop(torch.softmax(scores + additive_mask, dim=-1))
        ctx = torch.matmul(probs, v).transpose(1, 2).reshape(b, t, h)
        return self.out(ctx)


class Layer(nn.Module):
    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        self.ln1 = nn.LayerNorm(cfg.hidden, eps=1e-12)
        self.attn = SelfAttention(cfg)
        self.ln2 = nn.LayerNorm(cfg.hidden, eps=1e-12)
        self.ff1 = nn.Linear(cfg.hidden, cfg.intermediate)
        self.ff2 = nn.Linear(cfg.intermediate, cfg.hidden)
        self.drop = nn.Dropout(cfg.dropout)

    def forward(self, x: torch.Tensor, additive_mask: torch.Tensor) -> torch.Tensor:
        x = x + self.drop(self.attn(self.ln1(x), additive_mask))
        return x + self.drop(self.ff2(F.gelu(self.ff1(self.ln2(x)))))


class Encoder(nn.Module):
    """Embeddings + transformer layers; returns final hidden states [b, t, hidden]."""

    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        self.cfg = cfg
        self.word = nn.Embedding(cfg.vocab_size, cfg.hidden)
        self.position = nn.Embedding(cfg.max_positions, cfg.hidden)
        self.token_type = nn.Embedding(cfg.type_vocab_size, cfg.hidden)
        self.emb_ln = nn.LayerNorm(cfg.hidden, eps=1e-12)
        self.emb_drop = nn.Dropout(cfg.dropout)
        self.layers = nn.ModuleList(Layer(cfg) for _ in range(cfg.layers))
        self.final_ln = nn.LayerNorm(cfg.hidden, eps=1e-12)
        self.register_buffer("position_ids", torch.arange(cfg.max_positions).unsqueeze(0),
                             persistent=False)

    def forward(self, input_ids, attention_mask, token_type_ids):
        t = input_ids.shape[1]
        pos = self.position_ids[:, :t]
        x = self.word(input_ids) + self.position(pos) + self.token_type(token_type_ids)
        x = self.emb_drop(self.emb_ln(x))
        # [b, 1, 1, t]: 0 for real tokens, -10000 for padding (fp16/ONNX safe, unlike -inf).
        additive = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, additive)
        return self.final_ln(x)


class IntentSentimentModel(nn.Module):
    """Encoder + pooler (dense + tanh) + intent and sentiment classification heads.

    The pooler reads either the [CLS] state (BERT) or the masked mean of all final
    states.  Mean pooling is the default: trained from scratch on a small CPU budget it
    converges several times faster than [CLS] pooling (every token gets a direct
    gradient from the classifier) and exports to three extra ONNX ops."""

    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        self.cfg = cfg
        self.encoder = Encoder(cfg)
        self.pooler = nn.Linear(cfg.hidden, cfg.hidden)
        self.head_drop = nn.Dropout(cfg.dropout)
        self.intent_head = nn.Linear(cfg.hidden, cfg.num_intents)
        self.sentiment_head = nn.Linear(cfg.hidden, cfg.num_sentiments)
        self.apply(init_weights)

    def forward(self, input_ids, attention_mask, token_type_ids):
        hidden = self.encoder(input_ids, attention_mask, token_type_ids)
        if self.cfg.pooling == "mean":
            m = attention_mask.unsqueeze(-1).to(hidden.dtype)
            summary = (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)
        else:
            summary = hidden[:, 0]
        pooled = self.head_drop(torch.tanh(self.pooler(summary)))
        return self.intent_head(pooled), self.sentiment_head(pooled)


class MlmHead(nn.Module):
    """BERT MLM head (dense, GELU, LayerNorm, decoder tied to the word embeddings).
    Used only for pre-training; never exported."""

    def __init__(self, cfg: EncoderConfig, word_embeddings: nn.Embedding):
        super().__init__()
        self.dense = nn.Linear(cfg.hidden, cfg.hidden)
        self.ln = nn.LayerNorm(cfg.hidden, eps=1e-12)
        self.word_embeddings = word_embeddings
        self.bias = nn.Parameter(torch.zeros(cfg.vocab_size))
        init_weights(self.dense)

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        x = self.ln(F.gelu(self.dense(hidden)))
        return F.linear(x, self.word_embeddings.weight, self.bias)


def init_weights(module: nn.Module) -> None:
    """BERT initialisation: N(0, 0.02) weights, zero biases, unit LayerNorm."""
    if isinstance(module, (nn.Linear, nn.Embedding)):
        nn.init.normal_(module.weight, mean=0.0, std=0.02)
        if isinstance(module, nn.Linear) and module.bias is not None:
            nn.init.zeros_(module.bias)
    elif isinstance(module, nn.LayerNorm):
        nn.init.ones_(module.weight)
        nn.init.zeros_(module.bias)


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def save_checkpoint(path: str, model: IntentSentimentModel, extra: dict, max_shard_bytes: int = 15_000_000) -> list:
    """Save config + fp32 state_dict, split into shards under max_shard_bytes so each file
    fits the GPU machine's 16 MiB file-return limit.  Returns the written paths."""
    import os
    state = {k: v.detach().float().cpu().contiguous() for k, v in model.state_dict().items()}
    shards, current, size = [], {}, 0
    for k, v in state.items():
        nbytes = v.numel() * 4
        if current and size + nbytes > max_shard_bytes:
            shards.append(current)
            current, size = {}, 0
        current[k] = v
        size += nbytes
    shards.append(current)
    base, ext = os.path.splitext(path)
    names = [f"{base}-{i:02d}{ext}" for i in range(len(shards))]
    for name, shard in zip(names, shards):
        torch.save(shard, name)
    torch.save({"config": model.cfg.to_dict(), "shards": [os.path.basename(n) for n in names],
                **extra}, path)
    return [path] + names


def load_checkpoint(path: str, map_location: str = "cpu"):
    """Inverse of save_checkpoint: returns (model in eval mode, metadata dict)."""
    import os
    meta = torch.load(path, map_location=map_location)
    if meta["config"].get("architecture") == "bert-postln":
        from training.pretrained import from_config
        model = from_config(meta["config"])
    else:
        model = IntentSentimentModel(EncoderConfig(**meta["config"]))
    state = {}
    for name in meta["shards"]:
        state.update(torch.load(os.path.join(os.path.dirname(path), name), map_location=map_location))
    model.load_state_dict(state)
    model.eval()
    return model, meta
