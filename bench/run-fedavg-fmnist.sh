#!/usr/bin/env bash
# Whole-run benchmark: ActorLab vs the plain sequential PyTorch loop on the same workload, one after the
# other on the same machine, REPS times each. Needs: dataset-fashion-mnist, python3-torch, libopenblas0-pthread.
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${REPS:-3}
dotnet build host/ActorLab.Host -c Release -nologo -v q >/dev/null
mkdir -p bench/results
for rep in $(seq 1 "$REPS"); do
  dotnet host/ActorLab.Host/bin/Release/net10.0/actorlab.dll run bench/scenarios/fedavg-fmnist-mlp.json --json \
    --output bench/results/runs 2>/dev/null > "bench/results/actorlab-$rep.json"
  /usr/bin/python3 bench/baselines/fedavg_fmnist_mlp.py 2>/dev/null | tail -n 1 > "bench/results/pytorch-$rep.json"
  python3 - "$rep" <<'PY'
import json, sys
rep = sys.argv[1]
a = json.load(open(f"bench/results/actorlab-{rep}.json"))
p = json.load(open(f"bench/results/pytorch-{rep}.json"))
print(f"rep {rep}: ActorLab {a['samplesPerSecond']:,.0f} samples/s (steady {a['samplesPerSecondSteady']:,.0f}, acc {a['finalAccuracy']:.4f}, {a['mklAmdFastpath']}) | "
      f"PyTorch {p['samplesPerSecond']:,.0f} (steady {p['samplesPerSecondSteady']:,.0f}, acc {p['finalAccuracy']:.4f}) | "
      f"ratio {a['samplesPerSecond'] / p['samplesPerSecond']:.2f}x (steady {a['samplesPerSecondSteady'] / p['samplesPerSecondSteady']:.2f}x)")
PY
done
