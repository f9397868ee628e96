#!/usr/bin/env bash
# Issue 17's game benchmark: bench/scenarios/game-hedge-selfplay-reps.json (Hedge self-play, 10 x 10 random game,
# 8 x 1e6 rounds) against the plain 1-thread C# loop (bench/baselines/GameLoop), in interleaved runs (ActorLab, loop
# with tiering off, loop with tiering on) x PAIRS. Prints the medians and the ratio (against the faster of the two loop
# settings) and writes them to bench/games.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${PAIRS:-3}
dotnet build host/ActorLab.Host -c Release -v q >/dev/null
dotnet build plugins/ActorLab.Plugins.Games -c Release -v q >/dev/null
dotnet build bench/baselines/GameLoop -c Release -v q >/dev/null
actorlab=host/ActorLab.Host/bin/Release/net10.0/actorlab.dll
loop=bench/baselines/GameLoop/bin/Release/net10.0/game-loop.dll
out=$(mktemp -d)
rate() { python3 -c 'import json,sys; t=sys.stdin.read().strip(); print(json.loads(t.splitlines()[-1] if sys.argv[1]=="last" else t)["roundsPerSecond"])' "$1"; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
args="--actions 10 --rounds 1000000 --repetitions 8 --seed 1"
echo "workload,actorlab_median,loop_tiering_off_median,loop_tiering_on_median,ratio,actorlab_runs,loop_off_runs,loop_on_runs" > bench/games.csv
a=(); off=(); on=()
for ((i = 0; i < PAIRS; i++)); do
  a+=("$(dotnet $actorlab run bench/scenarios/game-hedge-selfplay-reps.json --json -q --output "$out" | rate json)")
  off+=("$(DOTNET_TieredCompilation=0 dotnet $loop $args 2>/dev/null | rate last)")
  on+=("$(DOTNET_TieredCompilation=1 dotnet $loop $args 2>/dev/null | rate last)")
done
ma=$(median "${a[@]}"); moff=$(median "${off[@]}"); mon=$(median "${on[@]}")
ratio=$(python3 -c "print(round($ma / max($moff, $mon), 2))")
echo "hedge-selfplay-10x10-8x1e6,$ma,$moff,$mon,$ratio,${a[*]},${off[*]},${on[*]}" | tee -a bench/games.csv
rm -rf "$out"
