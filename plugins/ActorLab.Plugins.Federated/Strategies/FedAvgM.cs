using ActorLab.Contracts.Federated;
using ActorLab.Contracts.State;

namespace ActorLab.Plugins.Federated.Strategies;

/// <summary>Options of <see cref="FedAvgM"/>.</summary>
public sealed record FedAvgMOptions
{
    /// <summary>Server learning rate eta.</summary>
    public double ServerLearningRate { get; init; } = 1.0;

    /// <summary>Server momentum beta.</summary>
    public double ServerMomentum { get; init; } = 0.9;
}

/// <summary>
/// FedAvg with server momentum (Hsu, Qi &amp; Brown, "Measuring the Effects of Non-Identical Data Distribution
/// for Federated Visual Classification", 2019): with the pseudo-gradient d = w - avg_k(w_k) (sample-weighted),
/// v &lt;- beta v + d and w &lt;- w - eta v. With beta = 0 and eta = 1 it is FedAvg.
/// </summary>
public sealed class FedAvgM(FedAvgMOptions options) : IAggregationStrategy, IStatefulComponent
{
    private readonly ServerMomentum _step = new(options.ServerLearningRate, options.ServerMomentum);

    /// <inheritdoc />
    public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates) =>
        _step.Step(global, ParameterMath.WeightedMean(updates, global.Length));

    /// <summary>The server velocity (absent before the first round).</summary>
    public ComponentState SaveState() => ComponentState.Of(doubles: [("velocity", _step.Velocity)]);

    /// <inheritdoc />
    public void LoadState(ComponentState state) => _step.Velocity = state.Double("velocity");
}
