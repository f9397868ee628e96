using TorchSharp;
using static TorchSharp.torch;

namespace ActorLab.Plugins.Bandits.Policies.Neural;

/// <summary>
/// The small network of the neural bandit policies: f(x) = W2 relu(W1 x + b1) + b2, one output per arm, trained
/// online by plain gradient descent on one observation at a time (TorchSharp autograd). Weights start like
/// <c>nn.Linear</c>'s default, U(-1/sqrt(fan_in), 1/sqrt(fan_in)), but drawn from the policy's own seeded stream rather
/// than torch's global generator, so repetitions running in parallel stay reproducible.
/// </summary>
internal sealed class OnlineNetwork : IDisposable
{
    private readonly Tensor _w1;
    private readonly Tensor _b1;
    private readonly Tensor _w2;
    private readonly Tensor _b2;
    private readonly Tensor[] _parameters;
    private readonly float[] _input;

    public OnlineNetwork(int inputs, int hidden, int outputs, Random random)
    {
        if (inputs < 1)
        {
            throw new ArgumentException("a neural bandit policy needs a contextual environment (context dimension 0)");
        }

        // Each weight matrix is one float array: refused here, with the option to change, rather than as an overflow.
        var weights = (long)hidden * Math.Max(inputs, outputs);
        if (hidden < 1 || weights > Array.MaxLength)
        {
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"hidden {hidden} with {inputs} inputs and {outputs} arms needs {weights:N0} weights in one matrix; at most {Array.MaxLength:N0}, and at least 1 hidden unit"), "hidden");
        }

        Hidden = hidden;
        _w1 = Uniform(random, [hidden, inputs], inputs);
        _b1 = Uniform(random, [hidden], inputs);
        _w2 = Uniform(random, [outputs, hidden], hidden);
        _b2 = Uniform(random, [outputs], hidden);
        _parameters = [_w1, _b1, _w2, _b2];
        _input = new float[inputs];
    }

    /// <summary>W1, b1, W2, b2 (for tests that check the closed-form gradients against autograd).</summary>
    internal IReadOnlyList<Tensor> Parameters => _parameters;

    /// <summary>f(x) with the autograd graph kept (for tests).</summary>
    internal Tensor Output(ReadOnlySpan<float> x) => Forward(Input(x));

    /// <summary>m, the hidden width.</summary>
    public int Hidden { get; }

    /// <summary>Every output f_a(x), without gradients.</summary>
    public void Predict(ReadOnlySpan<float> x, Span<double> outputs)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var output = Forward(Input(x)).data<float>();
        for (var a = 0; a < outputs.Length; a++)
        {
            outputs[a] = output[a];
        }
    }

    /// <summary>
    /// One gradient step on the loss of output <paramref name="arm"/> shifted by <paramref name="shift"/> against
    /// <paramref name="target"/>: squared, (f_a + shift - y)^2 / 2, or logistic, the KL / cross-entropy between y and
    /// sigmoid(f_a + shift). Returns the loss before the step.
    /// </summary>
    public double Step(ReadOnlySpan<float> x, int arm, double shift, double target, bool logistic, double learningRate)
    {
        using var scope = NewDisposeScope();
        using var grad = enable_grad(); // grad mode is per thread; a caller's no_grad must not silently stop learning
        // Scalars held in locals until the method ends: a temporary one (from an implicit conversion, as in square()
        // or `tensor * double`) can be finalised by the GC while the native call still reads it, which fails the
        // call with "Unknown scalar type" once in many millions of these steps.
        using var shiftScalar = shift.ToScalar();
        using var half = 0.5.ToScalar();
        using var rate = learningRate.ToScalar();
        var prediction = Forward(Input(x))[arm].add(shiftScalar);
        var y = tensor((float)target);
        var error = prediction - y;
        var loss = logistic
            ? nn.functional.binary_cross_entropy_with_logits(prediction, y)
            : error.mul(error).mul(half);
        loss.backward();
        using (no_grad())
        {
            foreach (var p in _parameters)
            {
                p.sub_(p.grad!.mul(rate));
                p.grad!.zero_();
            }
        }

        return loss.item<float>();
    }

    /// <summary>
    /// The hidden activations and, for every output a, the squared gradient pieces NeuralUCB needs in closed form:
    /// df_a/dW2[a] = h, df_a/db2[a] = 1, df_a/dW1 = (W2[a] * 1[pre &gt; 0]) x^T, df_a/db1 = W2[a] * 1[pre &gt; 0].
    /// Returns h (m) and V = (W2 * 1[pre &gt; 0])^2 (K x m), detached copies.
    /// </summary>
    public (float[] Hidden, float[] MaskedOutputWeightsSquared) GradientPieces(ReadOnlySpan<float> x)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var zero = 0.ToScalar(); // held, not a temporary: see Step
        var pre = _w1.mv(Input(x)) + _b1;
        var mask = pre.gt(zero).to_type(ScalarType.Float32);
        var h = pre.relu();
        var masked = _w2 * mask.unsqueeze(0);
        var v = masked * masked;
        return (h.data<float>().ToArray(), v.data<float>().ToArray());
    }

    public void Dispose()
    {
        foreach (var p in _parameters)
        {
            p.Dispose();
        }
    }

    private Tensor Forward(Tensor input) => _w2.mv((_w1.mv(input) + _b1).relu()) + _b2;

    private Tensor Input(ReadOnlySpan<float> x)
    {
        x.CopyTo(_input);
        return tensor(_input);
    }

    private static Tensor Uniform(Random random, long[] shape, int fanIn)
    {
        var bound = 1 / Math.Sqrt(fanIn);
        var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((2 * random.NextDouble() - 1) * bound);
        }

        return tensor(values, shape).requires_grad_();
    }
}
