using System.Text.Json;
using ActorLab.Contracts.Plugins;

namespace ActorLab.Host.Scenarios;

/// <summary>
/// Reading the pieces of an already validated scenario that <see cref="ScenarioJson"/> does not bind by itself and several
/// kinds share: components (a name or <c>{ "name", "options" }</c>, with the JSON path errors point at), the data set's
/// test fraction, and labelled component lists.
/// </summary>
internal static class ScenarioBinding
{
    /// <summary>The share of rows a data set without an official test split holds out (its <c>testFraction</c>).</summary>
    public const double DefaultTestFraction = 0.2;

    /// <summary>The <c>testFraction</c> the scenario's data set gives, or null.</summary>
    public static double? TestFraction(JsonElement root) =>
        root.TryGetProperty("dataset", out var dataset) && dataset.ValueKind == JsonValueKind.Object && dataset.TryGetProperty("testFraction", out var tf)
            ? tf.GetDouble()
            : null;

    /// <summary>The component <paramref name="element"/> at <paramref name="jsonPath"/>.</summary>
    public static ComponentChoice Component(JsonElement element, string jsonPath)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return new ComponentChoice(element.GetString()!, ComponentOptions.Empty, jsonPath);
        }

        var options = element.TryGetProperty("options", out var o)
            ? new ComponentOptions(o.Clone(), jsonPath + ".options")
            : ComponentOptions.Empty;
        return new ComponentChoice(element.GetProperty("name").GetString()!, options, jsonPath + ".name");
    }

    /// <summary>
    /// The components of a list whose items are components with an optional <c>label</c> (bandit policies, game
    /// players), each labelled (default: its component's name); two items with one label are refused.
    /// </summary>
    public static List<(string Label, ComponentChoice Component)> Labelled(string path, JsonElement root, string property)
    {
        var labelled = new List<(string Label, ComponentChoice Component)>();
        var index = 0;
        foreach (var item in root.GetProperty(property).EnumerateArray())
        {
            var at = $"$.{property}[{index++}]";
            var component = Component(item, at);
            var label = LabelOf(path, item, component, at);
            if (labelled.Any(p => p.Label == label))
            {
                throw new ScenarioException(path, [new ScenarioError(at, $"two {property} are labelled '{label}'; give each a distinct \"label\"")]);
            }

            labelled.Add((label, component));
        }

        return labelled;
    }

    /// <summary>
    /// A player's or policy's label (default: its component's name). Labels name files in the run folder
    /// (<c>logs/&lt;label&gt;.vw</c>), so one that is not a plain file name is refused.
    /// </summary>
    private static string LabelOf(string path, JsonElement item, ComponentChoice component, string at)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("label", out var l))
        {
            return component.Name;
        }

        var label = l.GetString()!;
        if (label is "." or ".." || label.Any(c => c is '/' or '\\' || char.IsControl(c)))
        {
            throw new ScenarioException(path, [new ScenarioError($"{at}.label",
                $"'{label}' cannot name a file in the run folder; use letters, digits, spaces and punctuation other than '/' and '\\'")]);
        }

        return label;
    }
}
