using ActorLab.Contracts.Experiments;
using ActorLab.Host.Hosting;
using ActorLab.Host.Simulation;
using ActorLab.Host.Simulation.Kinds;

namespace ActorLab.Host.Experiments;

/// <summary>
/// A prepared experiment: runs the study in an <see cref="ExperimentActor"/>, writes each table to &lt;table&gt;.csv and
/// the findings to findings.txt, and hands the tables to the database in its long form.
/// </summary>
public sealed class ExperimentRun(ISimulationKind kind, ExperimentPlan plan, Action<string>? lines)
    : PipelineRun(kind, plan.Scenario.Name, plan.Scenario.Seed, plan.Scenario.FilePath, plan.Catalog)
{
    /// <summary>The plan it runs.</summary>
    public ExperimentPlan Plan { get; } = plan;

    /// <summary>A study reports lines, not fractions: the bar only spins.</summary>
    public override double ProgressTotal => 1;

    /// <inheritdoc />
    public override string Description => $"experiment {Plan.Scenario.Experiment.Name}";

    /// <inheritdoc />
    public override async Task<RunResult> RunInAsync(RunContext context, CancellationToken cancellationToken)
    {
        var scenario = Plan.Scenario;
        var completion = new TaskCompletionSource<ExperimentResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Report(string line)
        {
            lines?.Invoke(line);
            context.Progress(0, line, line);
        }

        var outcome = await SimulationRunner.HostUntilDoneAsync(new SimulationOptions(1),
            akka => akka.AddExperimentActor(Plan, completion, Report, context.RunId), completion, cancellationToken);
        var result = outcome.Outcome;
        foreach (var table in result?.Tables ?? [])
        {
            File.WriteAllText(Path.Combine(context.Folder, table.Name + ".csv"), ExperimentLauncher.ToCsv(table));
        }

        if (result is not null)
        {
            File.WriteAllLines(Path.Combine(context.Folder, "findings.txt"), result.Findings);
        }

        var summary = new ExperimentSummary(context.RunId, scenario.Name, ExperimentKind.KindName, scenario.Experiment.Name, scenario.Seed,
            outcome.Status, outcome.Failure, result?.Tables.Select(t => t.Name + ".csv").ToArray() ?? [], result?.Findings ?? [],
            clock.Elapsed.TotalSeconds, context.Folder);
        return new ExperimentRunResult(summary, result);
    }
}
