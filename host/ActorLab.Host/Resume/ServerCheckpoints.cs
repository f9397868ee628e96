using ActorLab.Contracts.Federated;
using ActorLab.Contracts.State;
using ActorLab.Host.Federated;

namespace ActorLab.Host.Resume;

/// <summary>
/// The federated server's side of crash-safe resume: it keeps the client algorithm states reported since the last
/// checkpoint, builds each round's <see cref="RoundCheckpoint"/>, and on resume hands each client the state it had.
/// One instance per server actor, used from the actor only.
/// </summary>
/// <param name="resumed">The journal's replay when the run resumes; null for a fresh run.</param>
public sealed class ServerCheckpoints(RecoveredRun? resumed)
{
    private readonly Dictionary<int, ComponentState?> _changed = [];
    private readonly Dictionary<int, ComponentState?> _initial = resumed?.ClientStates.ToDictionary() ?? [];

    /// <summary>The state client <paramref name="clientId"/>'s algorithm starts from: null for a fresh instance.</summary>
    public ComponentState? InitialClientState(int clientId) => _initial.GetValueOrDefault(clientId);

    /// <summary>A client reported its algorithm's state after training (also from a late reply: its state did change).</summary>
    public void ClientReported(int clientId, ComponentState? state)
    {
        if (state is not null)
        {
            _changed[clientId] = state;
        }
    }

    /// <summary>A client threw and was restarted: its algorithm starts again from a fresh instance.</summary>
    public void ClientRestarted(int clientId) => _changed[clientId] = null;

    /// <summary>The checkpoint of the round just completed; the changes it carries are cleared.</summary>
    public RoundCheckpoint Checkpoint(int round, float[] global, IAggregationStrategy strategy, double? clipNorm, RoundMetrics metrics)
    {
        var clients = _changed.OrderBy(c => c.Key).Select(c => new ClientStateEntry(c.Key, c.Value)).ToList();
        _changed.Clear();
        return new RoundCheckpoint(round, (float[])global.Clone(), (strategy as IStatefulComponent)?.SaveState(), clipNorm, clients, metrics);
    }

    /// <summary>Loads the recovered state into the server's components; returns the round to go on from and the global model.</summary>
    public static (int Round, float[] Global) Restore(RecoveredRun resumed, IAggregationStrategy strategy, Federated.Privacy.ClientLevelPrivacy? privacy)
    {
        if (resumed.StrategyState is { } state && strategy is IStatefulComponent stateful)
        {
            stateful.LoadState(state);
        }

        if (resumed.ClipNorm is { } clipNorm)
        {
            privacy?.RestoreClipNorm(clipNorm);
        }

        return (resumed.Round, resumed.Global!);
    }
}
