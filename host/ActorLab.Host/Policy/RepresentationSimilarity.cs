using TorchSharp;

namespace ActorLab.Host.Policy;

/// <summary>
/// Representation-level unlearning evaluation (paper 11, "Are We Truly Forgetting?"): linear CKA (Kornblith et al.
/// 2019) between the representations of the unlearned and the original model on the forget set,
/// CKA(X, Y) = ||Y^T X||_F^2 / (||X^T X||_F ||Y^T Y||_F) on column-centred X, Y ([examples, width]); and a linear probe
/// for the forgotten information: ridge regression (lambda 1e-3) from a representation to the one-hot of the forgotten
/// answer's first token, fitted on the even-numbered forget examples and scored on the odd ones. A CKA near 1 and a
/// probe as accurate as on the original model say the information is still there whatever the outputs say.
/// </summary>
public static class RepresentationSimilarity
{
    private const double Ridge = 1e-3;

    /// <summary>Linear CKA of two [examples, width] representation matrices (row-major).</summary>
    public static double LinearCka(float[] x, float[] y, int examples)
    {
        using var scope = torch.NewDisposeScope();
        var a = Centred(x, examples);
        var b = Centred(y, examples);
        var cross = b.t().matmul(a).square().sum();
        var norms = a.t().matmul(a).square().sum().sqrt() * b.t().matmul(b).square().sum().sqrt();
        return (cross / norms).item<double>();
    }

    /// <summary>Held-out accuracy of a ridge probe from <paramref name="representations"/> to <paramref name="labels"/> (class ids below <paramref name="classes"/>).</summary>
    public static double ProbeAccuracy(float[] representations, int[] labels, int classes)
    {
        var examples = labels.Length;
        if (examples < 4)
        {
            return double.NaN;
        }

        using var scope = torch.NewDisposeScope();
        var all = torch.cat([torch.tensor(representations, [examples, representations.Length / examples]).to_type(torch.ScalarType.Float64),
            torch.ones(examples, 1, dtype: torch.ScalarType.Float64)], 1);
        var train = torch.arange(0, examples, 2, dtype: torch.ScalarType.Int64);
        var test = torch.arange(1, examples, 2, dtype: torch.ScalarType.Int64);
        var x = all.index_select(0, train);
        var targets = torch.nn.functional.one_hot(torch.tensor(labels.Select(l => (long)l).ToArray()).index_select(0, train), classes).to_type(torch.ScalarType.Float64);
        var weights = torch.linalg.solve(x.t().matmul(x) + Ridge * torch.eye(x.shape[1], dtype: torch.ScalarType.Float64), x.t().matmul(targets));
        var predicted = all.index_select(0, test).matmul(weights).argmax(1);
        var truth = torch.tensor(labels.Select(l => (long)l).ToArray()).index_select(0, test);
        return (predicted == truth).to_type(torch.ScalarType.Float64).mean().item<double>();
    }

    /// <summary>
    /// The last block's residual stream at each prompt's last position (the one that predicts the answer's first token),
    /// [prompts, width] row-major; prompts are right-padded, which causal attention leaves without effect there.
    /// </summary>
    public static float[] Of(ActorLab.Contracts.Language.CausalLanguageModel model, IReadOnlyList<int[]> prompts)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var width = prompts.Max(p => p.Length);
        var ids = new long[prompts.Count * width];
        for (var r = 0; r < prompts.Count; r++)
        {
            for (var t = 0; t < prompts[r].Length; t++)
            {
                ids[r * width + t] = prompts[r][t];
            }
        }

        var last = model.HiddenStates(torch.tensor(ids, [prompts.Count, width]))[^1];
        var positions = torch.tensor(prompts.Select(p => (long)(p.Length - 1)).ToArray()).view(-1, 1, 1).expand(-1, 1, last.shape[2]);
        return last.gather(1, positions).squeeze(1).contiguous().data<float>().ToArray();
    }

    private static torch.Tensor Centred(float[] values, int examples)
    {
        var m = torch.tensor(values, [examples, values.Length / examples]).to_type(torch.ScalarType.Float64);
        return m - m.mean([0L], keepdim: true);
    }
}
