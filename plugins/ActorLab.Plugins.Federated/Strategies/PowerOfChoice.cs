using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Federated;

namespace ActorLab.Plugins.Federated.Strategies;

/// <summary>Options of <see cref="PowerOfChoice"/>.</summary>
public sealed record PowerOfChoiceOptions
{
    /// <summary>Candidate set size d, at least the m clients a round trains (clients.perRound); 0: d = 2m.</summary>
    [Range(0, int.MaxValue)]
    public int Candidates { get; init; }
}

/// <summary>
/// Power-of-Choice client selection of Cho, Wang &amp; Joshi, "Client Selection in Federated Learning: Convergence
/// Analysis and Power-of-Choice Selection Strategies" (2020; AISTATS 2022 as "Towards Understanding Biased Client
/// Selection in Federated Learning"). Each round: draw a candidate set A of d clients without replacement, each draw
/// with probability proportional to the client's data fraction p_k = n_k / n; train the m of A with the highest local
/// loss. The loss is the one each client reported the last time it trained (the paper's communication-free variant,
/// rpow-d); a client that never reported counts as highest, so every candidate is tried once. Ties go to the earlier
/// draw. The selected models are averaged with equal weights, the paper's update: the data fractions already weighted
/// the draw. d = m is sampling by data fraction; larger d biases selection further towards high loss.
/// </summary>
public sealed class PowerOfChoice(PowerOfChoiceOptions options) : IAggregationStrategy, IClientSelection
{
    /// <inheritdoc />
    public IReadOnlyList<int> SelectClients(ClientSelectionContext context)
    {
        var m = context.Count;
        var d = options.Candidates == 0 ? 2 * m : options.Candidates;
        if (d < m)
        {
            throw new ArgumentException($"power-of-choice: candidates (d = {d}) must be at least the {m} clients a round trains (clients.perRound); set strategy.options.candidates to {m} or more, or 0 for 2m");
        }

        var candidates = DrawByDataFraction(context, Math.Min(d, context.AvailableClients.Count));
        return candidates
            .Select((id, drawn) => (Id: id, Drawn: drawn, Loss: context.LastReports.TryGetValue(id, out var report) ? report.TrainLoss : double.PositiveInfinity))
            .OrderByDescending(c => c.Loss)
            .ThenBy(c => c.Drawn)
            .Take(m)
            .Select(c => c.Id)
            .ToList();
    }

    /// <inheritdoc />
    public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates) =>
        ParameterMath.WeightedMean(updates, global.Length, _ => 1.0, u => u.Parameters);

    /// <summary>
    /// <paramref name="count"/> distinct clients in draw order, each draw proportional to sample count among those not yet
    /// drawn (sequential sampling without replacement, as the paper's "sampled without replacement with probability p_k").
    /// </summary>
    private static List<int> DrawByDataFraction(ClientSelectionContext context, int count)
    {
        var ids = context.AvailableClients.ToList();
        var weights = ids.Select(id => (double)Math.Max(0, context.SampleCount(id))).ToList();
        var drawn = new List<int>(count);
        // Summed afresh for each draw: subtracting would leave a rounding residue once only empty clients remain.
        for (var total = weights.Sum(); drawn.Count < count && total > 0; total = weights.Sum())
        {
            var target = context.Random.NextDouble() * total;
            var pick = 0;
            for (var cumulative = weights[0]; cumulative <= target && pick < ids.Count - 1; cumulative += weights[pick])
            {
                pick++;
            }

            // Floating-point rounding can land on a zero-weight tail: step back to the last client with weight.
            while (weights[pick] == 0)
            {
                pick--;
            }

            drawn.Add(ids[pick]);
            ids.RemoveAt(pick);
            weights.RemoveAt(pick);
        }

        return drawn;
    }
}
