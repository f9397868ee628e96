using ActorLab.Host.Plugins;

namespace ActorLab.Host.Scenarios;

/// <summary>
/// The one check of a scenario's components against the loaded plugins, for every kind: first every name that is not
/// registered (all reported together, each at its JSON path with the names that are), then the options of the rest,
/// so that a mistake is reported before the run starts.
/// </summary>
public static class ComponentCheck
{
    /// <summary>
    /// Checks the components of <paramref name="scenario"/>; throws <see cref="ScenarioException"/> naming every missing component, or the
    /// options error of the first component whose options its record refuses.
    /// </summary>
    public static void Run(BoundScenario scenario, PluginCatalog catalog)
    {
        var all = scenario.Components().ToList();
        var errors = all.Where(s => !catalog.Contains(s.Contract, s.Choice.Name))
            .Select(s => new ScenarioError(s.Choice.JsonPath, Missing(catalog, s.Contract, s.Choice.Name)))
            .ToList();
        if (errors.Count > 0)
        {
            throw new ScenarioException(scenario.FilePath, errors);
        }

        foreach (var slot in all)
        {
            catalog.CheckOptions(slot.Contract, slot.Choice.Name, slot.Choice.Options);
        }
    }

    /// <summary>What is said of a component name no loaded plugin registers under <paramref name="contract"/>.</summary>
    public static string Missing(PluginCatalog catalog, Type contract, string name)
    {
        var known = catalog.NamesOf(contract);
        return $"no {ComponentKinds.Of(contract)} named '{name}' is registered; known: {(known.Count == 0 ? "none" : string.Join(", ", known))}; is its plugin enabled in plugins.json?";
    }
}
