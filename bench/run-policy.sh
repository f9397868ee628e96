#!/usr/bin/env bash
# Issue 18's policy benchmark: bench/scenarios/policy-grpo-addition.json (the quickstart's SFT + GRPO recipe on 2
# rollout workers) against the plain PyTorch loop of the same recipe (bench/baselines/grpo_addition.py, Debian's
# python3-torch, 1 thread), in interleaved runs x PAIRS. ActorLab's rates come from the RL steps of timings.csv:
# rollout tokens/s = generated tokens / rollout seconds, learner steps/s = RL steps / learner seconds; the loop times
# the same two parts. Prints the medians and ratios and writes them to bench/policy.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
PAIRS=${PAIRS:-3}
dotnet build host/ActorLab.Host -c Release -v q >/dev/null
actorlab=host/ActorLab.Host/bin/Release/net10.0/actorlab.dll
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
actorlab_rates() {
  python3 - "$1" <<'PY'
import csv, json, os, sys
summary = json.loads(sys.argv[1])
rows = [r for r in csv.DictReader(open(os.path.join(summary["runDirectory"], "timings.csv"))) if r["phase"] == "rlvr"]
tokens = sum(int(r["generated_tokens"]) for r in rows)
print(tokens / sum(float(r["rollout_seconds"]) for r in rows), len(rows) / sum(float(r["learner_seconds"]) for r in rows), summary["wallSeconds"])
PY
}
at=(); al=(); aw=(); lt=(); ll=(); lw=()
for ((i = 0; i < PAIRS; i++)); do
  read -r t l w < <(actorlab_rates "$(dotnet $actorlab run bench/scenarios/policy-grpo-addition.json --json -q --output "$out")")
  at+=("$t"); al+=("$l"); aw+=("$w")
  read -r t l w < <(/usr/bin/python3 bench/baselines/grpo_addition.py --threads 1 | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["rollout_tokens_per_second"], d["learner_steps_per_second"], d["seconds"])')
  lt+=("$t"); ll+=("$l"); lw+=("$w")
done
mat=$(median "${at[@]}"); mal=$(median "${al[@]}"); maw=$(median "${aw[@]}")
mlt=$(median "${lt[@]}"); mll=$(median "${ll[@]}"); mlw=$(median "${lw[@]}")
echo "metric,actorlab_median,loop_median,ratio,actorlab_runs,loop_runs" > bench/policy.csv
echo "rollout_tokens_per_second,$mat,$mlt,$(python3 -c "print(round($mat / $mlt, 2))"),${at[*]},${lt[*]}" | tee -a bench/policy.csv
echo "learner_steps_per_second,$mal,$mll,$(python3 -c "print(round($mal / $mll, 2))"),${al[*]},${ll[*]}" | tee -a bench/policy.csv
echo "run_seconds,$maw,$mlw,$(python3 -c "print(round($mlw / $maw, 2))"),${aw[*]},${lw[*]}" | tee -a bench/policy.csv
