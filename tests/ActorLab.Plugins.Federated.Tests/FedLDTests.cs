using ActorLab.Contracts.Federated;
using ActorLab.Plugins.Federated.Strategies;
using TorchSharp;
using Xunit;

namespace ActorLab.Plugins.Federated.Tests;

public sealed class FedLDTests
{
    private static AggregationContext Round(int round, params long[][] shapes) => new(round, 0) { ParameterShapes = shapes };

    private static ClientUpdate U(int id, params float[] w) => new(id, w, 1, 0);

    private static readonly FedLD Strategy = new(new FedLDOptions());

    [Fact]
    public void Round_one_is_the_plain_mean_of_the_deltas()
    {
        var result = Strategy.Aggregate(Round(1, [3]), [1f, 1f, 1f], [U(0, 2f, 0f, 1f), U(1, 4f, 2f, 1f)]);
        Assert.Equal([3f, 1f, 1f], result);
    }

    [Fact]
    public void Identical_deltas_are_reproduced_exactly()
    {
        // G has rank one: the first principal direction is the common delta and gets all the weight.
        var updates = Enumerable.Range(0, 5).Select(i => U(i, 1.5f, -0.5f, 2f, 1f)).ToList();
        var result = Strategy.Aggregate(Round(2, [4]), [1f, 0f, 1f, 1f], updates);
        Assert.Equal(1.5f, result[0], 5);
        Assert.Equal(-0.5f, result[1], 5);
        Assert.Equal(2f, result[2], 5);
        Assert.Equal(1f, result[3], 5);
    }

    [Fact]
    public void Conflicting_components_are_projected_out_and_the_client_step_length_kept()
    {
        // g_1 = (1, 0.5), g_2 = (1, -0.5): (1/2) G G^T has eigenvalues 1 and 0.25, the top direction is the x axis,
        // and k = floor(0.8 * 2) = 1 keeps only it. Each client's delta becomes ||g_i|| (1 / 1) x = sqrt(1.25) x;
        // the plain mean would be (1, 0).
        var result = Strategy.Aggregate(Round(2, [2]), [0f, 0f], [U(0, 1f, 0.5f), U(1, 1f, -0.5f)]);
        Assert.Equal(Math.Sqrt(1.25), result[0], 5);
        Assert.Equal(0, result[1], 5);
    }

    [Fact]
    public void Directions_are_flipped_to_agree_with_most_clients()
    {
        // Three clients along +x, one along -x: the kept direction is oriented along +x, and every client then
        // moves along it by its own step length, so the dissenting client no longer cancels one of the others
        // (the plain mean would be 0.5).
        var result = Strategy.Aggregate(Round(2, [2]), [0f, 0f], [U(0, 1f, 0f), U(1, 1f, 0f), U(2, 1f, 0f), U(3, -1f, 0f)]);
        Assert.Equal(1, result[0], 5);
        var flipped = Strategy.Aggregate(Round(2, [2]), [0f, 0f], [U(0, -1f, 0f), U(1, -1f, 0f), U(2, -1f, 0f), U(3, 1f, 0f)]);
        Assert.Equal(-1, flipped[0], 5);
    }

    [Fact]
    public void Single_element_tensors_use_the_plain_mean()
    {
        var result = Strategy.Aggregate(Round(3, [2], [1]), [0f, 0f, 10f],
            [U(0, 1f, 1f, 12f), U(1, 1f, 1f, 14f), U(2, 1f, 1f, 16f)]);
        Assert.Equal(14f, result[2], 5);
        Assert.Equal(1f, result[0], 4);
    }

    [Fact]
    public void Client_regulariser_is_lambda_log_one_plus_squared_frobenius_norm_of_softmax()
    {
        var client = Strategy.CreateClientAlgorithm();
        var logits = torch.tensor(new float[] { 0, 0, 1, 0 }, [2, 2]);
        var p = Math.Exp(1) / (1 + Math.Exp(1));
        var expected = 0.03 * Math.Log(1 + 0.25 + 0.25 + p * p + (1 - p) * (1 - p));
        Assert.Equal(expected, client.Regularizer([], logits)!.item<float>(), 6);
    }
}
