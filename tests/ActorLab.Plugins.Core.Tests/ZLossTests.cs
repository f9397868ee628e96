using ActorLab.Plugins.Core.Losses;
using TorchSharp;
using Xunit;

namespace ActorLab.Plugins.Core.Tests;

public sealed class ZLossTests
{
    private static (torch.Tensor Logits, torch.Tensor Targets) Batch()
    {
        var generator = new torch.Generator(7);
        return (torch.randn(16, 10, generator: generator), torch.randint(0, 10, [16], generator: generator));
    }

    private static double Value(ILossLike loss, torch.Tensor logits, torch.Tensor targets) => loss.Compute(logits, targets).item<float>();

    private interface ILossLike
    {
        torch.Tensor Compute(torch.Tensor logits, torch.Tensor targets);
    }

    private sealed class Adapter(Contracts.Losses.ILoss inner) : ILossLike
    {
        public torch.Tensor Compute(torch.Tensor logits, torch.Tensor targets) => inner.Compute(logits, targets);
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(1.0, 5.0)]
    [InlineData(1.0, -3.0)]
    [InlineData(3.0, 0.0)]
    [InlineData(0.25, 1.0)]
    [InlineData(40.0, -20.0)]
    public void Z_loss_is_unchanged_under_positive_affine_maps_of_the_logits(double scale, double shift)
    {
        var (logits, targets) = Batch();
        var loss = new Adapter(new ZLoss());
        var reference = Value(loss, logits, targets);
        var mapped = Value(loss, logits * scale + shift, targets);
        Assert.Equal(reference, mapped, 5);
    }

    [Fact]
    public void Z_loss_with_other_hyperparameters_is_still_invariant_and_differs_from_the_default()
    {
        var (logits, targets) = Batch();
        var custom = new Adapter(new ZLoss(new ZLossOptions(A: 2.0, B: 1.5)));
        Assert.Equal(Value(custom, logits, targets), Value(custom, logits * 7 - 2, targets), 5);
        Assert.NotEqual(Value(new Adapter(new ZLoss()), logits, targets), Value(custom, logits, targets), 3);
    }

    [Fact]
    public void Cross_entropy_is_shift_invariant_but_not_scale_invariant()
    {
        var (logits, targets) = Batch();
        var ce = new Adapter(new CrossEntropyLoss());
        var reference = Value(ce, logits, targets);
        Assert.Equal(reference, Value(ce, logits + 5, targets), 4);
        Assert.True(Math.Abs(reference - Value(ce, logits * 3, targets)) > 0.1, "scaling logits by 3 should change cross-entropy");
    }

    [Fact]
    public void Z_loss_matches_its_formula_on_a_hand_computed_example()
    {
        // o = [1, 2, 3], y = 2: mean 2, population std sqrt(2/3), z = 1 / sqrt(2/3), L = softplus(-z).
        var logits = torch.tensor(new float[] { 1, 2, 3 }, [1, 3]);
        var targets = torch.tensor(new long[] { 2 });
        var z = 1.0 / Math.Sqrt(2.0 / 3.0);
        var expected = Math.Log(1 + Math.Exp(-z));
        Assert.Equal(expected, Value(new Adapter(new ZLoss()), logits, targets), 5);
    }

    [Fact]
    public void Z_loss_gives_gradients_and_is_finite_for_constant_logits()
    {
        var logits = torch.zeros(4, 5, requires_grad: true);
        var loss = new ZLoss().Compute(logits, torch.tensor(new long[] { 0, 1, 2, 3 }));
        Assert.True(float.IsFinite(loss.item<float>()));
        var (x, y) = Batch();
        x.requires_grad_(true);
        new ZLoss().Compute(x, y).backward();
        Assert.True(x.grad is not null && x.grad.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Z_loss_gradient_has_no_component_along_the_directions_it_ignores()
    {
        // Invariance to o -> alpha o + beta means the gradient of each row is orthogonal to the ones vector (shift)
        // and to the row itself (scale).
        var (x, y) = Batch();
        x.requires_grad_(true);
        (new ZLoss().Compute(x, y) * 16).backward();
        var g = x.grad!;
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(0, g[i].sum().item<float>(), 5);
            Assert.Equal(0, (g[i] * x[i].detach()).sum().item<float>(), 5);
        }
    }
}
