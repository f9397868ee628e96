using ActorLab.Contracts.Games;
using ActorLab.Host.Scenarios;
using System.Text.Json.Serialization;

namespace ActorLab.Host.Games;

/// <summary>
/// A validated game scenario (kind "game"): either a repeated normal-form game with one agent per player, or a loss
/// sequence that each agent faces on its own (online learning), and the protocol; its initialisers are the defaults.
/// </summary>
public sealed record GameScenario : BoundScenario
{
    /// <summary>The repeated normal-form game, or null when the agents face a <see cref="Sequence"/>.</summary>
    [ComponentAt("$.game")]
    public ComponentChoice? Game { get; init; }

    /// <summary>The loss sequence each agent faces on its own, or null when they play a <see cref="Game"/>.</summary>
    [ComponentAt("$.sequence")]
    public ComponentChoice? Sequence { get; init; }

    /// <summary>The agents, each labelled (bound from <c>players</c> by <see cref="GameScenarioBinder"/>).</summary>
    [JsonIgnore]
    public IReadOnlyList<GameAgentChoice> Agents { get; init; } = [];

    /// <summary>Rounds per repetition.</summary>
    public required long Rounds { get; init; }

    /// <summary>Independent repetitions.</summary>
    public int Repetitions { get; init; } = 10;

    /// <summary>What each agent observes after a round.</summary>
    public Feedback Feedback { get; init; } = Feedback.Full;

    /// <summary>Rounds an agent plays per message.</summary>
    public int BatchSize { get; init; } = 10_000;

    /// <summary>Points of the curves.</summary>
    public int Checkpoints { get; init; } = 100;

    /// <summary>After the run, replay the repetitions in a plain single-threaded loop and report its rounds per second.</summary>
    public bool Baseline { get; init; }

    /// <summary>The rounds at which the curves are sampled: Rounds x i / Checkpoints, i = 1..Checkpoints.</summary>
    public long[] CheckpointRounds() =>
        Enumerable.Range(1, (int)Math.Min(Checkpoints, Rounds)).Select(i => Rounds * i / Math.Min(Checkpoints, Rounds)).Distinct().ToArray();

    /// <inheritdoc />
    public override IEnumerable<ComponentSlot> Components() =>
    [
        .. Game is { } game ? [ComponentSlot.Of<INormalFormGame>(game)] : Array.Empty<ComponentSlot>(),
        .. Sequence is { } sequence ? [ComponentSlot.Of<ILossSequence>(sequence)] : Array.Empty<ComponentSlot>(),
        .. Agents.Select(a => ComponentSlot.Of<IGameAgent>(a.Component)),
    ];
}
