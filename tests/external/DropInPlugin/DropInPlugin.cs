using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Plugins;
using Newtonsoft.Json;
using TorchSharp;

namespace DropIn;

/// <summary>Entry point of a plugin built outside the ActorLab solution.</summary>
public sealed class DropInPlugin : IActorLabPlugin
{
    /// <summary>The Newtonsoft.Json this plugin runs with (its own 12.x, not the host's 13.x).</summary>
    public static string NewtonsoftVersion => typeof(JsonConvert).Assembly.GetName().Version!.ToString();

    public void Register(IComponentRegistry registry, PluginContext context)
    {
        // Uses its Newtonsoft.Json during registration, and reports which one it got.
        var settings = JsonConvert.DeserializeObject<Settings>(context.Config.GetRawText()) ?? new Settings();
        registry.AddLoss("drop-in-ce", _ => new ScaledCrossEntropy(settings.Scale),
            $"newtonsoft={NewtonsoftVersion};location={typeof(JsonConvert).Assembly.Location}");
    }

    private sealed class Settings
    {
        public double Scale { get; set; } = 1.0;
    }
}

/// <summary>Cross-entropy times a constant read from the plugin's config.</summary>
public sealed class ScaledCrossEntropy(double scale) : ILoss
{
    public torch.Tensor Compute(torch.Tensor logits, torch.Tensor targets) =>
        torch.nn.functional.cross_entropy(logits, targets) * scale;
}
