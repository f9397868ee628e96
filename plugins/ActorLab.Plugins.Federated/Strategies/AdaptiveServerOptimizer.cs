using ActorLab.Contracts.Federated;
using ActorLab.Contracts.State;

namespace ActorLab.Plugins.Federated.Strategies;

/// <summary>Options of the adaptive server optimizers (defaults as in Flower).</summary>
public sealed record AdaptiveServerOptions
{
    /// <summary>Server learning rate eta.</summary>
    public double Eta { get; init; } = 0.1;

    /// <summary>First-moment decay beta_1.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Second-moment decay beta_2 (FedAdam, FedYogi).</summary>
    public double Beta2 { get; init; } = 0.99;

    /// <summary>Adaptivity tau added to sqrt(v).</summary>
    public double Tau { get; init; } = 1e-9;
}

/// <summary>Which second-moment rule <see cref="AdaptiveServerOptimizer"/> applies.</summary>
public enum AdaptiveRule
{
    /// <summary>v &lt;- v + d^2.</summary>
    Adagrad,

    /// <summary>v &lt;- beta_2 v + (1 - beta_2) d^2.</summary>
    Adam,

    /// <summary>v &lt;- v - (1 - beta_2) d^2 sign(v - d^2).</summary>
    Yogi,
}

/// <summary>
/// FedAdagrad, FedAdam and FedYogi of Reddi et al., "Adaptive Federated Optimization" (ICLR 2021, Algorithm 2):
/// with the pseudo-gradient d = avg_k(w_k) - w (sample-weighted mean), m &lt;- beta_1 m + (1 - beta_1) d, v by the
/// rule, and w &lt;- w + eta m / (sqrt(v) + tau). m and v start at zero; no bias correction (as in the paper).
/// </summary>
public sealed class AdaptiveServerOptimizer(AdaptiveRule rule, AdaptiveServerOptions options) : IAggregationStrategy, IStatefulComponent
{
    private double[]? _m;
    private double[]? _v;

    /// <inheritdoc />
    public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates)
    {
        var mean = ParameterMath.WeightedMean(updates, global.Length);
        _m ??= new double[global.Length];
        _v ??= new double[global.Length];
        var result = new float[global.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var d = (double)mean[i] - global[i];
            var d2 = d * d;
            _m[i] = options.Beta1 * _m[i] + (1 - options.Beta1) * d;
            _v[i] = rule switch
            {
                AdaptiveRule.Adagrad => _v[i] + d2,
                AdaptiveRule.Adam => options.Beta2 * _v[i] + (1 - options.Beta2) * d2,
                _ => _v[i] - (1 - options.Beta2) * d2 * Math.Sign(_v[i] - d2),
            };
            result[i] = (float)(global[i] + options.Eta * _m[i] / (Math.Sqrt(_v[i]) + options.Tau));
        }

        return result;
    }

    /// <summary>The moments m and v (absent before the first round).</summary>
    public ComponentState SaveState() => ComponentState.Of(doubles: [("m", _m), ("v", _v)]);

    /// <inheritdoc />
    public void LoadState(ComponentState state) => (_m, _v) = (state.Double("m"), state.Double("v"));
}
