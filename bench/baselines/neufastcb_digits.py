#!/usr/bin/python3
"""Plain PyTorch NeuFastCB loop (Deb et al., "Contextual Bandits with Online Neural Regression", ICLR 2024) on the
digits data as a 10-armed contextual bandit: issue 17's baseline for bench/scenarios/bandit-digits-neufastcb.json.

    /usr/bin/python3 bench/baselines/neufastcb_digits.py --steps 10000 --repetitions 4 --threads 1

The same work per step as ActorLab's neufastcb policy with its defaults (hidden 100, one update per step, learning rate
0.03 as in the scenario, gamma_t = 10 sqrt(t), perturbation N(0, 0.01^2)): a forward pass without gradients over all
arms, FastCB's weights p_a = l_b / (K l_b + gamma (lhat_a - lhat_b)) on predicted losses l = 1 - sigmoid(f + eps), a
draw, then one gradient step on the played arm's binary cross-entropy with plain SGD. The reward is 1 when the arm is
the row's class. Features are standardized; rows are drawn uniformly at random. Repetitions run one after another
on one thread. Prints one JSON line: steps per second over the whole loop (setup excluded) and the mean reward.
"""

import argparse
import json
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn.datasets import load_digits

from fedavg_fmnist_mlp import set_threads


def run(x, y, steps, seed, lr, hidden, gamma_scale, perturbation):
    gen = np.random.default_rng(seed)
    torch.manual_seed(seed)
    arms = int(y.max()) + 1
    net = nn.Sequential(nn.Linear(x.shape[1], hidden), nn.ReLU(), nn.Linear(hidden, arms))
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    total = 0.0
    rows = gen.integers(0, len(x), size=steps)
    for t in range(steps):
        i = rows[t]
        context = x[i]
        shifts = torch.from_numpy(gen.normal(0.0, perturbation, size=arms).astype(np.float32))
        with torch.no_grad():
            predicted = torch.sigmoid(net(context) + shifts).numpy().astype(np.float64)
        best = int(predicted.argmax())
        gamma = gamma_scale * np.sqrt(t + 1)
        best_loss = 1 - predicted[best]
        denominator = arms * best_loss + gamma * (predicted[best] - predicted)
        p = np.where(denominator > 0, best_loss / np.where(denominator > 0, denominator, 1), 1.0 / arms)
        p[best] = 0
        p[best] = 1 - p.sum()
        arm = int(min(np.searchsorted(np.cumsum(p), gen.random(), side="right"), arms - 1))
        reward = 1.0 if arm == y[i] else 0.0
        total += reward
        opt.zero_grad(set_to_none=True)
        loss = F.binary_cross_entropy_with_logits(net(context)[arm] + shifts[arm], torch.tensor(reward))
        loss.backward()
        opt.step()
    return total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=10000)
    parser.add_argument("--repetitions", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--learning-rate", type=float, default=0.03)
    parser.add_argument("--hidden", type=int, default=100)
    args = parser.parse_args()
    set_threads(args.threads)  # torch and OpenBLAS both
    data = load_digits()
    x = data.data.astype(np.float32)
    x = (x - x.mean(0)) / np.where(x.std(0) > 0, x.std(0), 1)
    x = torch.from_numpy(x.astype(np.float32))
    y = data.target
    start = time.perf_counter()
    rewards = sum(run(x, y, args.steps, args.seed + r, args.learning_rate, args.hidden, 10.0, 0.01) for r in range(args.repetitions))
    seconds = time.perf_counter() - start
    steps = args.steps * args.repetitions
    print(json.dumps({"stepsPerSecond": steps / seconds, "seconds": seconds, "steps": steps,
                      "meanReward": rewards / steps, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
