using ActorLab.Contracts.Language;
using TorchSharp;

namespace ActorLab.Host.Policy;

/// <summary>
/// Prompts and responses laid out for one forward pass: each sequence is prompt + response, right-padded to the
/// longest; input position t predicts target t + 1, and the mask marks the targets that are response tokens (the ones
/// losses and log-probabilities count). Causal attention means padding after a sequence never changes its positions,
/// so the learner and the reference, which lay out the same sequences alike, compute the same numbers.
/// </summary>
/// <param name="Input">[rows * width] ids fed in.</param>
/// <param name="Targets">[rows * width] ids predicted.</param>
/// <param name="Mask">[rows * width] 1 at response targets, else 0.</param>
/// <param name="Rows">Sequences.</param>
/// <param name="Width">Positions per row (the longest sequence minus one).</param>
public sealed record SequenceBatch(long[] Input, long[] Targets, float[] Mask, int Rows, int Width)
{
    /// <summary>The layout of <paramref name="prompts"/>[i] followed by <paramref name="responses"/>[i].</summary>
    public static SequenceBatch Of(IReadOnlyList<int[]> prompts, IReadOnlyList<int[]> responses)
    {
        var rows = prompts.Count;
        var width = Enumerable.Range(0, rows).Max(i => prompts[i].Length + responses[i].Length) - 1;
        var input = new long[rows * width];
        var targets = new long[rows * width];
        var mask = new float[rows * width];
        for (var r = 0; r < rows; r++)
        {
            var (prompt, response) = (prompts[r], responses[r]);
            var length = prompt.Length + response.Length;
            for (var t = 0; t < width; t++)
            {
                var at = r * width + t;
                input[at] = t < length ? Token(prompt, response, t) : TokenVocabulary.Pad;
                targets[at] = t + 1 < length ? Token(prompt, response, t + 1) : TokenVocabulary.Pad;
                mask[at] = t + 1 >= prompt.Length && t + 1 < length ? 1 : 0;
            }
        }

        return new SequenceBatch(input, targets, mask, rows, width);
    }

    /// <summary>
    /// The log-probabilities [rows, width] of the targets under <paramref name="model"/> with its logits divided by
    /// <paramref name="temperature"/>, and those logits [rows, width, vocabulary].
    /// </summary>
    public (torch.Tensor LogProbs, torch.Tensor Logits) LogProbs(CausalLanguageModel model, double temperature)
    {
        var logits = model.forward(torch.tensor(Input, [Rows, Width]));
        if (temperature > 0 && temperature != 1)
        {
            logits = logits / temperature;
        }

        var logProbs = logits.log_softmax(-1).gather(2, torch.tensor(Targets, [Rows, Width]).unsqueeze(2)).squeeze(2);
        return (logProbs, logits);
    }

    /// <summary>The mask as a [rows, width] tensor.</summary>
    public torch.Tensor MaskTensor() => torch.tensor(Mask, [Rows, Width]);

    private static int Token(int[] prompt, int[] response, int t) => t < prompt.Length ? prompt[t] : response[t - prompt.Length];
}
