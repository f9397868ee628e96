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
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var flat = torch.cat(model.parameters().Select(p => p.detach().reshape(-1)).ToList(), 0);
        return flat.data<float>().ToArray();
    }

    /// <summary>Overwrites the model's parameters with <paramref name="values"/>.</summary>
    public static void Load(Module<torch.Tensor, torch.Tensor> model, float[] values)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var flat = torch.tensor(values);
        long offset = 0;
        foreach (var parameter in model.parameters())
        {
            var count = parameter.numel();
            if (offset + count > values.Length)
            {
                throw new ArgumentException($"parameter buffer holds {values.Length} values, the model needs more");
            }

            parameter.copy_(flat.narrow(0, offset, count).view(parameter.shape));
            offset += count;
        }

        if (offset != values.Length)
        {
            throw new ArgumentException($"parameter buffer holds {values.Length} values, the model has {offset}");
        }
    }
}
