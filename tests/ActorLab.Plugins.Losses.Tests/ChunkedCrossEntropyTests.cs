using ActorLab.Plugins.Losses.LargeVocabulary;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace ActorLab.Plugins.Losses.Tests;

/// <summary>Issue 6's chunked cross-entropy claim at its stated size: N = 512, D = 64, V = 32,768, fp32.</summary>
public sealed class ChunkedCrossEntropyTests
{
    [Fact]
    public void Loss_and_gradients_equal_standard_cross_entropy_to_1e_5_with_only_block_sized_intermediates()
    {
        random.manual_seed(5);
        const int n = 512, d = 64, v = 32_768, block = 2048;
        var e = (randn(n, d) * 0.5f).requires_grad_();
        var c = (randn(v, d) * 0.5f).requires_grad_();
        var targets = randint(0, v, [n], dtype: ScalarType.Int64);

        var reference = nn.functional.cross_entropy(e.matmul(c.t()), targets);
        reference.backward();
        var (referenceE, referenceC) = (e.grad!.clone(), c.grad!.clone());
        e.grad!.zero_();
        c.grad!.zero_();

        var chunked = ChunkedCrossEntropy.Compute(e, c, targets, block);
        Assert.Equal((long)n * block, ChunkedCrossEntropy.LargestBlock); // never N x V
        chunked.backward();

        Assert.Equal(reference.item<float>(), chunked.item<float>(), 5);
        Assert.True(e.grad!.allclose(referenceE, rtol: 1e-4, atol: 1e-5), $"dE max error {(e.grad! - referenceE).abs().max().item<float>()}");
        Assert.True(c.grad!.allclose(referenceC, rtol: 1e-4, atol: 1e-5), $"dC max error {(c.grad! - referenceC).abs().max().item<float>()}");
    }

    [Fact]
    public void A_vocabulary_that_is_not_a_multiple_of_the_block_and_large_logits_still_match()
    {
        random.manual_seed(6);
        var e = (randn(7, 5) * 20f).requires_grad_(); // logits in the hundreds: the running max must keep exp finite
        var c = randn(1001, 5).requires_grad_();
        var targets = tensor(new long[] { 0, 1000, 999, 512, 3, 3, 700 });
        var reference = nn.functional.cross_entropy(e.matmul(c.t()), targets);
        var grads = autograd.grad([reference], [e, c]);
        var chunked = ChunkedCrossEntropy.Compute(e, c, targets, blockSize: 128);
        var chunkedGrads = autograd.grad([chunked], [e, c]);
        Assert.Equal(reference.item<float>(), chunked.item<float>(), 3);
        Assert.True(chunkedGrads[0].allclose(grads[0], rtol: 1e-4, atol: 1e-4));
        Assert.True(chunkedGrads[1].allclose(grads[1], rtol: 1e-4, atol: 1e-4));
    }

    [Fact]
    public void The_check_experiment_reports_differences_below_1e_5_and_block_sized_intermediates()
    {
        var options = new Studies.ChunkedCrossEntropyCheckOptions { Tokens = 64, Dimension = 16, Vocabularies = [1000, 4096], BlockSize = 256 };
        var rows = new Studies.ChunkedCrossEntropyCheck(options).Run(new Contracts.Experiments.ExperimentContext(3, null, CancellationToken.None)).Tables.Single().Rows;
        Assert.Equal([1000.0, 4096.0], rows.Select(r => r[0]));
        Assert.All(rows, r =>
        {
            Assert.InRange(r[2], 0, 1e-5); // loss
            Assert.InRange(r[3], 0, 1e-5); // dE
            Assert.InRange(r[4], 0, 1e-5); // dC
            Assert.Equal(64 * 256, r[5]);
            Assert.Equal(64 * r[0], r[6]);
        });
    }
}
