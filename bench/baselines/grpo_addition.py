#!/usr/bin/python3
"""Plain PyTorch loop of the policy quickstart's recipe (issue 18's baseline): a GPT-style causal transformer
(2 pre-norm blocks, width 64, 4 heads, GELU MLP 4x, learned positions, untied head) trained from scratch on 2-digit
addition (4,000 training and 200 held-out problems), 300 SFT steps of 64 examples (AdamW 3e-3, clip 1), then 60
GRPO steps of 16 prompts x 8 responses at temperature 1 (at most 4 new tokens, KV cache), sequence-level advantages
(r - mean) / (std + 1e-8), the k3 KL to the frozen SFT model (beta 0.04), AdamW 5e-4, clip 1; greedy held-out accuracy
every 20 steps. The loop a researcher would write: one process, groups generated one after the other.

    /usr/bin/python3 bench/baselines/grpo_addition.py --threads 1

Prints one JSON line: rollout tokens per second (tokens sampled / seconds spent generating them), learner steps per
second (RL updates / seconds spent in them), the whole run's seconds and the held-out accuracy after SFT and after RL.
"""

import argparse
import json
import math
import random
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from fedavg_fmnist_mlp import set_threads

PAD, BOS, EOS = 0, 1, 2
ALPHABET = "0123456789+="
VOCAB = 3 + len(ALPHABET)


def encode(text):
    return [3 + ALPHABET.index(c) for c in text]


def decode(ids):
    out = []
    for i in ids:
        if i == EOS:
            break
        if i >= 3:
            out.append(ALPHABET[i - 3])
    return "".join(out)


def problems(seed, train, test):
    rng = random.Random(seed)
    seen, items = set(), []
    while len(items) < train + test:
        a, b = rng.randrange(100), rng.randrange(100)
        prompt = f"{a}+{b}="
        if prompt not in seen:
            seen.add(prompt)
            items.append((prompt, str(a + b)))
    return items[test:], items[:test]


