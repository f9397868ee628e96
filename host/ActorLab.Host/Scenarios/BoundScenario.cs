using System.Text.Json.Serialization;

namespace ActorLab.Host.Scenarios;

/// <summary>
/// A bound scenario of any kind (its record derives from this one): where it came from, its name and seed, and the
/// components it names. <see cref="ScenarioJson"/> binds it; its initialisers are the scenario's defaults.
/// </summary>
public abstract record BoundScenario
{
    /// <summary>The scenario file.</summary>
    [JsonIgnore]
    public string FilePath { get; init; } = "";

    /// <summary>The run's name (the file name when the scenario gives none; see <see cref="ScenarioDocument.Name"/>).</summary>
    [JsonIgnore]
    public string Name { get; init; } = "";

    /// <summary>The run seed.</summary>
    public int Seed { get; init; }

    /// <summary>Every component the scenario names, with the contract it must be registered under (<see cref="ComponentCheck"/>).</summary>
    public abstract IEnumerable<ComponentSlot> Components();
}
