using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Randomness;
using TorchSharp;

namespace ActorLab.Plugins.Losses.Classification;

/// <summary>Options of <see cref="EnsLoss"/>.</summary>
public sealed record EnsLossOptions
{
    /// <summary>Seed of the loss's own stream of random derivatives (the same seed gives the same training).</summary>
    public int Seed { get; init; }
}

/// <summary>
/// EnsLoss, stochastic calibrated loss ensembles for binary classification (two logits; f = o_1 - o_0, y in {-1, +1},
/// margins m_i = y_i f(x_i)), following the paper's procedure as given in `shared/papers/NOTES.md`: each step draws
/// loss derivatives g_i = max(-exp(z_i), -1), z_i ~ N(0, 1); sorts them so the most negative derivative goes with the
/// smallest margin (a monotone, hence convex, surrogate); divides g_i by m_i where m_i &gt; 1 (the derivative decays for
/// large margins, keeping the surrogate calibrated); subtracts 1e-6 (strictly negative); and returns
/// mean(detach(g) m), whose gradient with respect to each margin is exactly g_i. Stateful: each call advances the
/// loss's own seeded stream.
/// </summary>
public sealed class EnsLoss(EnsLossOptions options) : ILoss
{
    private readonly Random _random = RandomStreams.Create(options.Seed, "ensloss");

    /// <inheritdoc />
    public torch.Tensor Compute(torch.Tensor logits, torch.Tensor targets)
    {
        if (logits.shape[1] != 2)
        {
            throw new ArgumentException($"ensloss: binary classification only (2 classes), got {logits.shape[1]}");
        }

        using var scope = torch.NewDisposeScope();
        var sign = targets.to_type(logits.dtype) * 2 - 1;
        var margins = sign * (logits.select(1, 1) - logits.select(1, 0));
        var n = (int)margins.shape[0];
        var draws = new double[n];
        for (var i = 0; i < n; i++)
        {
            draws[i] = Math.Max(-Math.Exp(_random.NextGaussian()), -1);
        }

        Array.Sort(draws); // most negative first
        var m = margins.detach().to_type(torch.ScalarType.Float64).data<double>().ToArray();
        var byMargin = Enumerable.Range(0, n).OrderBy(i => m[i]).ToArray();
        var g = new double[n];
        for (var rank = 0; rank < n; rank++)
        {
            var i = byMargin[rank];
            g[i] = (m[i] > 1 ? draws[rank] / m[i] : draws[rank]) - 1e-6;
        }

        var derivatives = torch.tensor(g).to_type(logits.dtype);
        return (derivatives * margins).mean().MoveToOuterDisposeScope();
    }
}
