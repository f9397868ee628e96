#!/usr/bin/python3
"""Plain PyTorch training loop baseline for issue 6's trainer benchmark: Fashion-MNIST, MLP 784-200-200-10,
batch 128, plain SGD lr 0.05, cross-entropy, one epoch over the 60,000 training images (shuffled, seeded).

    /usr/bin/python3 bench/baselines/train_fmnist_mlp.py --threads 1

Prints one JSON line: samples per second of the epoch's training loop (the evaluation is not timed) and the
test accuracy after it. Needs Debian's python3-torch with libopenblas0-pthread (see fedavg_fmnist_mlp.py).
"""

import argparse
import json
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from fedavg_fmnist_mlp import DATA_DIR, find_file, read_idx, set_threads


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--blas-threads", type=int, default=None,
                    help="OpenBLAS threads (default: --threads); --threads 1 --blas-threads 2 is the loop on both cores")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    set_threads(args.threads, args.blas_threads)  # torch and OpenBLAS both
    torch.manual_seed(args.seed)
    x = torch.from_numpy(read_idx(find_file(DATA_DIR, "train-images-idx3-ubyte")).reshape(-1, 784).astype(np.float32) / 255.0)
    y = torch.from_numpy(read_idx(find_file(DATA_DIR, "train-labels-idx1-ubyte")).astype(np.int64))
    tx = torch.from_numpy(read_idx(find_file(DATA_DIR, "t10k-images-idx3-ubyte")).reshape(-1, 784).astype(np.float32) / 255.0)
    ty = torch.from_numpy(read_idx(find_file(DATA_DIR, "t10k-labels-idx1-ubyte")).astype(np.int64))
    model = nn.Sequential(nn.Linear(784, 200), nn.ReLU(), nn.Linear(200, 200), nn.ReLU(), nn.Linear(200, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    order = torch.randperm(x.shape[0])
    xs, ys = x[order], y[order]
    start = time.perf_counter()
    for i in range(0, xs.shape[0], 128):
        optimizer.zero_grad()
        loss = F.cross_entropy(model(xs[i:i + 128]), ys[i:i + 128])
        loss.backward()
        optimizer.step()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        accuracy = (model(tx).argmax(1) == ty).float().mean().item()
    print(json.dumps({"threads": args.threads, "samples_per_second": xs.shape[0] / seconds, "seconds": seconds, "test_accuracy": accuracy}))


if __name__ == "__main__":
    main()
