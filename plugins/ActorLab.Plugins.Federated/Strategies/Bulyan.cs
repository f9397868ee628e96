using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Federated;

namespace ActorLab.Plugins.Federated.Strategies;

/// <summary>Options of <see cref="Bulyan"/>.</summary>
public sealed record BulyanOptions
{
    /// <summary>Number f of Byzantine clients to tolerate; Bulyan needs n >= 4f + 3 updates.</summary>
    [Range(0, int.MaxValue)]
    public int Byzantine { get; init; } = 1;
}

/// <summary>
/// Bulyan of El Mhamdi, Guerraoui &amp; Rouault, "The Hidden Vulnerability of Distributed Learning in Byzantium"
/// (ICML 2018): select theta = n - 2f updates by applying Krum repeatedly (each time removing the one chosen),
/// then per coordinate average the beta = theta - 2f values closest to the coordinate's median.
/// </summary>
public sealed class Bulyan(BulyanOptions options) : IAggregationStrategy
{
    /// <inheritdoc />
    public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates)
    {
        var f = options.Byzantine;
        var n = updates.Count;
        if (n < 4 * f + 3)
        {
            throw new ArgumentException($"bulyan: needs at least 4f + 3 = {4 * f + 3} updates for byzantine = {f}, got {n}");
        }

        var remaining = updates.Select(u => u.Parameters).ToList();
        var selected = new List<float[]>();
        while (selected.Count < n - 2 * f)
        {
            var best = RobustAggregation.Lowest(RobustAggregation.KrumScores(remaining, f), 1)[0];
            selected.Add(remaining[best]);
            remaining.RemoveAt(best);
        }

        var beta = selected.Count - 2 * f;
        return RobustAggregation.Coordinatewise(selected, global.Length, sorted =>
        {
            var median = RobustAggregation.Median(sorted);
            return sorted.OrderBy(v => Math.Abs(v - median)).ThenBy(v => v).Take(beta).Average();
        });
    }
}
