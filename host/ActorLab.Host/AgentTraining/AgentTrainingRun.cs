using System.Globalization;
using System.Text;
using ActorLab.Contracts.Games;
using ActorLab.Host.Plugins;
using ActorLab.Host.Results.Database;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation.Kinds;

namespace ActorLab.Host.AgentTraining;

/// <summary>
/// A prepared agent training: the trainer runs on its own thread (its contract is one synchronous call that honours the
/// token between steps), each logged step goes to progress.csv and the database, and the checkpoint to the scenario's
/// <c>output</c>.
/// </summary>
public sealed class AgentTrainingRun(ISimulationKind kind, AgentTrainingScenario scenario, IAgentTrainer trainer, PluginCatalog catalog)
    : PipelineRun(kind, scenario.Name, scenario.Seed, scenario.FilePath, catalog)
{
    /// <inheritdoc />
    public override double ProgressTotal => 1;

    /// <inheritdoc />
    public override string Description => $"agent-training {scenario.Trainer.Name}";

    /// <inheritdoc />
    public override async Task<RunResult> RunInAsync(RunContext context, CancellationToken cancellationToken)
    {
        var log = new StepLog(context);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var checkpoint = Path.GetFullPath(scenario.Output);
        AgentTrainingResult? result = null;
        string status = RunStatus.Completed;
        string? failure = null;
        try
        {
            result = await Task.Factory.StartNew(() => trainer.Train(new AgentTrainingRequest(scenario.Seed, checkpoint, log), cancellationToken),
                cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        catch (OperationCanceledException)
        {
            (status, failure) = (RunStatus.Cancelled, "cancelled by the user");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A trainer that throws fails its run, not the host.
            (status, failure) = (RunStatus.Failed, $"agent trainer '{scenario.Trainer.Name}' failed: {ex.GetType().Name}: {ex.Message}");
        }

        File.WriteAllText(Path.Combine(context.Folder, "progress.csv"), log.Csv());
        var summary = new AgentTrainingSummary(context.RunId, scenario.Name, AgentTrainingKind.KindName, scenario.Seed, status, failure, scenario.Trainer.Name,
            result?.CheckpointPath ?? checkpoint, result?.Steps ?? log.LastStep, result?.FinalLoss ?? log.LastLoss, result?.FinalMeanRegret ?? log.LastMeanRegret,
            result?.Seconds ?? clock.Elapsed.TotalSeconds, context.Folder);
        return new AgentTrainingRunResult(summary, log.Points);
    }

    /// <summary>The trainer's reports, in order, on its own thread (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class StepLog(RunContext context) : IProgress<AgentTrainingProgress>
    {
        private readonly List<AgentTrainingProgress> points = [];

        public IReadOnlyList<AgentTrainingProgress> Points => points;

        public int LastStep => points.Count > 0 ? points[^1].Step : 0;

        public double? LastLoss => points.Count > 0 ? points[^1].Loss : null;

        public double? LastMeanRegret => points.Count > 0 ? points[^1].MeanRegret : null;

        public void Report(AgentTrainingProgress p)
        {
            points.Add(p);
            context.Recorder.Append([new MetricRow(p.Step, "loss", p.Loss), new MetricRow(p.Step, "mean_regret", p.MeanRegret)]);
            context.Progress(p.Steps > 0 ? (double)p.Step / p.Steps : 0, string.Create(CultureInfo.InvariantCulture, $"step {p.Step}/{p.Steps}"),
                string.Create(CultureInfo.InvariantCulture, $"step {p.Step}/{p.Steps}: regret-loss {p.Loss:F4}, mean regret {p.MeanRegret:F4}"));
        }

        public string Csv()
        {
            var text = new StringBuilder("step,loss,mean_regret\n");
            foreach (var p in points)
            {
                text.Append(CultureInfo.InvariantCulture, $"{p.Step},{p.Loss:R},{p.MeanRegret:R}\n");
            }

            return text.ToString();
        }
    }
}
