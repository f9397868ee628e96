using System.Diagnostics;
using ActorLab.Contracts.Randomness;
using ActorLab.Telemetry;

namespace ActorLab.Host.Policy;

/// <summary>
/// The preference phase of <see cref="PolicyCoordinatorActor"/>. First the held-out pairs (responses of the SFT policy to
/// test prompts, true labels) and their reference log-probabilities, on which the implicit reward is scored at each
/// evaluation; for offline data also the pool of pairs sampled once from the SFT policy. Each step then takes pairs
/// (sampled from the current policy, or drawn from the pool), has the reference score both sides and gives the
/// learner the pairs; the new weights go to the workers.
/// </summary>
public sealed partial class PolicyCoordinatorActor
{
    private const long HeldOutStep = -1; // the keys of the held-out pairs' sampling
    private const long OfflineStep = 0; // the keys of the offline pool's sampling
    private (SequenceBatch Chosen, SequenceBatch Rejected, float[] ReferenceChosen, float[] ReferenceRejected)? _heldOutPairs;
    private List<PreferencePair> _offlinePool = [];

    private void StartPreference()
    {
        var p = _plan.Scenario.Preference!;
        var test = _plan.Data.Test.Take(p.HeldOutPrompts).Select((e, i) => (Example: i, Prompt: _plan.PromptIds(e))).ToList();
        SamplePairs(HeldOutStep, test, heldOut: true, flips: 0, unpaired: false, (pairs, _) =>
        {
            if (pairs.Count == 0)
            {
                StartOfflinePool();
                return;
            }

            var (chosen, rejected) = Layouts(pairs);
            ReferenceLogProbs(HeldOutStep, [chosen, rejected], 1, reference =>
            {
                _heldOutPairs = (chosen, rejected, reference[0], reference[1]);
                StartOfflinePool();
            });
        });
    }

    private void StartOfflinePool()
    {
        var p = _plan.Scenario.Preference!;
        if (p.Data != "offline")
        {
            PreferenceStep(1);
            return;
        }

        var pool = _plan.Data.Train.Take(p.OfflinePrompts).Select((e, i) => (Example: i, Prompt: _plan.PromptIds(e))).ToList();
        SamplePairs(OfflineStep, pool, heldOut: false, p.LabelFlips, p.Feedback == "unpaired", (pairs, _) =>
        {
            _offlinePool = pairs;
            PreferenceStep(1);
        });
    }

    private void PreferenceStep(int step)
    {
        var p = _plan.Scenario.Preference!;
        OpenStepSpan("preference", step);
        var random = RandomStreams.Create(_plan.Scenario.Seed, "policy.preference.prompts", step);
        var started = Stopwatch.GetTimestamp();
        if (p.Data == "offline")
        {
            var drawn = Enumerable.Range(0, Math.Min(p.Prompts, _offlinePool.Count)).Select(_ => _offlinePool[random.Next(_offlinePool.Count)]).ToList();
            TrainOnPairs(step, drawn, double.NaN, 0, 0);
            return;
        }

        var train = _plan.Data.Train;
        var prompts = Enumerable.Range(0, p.Prompts).Select(_ => random.Next(train.Count)).Select(e => (Example: e, Prompt: _plan.PromptIds(train[e]))).ToList();
        SamplePairs(step, prompts, heldOut: false, p.LabelFlips, p.Feedback == "unpaired", (pairs, rewards) =>
            TrainOnPairs(step, pairs, rewards.Average(), Stopwatch.GetElapsedTime(started).TotalSeconds, _sampled.Sum(g => (long)g.Sum(r => r.Length))));
    }

