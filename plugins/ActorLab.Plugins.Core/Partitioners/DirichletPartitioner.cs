using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Data;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Core.Partitioners;

/// <summary>Options of <see cref="DirichletPartitioner"/>.</summary>
public sealed record DirichletOptions
{
    /// <summary>Concentration alpha: small values give strong label skew, large values approach IID.</summary>
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true)]
    public double Alpha { get; init; } = 0.5;

    /// <summary>Every client must end with at least this many rows; otherwise the whole split is drawn again.</summary>
    [Range(0, int.MaxValue)]
    public int MinSamples { get; init; } = 10;

    /// <summary>Draws to try before giving up with an error.</summary>
    [Range(1, int.MaxValue)]
    public int MaxAttempts { get; init; } = 1000;

    /// <summary>
    /// Stop giving a class's rows to clients that already hold more than their equal share (the balancing
    /// trick of the NIID-Bench / FedMA code); off by default, as in Flower.
    /// </summary>
    public bool SelfBalancing { get; init; }
}

/// <summary>
/// Dirichlet label-skew partitioning (Hsu, Qi &amp; Brown 2019; Yurochkin et al. 2019): for each class k,
/// shuffle its rows, draw proportions p ~ Dir(alpha, ..., alpha) over the clients and cut the rows at the
/// cumulative proportions; redraw the whole split until every client holds at least
/// <see cref="DirichletOptions.MinSamples"/> rows. Dirichlet draws are normalised Gamma(alpha, 1) draws
/// (Marsaglia &amp; Tsang), all from the one seeded stream the host passes in.
/// </summary>
public sealed class DirichletPartitioner(DirichletOptions options) : IPartitioner
{
    /// <inheritdoc />
    public int[][] Partition(ReadOnlySpan<int> labels, int classes, int clients, Random random)
    {
        if (!(options.Alpha > 0) || double.IsInfinity(options.Alpha))
        {
            throw new PartitionException($"dirichlet: alpha must be a positive number, got {options.Alpha}");
        }

        if ((long)options.MinSamples * clients > labels.Length)
        {
            throw new PartitionException(
                $"dirichlet: {clients} clients x minSamples {options.MinSamples} = {(long)options.MinSamples * clients} exceeds the {labels.Length} training rows; lower minSamples or the number of clients");
        }

        var byClass = new List<int>[classes];
        for (var k = 0; k < classes; k++)
        {
            byClass[k] = [];
        }

        for (var i = 0; i < labels.Length; i++)
        {
            byClass[labels[i]].Add(i);
        }

        var smallest = 0;
        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            var shards = DrawOnce(byClass, labels.Length, clients, random);
            smallest = shards.Min(s => s.Count);
            if (smallest >= options.MinSamples)
            {
                return shards.Select(s =>
                {
                    var rows = s.ToArray();
                    Array.Sort(rows);
                    return rows;
                }).ToArray();
            }
        }

        throw new PartitionException(
            $"dirichlet: after {options.MaxAttempts} draws some client still had fewer than minSamples {options.MinSamples} rows (last draw: {smallest}); raise alpha, lower minSamples or use fewer clients");
    }

    private List<int>[] DrawOnce(List<int>[] byClass, int total, int clients, Random random)
    {
        var shards = new List<int>[clients];
        for (var c = 0; c < clients; c++)
        {
            shards[c] = [];
        }

        var fairShare = (double)total / clients;
        var proportions = new double[clients];
        foreach (var rowsOfClass in byClass)
        {
            var rows = rowsOfClass.ToArray();
            random.Shuffle(rows);
            double sum = 0;
            for (var c = 0; c < clients; c++)
            {
                var p = random.NextGamma(options.Alpha);
                if (options.SelfBalancing && shards[c].Count >= fairShare)
                {
                    p = 0;
                }

                proportions[c] = p;
                sum += p;
            }

            // Cut points at the cumulative proportions, as numpy's (cumsum(p) * n).astype(int).
            var start = 0;
            double cumulative = 0;
            for (var c = 0; c < clients; c++)
            {
                cumulative += sum > 0 ? proportions[c] / sum : 1.0 / clients;
                var end = c == clients - 1 ? rows.Length : Math.Min(rows.Length, (int)(cumulative * rows.Length));
                for (var i = start; i < end; i++)
                {
                    shards[c].Add(rows[i]);
                }

                start = Math.Max(start, end);
            }
        }

        return shards;
    }
}
