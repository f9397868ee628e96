using Akka.Actor;
using Akka.Persistence;

namespace ActorLab.Host.Resume;

/// <summary>
/// The persistent actor of one federated run (a child of the run supervisor): on start it replays the run's journal
/// and tells its parent what it recovered; then it persists each completed round's <see cref="RoundCheckpoint"/>, in
/// order, and tells its parent once each is durable, so that results are written only for persisted rounds. A write
/// or replay failure stops it (Akka.Persistence's rule), after telling the parent why.
/// One event per round and no snapshots: each event holds the whole global model and strategy state, so replay
/// keeps the last of them and merges client states.
/// </summary>
public sealed class RunJournalActor : ReceivePersistentActor
{
    private readonly RecoveredRun _recovered = new();

    /// <summary>Creates the journal of the run whose persistence id is <paramref name="persistenceId"/>.</summary>
    public RunJournalActor(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<RoundCheckpoint>(_recovered.Apply);
        Recover<RecoveryCompleted>(_ => Context.Parent.Tell(new Recovered(_recovered)));
        Command<RoundCheckpoint>(checkpoint => Persist(checkpoint, done => Context.Parent.Tell(new Persisted(done))));
        // Persist stashes later commands until it is done, so this answers after every round sent before it is durable.
        Command<Flush>(flush => Context.Parent.Tell(new Flushed(flush.Failure)));
    }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    /// <summary>Props for the journal of <paramref name="persistenceId"/>.</summary>
    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new RunJournalActor(persistenceId));

    /// <summary>The journal's replay, sent to the parent once, before any round is persisted.</summary>
    public sealed record Recovered(RecoveredRun Run);

    /// <summary>A round's checkpoint is durable.</summary>
    public sealed record Persisted(RoundCheckpoint Checkpoint);

    /// <summary>Asks for <see cref="Flushed"/> once every checkpoint sent before it is durable.</summary>
    public sealed record Flush(string? Failure);

    /// <summary>Every checkpoint sent before the <see cref="Flush"/> is durable; carries the flush's failure back.</summary>
    public sealed record Flushed(string? Failure);

    /// <summary>The journal could not be written or read; it stops after sending this.</summary>
    public sealed record JournalFailed(string Reason, string Detail);

    /// <inheritdoc />
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        var round = (@event as RoundCheckpoint)?.Round;
        Context.Parent.Tell(new JournalFailed($"journal: could not persist round {round}: {cause.Message}", cause.ToString()));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <inheritdoc />
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        var round = (@event as RoundCheckpoint)?.Round;
        Context.Parent.Tell(new JournalFailed($"journal: round {round} rejected: {cause.Message}", cause.ToString()));
        Context.Stop(Self);
    }

    /// <inheritdoc />
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        Context.Parent.Tell(new JournalFailed($"journal: could not replay the run's journal: {reason.Message}", reason.ToString()));
        base.OnRecoveryFailure(reason, message);
    }
}
