using System.Text.Json;
using System.Text.RegularExpressions;

namespace ActorLab.Host.Scenarios;

/// <summary>
/// What a scenario file may hold beyond its schema: arrays of at most <see cref="MaxArrayLength"/> elements (so that a
/// runaway generated file is refused at once rather than validated for minutes), and numbers the binder can read.
/// </summary>
public static partial class ScenarioLimits
{
    /// <summary>The most elements any array of a scenario may have.</summary>
    public const int MaxArrayLength = 10_000;

    /// <summary>The first array longer than <see cref="MaxArrayLength"/>, as an error, or null.</summary>
    public static ScenarioError? TooLarge(JsonElement root)
    {
        var pending = new Stack<(JsonElement Element, string Path)>();
        pending.Push((root, "$"));
        while (pending.TryPop(out var item))
        {
            switch (item.Element.ValueKind)
            {
                case JsonValueKind.Array:
                    var length = item.Element.GetArrayLength();
                    if (length > MaxArrayLength)
                    {
                        return new ScenarioError(item.Path, $"{length} elements; a scenario array holds at most {MaxArrayLength}");
                    }

                    var index = 0;
                    foreach (var element in item.Element.EnumerateArray())
                    {
                        pending.Push((element, $"{item.Path}[{index++}]"));
                    }

                    break;
                case JsonValueKind.Object:
                    foreach (var property in item.Element.EnumerateObject())
                    {
                        pending.Push((property.Value, $"{item.Path}.{property.Name}"));
                    }

                    break;
            }
        }

        return null;
    }

    /// <summary>
    /// After the binder could not read a number: the likeliest culprit (out of range for any number, a whole number
    /// beyond 32 bits, or one written with an exponent), as an error naming its path.
    /// </summary>
    public static ScenarioError UnreadableNumber(JsonElement root)
    {
        var numbers = new List<(JsonElement Element, string Path)>();
        Collect(root, "$", numbers);
        foreach (var (element, path) in numbers)
        {
            if (!element.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                return new ScenarioError(path, $"{element.GetRawText()} is out of range for a number");
            }
        }

        foreach (var (element, path) in numbers)
        {
            if (WholeNumber().IsMatch(element.GetRawText()) && !element.TryGetInt32(out _))
            {
                return new ScenarioError(path, $"expected a whole number from {int.MinValue} to {int.MaxValue}, got {element.GetRawText()}");
            }
        }

        foreach (var (element, path) in numbers)
        {
            var raw = element.GetRawText();
            if (raw.Contains('e', StringComparison.OrdinalIgnoreCase) && !element.TryGetInt32(out _) && element.GetDouble() == Math.Floor(element.GetDouble()))
            {
                return new ScenarioError(path, $"write whole numbers without an exponent (from {int.MinValue} to {int.MaxValue}), got {raw}");
            }
        }

        return new ScenarioError("$", "a number cannot be read; whole numbers must lie between -2147483648 and 2147483647, written without an exponent");
    }

    private static void Collect(JsonElement element, string path, List<(JsonElement, string)> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                into.Add((element, path));
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, $"{path}[{index++}]", into);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, $"{path}.{property.Name}", into);
                }

                break;
        }
    }

    [GeneratedRegex(@"^-?\d+$")]
    private static partial Regex WholeNumber();
}
