using System.Text.Json;
using ActorLab.Contracts.Plugins;
using ActorLab.Host.Plugins;

namespace ActorLab.Host.Tests.Support;

/// <summary>The repository's plugins (plugins.json), loaded once, for tests that create components by name.</summary>
public static class RepoCatalog
{
    private static readonly Lazy<PluginCatalog> Loaded = new(() => PluginCatalogLoader.Load(Repo.Manifest));

    /// <summary>The catalog itself.</summary>
    public static PluginCatalog Catalog => Loaded.Value;

    /// <summary>A new <typeparamref name="TContract"/> registered as <paramref name="name"/>, with options given as a JSON object.</summary>
    public static TContract Create<TContract>(string name, string options = "{}") where TContract : class =>
        Loaded.Value.Create<TContract>(name, new ComponentOptions(JsonDocument.Parse(options).RootElement.Clone(), "$.options"));
}
