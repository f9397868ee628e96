using System.Diagnostics;
using ActorLab.Host.Plugins;
using ActorLab.Host.Results;
using ActorLab.Host.Simulation.Kinds;
using Akka.Hosting;

namespace ActorLab.Host.Simulation.Repetitions;

/// <summary>
/// A prepared run of repetitions (bandit, game): hosts the run's supervisor (a <see cref="RepetitionSupervisorActor{TCheckpoint, TOutcome}"/>)
/// until it ends, the repetitions' checkpoints kept in a <see cref="RepetitionCheckpoints{T}"/> and their progress
/// going to the observer and the CLI (<see cref="RepetitionProgressLines"/>); then the kind writes its files from the
/// outcome, which for a cancelled or failed run is what its repetitions kept (<see cref="RepetitionCheckpoints{T}.Kept"/>).
/// </summary>
/// <typeparam name="TCheckpoint">What a repetition reports at a checkpoint.</typeparam>
/// <typeparam name="TOutcome">The run's results.</typeparam>
/// <param name="kind">The kind that prepared it.</param>
/// <param name="scenarioName">The scenario's name.</param>
/// <param name="seed">The run seed.</param>
/// <param name="scenarioPath">The scenario file.</param>
/// <param name="catalog">The plugins the run uses.</param>
/// <param name="repetitions">The scenario's repetitions (the progress bar's total).</param>
/// <param name="horizon">The steps or rounds of a repetition.</param>
/// <param name="unit">What the horizon counts in progress lines ("step", "round").</param>
/// <param name="observer">Hears each completed repetition and each further tenth of the horizon; may be null.</param>
/// <param name="supervisor">Adds the run's supervisor (an Akka.Hosting extension of <see cref="Hosting.SimulationActorsHostingExtensions"/>).</param>
public abstract class RepetitionRun<TCheckpoint, TOutcome>(ISimulationKind kind, string scenarioName, int seed, string scenarioPath, PluginCatalog catalog,
    int repetitions, long horizon, string unit, Action<RepetitionProgress>? observer,
    Action<AkkaConfigurationBuilder, RepetitionSupervision<TCheckpoint, TOutcome>> supervisor)
    : PipelineRun(kind, scenarioName, seed, scenarioPath, catalog)
    where TCheckpoint : IRepetitionCheckpoint
    where TOutcome : class, IRepetitionOutcome<TOutcome, TCheckpoint>
{
    /// <inheritdoc />
    public override double ProgressTotal => repetitions;

    /// <inheritdoc />
    public sealed override async Task<RunResult> RunInAsync(RunContext context, CancellationToken cancellationToken)
    {
        var lines = RepetitionProgressLines.Reporter(context.Progress, repetitions, unit);
        var completion = new TaskCompletionSource<TOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var checkpoints = new RepetitionCheckpoints<TCheckpoint>(horizon);
        var clock = Stopwatch.StartNew();
        var run = new RepetitionSupervision<TCheckpoint, TOutcome>(completion, checkpoints, p =>
        {
            observer?.Invoke(p);
            lines(p);
        }, context.RunId, context.Request.Workers);
        var result = await SimulationRunner.HostUntilDoneAsync(new SimulationOptions(context.Request.Workers), akka => supervisor(akka, run), completion, cancellationToken);
        var wall = clock.Elapsed.TotalSeconds;
        var outcome = result.Outcome ?? TOutcome.Kept(checkpoints, wall); // the actors are gone: what they recorded is final
        return Write(context, result, outcome, wall);
    }

    /// <summary>
    /// Writes the kind's files into the run folder and returns the run's result: <paramref name="outcome"/> is what was
    /// kept (null when nothing), <paramref name="result"/> says how the run ended, <paramref name="wall"/> is its wall time.
    /// </summary>
    protected abstract RunResult Write(RunContext context, SimulationResult<TOutcome> result, TOutcome? outcome, double wall);
}
