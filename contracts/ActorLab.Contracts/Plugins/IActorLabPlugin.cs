namespace ActorLab.Contracts.Plugins;

/// <summary>
/// The one entry point of a plugin assembly: a public class with a parameterless constructor that
/// registers the assembly's components by name. The host finds it, calls <see cref="Register"/> once,
/// and reports duplicate names and exceptions with the plugin's name.
/// </summary>
public interface IActorLabPlugin
{
    /// <summary>Registers every component of this plugin, e.g. <c>registry.AddLoss&lt;ZLoss&gt;("z-loss")</c>.</summary>
    void Register(IComponentRegistry registry, PluginContext context);
}
