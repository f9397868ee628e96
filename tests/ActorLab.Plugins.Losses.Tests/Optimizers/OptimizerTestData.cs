using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ActorLab.Plugins.Losses.Tests.Optimizers;

/// <summary>Seeded random vectors and parameters for the optimizer tests, and the plain-double arithmetic they check against.</summary>
internal static class OptimizerTestData
{
    /// <summary>n standard-normal-ish floats (uniform in [-1, 1) plus an offset, so no coordinate is 0).</summary>
    public static float[] Vector(Random random, int n, double offset = 0) =>
        Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1 + offset)).ToArray();

    /// <summary>A parameter holding <paramref name="values"/> with shape <paramref name="shape"/>.</summary>
    public static Parameter Parameter(float[] values, params long[] shape) => new(tensor(values).reshape(shape));

    /// <summary>Sets the gradient of <paramref name="p"/> to <paramref name="values"/>.</summary>
    public static void SetGradient(Parameter p, float[] values)
    {
        using var noGrad = no_grad();
        p.grad = tensor(values).reshape(p.shape);
    }

    /// <summary>The tensor's values as doubles.</summary>
    public static double[] Values(Tensor t) => t.detach().reshape(-1).to_type(ScalarType.Float64).data<double>().ToArray();

    /// <summary>The dot product in doubles.</summary>
    public static double Dot(double[] a, double[] b) => a.Select((v, i) => v * b[i]).Sum();
}
