using ActorLab.Contracts.State;
using ActorLab.Host.Federated;

namespace ActorLab.Host.Resume;

/// <summary>
/// What replaying a run's journal gives: the last completed round with its global model, strategy state and
/// clipping norm, every client's latest algorithm state and every completed round's metrics, in order.
/// </summary>
public sealed class RecoveredRun
{
    private readonly Dictionary<int, ComponentState?> _clients = [];
    private readonly List<RoundMetrics> _rounds = [];

    /// <summary>The last round persisted; 0 when none.</summary>
    public int Round { get; private set; }

    /// <summary>The global parameters after <see cref="Round"/>; null when no round was persisted.</summary>
    public float[]? Global { get; private set; }

    /// <summary>The strategy's state after <see cref="Round"/>, if it has one.</summary>
    public ComponentState? StrategyState { get; private set; }

    /// <summary>The clipping norm for the next round (differential privacy).</summary>
    public double? ClipNorm { get; private set; }

    /// <summary>Each client's latest algorithm state (null: fresh instance); clients not listed never saved one.</summary>
    public IReadOnlyDictionary<int, ComponentState?> ClientStates => _clients;

    /// <summary>The metrics of rounds 1 to <see cref="Round"/>, in order.</summary>
    public IReadOnlyList<RoundMetrics> Rounds => _rounds;

    /// <summary>Applies the next event of the journal.</summary>
    /// <exception cref="InvalidOperationException">The event is not the round after the last one (a corrupt journal).</exception>
    public void Apply(RoundCheckpoint checkpoint)
    {
        if (checkpoint.Round != Round + 1)
        {
            throw new InvalidOperationException($"journal: round {checkpoint.Round} follows round {Round}; the journal is corrupt");
        }

        Round = checkpoint.Round;
        Global = checkpoint.Global;
        StrategyState = checkpoint.StrategyState;
        ClipNorm = checkpoint.ClipNorm;
        foreach (var entry in checkpoint.ClientStates)
        {
            _clients[entry.ClientId] = entry.State;
        }

        _rounds.Add(checkpoint.Metrics);
    }
}
