using System.Globalization;
using System.Text.Json;
using ActorLab.Contracts.Games;
using ActorLab.Host.Simulation.Kinds;
using Spectre.Console;

namespace ActorLab.Host.AgentTraining;

/// <summary>How an agent training ended: its summary and the steps it logged.</summary>
public sealed class AgentTrainingRunResult(AgentTrainingSummary summary, IReadOnlyList<AgentTrainingProgress> steps) : RunResult(summary.RunDirectory, summary.Status, summary.Failure, summary.Seconds)
{
    /// <summary>The summary (summary.json).</summary>
    public AgentTrainingSummary Summary { get; } = summary;

    /// <inheritdoc />
    public override string SummaryJson() => JsonSerializer.Serialize(Summary, Results.ResultsJson.Options);

    /// <inheritdoc />
    public override IReadOnlyList<SweepValue> SweepValues =>
        [new("final_loss", Summary.FinalLoss ?? double.NaN), new("final_mean_regret", Summary.FinalMeanRegret ?? double.NaN)];

    /// <inheritdoc />
    public override IReadOnlyList<HeadlineCurve> HeadlineCurves =>
        steps.Count == 0 ? [] : [new("training loss", [.. steps.Select(p => (double)p.Step)], [.. steps.Select(p => p.Loss)])];

    /// <inheritdoc />
    public override void Render(IAnsiConsole console) => console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
        $"trained {Summary.Steps} steps in {Summary.Seconds:F1} s (final regret-loss {Summary.FinalLoss:F4}, mean regret {Summary.FinalMeanRegret:F4}); checkpoint {Summary.CheckpointPath}; results in {Summary.RunDirectory}")));
}
