#!/usr/bin/env bash
# Issue 17's one benchmark command: every workload against the loop a researcher would write (bench/baselines/), in
# PAIRS interleaved pairs (ActorLab, then its baseline, PAIRS times). Prints a table of medians and ratios and writes it
# to bench/results/run-all.csv. The .NET loops run with tiered compilation off and on; the faster setting is the
# baseline (never the slower one). The PyTorch loops' "1 thread" bounds OpenBLAS's pool too (set_threads); the
# "both cores" rows are for information: the same loop with OpenBLAS on both cores. Needs dataset-fashion-mnist, python3-torch and libopenblas0-pthread (see README).
#   PAIRS=5 bench/run-all.sh            # more pairs
#   ONLY="ucb1 game" bench/run-all.sh   # a subset (names as in the table)
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${PAIRS:-3}
ONLY=${ONLY:-"fedavg fedavg-journal-off fedavg-both-cores train train-both-cores ucb1 thompson linucb game neural"}
for project in host/ActorLab.Host plugins/ActorLab.Plugins.Bandits plugins/ActorLab.Plugins.Games bench/baselines/BanditLoops bench/baselines/GameLoop; do
  dotnet build "$project" -c Release -v q -nologo >/dev/null
done
actorlab=host/ActorLab.Host/bin/Release/net10.0/actorlab.dll
bandit_loops=bench/baselines/BanditLoops/bin/Release/net10.0/bandit-loops.dll
game_loop=bench/baselines/GameLoop/bin/Release/net10.0/game-loop.dll
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# field FIELD: reads the JSON document on stdin (or its last line when it is not one document) and prints FIELD.
field() { python3 -c '
import json, sys
text = sys.stdin.read().strip()
try: doc = json.loads(text)
except ValueError: doc = json.loads(text.splitlines()[-1])
print(doc[sys.argv[1]])' "$1"; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
actorlab_run() { dotnet $actorlab run "bench/scenarios/$1.json" --json -q --output "$out" 2>/dev/null | field "$2"; }
# dotnet_loop DLL ARGS...: the faster of tiering off and on, one run each.
dotnet_loop() {
  local off on
  off=$(DOTNET_TieredCompilation=0 dotnet "$@" 2>/dev/null | field "$rate_field")
  on=$(DOTNET_TieredCompilation=1 dotnet "$@" 2>/dev/null | field "$rate_field")
  python3 -c "print(max($off, $on))"
}

declare -A what=(
  [fedavg]="fedavg-fmnist-mlp, journal on (as shipped)|PyTorch FedAvg loop, 1 thread|samples/s|2.0"
  [fedavg-journal-off]="fedavg-fmnist-mlp, ACTORLAB_JOURNAL=off|PyTorch FedAvg loop, 1 thread|samples/s|-"
  [fedavg-both-cores]="fedavg-fmnist-mlp, journal on (as shipped)|PyTorch FedAvg loop, OpenBLAS on both cores|samples/s|-"
  [train]="train-mlp-fmnist (batch 128, 1 epoch)|PyTorch training loop, 1 thread|samples/s|1.5"
  [train-both-cores]="train-mlp-fmnist (batch 128, 1 epoch)|PyTorch training loop, OpenBLAS on both cores|samples/s|-"
  [ucb1]="bandit-ucb1 (K 10, 100 x 1e5)|C# loop, 1 thread|steps/s|1.8"
  [thompson]="bandit-thompson (K 10, 40 x 1e5)|C# loop, 1 thread|steps/s|1.5"
  [linucb]="bandit-linucb (K 10, d 10, 20 x 5e4)|C# loop, 1 thread|steps/s|1.5"
  [game]="game-hedge-selfplay-reps (10 x 10, 8 x 1e6)|C# loop, 1 thread|rounds/s|1.8"
  [neural]="bandit-digits-neufastcb (4 x 1e4)|PyTorch NeuFastCB loop, 1 thread|steps/s|1.0")

measure_actorlab() {
  case $1 in
    fedavg | fedavg-both-cores) ACTORLAB_JOURNAL=sqlite actorlab_run fedavg-fmnist-mlp samplesPerSecond ;;
    fedavg-journal-off) ACTORLAB_JOURNAL=off actorlab_run fedavg-fmnist-mlp samplesPerSecond ;;
    train | train-both-cores) actorlab_run train-mlp-fmnist samplesPerSecond ;;
    ucb1 | thompson | linucb) actorlab_run "bandit-$1" stepsPerSecond ;;
    game) actorlab_run game-hedge-selfplay-reps roundsPerSecond ;;
    neural) actorlab_run bandit-digits-neufastcb stepsPerSecond ;;
  esac
}
measure_baseline() {
  case $1 in
    fedavg | fedavg-journal-off) /usr/bin/python3 bench/baselines/fedavg_fmnist_mlp.py --threads 1 2>/dev/null | field samplesPerSecond ;;
    fedavg-both-cores) /usr/bin/python3 bench/baselines/fedavg_fmnist_mlp.py --threads 1 --blas-threads 2 2>/dev/null | field samplesPerSecond ;;
    train) /usr/bin/python3 bench/baselines/train_fmnist_mlp.py --threads 1 2>/dev/null | field samples_per_second ;;
    train-both-cores) /usr/bin/python3 bench/baselines/train_fmnist_mlp.py --threads 1 --blas-threads 2 2>/dev/null | field samples_per_second ;;
    ucb1) rate_field=stepsPerSecond dotnet_loop $bandit_loops ucb1 --arms 10 --steps 100000 --repetitions 100 --seed 1 ;;
    thompson) rate_field=stepsPerSecond dotnet_loop $bandit_loops thompson --arms 10 --steps 100000 --repetitions 40 --seed 1 ;;
    linucb) rate_field=stepsPerSecond dotnet_loop $bandit_loops linucb --arms 10 --steps 50000 --repetitions 20 --seed 1 --dim 10 ;;
    game) rate_field=roundsPerSecond dotnet_loop $game_loop --actions 10 --rounds 1000000 --repetitions 8 --seed 1 ;;
    neural) /usr/bin/python3 bench/baselines/neufastcb_digits.py --steps 10000 --repetitions 4 --threads 1 2>/dev/null | field stepsPerSecond ;;
  esac
}

mkdir -p bench/results
csv=bench/results/run-all.csv
echo "workload,unit,actorlab_median,baseline_median,ratio,target,actorlab_runs,baseline_runs" > "$csv"
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; $PAIRS interleaved pairs; $(date -u +%F)"
printf '| %s | %s | %s | %s | %s | %s |\n' workload baseline "ActorLab (median)" "baseline (median)" ratio target
printf '|---|---|---|---|---|---|\n'
for w in $ONLY; do
  IFS='|' read -r label baseline unit target <<<"${what[$w]}"
  a=(); b=()
  for ((i = 0; i < PAIRS; i++)); do
    a+=("$(measure_actorlab "$w")")
    b+=("$(measure_baseline "$w")")
  done
  ma=$(median "${a[@]}"); mb=$(median "${b[@]}")
  ratio=$(python3 -c "print(f'{$ma / $mb:.2f}')")
  echo "$w,$unit,$ma,$mb,$ratio,$target,${a[*]},${b[*]}" >> "$csv"
  python3 -c "print(f'| $label | $baseline | {$ma:,.0f} $unit | {$mb:,.0f} $unit | {$ratio}x | $target |')"
done
echo "written: $csv"
