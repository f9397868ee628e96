#!/usr/bin/python3
"""Plain sequential PyTorch FedAvg baseline: Fashion-MNIST, MLP 784-200-200-10.

Reference point for ActorLab's FedAvg benchmark. Run with Debian's interpreter and
torch (python3-torch, 1.13), not a pyenv/venv python:

    /usr/bin/python3 bench/baselines/fedavg_fmnist_mlp.py [--threads 1]

Workload (kept identical to the ActorLab scenario):
  * Fashion-MNIST train set (60,000 images), pixels / 255 -> [0, 1], flattened to 784.
  * 100 clients, Dirichlet(alpha=0.5) label-skew partition, numpy RandomState(seed):
    for each class, shuffle its indices, draw proportions ~ Dir(alpha) over the clients
    and split the class at the cumulative proportions; redraw the whole partition until
    every client holds >= 10 samples.
  * 20 clients sampled per round (without replacement, seeded), 1 local epoch,
    batch 32 (shuffled, seeded), plain SGD lr 0.05, cross-entropy.
  * FedAvg weighted by client sample count, 20 rounds, test accuracy on the 10,000
    test images after each round.

Throughput counts only local-training time (samples processed / seconds spent in the
clients' training loops). Round 1 is a warm-up; the "steady" figure excludes it.
The last line printed is a JSON summary.

Debian's torch uses the system BLAS (BLAS_INFO=generic -> libblas.so.3). Install
libopenblas0-pthread, otherwise the reference BLAS is picked and this runs ~12x slower;
`update-alternatives --display libblas.so.3-x86_64-linux-gnu` shows which is active,
and this script prints the BLAS library actually mapped into the process.
"""

import argparse
import gzip
import json
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA_DIR = "/usr/share/datasets/fashion-mnist"


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    ndim = magic & 0xFF
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def find_file(data_dir, stem):
    for name in (stem, stem + ".gz"):
        p = os.path.join(data_dir, name)
        if os.path.exists(p):
            return p
    raise FileNotFoundError(f"{stem}[.gz] not found in {data_dir}")


def load_split(data_dir, prefix):
    x = read_idx(find_file(data_dir, f"{prefix}-images-idx3-ubyte"))
    y = read_idx(find_file(data_dir, f"{prefix}-labels-idx1-ubyte"))
    x = torch.from_numpy(x.reshape(len(x), -1).astype(np.float32) / 255.0)
    y = torch.from_numpy(y.astype(np.int64))
    return x, y


def dirichlet_partition(labels, n_clients, alpha, seed, min_size=10):
    rng = np.random.RandomState(seed)
    n_classes = int(labels.max()) + 1
    attempts = 0
    while True:
        attempts += 1
        parts = [[] for _ in range(n_clients)]
        for k in range(n_classes):
            idx_k = np.where(labels == k)[0]
            rng.shuffle(idx_k)
            p = rng.dirichlet(np.repeat(alpha, n_clients))
            cuts = (np.cumsum(p) * len(idx_k)).astype(int)[:-1]
            for j, chunk in enumerate(np.split(idx_k, cuts)):
                parts[j].extend(chunk.tolist())
        if min(len(p) for p in parts) >= min_size:
            return [np.array(sorted(p), dtype=np.int64) for p in parts], attempts


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 200)
        self.fc2 = nn.Linear(200, 200)
        self.fc3 = nn.Linear(200, 10)

    def forward(self, x):
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


def local_train(model, x, y, epochs, batch, lr, gen):
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    n = len(x)
    for _ in range(epochs):
        perm = torch.randperm(n, generator=gen)
        for s in range(0, n, batch):
            idx = perm[s:s + batch]
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
    return n * epochs


@torch.no_grad()
def evaluate(model, x, y):
    return (model(x).argmax(1) == y).float().mean().item()


def blas_in_use():
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line.lower()}
        return sorted(l for l in libs if l.startswith("/"))
    except OSError:
        return []


def openblas_info():
    """Core kernel and thread count OpenBLAS picked (DYNAMIC_ARCH builds choose per CPU)."""
    import ctypes
    for lib in blas_in_use():
        if "openblas" in os.path.basename(lib):
            try:
                h = ctypes.CDLL(lib)
                h.openblas_get_corename.restype = ctypes.c_char_p
                return {"core": h.openblas_get_corename().decode(), "threads": h.openblas_get_num_threads()}
            except (OSError, AttributeError):
                return None
    return None


