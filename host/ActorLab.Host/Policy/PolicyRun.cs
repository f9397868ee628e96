using System.Globalization;
using System.Text.Json;
using ActorLab.Host.Hosting;
using ActorLab.Host.Simulation;
using ActorLab.Host.Simulation.Kinds;

namespace ActorLab.Host.Policy;

/// <summary>The end-of-run summary of a policy run (summary.json, and stdout with --json).</summary>
public sealed record PolicySummary(string RunId, string Scenario, string Kind, int Seed, string Status, string? Failure, long Steps, string PostTraining, int PostTrainingSteps,
    double? BaselineAccuracy, double? FinalAccuracy, double? BestAccuracy, double? FinalMeanReward, double RolloutTokensPerSecond, double LearnerStepsPerSecond,
    int RolloutWorkers, double WallSeconds, string RunDirectory)
{
    /// <summary>The MKL kernel path the run computed with.</summary>
    public Torch.MklKernelPath? MklKernels { get; init; }
}

/// <summary>
/// A prepared policy run: the coordinator and its actors in an actor system, rows streamed to metrics.csv,
/// timings.csv and the database as they complete, then accuracy.png and rlvr.png.
/// </summary>
public sealed class PolicyRun(ISimulationKind kind, PolicyPlan plan) : PipelineRun(kind, plan.Scenario.Name, plan.Scenario.Seed, plan.Scenario.FilePath, plan.Catalog)
{
    /// <summary>The plan it runs.</summary>
    public PolicyPlan Plan { get; } = plan;

    /// <inheritdoc />
    public override double ProgressTotal => (Plan.Scenario.Sft?.Steps ?? 0) + (Plan.Scenario.Rlvr?.Steps ?? 0) + (Plan.Scenario.Preference?.Steps ?? 0) + (Plan.Scenario.Unlearning?.Steps ?? 0);

    /// <summary>The phase after SFT: rlvr, preference or none.</summary>
    public string PostTraining => Plan.Scenario.Rlvr is not null ? "rlvr" : Plan.Scenario.Preference is not null ? "preference" : Plan.Scenario.Unlearning is not null ? "unlearning" : "none";

    /// <inheritdoc />
    public override string Description
    {
        get
        {
            var loss = Plan.Scenario.Rlvr?.Loss.Name ?? Plan.Scenario.Preference?.Loss.Name ?? Plan.Scenario.Unlearning?.Loss.Name;
            return $"policy: {(Plan.Scenario.Sft is null ? "" : "sft, ")}{PostTraining}{(loss is null ? "" : $" ({loss})")}";
        }
    }

    /// <inheritdoc />
    public override async Task<RunResult> RunInAsync(RunContext context, CancellationToken cancellationToken)
    {
        var scenario = Plan.Scenario;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var completion = new TaskCompletionSource<PolicyOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        SimulationResult<PolicyOutcome> result;
        IReadOnlyList<PolicyStepMetrics> rows;
        using (var writer = new PolicyResultsWriter(context.Folder, context.Recorder))
        {
            result = await SimulationRunner.HostUntilDoneAsync(new SimulationOptions(Math.Max(context.Request.Workers, Plan.Workers + 1)),
                akka => akka.AddPolicyCoordinatorActor(Plan, completion, (row, timing) =>
                {
                    writer.Append(row, timing);
                    if (!double.IsNaN(row.Accuracy))
                    {
                        context.Progress(row.Step, string.Create(CultureInfo.InvariantCulture, $"{row.Phase} step {row.PhaseStep}, accuracy {row.Accuracy:P1}"),
                            string.Create(CultureInfo.InvariantCulture, $"{row.Phase} step {row.PhaseStep}: loss {row.Loss:F4}{(double.IsNaN(row.MeanReward) ? "" : $", mean reward {row.MeanReward:F3}, KL {row.Kl:F4}, entropy {row.Entropy:F3}")}, held-out accuracy {row.Accuracy:P1}"));
                    }
                }, context.RunId), completion, cancellationToken);
            rows = writer.Rows;
        }

        if (rows.Any(r => !double.IsNaN(r.Accuracy)))
        {
            PolicyPlots.Accuracy(rows, $"{scenario.Name}: held-out accuracy", Path.Combine(context.Folder, "accuracy.png"));
        }

        if (rows.Any(r => r.Phase == "rlvr"))
        {
            PolicyPlots.Rlvr(rows, $"{scenario.Name}: RL steps", Path.Combine(context.Folder, "rlvr.png"));
        }

        if (rows.Any(r => r.Phase == "preference" && !double.IsNaN(r.ChosenLogProb)))
        {
            PolicyPlots.Preference(rows, $"{scenario.Name}: preference steps", Path.Combine(context.Folder, "preference.png"));
        }

        if (rows.Any(r => r.Phase == "unlearning" && !double.IsNaN(r.ForgetAccuracy)))
        {
            PolicyPlots.Unlearning(rows, $"{scenario.Name}: unlearning", Path.Combine(context.Folder, "unlearning.png"));
        }

        var outcome = result.Outcome;
        var evaluated = rows.Where(r => !double.IsNaN(r.Accuracy)).ToList();
        var rl = rows.Where(r => r.Phase == PostTraining).ToList();
        var summary = new PolicySummary(context.RunId, scenario.Name, PolicyKind.KindName, scenario.Seed, result.Status, result.Failure, rows.Count == 0 ? 0 : rows[^1].Step,
            PostTraining, rl.Count, outcome?.BaselineAccuracy, evaluated.Count > 0 ? evaluated[^1].Accuracy : null, evaluated.Count > 0 ? evaluated.Max(r => r.Accuracy) : null,
            rl.Count > 0 && !double.IsNaN(rl[^1].MeanReward) ? rl[^1].MeanReward : null, outcome is { RolloutSeconds: > 0 } o ? o.GeneratedTokens / o.RolloutSeconds : 0,
            outcome is { LearnerSeconds: > 0 } l ? rows.Count / l.LearnerSeconds : 0, Plan.Workers, clock.Elapsed.TotalSeconds, context.Folder)
        { MklKernels = Torch.TorchRuntime.Initialize().MklKernels };
        return new PolicyRunResult(summary, evaluated);
    }

    /// <summary>The summary as JSON.</summary>
    public static string ToJson(PolicySummary summary) => JsonSerializer.Serialize(summary, Results.ResultsJson.Options);
}
