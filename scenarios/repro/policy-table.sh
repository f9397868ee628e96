#!/usr/bin/env bash
# Regenerates the policy-kind tables of scenarios/repro/README.md: runs each policy-*.json reproduction (and the
# token-level GRPO variant of lp-reg, its beta set to 0) over seeds 1-3 and prints one markdown row per run: first the
# RL runs, then the preference runs, then the unlearning runs.
# Needs the built program (dotnet build -c Release) and python3. Usage: scenarios/repro/policy-table.sh [seeds...]
set -euo pipefail
cd "$(dirname "$0")/../.."
seeds=("${@:-1 2 3}")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 - "$out" ${seeds[@]} <<'PY'
import csv, json, os, subprocess, sys
out, seeds = sys.argv[1], [int(s) for s in sys.argv[2:]]
def run(name, seed, loss=None):
    scenario = json.load(open(f"scenarios/repro/{name}.json"))
    scenario["seed"] = seed
    if loss is not None:
        scenario["rlvr"]["loss"] = loss
    path = os.path.join(out, f"{name}-{seed}.json")
    json.dump(scenario, open(path, "w"))
    result = subprocess.run(["dotnet", "host/ActorLab.Host/bin/Release/net10.0/actorlab.dll", "run", path, "-o", os.path.join(out, "runs"), "--json", "-q"],
                            capture_output=True, text=True, check=True)
    summary = json.loads(result.stdout)
    phase = summary["postTraining"]
    rows = [r for r in csv.DictReader(open(os.path.join(summary["runDirectory"], "metrics.csv"))) if r["phase"] == phase]
    return summary, rows

def mean(values):
    values = [float(v) for v in values if v != ""]
    return sum(values) / len(values) if values else float("nan")

rl = [(f, None) for f in ["policy-grpo-addition", "policy-ngrpo-addition", "policy-lp-reg-addition", "policy-one-example-rlvr"]]
rl.insert(2, ("policy-lp-reg-addition", {"name": "lp-reg", "options": {"beta": 0}}))
print("| scenario | seed | SFT accuracy | final accuracy | best | mean entropy (RL) | final entropy | zero-advantage groups |")
print("|---|---|---|---|---|---|---|---|")
for name, loss in rl:
    for seed in seeds:
        summary, rows = run(name, seed, loss)
        label = name if loss is None else name + " (beta 0: token-level GRPO)"
        print(f"| {label} | {seed} | {summary['baselineAccuracy']:.3f} | {summary['finalAccuracy']:.3f} | {summary['bestAccuracy']:.3f} "
              f"| {mean(r['entropy'] for r in rows):.3f} | {float(rows[-1]['entropy']):.3f} | {mean(r['zero_advantage_share'] for r in rows):.2f} |", flush=True)

print()
print("| scenario | seed | SFT accuracy | final accuracy | best | held-out implicit-reward accuracy (last) | mean gradient inner product | mean gradient cosine | log pi(chosen) first -> last | log pi(rejected) first -> last |")
print("|---|---|---|---|---|---|---|---|---|---|")
for name in ["policy-dpo-on-policy", "policy-dpo-offline", "policy-redi-offline", "policy-bco-unpaired", "policy-dpo-flips-20", "policy-rdpo-flips-20"]:
    for seed in seeds:
        summary, rows = run(name, seed)
        trained = [r for r in rows if r["chosen_logp"] != ""]
        rewards = [r["reward_accuracy"] for r in rows if r["reward_accuracy"] != ""]
        print(f"| {name} | {seed} | {summary['baselineAccuracy']:.3f} | {summary['finalAccuracy']:.3f} | {summary['bestAccuracy']:.3f} "
              f"| {float(rewards[-1]):.3f} | {mean(r['gradient_inner'] for r in trained):.1f} | {mean(r['gradient_cosine'] for r in trained):.2f} "
              f"| {float(trained[0]['chosen_logp']):.2f} -> {float(trained[-1]['chosen_logp_after']):.2f} "
              f"| {float(trained[0]['rejected_logp']):.2f} -> {float(trained[-1]['rejected_logp_after']):.2f} |", flush=True)

print()
print("| scenario | seed | step | forget accuracy | retain accuracy | held-out accuracy | linear CKA to the SFT model | probe accuracy (forget answers) |")
print("|---|---|---|---|---|---|---|---|")
for name in ["policy-unlearning-gradient-ascent", "policy-unlearning-npo", "policy-unlearning-uld"]:
    for seed in seeds:
        summary, rows = run(name, seed)
        for r in [r for r in rows if r["forget_accuracy"] != ""]:
            print(f"| {name} | {seed} | {r['phase_step']} | {float(r['forget_accuracy']):.3f} | {float(r['retain_accuracy']):.3f} | {float(r['accuracy']):.3f} "
                  f"| {float(r['cka']):.3f} | {float(r['probe_accuracy']):.3f} |", flush=True)
PY