    /// <summary>Samples the preference phase's responses to <paramref name="prompts"/>, scores them and builds their pairs.</summary>
    private void SamplePairs(long step, List<(int Example, int[] Prompt)> prompts, bool heldOut, double flips, bool unpaired, Action<List<PreferencePair>, double[]> then)
    {
        var p = _plan.Scenario.Preference!;
        SampleGroups(step, [.. prompts.Select(x => x.Prompt)], p.Samples, p.Sampling, groups =>
        {
            var items = groups.SelectMany((g, i) => g.Select(r => new RewardActor.ScoreItem(prompts[i].Example, _plan.Vocabulary.Decode(r), heldOut))).ToArray();
            Score(step, items, rewards =>
            {
                var perGroup = Enumerable.Range(0, groups.Length).Select(i => rewards.Skip(i * p.Samples).Take(p.Samples).ToArray()).ToList();
                then(PreferencePairs.Build([.. prompts.Select(x => x.Prompt)], groups, perGroup, flips, unpaired, _plan.Scenario.Seed, "policy.preference.flips", step), rewards);
            });
        });
    }

    private void TrainOnPairs(int step, List<PreferencePair> pairs, double meanReward, double rolloutSeconds, long tokens)
    {
        var p = _plan.Scenario.Preference!;
        var next = step < p.Steps ? () => PreferenceStep(step + 1) : (Action)Finished;
        _step++;
        var row = new PolicyStepMetrics(_step, "preference", step) { MeanReward = meanReward, Pairs = pairs.Count, LearningRate = p.LearningRate };
        if (pairs.Count == 0)
        {
            ReportPreferenceStep(row, new PolicyStepTiming(_step, "preference", rolloutSeconds, 0, tokens), step, next); // nothing to learn from: no update
            return;
        }

        var (chosen, rejected) = Layouts(pairs);
        ReferenceLogProbs(step, [chosen, rejected], 1, reference =>
            Learn(new PolicyLearnerActor.TrainPreference(step, chosen, rejected, reference[0], reference[1], StepTrace), answer =>
            {
                var m = (PolicyLearnerActor.PreferenceUpdated)answer;
                var u = m.Update;
                _totals = (_totals.Rollout + rolloutSeconds, _totals.Tokens + tokens, _totals.Learner + m.Seconds);
                ActorLabTelemetry.TrainerSteps.Add(1, Tags());
                LoadWorkers(m.Weights);
                ReportPreferenceStep(row with
                {
                    Loss = u.Loss, GradientNorm = u.GradientNorm, ChosenLogProb = u.ChosenLogProb, RejectedLogProb = u.RejectedLogProb,
                    ChosenLogProbAfter = u.ChosenLogProbAfter, RejectedLogProbAfter = u.RejectedLogProbAfter, Margin = u.Margin,
                    GradientInner = u.GradientInner, GradientCosine = u.GradientCosine,
                }, new PolicyStepTiming(_step, "preference", rolloutSeconds, m.Seconds, tokens), step, next);
            }));
    }

    /// <summary>Reports the step, evaluated (accuracy, then the implicit reward on the held-out pairs) when it is due.</summary>
    private void ReportPreferenceStep(PolicyStepMetrics row, PolicyStepTiming timing, int step, Action next)
    {
        if (!EvaluatesAt(step, _plan.Scenario.Preference!.Steps))
        {
            _report(row, timing);
            EndStep(next);
            return;
        }

        Evaluate(row, timing, evaluated =>
        {
            if (_heldOutPairs is not { } h)
            {
                _report(evaluated, timing);
                EndStep(next);
                return;
            }

            Learn(new PolicyLearnerActor.MeasurePairs(h.Chosen, h.Rejected, h.ReferenceChosen, h.ReferenceRejected), answer =>
            {
                _report(evaluated with { RewardAccuracy = ((PolicyLearnerActor.PairsMeasured)answer).Accuracy }, timing);
                EndStep(next);
            });
        });
    }

    private static (SequenceBatch Chosen, SequenceBatch Rejected) Layouts(List<PreferencePair> pairs) =>
        (SequenceBatch.Of([.. pairs.Select(x => x.ChosenPrompt)], [.. pairs.Select(x => x.Chosen)]),
         SequenceBatch.Of([.. pairs.Select(x => x.RejectedPrompt)], [.. pairs.Select(x => x.Rejected)]));
}
