using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorLab.Host.Sweeps;

/// <summary>One axis of a sweep: a scenario field and the values it takes.</summary>
/// <param name="Path">The field as given (e.g. <c>partition.alpha</c>).</param>
/// <param name="Segments">The resolved path in the scenario (e.g. partitioner, options, alpha).</param>
/// <param name="Values">The values, as JSON.</param>
public sealed record SweepAxis(string Path, IReadOnlyList<string> Segments, IReadOnlyList<JsonNode?> Values);

/// <summary>One point of the grid: a value for each axis.</summary>
public sealed record SweepPoint(IReadOnlyList<(SweepAxis Axis, JsonNode? Value)> Settings)
{
    /// <summary>A short label, e.g. <c>strategy.name=fedprox partition.alpha=0.1</c>.</summary>
    public string Label => string.Join(' ', Settings.Select(s => $"{s.Axis.Path}={Text(s.Value)}"));

    /// <summary>A folder-safe form of <see cref="Label"/>.</summary>
    public string Slug => new(string.Join('_', Settings.Select(s => $"{s.Axis.Segments[^1]}-{Text(s.Value)}"))
        .Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray());

    internal static string Text(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "null";
}

/// <summary>
/// The grid of a sweep: <c>--set field=v1,v2</c> axes, their cartesian product, and the scenario JSON of each
/// point. Fields are dotted paths into the scenario; for a component (dataset, partitioner, model, loss,
/// strategy, optimizer) a field other than <c>name</c> means an option (<c>partitioner.alpha</c> is
/// <c>partitioner.options.alpha</c>), and <c>partition</c> is accepted for <c>partitioner</c>. A component given as
/// a plain name is turned into <c>{ "name": ... }</c> when an option is set.
/// </summary>
public static class SweepGrid
{
    private static readonly HashSet<string> Components = ["dataset", "partitioner", "model", "loss", "strategy", "optimizer"];

    /// <summary>Parses one <c>--set</c> argument.</summary>
    public static SweepAxis ParseAxis(string argument)
    {
        var equals = argument.IndexOf('=');
        if (equals <= 0 || equals == argument.Length - 1)
        {
            throw new ArgumentException($"--set {argument}: expected field=value1,value2 (e.g. --set strategy.name=fedavg,fedprox)");
        }

        var path = argument[..equals].Trim();
        var segments = Segments(path);
        if (segments is null || segments.Count == 0)
        {
            throw new ArgumentException($"--set {argument}: '{path}' is not a dotted field path (fields by name, array items by [index]: policies[0].options.epsilon)");
        }

        if (segments[0] == "partition")
        {
            segments[0] = "partitioner";
        }

        if (Components.Contains(segments[0]) && segments.Count == 2 && segments[1] is not ("name" or "options" or "testFraction"))
        {
            segments.Insert(1, "options");
        }

        var values = argument[(equals + 1)..].Split(',').Select(v => ParseValue(v.Trim())).ToList();
        return new SweepAxis(path, segments, values);
    }

    /// <summary>Every combination of the axes' values, the first axis varying slowest.</summary>
    public static IReadOnlyList<SweepPoint> Points(IReadOnlyList<SweepAxis> axes)
    {
        IEnumerable<IReadOnlyList<(SweepAxis, JsonNode?)>> combos = [[]];
        foreach (var axis in axes)
        {
            combos = combos.SelectMany(c => axis.Values.Select(v => (IReadOnlyList<(SweepAxis, JsonNode?)>)[.. c, (axis, v)])).ToList();
        }

        return combos.Select(c => new SweepPoint(c)).ToList();
    }

    /// <summary>The scenario JSON with the point's settings and the seed applied.</summary>
    public static string Apply(string scenarioJson, SweepPoint point, int seed, string name)
    {
        var root = JsonNode.Parse(scenarioJson, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
        foreach (var (axis, value) in point.Settings)
        {
            Set(root, axis.Segments, value?.DeepClone());
        }

        root["seed"] = seed;
        root["name"] = name;
        root.Remove("$schema");
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>"policies[0].options.epsilon" as ["policies", "[0]", "options", "epsilon"]; null when it is not such a path.</summary>
    private static List<string>? Segments(string path)
    {
        var segments = new List<string>();
        foreach (var part in path.Split('.').Select(s => s.Trim()))
        {
            var bracket = part.IndexOf('[');
            var name = bracket < 0 ? part : part[..bracket];
            if (name.Length == 0 && (bracket != 0 || segments.Count == 0))
            {
                return null;
            }

            if (name.Length > 0)
            {
                segments.Add(name);
            }

            for (var rest = bracket < 0 ? "" : part[bracket..]; rest.Length > 0;)
            {
                var close = rest.IndexOf(']');
                if (!rest.StartsWith('[') || close < 2 || !int.TryParse(rest[1..close], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    return null;
                }

                segments.Add($"[{index}]");
                rest = rest[(close + 1)..];
            }
        }

        return segments;
    }

    private static bool IsIndex(string segment, out int index)
    {
        index = -1;
        return segment.StartsWith('[') && int.TryParse(segment[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    private static void Set(JsonObject root, IReadOnlyList<string> segments, JsonNode? value)
    {
        JsonNode node = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            var next = Child(node, segments, i);
            // A component named by a string ("fedavg", or "ucb1" in a list) becomes { "name": ... } to take options.
            if (next is JsonValue name && name.TryGetValue<string>(out _) && (i == 0 ? Components.Contains(segments[0]) : IsIndex(segments[i], out _)))
            {
                next = new JsonObject { ["name"] = name.DeepClone() };
                Replace(node, segments[i], next);
            }

            if (next is null || (next is not JsonObject && !(i + 1 < segments.Count && IsIndex(segments[i + 1], out _))))
            {
                next = new JsonObject();
                Replace(node, segments[i], next);
            }

            node = next;
        }

        if (segments.Count == 1 && Components.Contains(segments[0]) && root[segments[0]] is JsonObject component)
        {
            component["name"] = value; // --set strategy=fedprox keeps the component's options
            return;
        }

        if (IsIndex(segments[^1], out _))
        {
            Child(node, segments, segments.Count - 1); // the item must exist
        }

        Replace(node, segments[^1], value);
    }

    private static JsonNode? Child(JsonNode node, IReadOnlyList<string> segments, int i)
    {
        if (!IsIndex(segments[i], out var index))
        {
            return node is JsonObject o ? o[segments[i]] : throw new ArgumentException($"--set {Path(segments, i)}: '{Path(segments, i - 1)}' is a list here, not an object");
        }

        return node is JsonArray list && index < list.Count
            ? list[index]
            : throw new ArgumentException(node is JsonArray items
                ? $"--set {Path(segments, i)}: the scenario's {Path(segments, i - 1)} has {items.Count} item(s), so index {index} does not exist"
                : $"--set {Path(segments, i)}: the scenario's {Path(segments, i - 1)} is not a list");
    }

    private static void Replace(JsonNode node, string segment, JsonNode? value)
    {
        if (IsIndex(segment, out var index))
        {
            node.AsArray()[index] = value;
        }
        else
        {
            node.AsObject()[segment] = value;
        }
    }

    private static string Path(IReadOnlyList<string> segments, int last) =>
        string.Concat(segments.Take(last + 1).Select((s, i) => i == 0 || s.StartsWith('[') ? s : "." + s));

    private static JsonNode? ParseValue(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || text is "true" or "false" or "null"
            || text.StartsWith('[') || text.StartsWith('{') || text.StartsWith('"'))
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // fall through: a plain string
            }
        }

        return JsonValue.Create(text);
    }
}
