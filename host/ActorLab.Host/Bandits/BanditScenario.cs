using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Data;
using ActorLab.Host.Scenarios;
using System.Text.Json.Serialization;

namespace ActorLab.Host.Bandits;

/// <summary>A validated bandit scenario (kind "bandit"): an environment, the policies facing it, and the protocol; its initialisers are the defaults.</summary>
public sealed record BanditScenario : BoundScenario
{
    /// <summary>The environment the policies face.</summary>
    [ComponentAt("$.environment")]
    public required ComponentChoice Environment { get; init; }

    /// <summary>The policies, each labelled (bound from <c>policies</c> by <see cref="BanditScenarioBinder"/>).</summary>
    [JsonIgnore]
    public IReadOnlyList<BanditPolicyChoice> Policies { get; init; } = [];

    /// <summary>Steps per repetition.</summary>
    public required long Steps { get; init; }

    /// <summary>Independent repetitions (fresh environment draws and policies each).</summary>
    public int Repetitions { get; init; } = 10;

    /// <summary>Steps a policy plays per message.</summary>
    public int BatchSize { get; init; } = 10_000;

    /// <summary>Points of the regret curve.</summary>
    public int Checkpoints { get; init; } = 100;

    /// <summary>Also track regret against the best fixed arm in hindsight.</summary>
    public bool Hindsight { get; init; }

    /// <summary>After the run, replay the repetitions in a plain single-threaded loop and report its steps per second.</summary>
    public bool Baseline { get; init; }

    /// <summary>The data set of an environment built from one (supervised-to-bandit), or null.</summary>
    [ComponentAt("$.dataset")]
    public ComponentChoice? Dataset { get; init; }

    /// <summary>Steps of repetition 0 written per policy as a Vowpal Wabbit log (0: none).</summary>
    public long LogSteps { get; init; }

    /// <summary>The steps at which the regret curve is sampled: Steps x i / Checkpoints, i = 1..Checkpoints.</summary>
    public long[] CheckpointSteps() =>
        Enumerable.Range(1, (int)Math.Min(Checkpoints, Steps)).Select(i => Steps * i / Math.Min(Checkpoints, Steps)).Distinct().ToArray();

    /// <inheritdoc />
    public override IEnumerable<ComponentSlot> Components() =>
    [
        ComponentSlot.Of<IBanditEnvironment>(Environment),
        .. Dataset is { } dataset ? [ComponentSlot.Of<IDatasetSource>(dataset)] : Array.Empty<ComponentSlot>(),
        .. Policies.Select(p => ComponentSlot.Of<IBanditPolicy>(p.Component)),
    ];
}
