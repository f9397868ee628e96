using System.Globalization;
using ActorLab.Host.Simulation.Kinds;
using Spectre.Console;

namespace ActorLab.Host.Policy;

/// <summary>How a policy run ended: its summary and its evaluated steps.</summary>
public sealed class PolicyRunResult(PolicySummary summary, IReadOnlyList<PolicyStepMetrics> evaluated) : RunResult(summary.RunDirectory, summary.Status, summary.Failure, summary.WallSeconds)
{
    /// <summary>The summary (summary.json).</summary>
    public PolicySummary Summary { get; } = summary;

    /// <inheritdoc />
    public override string SummaryJson() => PolicyRun.ToJson(Summary);

    /// <inheritdoc />
    public override IReadOnlyList<SweepValue> SweepValues =>
        [new("final_accuracy", Summary.FinalAccuracy ?? double.NaN), new("baseline_accuracy", Summary.BaselineAccuracy ?? double.NaN), new("final_mean_reward", Summary.FinalMeanReward ?? double.NaN)];

    /// <inheritdoc />
    public override IReadOnlyList<HeadlineCurve> HeadlineCurves =>
        evaluated.Count == 0 ? [] : [new("held-out accuracy", [.. evaluated.Select(e => (double)e.Step)], [.. evaluated.Select(e => e.Accuracy)])];

    /// <inheritdoc />
    public override void Render(IAnsiConsole console)
    {
        var s = Summary;
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{s.Scenario}: {s.Steps} step(s), held-out accuracy {s.BaselineAccuracy:P1} after SFT -> {s.FinalAccuracy:P1} after {s.PostTrainingSteps} {s.PostTraining} step(s) (best {s.BestAccuracy:P1}); {s.RolloutTokensPerSecond:N0} rollout tokens/s on {s.RolloutWorkers} worker(s); results in {s.RunDirectory}")));
    }
}
