using ActorLab.Contracts.Models;
using ActorLab.Plugins.Core.Models;
using TorchSharp;
using Xunit;

namespace ActorLab.Plugins.Core.Tests;

/// <summary>Ghost batch norm against torch's BatchNorm1d applied to the whole batch and to each ghost batch.</summary>
public sealed class GhostBatchNormTests
{
    private static torch.Tensor Batch(long rows) => torch.randn(rows, 5, generator: new torch.Generator(11)) * 3 + 1;

    [Fact]
    public void A_ghost_size_of_the_whole_batch_is_batch_norm_including_the_running_statistics()
    {
        var x = Batch(32);
        using var ghost = new GhostBatchNorm(5, 0);
        using var reference = torch.nn.BatchNorm1d(5);
        Assert.True(ghost.call(x).allclose(reference.call(x), rtol: 1e-4, atol: 1e-5));
        var buffers = ghost.named_buffers().ToDictionary(b => b.name, b => b.buffer);
        Assert.True(buffers["running_mean"].allclose(reference.running_mean!, atol: 1e-5));
        Assert.True(buffers["running_var"].allclose(reference.running_var!, atol: 1e-5));
    }

    [Fact]
    public void Each_ghost_batch_is_normalised_with_its_own_statistics_and_the_running_ones_update_per_ghost()
    {
        var x = Batch(30); // ghosts of 8, 8, 8 and 6 rows
        using var ghost = new GhostBatchNorm(5, 8);
        using var reference = torch.nn.BatchNorm1d(5); // one module, called ghost by ghost, updates running statistics the same way
        var expected = torch.cat(Enumerable.Range(0, 4).Select(g => reference.call(x.narrow(0, g * 8, Math.Min(8, 30 - g * 8)))).ToList(), 0);
        Assert.True(ghost.call(x).allclose(expected, rtol: 1e-4, atol: 1e-5));
        Assert.True(ghost.named_buffers().Single(b => b.name == "running_var").buffer.allclose(reference.running_var!, atol: 1e-5));

        // Not the same as normalising the whole batch.
        using var whole = torch.nn.BatchNorm1d(5);
        Assert.False(ghost.call(x).allclose(whole.call(x), rtol: 1e-3, atol: 1e-3));
    }

    [Fact]
    public void Evaluation_uses_the_running_statistics()
    {
        using var ghost = new GhostBatchNorm(5, 4);
        for (var i = 0; i < 5; i++)
        {
            ghost.call(Batch(16));
        }

        ghost.eval();
        var buffers = ghost.named_buffers().ToDictionary(b => b.name, b => b.buffer);
        var x = Batch(3);
        Assert.True(ghost.call(x).allclose((x - buffers["running_mean"]) / (buffers["running_var"] + 1e-5).sqrt(), atol: 1e-5));
    }

    [Fact]
    public void The_mlp_puts_a_ghost_batch_norm_with_two_parameters_per_unit_in_each_hidden_layer_and_rejects_a_ghost_size_without_it()
    {
        using var plain = new MlpModel(new MlpOptions { Hidden = [6, 4] }).Create(new ModelShape(3, 2));
        using var normalised = new MlpModel(new MlpOptions { Hidden = [6, 4], BatchNorm = true, GhostBatchSize = 8 }).Create(new ModelShape(3, 2));
        Assert.Equal(plain.parameters().Sum(p => p.numel()) + 2 * (6 + 4), normalised.parameters().Sum(p => p.numel()));
        var error = Assert.Throws<ArgumentException>(() => new MlpModel(new MlpOptions { GhostBatchSize = 8 }).Create(new ModelShape(3, 2)));
        Assert.Contains("batchNorm", error.Message);
    }
}
