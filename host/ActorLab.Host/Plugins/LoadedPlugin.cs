namespace ActorLab.Host.Plugins;

/// <summary>A plugin that loaded, with what it registered.</summary>
/// <param name="Name">The plugin's assembly name.</param>
/// <param name="Version">Its informational version.</param>
/// <param name="Path">The assembly file.</param>
/// <param name="Components">Its components in registration order.</param>
public sealed record LoadedPlugin(string Name, string Version, string Path, IReadOnlyList<ComponentRegistration> Components);
