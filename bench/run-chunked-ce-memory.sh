#!/usr/bin/env bash
# Issue 6's memory benchmark: extra peak resident memory of one cross-entropy forward + backward, naive vs chunked,
# N = 4096, D = 256, V = 32k, 64k, 128k, block 4096; each measurement in its own process.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/ChunkedCrossEntropyMemory -c Release -v q -nologo > /dev/null
for v in 32768 65536 131072; do
  for mode in naive chunked; do
    dotnet bench/ChunkedCrossEntropyMemory/bin/Release/net10.0/ChunkedCrossEntropyMemory.dll "$mode" "$v"
  done
done
