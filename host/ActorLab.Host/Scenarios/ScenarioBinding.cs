using System.Text.Json;
using ActorLab.Contracts.Plugins;

namespace ActorLab.Host.Scenarios;

/// <summary>
/// Reading pieces of an already validated scenario that several kinds share: components (a name or
/// <c>{ "name", "options" }</c>, with the JSON path errors point at), the data set, labels and optional values.
/// </summary>
internal static class ScenarioBinding
{
    /// <summary>The scenario's <c>name</c>, or the file name without extension.</summary>
    public static string Name(string path, JsonElement root) =>
        root.TryGetProperty("name", out var name) ? name.GetString()! : Path.GetFileNameWithoutExtension(path);

    /// <summary>The scenario's <c>seed</c> (0 when it sets none).</summary>
    public static int Seed(JsonElement root) => root.TryGetProperty("seed", out var seed) ? seed.GetInt32() : 0;

    /// <summary>The data set (a component whose object form may add <c>testFraction</c>).</summary>
    public static (ComponentChoice Choice, double TestFraction) Dataset(JsonElement element)
    {
        var choice = Component(element, "$.dataset");
        var testFraction = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("testFraction", out var tf) ? tf.GetDouble() : 0.2;
        return (choice, testFraction);
    }

    /// <summary>The component at <c>$.<paramref name="property"/></c> of <paramref name="root"/>, or <paramref name="fallback"/> with no options.</summary>
    public static ComponentChoice Component(JsonElement root, string property, string fallback) =>
        root.TryGetProperty(property, out var element)
            ? Component(element, "$." + property)
            : new ComponentChoice(fallback, ComponentOptions.Empty, "$." + property);

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

    /// <summary>An optional whole number.</summary>
    public static int? Int(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value.GetInt32() : null;

    /// <summary>An optional number.</summary>
    public static double? Double(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value.GetDouble() : null;

    /// <summary>An optional Boolean.</summary>
    public static bool? Bool(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) ? value.GetBoolean() : null;
}
