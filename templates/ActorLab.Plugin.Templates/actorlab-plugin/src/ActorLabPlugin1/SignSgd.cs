using ActorLab.Contracts.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.optim;

namespace ActorLabPlugin1;

/// <summary>Options of <see cref="SignSgd"/>.</summary>
public sealed record SignSgdOptions
{
    /// <summary>Weight decay lambda, added after the sign: w shrinks by lr * lambda * w each step.</summary>
    public double WeightDecay { get; init; }
}

/// <summary>signSGD (Bernstein et al. 2018): w &lt;- w - lr (sign(g) + lambda w), the sign of each gradient entry.</summary>
public sealed class SignSgd(SignSgdOptions options) : IOptimizerFactory
{
    /// <inheritdoc />
    public Optimizer Create(IEnumerable<Parameter> parameters, double learningRate)
    {
        var list = parameters.ToList();
        return new SignGradientOptimizer(SGD(list, learningRate, weight_decay: options.WeightDecay), list);
    }
}

/// <summary>Replaces every gradient by its sign, then steps the inner SGD (whose parameter groups a schedule sets).</summary>
public sealed class SignGradientOptimizer(Optimizer inner, IReadOnlyList<Parameter> trained) : Optimizer(IntPtr.Zero)
{
    /// <inheritdoc />
    public override IEnumerable<ILearningRateController> ParamGroups => inner.ParamGroups;

    /// <inheritdoc />
    public override IEnumerable<Parameter> parameters() => trained;

    /// <inheritdoc />
    public override void zero_grad() => inner.zero_grad();

    /// <inheritdoc />
    public override torch.Tensor step(Func<torch.Tensor>? closure = null)
    {
        using (torch.no_grad())
        {
            foreach (var p in trained)
            {
                using var grad = p.grad;
                grad?.sign_();
            }
        }

        return inner.step(closure);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
