using ActorLab.Host.Torch;
using ActorLab.Host.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch.nn;

namespace ActorLab.Host.Tests.Training;

/// <summary>The global gradient norm read from the gradients' memory is the norm libtorch computes, in double precision.</summary>
public sealed class GradientNormTests
{
    [Fact]
    public void The_norm_of_an_mlps_gradients_matches_libtorchs_and_does_not_depend_on_the_thread_count()
    {
        TorchRuntime.Initialize();
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(7);
        var model = Sequential(Linear(37, 50), ReLU(), Linear(50, 3)); // sizes that are not multiples of 8: the scalar tail runs
        var parameters = model.parameters().ToList();
        functional.cross_entropy(model.call(torch.randn(19, 37)), torch.randint(0, 3, 19)).backward();

        var norm = GradientNorm.Of(parameters);
        var expected = Math.Sqrt(parameters.Sum(p => p.grad!.to(torch.float64).square().sum().item<double>()));
        Assert.Equal(expected, norm, 1e-12 * expected);
        Assert.True(norm > 0);
        double withTwo = 0;
        var other = new Thread(() =>
        {
            using var threads = IntraOpThreads.Use(2);
            withTwo = GradientNorm.Of(parameters);
        });
        other.Start();
        other.Join();
        Assert.Equal(norm, withTwo); // bit for bit
    }

    [Fact]
    public void A_parameter_without_a_gradient_is_skipped()
    {
        TorchRuntime.Initialize();
        using var scope = torch.NewDisposeScope();
        var model = Sequential(Linear(4, 2));
        var parameters = model.parameters().ToList();
        Assert.Equal(0.0, GradientNorm.Of(parameters));
        model.call(torch.ones(1, 4)).sum().backward();
        Assert.Equal(Math.Sqrt(4 * 2 + 2), GradientNorm.Of(parameters), 12); // d(sum)/dW = 1 for 8 weights, d/db = 1 for 2 biases
    }
}