def set_threads(threads, blas_threads=None):
    """Bounds torch's intra-op threads to `threads` and OpenBLAS's own pthread pool to `blas_threads` (default: the same).

    torch.set_num_threads alone does not bound Debian's libopenblas0-pthread: its pool keeps one thread per core,
    so a "1-thread" loop ran its larger matrix products on both cores (measured on a 2-core AMD EPYC, batch 128:
    about 127k samples/s with the pool, about 86k bounded, with user time above wall time).
    """
    import ctypes
    torch.set_num_threads(threads)
    for lib in blas_in_use():
        if "openblas" in os.path.basename(lib):
            ctypes.CDLL(lib).openblas_set_num_threads(threads if blas_threads is None else blas_threads)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--blas-threads", type=int, default=None,
                    help="OpenBLAS threads (default: --threads); --threads 1 --blas-threads 2 is the loop on both cores")
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--clients", type=int, default=100)
    ap.add_argument("--per-round", type=int, default=20)
    ap.add_argument("--alpha", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--data-dir", default=DATA_DIR)
    args = ap.parse_args()

    set_threads(args.threads, args.blas_threads)
    torch.manual_seed(args.seed)
    print(f"torch {torch.__version__}, numpy {np.__version__}, python {sys.version.split()[0]}, "
          f"threads {torch.get_num_threads()}")
    print("BLAS mapped: " + (", ".join(blas_in_use()) or "none found"))
    print(f"OpenBLAS: {openblas_info()}")
    print("OPENBLAS_CORETYPE=%r OPENBLAS_L2_SIZE=%r" % (
        os.environ.get("OPENBLAS_CORETYPE"), os.environ.get("OPENBLAS_L2_SIZE")))

    xtr, ytr = load_split(args.data_dir, "train")
    xte, yte = load_split(args.data_dir, "t10k")
    parts, attempts = dirichlet_partition(ytr.numpy(), args.clients, args.alpha, args.seed)
    sizes = np.array([len(p) for p in parts])
    print(f"train {tuple(xtr.shape)}, test {tuple(xte.shape)}; {args.clients} clients, "
          f"Dir({args.alpha}) seed {args.seed}: sizes min {sizes.min()} median {int(np.median(sizes))} "
          f"max {sizes.max()} (partition attempts {attempts})")
    # Materialise each client's shard once so indexing cost is not counted as training.
    shards = [(xtr[p].contiguous(), ytr[p].contiguous()) for p in parts]

    global_model = MLP()
    local_model = MLP()
    sample_rng = np.random.RandomState(args.seed)
    batch_gen = torch.Generator().manual_seed(args.seed)

    per_round = []
    acc = 0.0
    t_run = time.perf_counter()
    for r in range(1, args.rounds + 1):
        t_round = time.perf_counter()
        chosen = sample_rng.choice(args.clients, args.per_round, replace=False)
        global_state = {k: v.clone() for k, v in global_model.state_dict().items()}
        acc_state = {k: torch.zeros_like(v) for k, v in global_state.items()}
        total_n = 0
        samples = 0
        train_s = 0.0
        for c in chosen:
            x, y = shards[c]
            local_model.load_state_dict(global_state)
            t0 = time.perf_counter()
            samples += local_train(local_model, x, y, args.epochs, args.batch, args.lr, batch_gen)
            train_s += time.perf_counter() - t0
            n = len(x)
            total_n += n
            with torch.no_grad():
                for k, v in local_model.state_dict().items():
                    acc_state[k].add_(v, alpha=float(n))
        with torch.no_grad():
            global_model.load_state_dict({k: v / total_n for k, v in acc_state.items()})
        acc = evaluate(global_model, xte, yte)
        wall_s = time.perf_counter() - t_round
        per_round.append((samples, train_s, wall_s))
        print(f"round {r:2d}: acc {acc:.4f}  samples {samples:6d}  train {train_s:7.3f}s  "
              f"{samples / train_s:9.0f} samples/s  wall {wall_s:7.3f}s ({samples / wall_s:9.0f} samples/s)")
    total_wall = time.perf_counter() - t_run

    def rate(rows, col):
        return sum(r[0] for r in rows) / sum(r[col] for r in rows)

    steady = per_round[1:] if len(per_round) > 1 else per_round
    summary = {
        "samplesPerSecond": round(rate(per_round, 1), 1),
        "samplesPerSecondSteady": round(rate(steady, 1), 1),
        "samplesPerSecondWall": round(rate(per_round, 2), 1),
        "samplesPerSecondWallSteady": round(rate(steady, 2), 1),
        "finalAccuracy": round(acc, 4),
        "samples": int(sum(r[0] for r in per_round)),
        "trainSeconds": round(sum(r[1] for r in per_round), 3),
        "wallSeconds": round(total_wall, 3),
        "rounds": args.rounds,
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "blas": blas_in_use(),
        "openblas": openblas_info(),
        "openblasCoretype": os.environ.get("OPENBLAS_CORETYPE"),
        "openblasL2Size": os.environ.get("OPENBLAS_L2_SIZE"),
    }
    print(f"overall: {summary['samplesPerSecond']:.0f} samples/s (steady {summary['samplesPerSecondSteady']:.0f}), "
          f"wall incl. eval {summary['samplesPerSecondWall']:.0f} (steady {summary['samplesPerSecondWallSteady']:.0f}), "
          f"final accuracy {acc:.4f}")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
