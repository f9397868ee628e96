using ActorLab.Contracts.Language;
using ActorLab.Plugins.Language.Models;
using TorchSharp;
using Xunit;

namespace ActorLab.Plugins.Language.Tests;

/// <summary>tiny-lm: causal attention, the KV cache's equivalence with a full forward pass, its option checks.</summary>
public sealed class TinyLanguageModelTests
{
    private static TinyLanguageModel Model(bool qkLayerNorm = false, int context = 12)
    {
        torch.random.manual_seed(7);
        return new TinyLanguageModel(new TinyLmOptions { Layers = 2, Width = 32, Heads = 4, QkLayerNorm = qkLayerNorm }, new LanguageModelShape(15, context));
    }

    private static torch.Tensor Tokens(params long[][] rows) => torch.tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Generating_with_the_cache_gives_the_logits_of_a_full_forward_pass(bool qkLayerNorm)
    {
        using var model = Model(qkLayerNorm);
        model.eval();
        using var noGrad = torch.no_grad();
        var sequence = Tokens([1, 5, 7, 3, 9, 4, 6, 2], [1, 8, 8, 3, 10, 11, 12, 2]);
        var full = model.forward(sequence);
        var cache = model.NewCache();
        var prefill = model.Forward(sequence[.., ..4], cache);
        var pieces = new List<torch.Tensor> { prefill };
        for (var t = 4; t < 8; t++)
        {
            pieces.Add(model.Forward(sequence[.., t..(t + 1)], cache));
        }

        Assert.Equal(8, cache.Length);
        var cached = torch.cat(pieces, 1);
        Assert.Equal(full.shape, cached.shape);
        Assert.True(torch.allclose(full, cached, rtol: 1e-5, atol: 1e-5), $"largest difference {(full - cached).abs().max().item<float>()}");
    }

    [Fact]
    public void A_position_does_not_see_later_tokens()
    {
        using var model = Model();
        model.eval();
        using var noGrad = torch.no_grad();
        var a = model.forward(Tokens([1, 5, 7, 3, 9, 4]));
        var b = model.forward(Tokens([1, 5, 7, 12, 13, 14]));
        Assert.True((a[.., ..3] - b[.., ..3]).abs().max().item<float>() == 0, "changing positions 3.. changed the logits of positions 0..2");
        Assert.True((a[.., 3..] - b[.., 3..]).abs().max().item<float>() > 0);
    }

    [Fact]
    public void Logits_cover_the_vocabulary_and_start_near_uniform()
    {
        using var model = Model();
        using var noGrad = torch.no_grad();
        var logits = model.forward(Tokens([1, 5, 7]));
        Assert.Equal([1L, 3, 15], logits.shape);
        var probabilities = logits.softmax(-1);
        Assert.True(probabilities.max().item<float>() < 3.0 / 15, "a fresh model's next-token distribution should be close to uniform");
    }

    [Fact]
    public void More_positions_than_the_context_are_refused()
    {
        using var model = Model(context: 4);
        var e = Assert.Throws<ArgumentException>(() => model.forward(Tokens([1, 2, 3, 4, 5])));
        Assert.Contains("exceed the context of 4", e.Message);
    }

    [Fact]
    public void Options_the_model_cannot_be_built_with_are_refused_naming_them()
    {
        var heads = Assert.Throws<ArgumentException>(() => new TinyLanguageModel(new TinyLmOptions { Width = 30, Heads = 4 }, new LanguageModelShape(10, 8)));
        Assert.Contains("width (30) must be a multiple of heads (4)", heads.Message);
        var context = Assert.Throws<ArgumentException>(() => new TinyLanguageModel(new TinyLmOptions { Context = 6 }, new LanguageModelShape(10, 8)));
        Assert.Contains("context 6 is shorter than the task needs (8 positions)", context.Message);
    }
}
