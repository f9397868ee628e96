#!/usr/bin/env bash
# Issue 17's bandit benchmark: each bench/scenarios/bandit-*.json workload against the plain 1-thread C# loop
# (bench/baselines/BanditLoops), in interleaved runs (ActorLab, loop with tiering off, loop with tiering on) x PAIRS.
# Prints the medians and ratios (against the faster of the two loop settings) and writes them to bench/bandits.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${PAIRS:-3}
dotnet build host/ActorLab.Host -c Release -v q >/dev/null
dotnet build plugins/ActorLab.Plugins.Bandits -c Release -v q >/dev/null
dotnet build bench/baselines/BanditLoops -c Release -v q >/dev/null
actorlab=host/ActorLab.Host/bin/Release/net10.0/actorlab.dll
loops=bench/baselines/BanditLoops/bin/Release/net10.0/bandit-loops.dll
out=$(mktemp -d)
rate() { python3 -c 'import json,sys; print(json.loads(sys.stdin.read().strip().splitlines()[-1] if sys.argv[1]=="last" else sys.stdin.read())["stepsPerSecond"])' "$1"; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
declare -A args=(
  [ucb1]="ucb1 --arms 10 --steps 100000 --repetitions 100 --seed 1"
  [thompson]="thompson --arms 10 --steps 100000 --repetitions 40 --seed 1"
  [linucb]="linucb --arms 10 --steps 50000 --repetitions 20 --seed 1 --dim 10")
echo "workload,actorlab_median,loop_tiering_off_median,loop_tiering_on_median,ratio,actorlab_runs,loop_off_runs,loop_on_runs" > bench/bandits.csv
for w in ucb1 thompson linucb; do
  a=(); off=(); on=()
  for ((i = 0; i < PAIRS; i++)); do
    a+=("$(dotnet $actorlab run bench/scenarios/bandit-$w.json --json -q --output "$out" | rate json)")
    off+=("$(DOTNET_TieredCompilation=0 dotnet $loops ${args[$w]} 2>/dev/null | rate last)")
    on+=("$(DOTNET_TieredCompilation=1 dotnet $loops ${args[$w]} 2>/dev/null | rate last)")
  done
  ma=$(median "${a[@]}"); moff=$(median "${off[@]}"); mon=$(median "${on[@]}")
  ratio=$(python3 -c "print(round($ma / max($moff, $mon), 2))")
  echo "$w,$ma,$moff,$mon,$ratio,${a[*]},${off[*]},${on[*]}" | tee -a bench/bandits.csv
done
rm -rf "$out"
