using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.optim;

namespace ActorLab.Plugins.Losses.Optimizers.PerpendicularGradient;

/// <summary>
/// ⊥Grad (Prieto, Barsbey, Mediano &amp; Birdal, "Grokking at the Edge of Numerical Stability", ICLR 2025): before
/// every step of an inner optimizer, each parameter tensor's gradient g is replaced by its component orthogonal to
/// the tensor's own weights w, rescaled to the original norm:
/// g_perp = g - (w.g / w.w) w, then g_perp * ||g|| / ||g_perp||.
/// The removed component is the "naive loss minimisation" direction, which lowers the loss only by scaling the
/// weights (and so the logits) and drives softmax towards collapse. Guards: a tensor with w.w = 0 keeps its
/// gradient; a gradient parallel to w (g_perp = 0) becomes 0.
/// The inner optimizer's parameter groups are exposed as this optimizer's, so a trainer's schedule sets its rate.
/// </summary>
public sealed class PerpendicularGradientOptimizer : Optimizer
{
    private readonly Optimizer _inner;
    private readonly IReadOnlyList<Parameter> _parameters;

    /// <summary>Wraps <paramref name="inner"/>, which must optimise exactly <paramref name="parameters"/>; owns and disposes it.</summary>
    public PerpendicularGradientOptimizer(Optimizer inner, IEnumerable<Parameter> parameters)
        : base(IntPtr.Zero)
    {
        _inner = inner;
        _parameters = [.. parameters];
    }

    /// <inheritdoc />
    public override IEnumerable<ILearningRateController> ParamGroups => _inner.ParamGroups;

    /// <summary>g_perp = g - (w.g / w.w) w rescaled to ||g|| (flattened tensors); a new tensor, g is left as it is.</summary>
    public static torch.Tensor Project(torch.Tensor weights, torch.Tensor gradient)
    {
        using var scope = torch.NewDisposeScope();
        var w = weights.detach().reshape(-1);
        var g = gradient.detach().reshape(-1);
        var ww = w.dot(w);
        var coefficient = torch.where(ww > 0, w.dot(g) / ww, torch.zeros_like(ww));
        var perpendicular = g - coefficient * w;
        var perpendicularNorm = perpendicular.norm();
        var scale = torch.where(perpendicularNorm > 0, g.norm() / perpendicularNorm, torch.zeros_like(perpendicularNorm));
        return (perpendicular * scale).reshape(gradient.shape).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override void zero_grad() => _inner.zero_grad();

    /// <inheritdoc />
    public override IEnumerable<Parameter> parameters() => _parameters;

    /// <summary>Replaces every gradient by its projection (in place), then steps the inner optimizer.</summary>
    public override torch.Tensor step(Func<torch.Tensor>? closure = null)
    {
        using (torch.no_grad())
        {
            foreach (var p in _parameters)
            {
                using var grad = p.grad;
                if (grad is null)
                {
                    continue;
                }

                using var projected = Project(p, grad);
                grad.copy_(projected);
            }
        }

        return _inner.step(closure);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
