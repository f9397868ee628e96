using ActorLab.Contracts.Models;
using ActorLab.Contracts.Plugins;
using ActorLab.Host.Scenarios;
using TorchSharp;

namespace ActorLab.Host.Plugins;

/// <summary>
/// Builds a scenario's model before a run: a model that refuses its options (an <see cref="ArgumentException"/>, e.g.
/// hidden layers whose parameters would not fit in memory), that runs out of memory while libtorch allocates it, or that
/// has more parameters than one flat float array holds, is an input error at the model's JSON path, never a native
/// stack trace.
/// </summary>
public static class ModelConstruction
{
    /// <summary>The model <paramref name="factory"/> builds for <paramref name="shape"/>; <paramref name="model"/> is the scenario's choice, for errors.</summary>
    public static torch.nn.Module<torch.Tensor, torch.Tensor> Create(IModelFactory factory, ComponentChoice model, ModelShape shape)
    {
        var built = ComponentSetup.Checked(model.SetupPath, () => factory.Create(shape), model.Options, $"model '{model.Name}'");
        var parameters = built.parameters().Sum(p => p.numel());
        if (parameters > Array.MaxLength)
        {
            built.Dispose();
            throw new ComponentOptionsException(model.SetupPath, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"model '{model.Name}' has {parameters:N0} parameters; a run ships them as one float array, of at most {Array.MaxLength:N0}; use smaller sizes"));
        }

        return built;
    }
}
