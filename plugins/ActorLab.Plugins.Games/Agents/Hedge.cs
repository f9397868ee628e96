using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Games;

namespace ActorLab.Plugins.Games.Agents;

/// <summary>Options of <see cref="Hedge"/>.</summary>
public sealed record HedgeOptions
{
    /// <summary>eta; default sqrt(8 ln K / T) under full information, sqrt(2 ln K / (K T)) under bandit feedback.</summary>
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true)]
    public double? LearningRate { get; init; }
}

/// <summary>
/// Hedge, equivalently FTRL with the entropic regulariser (Freund &amp; Schapire 1997; Cesa-Bianchi &amp; Lugosi,
/// "Prediction, Learning, and Games", Theorem 2.2): pi_t(a) proportional to exp(-eta L_{t-1}(a)), L the cumulative
/// losses. With eta = sqrt(8 ln K / T) its regret is at most sqrt(T ln K / 2). Computed relative to min_a L(a) so
/// exp never underflows to an all-zero vector.
/// </summary>
public sealed class Hedge(HedgeOptions options) : LossVectorAgent
{
    private double[] _cumulative = [];
    private double _eta;

    /// <inheritdoc />
    protected override void OnReset(AgentSetup setup)
    {
        _cumulative = new double[setup.Actions];
        var k = setup.Actions;
        var t = Math.Max(1, setup.Game.Rounds);
        _eta = options.LearningRate ?? (setup.Feedback == Feedback.Bandit
            ? Math.Sqrt(2 * Math.Log(k) / (k * t))
            : Math.Sqrt(8 * Math.Log(k) / t));
        if (!(_eta > 0))
        {
            throw new ArgumentException($"hedge: learningRate must be positive, got {_eta}");
        }
    }

    /// <inheritdoc />
    public override void Strategy(long round, Span<double> strategy)
    {
        var cumulative = _cumulative;
        var min = cumulative[0]; // min_a L(a), without LINQ's per-call overhead (this runs every round)
        for (var a = 1; a < cumulative.Length; a++)
        {
            min = cumulative[a] < min || double.IsNaN(cumulative[a]) ? cumulative[a] : min;
        }

        // Locals, not fields, in the loop: the JIT cannot keep a field in a register across the writes to the span.
        var eta = _eta;
        var losses = cumulative.AsSpan(0, strategy.Length);
        double sum = 0;
        for (var a = 0; a < losses.Length; a++)
        {
            strategy[a] = Math.Exp(-eta * (losses[a] - min));
            sum += strategy[a];
        }

        for (var a = 0; a < strategy.Length; a++)
        {
            strategy[a] /= sum;
        }
    }

    /// <inheritdoc />
    public override void Observe(long round, ReadOnlySpan<double> losses)
    {
        for (var a = 0; a < losses.Length; a++)
        {
            _cumulative[a] += losses[a];
        }
    }
}
