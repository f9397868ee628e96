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
    private readonly Dictionary<int, int> _hintLengths = []; // per RL-pool problem: the hint length the schedule reached

    private void StartRlvrStep(int step)
    {
        var rl = _plan.Scenario.Rlvr!;
        OpenStepSpan("rlvr", step);
        var pool = _plan.RlvrPool;
        var random = RandomStreams.Create(_plan.Scenario.Seed, "policy.rlvr.prompts", step);
        var examples = Enumerable.Range(0, rl.Prompts).Select(_ => random.Next(pool.Count)).ToArray();
        var hints = examples.Select(e => Hint(pool[e], e)).ToArray();
        var prompts = examples.Select((e, i) => (int[])[.. _plan.PromptIds(pool[e]), .. _plan.Vocabulary.Encode(hints[i])]).ToArray();
        var started = Stopwatch.GetTimestamp();
        SampleGroups(step, prompts, rl.GroupSize, rl.Sampling, groups =>
        {
            var rolloutSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var tokens = groups.Sum(g => (long)g.Sum(r => r.Length));
            var batch = SequenceBatch.Of([.. groups.SelectMany((g, i) => g.Select(_ => prompts[i]))], [.. groups.SelectMany(g => g)]);
            // With hints the verifier scores the whole answer: the hint and what the policy wrote after it.
            var items = groups.SelectMany((g, i) => g.Select(r => new RewardActor.ScoreItem(examples[i], hints[i] + _plan.Vocabulary.Decode(r)))).ToArray();
            double[]? rewards = null;
            float[]? reference = null;
            void UpdateWhenReady()
            {
                if (rewards is not null && reference is not null)
                {
                    Learn(new PolicyLearnerActor.UpdatePolicy(step, batch, rewards, reference, StepTrace),
                        answer => OnRlvrUpdated(step, (PolicyLearnerActor.PolicyUpdated)answer, groups, rewards, rolloutSeconds, tokens, examples, hints));
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

    private void OnRlvrUpdated(int rlStep, PolicyLearnerActor.PolicyUpdated m, int[][][] groups, double[] rewards, double rolloutSeconds, long tokens, int[] examples, string[] hints)
    {
        var rl = _plan.Scenario.Rlvr!;
        var g = rl.GroupSize;
        AdaptHints(examples, rewards, g);
        var zero = Enumerable.Range(0, rl.Prompts).Count(p => rewards.Skip(p * g).Take(g).Distinct().Count() == 1);
        var lengths = groups.SelectMany(x => x).Select(r => r.Length - (r.Length > 0 && r[^1] == TokenVocabulary.End ? 1 : 0));
        _step++;
        _totals = (_totals.Rollout + rolloutSeconds, _totals.Tokens + tokens, _totals.Learner + m.Seconds);
        var u = m.Update;
        var row = new PolicyStepMetrics(_step, "rlvr", rlStep)
        {
            Loss = u.Loss, MeanReward = rewards.Average(), Kl = u.Kl, Entropy = u.Entropy, ResponseLength = lengths.Average(),
            ZeroAdvantageShare = zero / (double)rl.Prompts, GradientNorm = u.GradientNorm, LearningRate = rl.LearningRate,
            HintLength = rl.Hints is null ? double.NaN : hints.Average(h => h.Length),
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

    /// <summary>The hint shown after problem <paramref name="example"/>'s prompt: the first h characters of its answer (none without a schedule).</summary>
    private string Hint(ActorLab.Contracts.Language.TaskExample problem, int example)
    {
        if (_plan.Scenario.Rlvr!.Hints is not { } schedule)
        {
            return "";
        }

        var length = _hintLengths.TryGetValue(example, out var h) ? h : Math.Min(schedule.InitialLength, problem.Answer.Length);
        return problem.Answer[..Math.Min(length, problem.Answer.Length)];
    }

    /// <summary>Moves each drawn problem's hint length one step towards the target success rate (paper 66's sweet spot).</summary>
    private void AdaptHints(int[] examples, double[] rewards, int groupSize)
    {
        if (_plan.Scenario.Rlvr!.Hints is not { } schedule)
        {
            return;
        }

        var pool = _plan.RlvrPool;
        for (var i = 0; i < examples.Length; i++)
        {
            var success = rewards.Skip(i * groupSize).Take(groupSize).Count(r => r >= 1) / (double)groupSize;
            var answer = pool[examples[i]].Answer.Length;
            var length = _hintLengths.TryGetValue(examples[i], out var h) ? h : Math.Min(schedule.InitialLength, answer);
            length += success < schedule.TargetSuccess - schedule.Tolerance ? 1 : success > schedule.TargetSuccess + schedule.Tolerance ? -1 : 0;
            _hintLengths[examples[i]] = Math.Clamp(length, 0, answer);
        }
    }
}
