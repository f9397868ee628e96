using ActorLab.Contracts.Plugins;

namespace ActorLab.Host.Scenarios;

/// <summary>A component chosen in a scenario: its registered name and its options.</summary>
/// <param name="Name">The component's kebab-case name.</param>
/// <param name="Options">Its options (empty when the scenario gave none).</param>
/// <param name="JsonPath">Where the choice sits in the scenario file, for error messages.</param>
public sealed record ComponentChoice(string Name, ComponentOptions Options, string JsonPath)
{
    /// <summary>A component chosen by name alone (a scenario record's default), at the field <paramref name="jsonPath"/>.</summary>
    public static ComponentChoice Named(string name, string jsonPath) => new(name, ComponentOptions.Empty, jsonPath);

    /// <summary>Where a mistake in how the component is set up is pointed at: its options when the scenario gives any, else its name.</summary>
    public string SetupPath => Options.Raw.ValueKind == System.Text.Json.JsonValueKind.Object && Options.Raw.EnumerateObject().Any() ? Options.JsonPath : JsonPath;
}
