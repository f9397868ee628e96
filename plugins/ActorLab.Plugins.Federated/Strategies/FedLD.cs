using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Federated;
using TorchSharp;
using TorchSharp.Modules;

namespace ActorLab.Plugins.Federated.Strategies;

/// <summary>Options of <see cref="FedLD"/> (defaults from the paper's reference code).</summary>
public sealed record FedLDOptions
{
    /// <summary>Weight lambda of the client's logit regulariser.</summary>
    public double Lambda { get; init; } = 0.03;

    /// <summary>Share of the m principal directions kept per layer: k = floor(keep x m).</summary>
    [Range(0.0, 1.0, MinimumIsExclusive = true)]
    public double Keep { get; init; } = 0.8;

    /// <summary>
    /// The other reading of the rescaling step: keep each client's own projection sign along each direction
    /// (then the majority flip changes nothing). Off by default; see scenarios/repro/README.md for both measured.
    /// </summary>
    public bool ClientSign { get; init; }
}

/// <summary>
/// FedLD of Zeng et al., "Tackling Data Heterogeneity in Federated Learning via Loss Decomposition" (2024).
/// Client: the loss gets lambda log(1 + ||softmax(Z)||_F^2), Z the mini-batch logits (lambda = 0.03).
/// Server, per parameter tensor, with the m client deltas g_i = w_i - w stacked in G (m x d): eigen-decompose
/// (1/m) G G^T; the principal directions are u_j = G^T e_j / ||G^T e_j||; keep the k = floor(0.8 m) with the
/// largest eigenvalues s_j; flip each u_j so that most clients have g_i . u_j &gt; 0; client i's delta becomes
/// sum_j ||g_i|| (s_j / sum_kept s) u_j; the new global is w + the unweighted mean of these.
/// Round 1 and one-element tensors use the plain mean of the deltas.
/// Assumed where the paper's description leaves room: after the flip every client moves along the
/// majority-oriented directions (its own projection's sign is not kept; otherwise the flip would change
/// nothing), each kept direction getting the share s_j / sum s of the client's delta norm; the mean is unweighted.
/// </summary>
public sealed class FedLD(FedLDOptions options) : IAggregationStrategy, IClientAwareStrategy
{
    /// <inheritdoc />
    public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates)
    {
        var m = updates.Count;
        var result = global.ToArray();
        var shapes = context.ParameterShapes.Count > 0 ? context.ParameterShapes : [[global.Length]];
        var offset = 0;
        foreach (var shape in shapes)
        {
            var size = (int)shape.Aggregate(1L, (a, b) => a * b);
            var deltas = new double[m, size];
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < size; j++)
                {
                    deltas[i, j] = (double)updates[i].Parameters[offset + j] - global[offset + j];
                }
            }

            var combined = context.Round == 1 || size == 1 || m < 2 ? MeanRows(deltas) : PrincipalMean(deltas);
            for (var j = 0; j < size; j++)
            {
                result[offset + j] = (float)(global[offset + j] + combined[j]);
            }

            offset += size;
        }

        return result;
    }

    private double[] PrincipalMean(double[,] deltas)
    {
        var m = deltas.GetLength(0);
        using var scope = torch.NewDisposeScope();
        var g = torch.tensor(deltas, torch.float64);
        var gram = torch.mm(g, g.t()) / m;
        var (eigenvalues, eigenvectors) = torch.linalg.eigh(gram); // ascending
        var k = Math.Max(1, (int)Math.Floor(options.Keep * m));
        var order = torch.arange(m - 1, m - 1 - k, -1, dtype: torch.int64);
        var s = eigenvalues.index_select(0, order).clamp_min(0);
        var directions = torch.mm(g.t(), eigenvectors.index_select(1, order)); // d x k
        directions = directions / directions.norm(0, keepdim: true).clamp_min(1e-12);
        var projections = torch.mm(g, directions); // m x k
        // Flip to agree with most clients. 0L, not 0: a literal 0 binds to sum(ScalarType) and sums every element as bytes.
        var majority = torch.where(projections.sign().sum(0L) >= 0, 1.0, -1.0);
        directions = directions * majority;
        var share = s / s.sum().clamp_min(1e-300);
        var norms = g.norm(1, keepdim: true); // m x 1
        var coefficients = options.ClientSign ? (projections * majority).sign() * norms * share : norms * share; // m x k
        var rebuilt = torch.mm(coefficients, directions.t()); // m x d
        return rebuilt.mean([0L]).data<double>().ToArray();
    }

    private static double[] MeanRows(double[,] deltas)
    {
        var (m, d) = (deltas.GetLength(0), deltas.GetLength(1));
        var mean = new double[d];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < d; j++)
            {
                mean[j] += deltas[i, j] / m;
            }
        }

        return mean;
    }

    /// <inheritdoc />
    public IClientAlgorithm CreateClientAlgorithm() => new LogitRegularizer(options.Lambda);

    /// <inheritdoc />
    public float[]? ServerExtras(int round) => null;

    /// <summary>FedLD's client part: lambda log(1 + ||softmax(Z)||_F^2) added to the batch loss.</summary>
    private sealed class LogitRegularizer(double lambda) : IClientAlgorithm
    {
        public void BeginFit(ClientFitContext context)
        {
        }

        public torch.Tensor? Regularizer(IReadOnlyList<Parameter> parameters, torch.Tensor logits) =>
            lambda == 0 ? null : lambda * torch.log1p(torch.nn.functional.softmax(logits, 1).pow(2).sum());

        public void AdjustGradients(IReadOnlyList<Parameter> parameters)
        {
        }

        public float[]? EndFit(ClientFitOutcome outcome) => null;
    }
}
