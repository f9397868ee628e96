using System.Diagnostics;
using ActorLab.Host.Results;
using ActorLab.Host.Simulation.Kinds;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Simulation.Repetitions;

/// <summary>
/// The root of a run of repetitions (bandit, game): runs each repetition in its own actor (a <see cref="RepetitionActor{TPlayed}"/>),
/// a given number at a time, the next starting as one completes; records the repetitions' checkpoints as they arrive
/// (what a stopped run keeps), reports progress, and completes the run once every repetition reached the horizon.
/// A repetition that fails fails the run with its message.
/// </summary>
/// <typeparam name="TCheckpoint">What a repetition reports at a checkpoint.</typeparam>
/// <typeparam name="TOutcome">The run's results.</typeparam>
public abstract class RepetitionSupervisorActor<TCheckpoint, TOutcome> : RunRootActor<TOutcome>
    where TCheckpoint : IRepetitionCheckpoint
    where TOutcome : class, IRepetitionOutcome<TOutcome, TCheckpoint>
{
    private readonly int _repetitions;
    private readonly int _concurrent;
    private readonly RepetitionCheckpoints<TCheckpoint> _checkpoints;
    private readonly Action<RepetitionProgress>? _progress;
    private readonly Stopwatch _clock = new();
    private int _started;

    /// <summary>Creates the supervisor of <paramref name="repetitions"/> repetitions of <paramref name="run"/>, <paramref name="concurrent"/> at a time.</summary>
    protected RepetitionSupervisorActor(string kind, string scenario, int repetitions, int concurrent, RepetitionSupervision<TCheckpoint, TOutcome> run)
        : base(kind, scenario, run.RunId, run.Completion, failingChild: "repetition")
    {
        _repetitions = repetitions;
        _concurrent = concurrent;
        _checkpoints = run.Checkpoints;
        _progress = run.Progress;
        Receive<TCheckpoint>(OnCheckpoint);
    }

    /// <summary>Props of repetition <paramref name="repetition"/>, whose span is a child of <paramref name="runTrace"/>.</summary>
    protected abstract Props Repetition(int repetition, TraceContext? runTrace);

    /// <inheritdoc />
    protected sealed override void StartRun()
    {
        _clock.Start();
        while (_started < Math.Min(_concurrent, _repetitions))
        {
            StartNext();
        }
    }

    private void StartNext()
    {
        _checkpoints.Start(_started);
        Context.ActorOf(Repetition(_started, RunTrace), $"repetition-{_started}");
        _started++;
    }

    private void OnCheckpoint(TCheckpoint checkpoint)
    {
        if (IsFinished)
        {
            return; // the run failed: what the other repetitions reach after that is not its result
        }

        var (progress, advanced) = _checkpoints.Record(checkpoint.Repetition, checkpoint.Step, checkpoint);
        if (checkpoint.Step == progress.Horizon && _started < _repetitions)
        {
            StartNext();
        }

        if (advanced)
        {
            _progress?.Invoke(progress);
        }

        if (progress.Completed == _repetitions)
        {
            Complete(TOutcome.Kept(_checkpoints, _clock.Elapsed.TotalSeconds)!);
        }
    }
}
