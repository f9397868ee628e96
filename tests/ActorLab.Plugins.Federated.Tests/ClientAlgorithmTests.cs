using ActorLab.Contracts.Federated;
using ActorLab.Plugins.Federated.Strategies;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;

namespace ActorLab.Plugins.Federated.Tests;

/// <summary>The client-side parts: FedProx's proximal gradient and SCAFFOLD's correction and control variate.</summary>
public sealed class ClientAlgorithmTests
{
    private static (Parameter P, IReadOnlyList<Parameter> List) OneParameter(params float[] values)
    {
        var p = new Parameter(torch.tensor(values));
        return (p, [p]);
    }

    private static ClientFitContext Context(IReadOnlyList<Parameter> parameters, float[] global, float[]? extras = null, double lr = 0.1) =>
        new(0, 1, 0, global, extras, parameters, lr);

    [Fact]
    public void Fedprox_adds_mu_times_the_distance_to_the_global_model_to_the_gradient()
    {
        var (p, list) = OneParameter(1f, 2f);
        var client = new FedProx(new FedProxOptions { Mu = 0.1 }).CreateClientAlgorithm();
        client.BeginFit(Context(list, [1f, 2f]));
        using (torch.no_grad())
        {
            p.sub_(torch.tensor(new float[] { 1f, 2f })); // the client has moved to (0, 0)
        }

        (p * torch.tensor(new float[] { 0.5f, 0.5f })).sum().backward(); // grad = (0.5, 0.5)
        Assert.Null(client.Regularizer(list, torch.zeros(1, 2)));
        client.AdjustGradients(list);
        Assert.Equal([0.4f, 0.3f], p.grad!.data<float>().ToArray()); // 0.5 + 0.1 * (0 - 1), 0.5 + 0.1 * (0 - 2)
        Assert.Null(client.EndFit(new ClientFitOutcome(1, [0f, 0f])));
    }

    [Fact]
    public void Scaffold_corrects_gradients_by_c_minus_ci_and_reports_the_option_ii_delta()
    {
        var (p, list) = OneParameter(0f);
        var client = new Scaffold(new ScaffoldOptions()).CreateClientAlgorithm();

        // Round 1: c = 0, c_i = 0, so no correction. Trained from x = 1 to y = 0.6 in K = 2 steps of lr 0.1:
        // c_i+ = 0 - 0 + (1 - 0.6) / (2 * 0.1) = 2, delta = 2.
        client.BeginFit(Context(list, [1f], extras: null));
        (p * 3f).sum().backward();
        client.AdjustGradients(list);
        Assert.Equal(3f, p.grad!.item<float>());
        Assert.Equal(2f, client.EndFit(new ClientFitOutcome(2, [0.6f]))![0], 5);

        // Round 2: c = 0.5, c_i = 2, correction c - c_i = -1.5. From x = 1 to y = 0.9 in 1 step:
        // c_i+ = 2 - 0.5 + (1 - 0.9) / 0.1 = 2.5, delta = 0.5.
        p.grad!.zero_();
        client.BeginFit(Context(list, [1f], extras: [0.5f]));
        (p * 3f).sum().backward();
        client.AdjustGradients(list);
        Assert.Equal(1.5f, p.grad!.item<float>(), 5);
        Assert.Equal(0.5f, client.EndFit(new ClientFitOutcome(1, [0.9f]))![0], 4);
    }
}
