namespace ActorLab.Host.Tests.Plugins;

/// <summary>Sources of small plugins the plugin-loading tests compile.</summary>
internal static class TestPlugins
{
    /// <summary>A plugin registering one loss named <paramref name="loss"/>.</summary>
    public static string WithLoss(string loss) => $$"""
        using ActorLab.Contracts.Plugins;
        public sealed class Entry : IActorLabPlugin
        {
            public void Register(IComponentRegistry registry, PluginContext context) =>
                registry.AddLoss("{{loss}}", _ => new Loss(), "a loss for tests");
        }
        public sealed class Loss : ActorLab.Contracts.Losses.ILoss
        {
            public TorchSharp.torch.Tensor Compute(TorchSharp.torch.Tensor logits, TorchSharp.torch.Tensor targets) => logits.sum();
        }
        """;
}
