using ActorLab.Contracts.Losses;
using ActorLab.Plugins.Losses.Preference;
using TorchSharp;
using Xunit;

namespace ActorLab.Plugins.Losses.Tests;

/// <summary>REDI: its formula, its gradients' asymmetry, and the lengths it needs.</summary>
public sealed class RediLossTests
{
    private static PreferenceBatch Batch(torch.Tensor chosen, torch.Tensor rejected, bool lengths = true) =>
        new(chosen, rejected, torch.zeros(2), torch.zeros(2))
        {
            ChosenLengths = lengths ? torch.tensor(new[] { 2f, 4f }) : null,
            RejectedLengths = lengths ? torch.tensor(new[] { 5f, 1f }) : null,
        };

    [Fact]
    public void The_loss_is_the_mean_of_minus_the_length_normalised_positive_plus_alpha_times_the_normalised_negative()
    {
        var chosen = torch.tensor(new[] { -1f, -2f });
        var rejected = torch.tensor(new[] { -3f, -0.5f });
        var loss = new ReinforcementDistillation(new RediOptions { Alpha = 0.8 }).Compute(Batch(chosen, rejected)).item<float>();
        var expected = ((1.0 / 2 + 0.8 * -3.0 / 5) + (2.0 / 4 + 0.8 * -0.5 / 1)) / 2;
        Assert.Equal(expected, loss, 5);
    }

    [Fact]
    public void Gradients_raise_the_positive_log_likelihood_and_lower_the_negative_one_alpha_times_as_hard()
    {
        var chosen = torch.tensor(new[] { -1f, -2f }, requires_grad: true);
        var rejected = torch.tensor(new[] { -3f, -0.5f }, requires_grad: true);
        new ReinforcementDistillation(new RediOptions { Alpha = 0.5 }).Compute(Batch(chosen, rejected)).backward();
        Assert.Equal(new[] { -0.25f, -0.125f }, chosen.grad!.data<float>().ToArray()); // -1 / (2 |y_w|)
        Assert.Equal(new[] { 0.05f, 0.25f }, rejected.grad!.data<float>().ToArray()); // alpha / (2 |y_l|)
    }

    [Fact]
    public void A_batch_without_lengths_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new ReinforcementDistillation(new RediOptions()).Compute(Batch(torch.zeros(2), torch.zeros(2), lengths: false)));
        Assert.Contains("no response lengths", e.Message);
    }
}
