using ActorLab.Contracts.Randomness;

namespace ActorLab.Contracts.Data;

/// <summary>
/// Rows grouped into bags whose members' responses are only known through their mean (learning from aggregate
/// responses, Javanmard et al., ICLR 2024). <see cref="Members"/>[b] lists the rows of bag b; <see cref="Responses"/>[b] is the bag's mean response.
/// </summary>
public sealed record Bags(int[][] Members, double[] Responses)
{
    /// <summary>Rows in all bags.</summary>
    public int Rows => Members.Sum(m => m.Length);

    /// <summary>
    /// Random bags of size <paramref name="k"/> (the last may be smaller) over <paramref name="responses"/>.Length rows,
    /// each keeping only the mean of its members' responses.
    /// </summary>
    public static Bags Random(double[] responses, int k, Random random)
    {
        if (k < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"bag size must be at least 1, got {k}");
        }

        var order = Enumerable.Range(0, responses.Length).ToArray();
        random.Shuffle(order);
        var members = order.Chunk(k).ToArray();
        return new Bags(members, members.Select(m => m.Average(i => responses[i])).ToArray());
    }

    /// <summary>
    /// Bag responses made epsilon-differentially private with the Laplace mechanism: each response lies in
    /// [<paramref name="low"/>, <paramref name="high"/>], so one member moves its bag's mean by at most
    /// (high - low) / |bag|, and Laplace noise of scale (high - low) / (|bag| epsilon) is added. Larger bags need
    /// less noise: the sensitivity shrinks as 1/k.
    /// </summary>
    public Bags WithLaplaceNoise(double epsilon, double low, double high, Random random)
    {
        var noisy = new double[Responses.Length];
        for (var b = 0; b < noisy.Length; b++)
        {
            var scale = (high - low) / (Members[b].Length * epsilon);
            var u = random.NextDouble() - 0.5;
            noisy[b] = Responses[b] - scale * Math.Sign(u) * Math.Log(1 - 2 * Math.Abs(u));
        }

        return this with { Responses = noisy };
    }
}
