using ActorLab.Contracts.Plugins;

namespace ActorLab.Host.Plugins;

/// <summary>One registered component: its contract, name, owning plugin and factory.</summary>
/// <param name="Contract">The component interface.</param>
/// <param name="Name">Its kebab-case name.</param>
/// <param name="Plugin">The plugin that registered it.</param>
/// <param name="Description">One line for listings.</param>
/// <param name="Factory">Builds the component from the scenario's options.</param>
/// <param name="OptionsType">The options record it declared (typed registration), or null: "options: not declared".</param>
public sealed record ComponentRegistration(Type Contract, string Name, string Plugin, string? Description, Func<ComponentOptions, object> Factory, Type? OptionsType = null)
{
    /// <summary>How messages name it: <c>loss 'z-loss'</c>.</summary>
    public string Label => $"{Kind} '{Name}'";

    /// <summary>The contract's short name for people: "loss", "model", "strategy", ...</summary>
    public string Kind => ComponentKinds.Of(Contract);
}
