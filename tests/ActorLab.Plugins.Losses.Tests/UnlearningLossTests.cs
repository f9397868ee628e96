using ActorLab.Contracts.Losses;
using ActorLab.Plugins.Losses.Preference;
using TorchSharp;
using Xunit;

namespace ActorLab.Plugins.Losses.Tests;

/// <summary>Gradient ascent and ULD's assistant objective against their formulas.</summary>
public sealed class UnlearningLossTests
{
    [Fact]
    public void Gradient_ascent_minimises_the_forget_log_likelihood_and_ignores_the_reference()
    {
        var policy = torch.tensor(new[] { -1f, -3f }, requires_grad: true);
        var loss = new GradientAscent().Compute(policy, torch.tensor(new[] { 5f, 5f }));
        Assert.Equal(-2f, loss.item<float>());
        loss.backward();
        Assert.Equal(new[] { 0.5f, 0.5f }, policy.grad!.data<float>().ToArray()); // descending it lowers log pi
    }

    [Fact]
    public void Uld_trains_its_assistant_to_remember_the_forget_set_and_states_how_it_is_combined()
    {
        IAssistantUnlearning uld = new UnlearningFromLogitDifference(new UldOptions { Weight = -0.5, RetainWeight = 2, TopLogitFilter = 0.2 });
        var assistant = torch.tensor(new[] { -1f, -3f }, requires_grad: true);
        var loss = uld.Compute(assistant, torch.zeros(2));
        Assert.Equal(2f, loss.item<float>()); // the forget set's negative log-likelihood
        loss.backward();
        Assert.Equal(new[] { -0.5f, -0.5f }, assistant.grad!.data<float>().ToArray());
        Assert.Equal((-0.5, 2.0, 0.2), (uld.AssistantWeight, uld.RetainWeight, uld.TopLogitFilter));
    }
}
