using ActorLab.Contracts.Games;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Games;

/// <summary>
/// A validated game scenario (kind "game"): either a repeated normal-form game with one agent per player, or a loss
/// sequence that each agent faces on its own (online learning), and the protocol.
/// </summary>
public sealed record GameScenario(
    string FilePath,
    string Name,
    int Seed,
    ComponentChoice? Game,
    ComponentChoice? Sequence,
    IReadOnlyList<GameAgentChoice> Agents,
    long Rounds,
    int Repetitions,
    Feedback Feedback,
    int BatchSize,
    int Checkpoints,
    bool Baseline) : IScenario
{
    /// <summary>The rounds at which the curves are sampled: Rounds x i / Checkpoints, i = 1..Checkpoints.</summary>
    public long[] CheckpointRounds() =>
        Enumerable.Range(1, (int)Math.Min(Checkpoints, Rounds)).Select(i => Rounds * i / Math.Min(Checkpoints, Rounds)).Distinct().ToArray();

    /// <inheritdoc />
    public IEnumerable<ComponentSlot> Components() =>
    [
        .. Game is { } game ? [ComponentSlot.Of<INormalFormGame>(game)] : Array.Empty<ComponentSlot>(),
        .. Sequence is { } sequence ? [ComponentSlot.Of<ILossSequence>(sequence)] : Array.Empty<ComponentSlot>(),
        .. Agents.Select(a => ComponentSlot.Of<IGameAgent>(a.Component)),
    ];
}
