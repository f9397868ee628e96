using System.Diagnostics;
using ActorLab.Contracts.Language;
using ActorLab.Contracts.Randomness;
using ActorLab.Telemetry;

namespace ActorLab.Host.Policy;

/// <summary>
/// The RL phase of <see cref="PolicyCoordinatorActor"/>: each step draws its prompts from the run seed, has the workers
/// sample G responses per prompt, sends the batch to the reward actor and the reference at once, gives the learner the
/// batch with both answers, and sends the new weights to the workers before the next rollout.
/// </summary>
public sealed partial class PolicyCoordinatorActor
{
    private void StartRlvrStep(int step)
    {
        var rl = _plan.Scenario.Rlvr!;
        OpenStepSpan("rlvr", step);
        var pool = _plan.RlvrPool;
        var random = RandomStreams.Create(_plan.Scenario.Seed, "policy.rlvr.prompts", step);
        var examples = Enumerable.Range(0, rl.Prompts).Select(_ => random.Next(pool.Count)).ToArray();
        var prompts = examples.Select(e => _plan.PromptIds(pool[e])).ToArray();
        var started = Stopwatch.GetTimestamp();
        SampleGroups(step, prompts, rl.GroupSize, rl.Sampling, groups =>
        {
            var rolloutSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var tokens = groups.Sum(g => (long)g.Sum(r => r.Length));
            var batch = SequenceBatch.Of([.. groups.SelectMany((g, i) => g.Select(_ => prompts[i]))], [.. groups.SelectMany(g => g)]);
            var items = groups.SelectMany((g, i) => g.Select(r => new RewardActor.ScoreItem(examples[i], _plan.Vocabulary.Decode(r)))).ToArray();
            double[]? rewards = null;
            float[]? reference = null;
            void UpdateWhenReady()
            {
                if (rewards is not null && reference is not null)
                {
                    Learn(new PolicyLearnerActor.UpdatePolicy(step, batch, rewards, reference, StepTrace),
                        answer => OnRlvrUpdated(step, (PolicyLearnerActor.PolicyUpdated)answer, groups, rewards, rolloutSeconds, tokens));
                }
            }

            Score(step, items, r =>
            {
                rewards = r;
                UpdateWhenReady();
            });
            ReferenceLogProbs(step, [batch], rl.Sampling.Temperature > 0 ? rl.Sampling.Temperature : 1, r =>
            {
                reference = r[0];
                UpdateWhenReady();
            });
        });
    }

    private void OnRlvrUpdated(int rlStep, PolicyLearnerActor.PolicyUpdated m, int[][][] groups, double[] rewards, double rolloutSeconds, long tokens)
    {
        var rl = _plan.Scenario.Rlvr!;
        var g = rl.GroupSize;
        var zero = Enumerable.Range(0, rl.Prompts).Count(p => rewards.Skip(p * g).Take(g).Distinct().Count() == 1);
        var lengths = groups.SelectMany(x => x).Select(r => r.Length - (r.Length > 0 && r[^1] == TokenVocabulary.End ? 1 : 0));
        _step++;
        _totals = (_totals.Rollout + rolloutSeconds, _totals.Tokens + tokens, _totals.Learner + m.Seconds);
        var u = m.Update;
        var row = new PolicyStepMetrics(_step, "rlvr", rlStep)
        {
            Loss = u.Loss, MeanReward = rewards.Average(), Kl = u.Kl, Entropy = u.Entropy, ResponseLength = lengths.Average(),
            ZeroAdvantageShare = zero / (double)rl.Prompts, GradientNorm = u.GradientNorm, LearningRate = rl.LearningRate,
        };
        var timing = new PolicyStepTiming(_step, "rlvr", rolloutSeconds, m.Seconds, tokens);
        ActorLabTelemetry.TrainerSteps.Add(1, Tags());
        LoadWorkers(m.Weights);
        var next = rlStep < rl.Steps ? () => StartRlvrStep(rlStep + 1) : (Action)Finished;
        if (!EvaluatesAt(rlStep, rl.Steps))
        {
            _report(row, timing);
            EndStep(next);
            return;
        }

        Evaluate(row, timing, evaluated =>
        {
            _report(evaluated, timing);
            EndStep(next);
        });
    }
}
