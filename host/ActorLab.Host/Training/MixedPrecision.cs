using TorchSharp;
using static TorchSharp.torch.nn;

namespace ActorLab.Host.Training;

/// <summary>
/// Mixed-precision training (Micikevicius et al., "Mixed Precision Training", ICLR 2018) without an autocast (TorchSharp
/// 0.107 has none): the optimizer keeps float32 master weights; each step copies them into a low-precision replica
/// (bfloat16, or float16 on CUDA), runs the forward and backward passes there (the loss itself in float32), and copies
/// the gradients back as float32 for the optimizer. float16 multiplies the loss by a dynamic scale (halved and the
/// step skipped when a gradient overflows, doubled after <see cref="GrowthInterval"/> clean steps) so that small
/// gradients do not flush to zero; bfloat16 has float32's range and needs none.
/// </summary>
public sealed class MixedPrecision : IDisposable
{
    /// <summary>Clean steps before a float16 loss scale doubles.</summary>
    public const int GrowthInterval = 1000;

    private readonly Module<torch.Tensor, torch.Tensor> _low;
    private readonly Module<torch.Tensor, torch.Tensor> _masterModel;
    private readonly IReadOnlyList<TorchSharp.Modules.Parameter> _master;
    private readonly IReadOnlyList<TorchSharp.Modules.Parameter> _lowParameters;
    private readonly torch.ScalarType _type;
    private int _cleanSteps;

    /// <summary>Wraps the master model; <paramref name="low"/> is a replica of the same structure to run in <paramref name="type"/>.</summary>
    public MixedPrecision(Module<torch.Tensor, torch.Tensor> low, Module<torch.Tensor, torch.Tensor> master, torch.ScalarType type)
    {
        _type = type;
        _low = low.to(type);
        _masterModel = master;
        _master = [.. master.parameters()];
        _lowParameters = [.. _low.parameters()];
        LossScale = type == torch.ScalarType.Float16 ? 65536 : 1;
    }

    /// <summary>The current loss scale (1 for bfloat16).</summary>
    public double LossScale { get; private set; }

    /// <summary>The setting's scalar type: bf16 or fp16; null for fp32 (no mixed precision).</summary>
    public static torch.ScalarType? TypeOf(string precision) => precision switch
    {
        "bf16" => torch.ScalarType.BFloat16,
        "fp16" => torch.ScalarType.Float16,
        _ => null,
    };

    /// <summary>Copies the master weights in and runs the low-precision forward pass; the logits come back as float32.</summary>
    public torch.Tensor Forward(torch.Tensor input, bool training)
    {
        using (torch.no_grad())
        {
            foreach (var (low, master) in _lowParameters.Zip(_master))
            {
                low.copy_(master);
            }
        }

        if (training)
        {
            _low.train();
        }
        else
        {
            _low.eval();
        }

        var logits = _low.call(input.to_type(_type)).to_type(torch.ScalarType.Float32);
        if (training)
        {
            // Buffers the forward pass updated (batch norm's running statistics) go back to the master, which evaluates.
            using var noGrad = torch.no_grad();
            foreach (var (low, master) in _low.buffers().Zip(_masterModel.buffers()))
            {
                master.copy_(low);
            }
        }

        return logits;
    }

    /// <summary>Back-propagates <paramref name="loss"/> (scaled) through the replica and sets the master gradients (unscaled, float32).</summary>
    public void Backward(torch.Tensor loss, double weight = 1)
    {
        foreach (var p in _lowParameters)
        {
            p.grad?.zero_();
        }

        (loss * (weight * LossScale)).backward();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        foreach (var (low, master) in _lowParameters.Zip(_master))
        {
            if (low.grad is not { } g)
            {
                continue;
            }

            var full = g.to_type(torch.ScalarType.Float32) / LossScale;
            if (master.grad is { } existing)
            {
                existing.copy_(full);
            }
            else
            {
                master.grad = full.clone().DetachFromDisposeScope();
            }
        }
    }

    /// <summary>
    /// After a step's gradients are in: whether the optimizer may step. A non-finite gradient (float16 overflow) halves
    /// the scale and skips the step; <see cref="GrowthInterval"/> clean steps in a row double it.
    /// </summary>
    public bool Update(double gradientNorm)
    {
        if (_type != torch.ScalarType.Float16)
        {
            return true;
        }

        if (!double.IsFinite(gradientNorm))
        {
            LossScale = Math.Max(1, LossScale / 2);
            _cleanSteps = 0;
            return false;
        }

        if (++_cleanSteps >= GrowthInterval)
        {
            LossScale *= 2;
            _cleanSteps = 0;
        }

        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _low.Dispose();
}
