using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace ActorLab.Host.Federated;

/// <summary>
/// Moves a model's parameters to and from one flat float buffer in <c>parameters()</c> order: the form
/// in which parameters travel between actors (and, later, nodes), never as live tensors.
/// </summary>
public static class ModelParameters
{
    /// <summary>Copies every parameter into a new flat array.</summary>
    public static float[] Flatten(Module<torch.Tensor, torch.Tensor> model)
    {
        var parameters = model.parameters().ToList();
        if (OnCpu(parameters))
        {
            // Straight from each parameter's memory into the array: no concatenated tensor in between.
            var values = new float[parameters.Sum(p => p.numel())];
            long offset = 0;
            foreach (var parameter in parameters)
            {
                var count = parameter.numel();
                MemoryMarshal.Cast<byte, float>(parameter.bytes).CopyTo(values.AsSpan((int)offset, (int)count));
                offset += count;
            }

            return values;
        }

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var flat = torch.cat(model.parameters().Select(p => p.detach().reshape(-1)).ToList(), 0);
        return flat.cpu().data<float>().ToArray();
    }

    /// <summary>Whether every parameter is a contiguous float32 tensor in CPU memory, which can be read and written in place.</summary>
    private static bool OnCpu(IReadOnlyList<TorchSharp.Modules.Parameter> parameters) =>
        parameters.All(p => p.device_type == DeviceType.CPU && p.dtype == torch.float32 && p.is_contiguous());

    /// <summary>Copies every parameter's gradient (zeros where there is none) into a new flat array.</summary>
    public static float[] FlattenGradients(IReadOnlyList<TorchSharp.Modules.Parameter> parameters)
    {
        using var scope = torch.NewDisposeScope();
        var flat = torch.cat(parameters.Select(p => p.grad is { } g ? g.reshape(-1) : torch.zeros(p.numel(), device: p.device)).ToList(), 0);
        return flat.cpu().data<float>().ToArray();
    }

    /// <summary>Sets every parameter's gradient from <paramref name="values"/> (the layout of <see cref="FlattenGradients"/>).</summary>
    public static void LoadGradients(IReadOnlyList<TorchSharp.Modules.Parameter> parameters, float[] values)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var flat = torch.tensor(values);
        long offset = 0;
        foreach (var p in parameters)
        {
            var count = p.numel();
            var slice = flat.narrow(0, offset, count).view(p.shape).to(p.device);
            if (p.grad is { } g)
            {
                g.copy_(slice);
            }
            else
            {
                p.grad = slice.clone().DetachFromDisposeScope();
            }

            offset += count;
        }
    }

    /// <summary>Overwrites the model's parameters with <paramref name="values"/>.</summary>
    public static void Load(Module<torch.Tensor, torch.Tensor> model, float[] values)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var parameters = model.parameters().ToList();
        var direct = OnCpu(parameters);
        var flat = direct ? null : torch.tensor(values);
        long offset = 0;
        foreach (var parameter in parameters)
        {
            var count = parameter.numel();
            if (offset + count > values.Length)
            {
                throw new ArgumentException($"parameter buffer holds {values.Length} values, the model needs more");
            }

            if (flat is null)
            {
                // Straight into the parameter's memory (a CPU float32 contiguous leaf, under no_grad): no staging tensor.
                values.AsSpan((int)offset, (int)count).CopyTo(MemoryMarshal.Cast<byte, float>(parameter.bytes));
            }
            else
            {
                parameter.copy_(flat.narrow(0, offset, count).view(parameter.shape));
            }

            offset += count;
        }

        if (offset != values.Length)
        {
            throw new ArgumentException($"parameter buffer holds {values.Length} values, the model has {offset}");
        }
    }
}