class Block(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.norm1, self.norm2 = nn.LayerNorm(width), nn.LayerNorm(width)
        self.qkv, self.proj = nn.Linear(width, 3 * width), nn.Linear(width, width)
        self.mlp = nn.Sequential(nn.Linear(width, 4 * width), nn.GELU(), nn.Linear(4 * width, width))

    def forward(self, x, cache=None, offset=0):
        n, t, d = x.shape
        q, k, v = self.qkv(self.norm1(x)).chunk(3, dim=-1)
        q, k, v = (z.view(n, t, self.heads, d // self.heads).transpose(1, 2) for z in (q, k, v))
        if cache is not None:
            if cache.get("k") is not None:
                k, v = torch.cat([cache["k"], k], 2), torch.cat([cache["v"], v], 2)
            cache["k"], cache["v"] = k, v
        scores = q @ k.transpose(-2, -1) / math.sqrt(d // self.heads)
        if t > 1:
            scores = scores.masked_fill(torch.ones(t, offset + t, dtype=torch.bool).triu(offset + 1), float("-inf"))
        x = x + self.proj((scores.softmax(-1) @ v).transpose(1, 2).reshape(n, t, d))
        return x + self.mlp(self.norm2(x))


class TinyLm(nn.Module):
    def __init__(self, context, width=64, heads=4, layers=2):
        super().__init__()
        self.tokens, self.positions = nn.Embedding(VOCAB, width), nn.Embedding(context, width)
        nn.init.normal_(self.tokens.weight, 0, 0.02)
        nn.init.normal_(self.positions.weight, 0, 0.02)
        self.blocks = nn.ModuleList(Block(width, heads) for _ in range(layers))
        self.norm, self.head = nn.LayerNorm(width), nn.Linear(width, VOCAB, bias=False)

    def forward(self, ids, caches=None, offset=0):
        x = self.tokens(ids) + self.positions(torch.arange(offset, offset + ids.shape[1]))
        for i, block in enumerate(self.blocks):
            x = block(x, None if caches is None else caches[i], offset)
        return self.head(self.norm(x))


@torch.no_grad()
def generate(model, prompt, count, max_new, temperature, generator):
    """count responses to one prompt (ids with BOS), with a KV cache; temperature 0 is greedy."""
    caches = [{} for _ in model.blocks]
    logits = model(torch.tensor([prompt] * count), caches)[:, -1]
    offset, done = len(prompt), torch.zeros(count, dtype=torch.bool)
    out = torch.zeros(count, 0, dtype=torch.long)
    for _ in range(max_new):
        logits[:, :EOS] = float("-inf")  # padding and the begin marker are never generated
        token = logits.argmax(-1) if temperature == 0 else torch.multinomial((logits / temperature).softmax(-1), 1, generator=generator).squeeze(1)
        token = torch.where(done, torch.full_like(token, PAD), token)
        out = torch.cat([out, token.unsqueeze(1)], 1)
        done |= token == EOS
        if done.all():
            break
        logits = model(token.unsqueeze(1), caches, offset)[:, -1]
        offset += 1
    return [[t for t in row if t != PAD] for row in out.tolist()]


def layout(prompts, responses):
    width = max(len(p) + len(r) for p, r in zip(prompts, responses)) - 1
    ids, targets, mask = [], [], []
    for p, r in zip(prompts, responses):
        seq = p + r
        ids.append([seq[t] if t < len(seq) else PAD for t in range(width)])
        targets.append([seq[t + 1] if t + 1 < len(seq) else PAD for t in range(width)])
        mask.append([1.0 if len(p) <= t + 1 < len(seq) else 0.0 for t in range(width)])
    return torch.tensor(ids), torch.tensor(targets), torch.tensor(mask)


def token_logprobs(model, ids, targets):
    return model(ids).log_softmax(-1).gather(2, targets.unsqueeze(2)).squeeze(2)


def accuracy(model, test):
    model.eval()
    right = sum(decode(generate(model, [BOS] + encode(p), 1, 4, 0, None)[0]) == a for p, a in test)
    return right / len(test)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--blas-threads", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    set_threads(args.threads, args.blas_threads)
    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)
    rng = random.Random(args.seed)
    start = time.perf_counter()
    train, test = problems(args.seed, 4000, 200)
    model = TinyLm(context=1 + 6 + 4)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    for step in range(300):
        batch = [train[rng.randrange(len(train))] for _ in range(64)]
        ids, targets, mask = layout([[BOS] + encode(p) for p, _ in batch], [encode(a) + [EOS] for _, a in batch])
        model.train()
        loss = -(token_logprobs(model, ids, targets) * mask).sum() / mask.sum()
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
    sft_accuracy = accuracy(model, test)
    reference = TinyLm(context=1 + 6 + 4)
    reference.load_state_dict(model.state_dict())
    reference.eval()
    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-4)
    rollout_seconds, learner_seconds, tokens = 0.0, 0.0, 0
    for step in range(1, 61):
        prompts = [train[rng.randrange(len(train))] for _ in range(16)]
        began = time.perf_counter()
        model.eval()
        groups = [generate(model, [BOS] + encode(p), 8, 4, 1.0, generator) for p, _ in prompts]
        rollout_seconds += time.perf_counter() - began
        tokens += sum(len(r) for g in groups for r in g)
        rewards = torch.tensor([[1.0 if decode(r) == a else 0.0 for r in g] for g, (_, a) in zip(groups, prompts)])
        ids, targets, mask = layout([[BOS] + encode(p) for p, _ in prompts for _ in range(8)], [r for g in groups for r in g])
        with torch.no_grad():
            ref = (token_logprobs(reference, ids, targets) * mask).sum(1).view(16, 8)
        began = time.perf_counter()
        model.train()
        policy = (token_logprobs(model, ids, targets) * mask).sum(1).view(16, 8)
        advantage = (rewards - rewards.mean(1, keepdim=True)) / (rewards.std(1, unbiased=False, keepdim=True) + 1e-8)
        ratio = (policy - policy.detach()).exp()
        surrogate = torch.minimum(ratio * advantage, ratio.clamp(0.8, 1.2) * advantage)
        gap = ref - policy
        loss = (-surrogate + 0.04 * (gap.exp() - gap - 1)).mean()
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        learner_seconds += time.perf_counter() - began
        if step % 20 == 0:
            final_accuracy = accuracy(model, test)
    print(json.dumps({"threads": args.threads, "rollout_tokens_per_second": tokens / rollout_seconds, "learner_steps_per_second": 60 / learner_seconds,
                      "seconds": time.perf_counter() - start, "sft_accuracy": sft_accuracy, "final_accuracy": final_accuracy}))


if __name__ == "__main__":
    main()
