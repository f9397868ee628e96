using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Data;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Bandits;

/// <summary>A validated bandit scenario (kind "bandit"): an environment, the policies facing it, and the protocol.</summary>
public sealed record BanditScenario(
    string FilePath,
    string Name,
    int Seed,
    ComponentChoice Environment,
    IReadOnlyList<BanditPolicyChoice> Policies,
    long Steps,
    int Repetitions,
    int BatchSize,
    int Checkpoints,
    bool Hindsight,
    bool Baseline) : IScenario
{
    /// <summary>The data set of an environment built from one (supervised-to-bandit), or null.</summary>
    public ComponentChoice? Dataset { get; init; }

    /// <summary>Steps of repetition 0 written per policy as a Vowpal Wabbit log (0: none).</summary>
    public long LogSteps { get; init; }

    /// <summary>The steps at which the regret curve is sampled: Steps x i / Checkpoints, i = 1..Checkpoints.</summary>
    public long[] CheckpointSteps() =>
        Enumerable.Range(1, (int)Math.Min(Checkpoints, Steps)).Select(i => Steps * i / Math.Min(Checkpoints, Steps)).Distinct().ToArray();

    /// <inheritdoc />
    public IEnumerable<ComponentSlot> Components() =>
    [
        ComponentSlot.Of<IBanditEnvironment>(Environment),
        .. Dataset is { } dataset ? [ComponentSlot.Of<IDatasetSource>(dataset)] : Array.Empty<ComponentSlot>(),
        .. Policies.Select(p => ComponentSlot.Of<IBanditPolicy>(p.Component)),
    ];
}
