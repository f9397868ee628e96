using System.Globalization;
using ActorLab.Contracts.Experiments;
using ActorLab.Plugins.Losses.LargeVocabulary;
using TorchSharp;

namespace ActorLab.Plugins.Losses.Studies;

/// <summary>Options of <see cref="ChunkedCrossEntropyCheck"/>.</summary>
public sealed record ChunkedCrossEntropyCheckOptions
{
    /// <summary>Tokens N.</summary>
    public int Tokens { get; init; } = 512;

    /// <summary>Embedding width D.</summary>
    public int Dimension { get; init; } = 64;

    /// <summary>Vocabulary sizes V to check.</summary>
    public int[] Vocabularies { get; init; } = [8_192, 32_768];

    /// <summary>Vocabulary entries per block.</summary>
    public int BlockSize { get; init; } = 2_048;
}

/// <summary>
/// Checks chunked (cut) cross-entropy (Wijmans et al., "Cut Your Losses in Large-Vocabulary Language Models", ICLR 2025;
/// the <c>chunked-cross-entropy</c> component) against the standard one that materialises the N x V logits, in float32:
/// for each vocabulary size, the absolute difference of the losses, the largest absolute differences of the gradients
/// with respect to the embeddings E [N, D] and the classifier C [V, D], and the largest intermediate the chunked loss
/// allocated (N x block) against the N x V logits. Peak resident memory is measured separately, one process per
/// measurement (bench/run-chunked-ce-memory.sh), because a shared process's allocator hides it.
/// </summary>
public sealed class ChunkedCrossEntropyCheck(ChunkedCrossEntropyCheckOptions options) : IExperiment
{
    /// <inheritdoc />
    public ExperimentResult Run(ExperimentContext context)
    {
        OptionCheck.Require(options.Tokens >= 1 && options.Dimension >= 1, "chunked-cross-entropy-check", "tokens/dimension", "at least 1");
        OptionCheck.Require(options.Vocabularies.Length > 0 && options.Vocabularies.All(v => v >= 2), "chunked-cross-entropy-check", "vocabularies", "a list of sizes of at least 2");
        OptionCheck.Require(options.BlockSize >= 1, "chunked-cross-entropy-check", "blockSize", "at least 1");
        var rows = new List<IReadOnlyList<double>>();
        var findings = new List<string>();
        foreach (var v in options.Vocabularies)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            var generator = new torch.Generator((ulong)(context.Seed * 1_000_003L + v));
            var e = (torch.randn(options.Tokens, options.Dimension, generator: generator) * 0.5f).requires_grad_();
            var c = (torch.randn(v, options.Dimension, generator: generator) * 0.5f).requires_grad_();
            var targets = torch.randint(0, v, [options.Tokens], generator: generator);

            var reference = torch.nn.functional.cross_entropy(e.matmul(c.t()), targets);
            var referenceGrads = torch.autograd.grad([reference], [e, c]);
            var chunked = ChunkedCrossEntropy.Compute(e, c, targets, options.BlockSize);
            var largest = ChunkedCrossEntropy.LargestBlock;
            var chunkedGrads = torch.autograd.grad([chunked], [e, c]);

            var lossError = Math.Abs(reference.item<float>() - (double)chunked.item<float>());
            var gradEError = (chunkedGrads[0] - referenceGrads[0]).abs().max().item<float>();
            var gradCError = (chunkedGrads[1] - referenceGrads[1]).abs().max().item<float>();
            var full = (double)options.Tokens * v;
            rows.Add([v, reference.item<float>(), lossError, gradEError, gradCError, largest, full, full / largest]);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"V = {v}: loss difference {lossError:E2}, gradient differences {gradEError:E2} (E) and {gradCError:E2} (C); largest intermediate {largest:N0} elements, {full / largest:F0}x fewer than the {full:N0} logits");
            findings.Add(line);
            context.Progress?.Invoke(line);
        }

        return new ExperimentResult(
            [new ExperimentTable("chunked_vs_standard", ["vocabulary", "loss", "loss_abs_difference", "grad_e_max_abs_difference", "grad_c_max_abs_difference", "largest_block_elements", "logits_elements", "ratio"], rows)],
            findings);
    }
}
