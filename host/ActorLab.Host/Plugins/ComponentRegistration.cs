using ActorLab.Contracts.Plugins;

namespace ActorLab.Host.Plugins;

/// <summary>One registered component: its contract, name, owning plugin and factory.</summary>
public sealed record ComponentRegistration(Type Contract, string Name, string Plugin, string? Description, Func<ComponentOptions, object> Factory)
{
    /// <summary>The contract's short name for people: "loss", "model", "strategy", ...</summary>
    public string Kind => ComponentKinds.Of(Contract);
}
