namespace ActorLab.Host.Scenarios;

/// <summary>A bound scenario of any kind: where it came from, its name and seed, and the components it names.</summary>
public interface IScenario
{
    /// <summary>The scenario file.</summary>
    string FilePath { get; }

    /// <summary>The run's name (the file name when the scenario gives none).</summary>
    string Name { get; }

    /// <summary>The run seed.</summary>
    int Seed { get; }

    /// <summary>Every component the scenario names, with the contract it must be registered under (<see cref="ComponentCheck"/>).</summary>
    IEnumerable<ComponentSlot> Components();
}
