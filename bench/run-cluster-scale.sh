#!/usr/bin/env bash
# Scale benchmark of distributed runs (issue 8): bench/scenarios/scale-100k-synthetic-lr.json on one process, then on
# three loopback nodes (two `actorlab node` workers and the `run --cluster` coordinator). Prints each round's wall
# time, the bytes each process put on and took off the wire, and each process's peak memory (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
dll=host/ActorLab.Host/bin/Release/net10.0/actorlab.dll
scenario=bench/scenarios/scale-100k-synthetic-lr.json
out=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
workers=${WORKERS:-1}

echo "== one process"
/usr/bin/time -f "one process: %e s wall, %M KB peak" dotnet $dll run $scenario -o "$out/one" -w "$workers" 2>&1 | grep -E "^round|peak"

echo "== three nodes (coordinator + 2 workers) on 127.0.0.1"
/usr/bin/time -f "worker A: %M KB peak" dotnet $dll node --seed 127.0.0.1:$port --port $port -w "$workers" > "$out/a.log" 2>&1 &
a=$!
/usr/bin/time -f "worker B: %M KB peak" dotnet $dll node --seed 127.0.0.1:$port --port $((port + 1)) -w "$workers" > "$out/b.log" 2>&1 &
b=$!
until grep -q "up at" "$out/a.log" && grep -q "up at" "$out/b.log"; do sleep 0.5; done
/usr/bin/time -f "coordinator: %e s wall, %M KB peak" dotnet $dll run $scenario -o "$out/three" --cluster 127.0.0.1:$port --cluster-workers 2 2>&1 \
  | grep -E "^round|peak|wire bytes"
sleep 2
# SIGTERM to the dotnet processes under /usr/bin/time: the nodes leave the cluster and exit (SIGINT is ignored by
# background jobs of a non-interactive shell).
pkill -TERM -P $a 2>/dev/null || true
pkill -TERM -P $b 2>/dev/null || true
wait $a $b 2>/dev/null || true
grep -hE "hosted|peak" "$out/a.log" "$out/b.log"
rm -rf "$out"
