using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace ActorLab.Plugins.Losses.LargeVocabulary;

/// <summary>Options of <see cref="ChunkedCrossEntropy"/>.</summary>
public sealed record ChunkedCrossEntropyOptions
{
    /// <summary>Vocabulary entries per block: extra memory is N x BlockSize floats.</summary>
    [Range(1, int.MaxValue)]
    public int BlockSize { get; init; } = 4096;
}

/// <summary>
/// Chunked ("cut") cross-entropy (Wijmans et al., "Cut Your Losses in Large-Vocabulary Language Models", ICLR 2025):
/// the mean over N positions of logsumexp_j(c_j . e) - c_y . e, from embeddings E [N, D] and classifier weights
/// C [V, D], without ever materialising the N x V logits. Forward: vocabulary blocks of size B, a running max m and
/// sum S (S &lt;- S exp(m - m') + sum exp(x - m')), the target logit as a row-wise dot product. Backward (a custom
/// autograd function): each block's logits are recomputed, P - Y formed for that block only, and dE += (P - Y) C_b,
/// dC_b = (P - Y)^T E. Extra memory is O(N B), not O(N V).
/// </summary>
public sealed class ChunkedCrossEntropy(ChunkedCrossEntropyOptions options) : IEmbeddingLoss
{
    /// <inheritdoc />
    Tensor IEmbeddingLoss.Compute(Tensor embeddings, Tensor classifier, Tensor targets) => Compute(embeddings, classifier, targets, options.BlockSize);

    /// <summary>The mean loss; gradients flow to <paramref name="embeddings"/> and <paramref name="classifier"/>.</summary>
    /// <param name="embeddings">[N, D].</param>
    /// <param name="classifier">[V, D].</param>
    /// <param name="targets">[N] int64 in [0, V).</param>
    /// <param name="blockSize">Vocabulary entries per block.</param>
    public static Tensor Compute(Tensor embeddings, Tensor classifier, Tensor targets, int blockSize = 4096)
    {
        if (blockSize < 1)
        {
            throw new ArgumentException($"chunked cross-entropy: blockSize must be positive, got {blockSize}");
        }

        return BlockwiseFunction.apply(embeddings, classifier, targets, blockSize);
    }

    /// <summary>The largest intermediate a call allocated, in elements (for the memory test: at most N x blockSize).</summary>
    [ThreadStatic]
    internal static long LargestBlock;

    private sealed class BlockwiseFunction : autograd.SingleTensorFunction<BlockwiseFunction>
    {
        public override string Name => "ChunkedCrossEntropy";

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var (e, c, targets, block) = ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2], (int)vars[3]);
            var n = e.shape[0];
            var v = c.shape[0];
            using var scope = NewDisposeScope();
            var max = full(n, double.NegativeInfinity, dtype: e.dtype);
            var sum = zeros(n, dtype: e.dtype);
            LargestBlock = 0;
            for (long start = 0; start < v; start += block)
            {
                using var blockScope = NewDisposeScope();
                var logits = e.matmul(c.narrow(0, start, Math.Min(block, v - start)).t()); // [N, B]
                LargestBlock = Math.Max(LargestBlock, logits.numel());
                var newMax = maximum(max, logits.amax([1L]));
                var updated = sum * (max - newMax).exp() + (logits - newMax.unsqueeze(1)).exp().sum(1);
                max.copy_(newMax);
                sum.copy_(updated);
            }

            var logZ = max + sum.log();
            var targetLogits = (e * c.index_select(0, targets)).sum(1);
            ctx.save_for_backward([e, c, targets, logZ.MoveToOuterDisposeScope()]);
            ctx.save_data("block", block);
            return (logZ - targetLogits).mean().MoveToOuterDisposeScope();
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput)
        {
            var saved = ctx.get_saved_variables();
            var (e, c, targets, logZ) = (saved[0], saved[1], saved[2], saved[3]);
            var block = (int)ctx.get_data("block");
            var n = e.shape[0];
            var v = c.shape[0];
            var scale = gradOutput / n;
            var gradE = zeros_like(e);
            var gradC = zeros_like(c);
            var rows = arange(n, dtype: ScalarType.Int64);
            for (long start = 0; start < v; start += block)
            {
                using var blockScope = NewDisposeScope();
                var width = Math.Min(block, v - start);
                var weights = c.narrow(0, start, width);
                var p = (e.matmul(weights.t()) - logZ.unsqueeze(1)).exp(); // softmax restricted to the block
                var inBlock = (targets >= start) & (targets < start + width);
                if (inBlock.any().item<bool>())
                {
                    var hitRows = rows.masked_select(inBlock);
                    var hitColumns = targets.masked_select(inBlock) - start;
                    p.index_put_(p.index([hitRows, hitColumns]) - 1, hitRows, hitColumns); // P - Y on this block
                }

                p.mul_(scale);
                gradE.add_(p.matmul(weights));
                gradC.narrow(0, start, width).copy_(p.t().matmul(e));
            }

            return [gradE, gradC, null!, null!];
        }
    }
}
