using System.Text.Json;
using System.Text.RegularExpressions;

namespace ActorLab.Host.Scenarios;

/// <summary>
/// What a scenario file may hold beyond its schema: arrays of at most <see cref="MaxArrayLength"/> elements (so that a
/// runaway generated file is refused at once rather than validated for minutes), finite numbers (1e309 parses as
/// Infinity and would train to NaN), strings that are text (a lone UTF-16 surrogate escape such as "\ud800" is not,
/// and crashes whatever reads it), and numbers the binder can read.
/// </summary>
public static partial class ScenarioLimits
{
    /// <summary>The most elements any array of a scenario may have.</summary>
    public const int MaxArrayLength = 10_000;

    /// <summary>
    /// Every value the schema cannot be trusted with, in file order: arrays longer than <see cref="MaxArrayLength"/>
    /// (not looked into), numbers that are not finite, strings and field names that hold a lone surrogate.
    /// </summary>
    public static IReadOnlyList<ScenarioError> Violations(JsonElement root)
    {
        var errors = new List<ScenarioError>();
        Check(root, "$", errors);
        return errors;
    }

    private static void Check(JsonElement element, string path, List<ScenarioError> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                var length = element.GetArrayLength();
                if (length > MaxArrayLength)
                {
                    errors.Add(new ScenarioError(path, $"{length} elements; a scenario array holds at most {MaxArrayLength}"));
                    return;
                }

                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Check(item, $"{path}[{index++}]", errors);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!IsText(() => property.Name))
                    {
                        errors.Add(new ScenarioError(path, $"a field name holds {LoneSurrogate}"));
                        continue;
                    }

                    Check(property.Value, $"{path}.{property.Name}", errors);
                }

                break;
            case JsonValueKind.Number:
                if (!element.TryGetDouble(out var value) || !double.IsFinite(value))
                {
                    errors.Add(new ScenarioError(path, $"{Shown(element.GetRawText())} is out of range for a number; numbers must be finite, at most about 1.8e308 in magnitude"));
                }

                break;
            case JsonValueKind.String:
                if (!IsText(() => element.GetString()))
                {
                    errors.Add(new ScenarioError(path, $"holds {LoneSurrogate}"));
                }

                break;
        }
    }

    /// <summary>What a string holding a lone surrogate is told (also by plugins.json's reader).</summary>
    internal const string LoneSurrogate = "a lone UTF-16 surrogate escape (\\ud800 to \\udfff without its pair), which is not a character; write the character itself, or both escapes of its surrogate pair";

    private static bool IsText(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false; // System.Text.Json refuses to unescape an incomplete surrogate pair
        }
    }

    private static string Shown(string raw) => raw.Length > 40 ? raw[..37] + "..." : raw;

    /// <summary>
    /// After the binder could not read a number (every number is finite by then, see <see cref="Violations"/>): the
    /// likeliest culprit (a whole number beyond 32 bits, or one written with an exponent), as an error naming its path.
    /// </summary>
    public static ScenarioError UnreadableNumber(JsonElement root)
    {
        var numbers = new List<(JsonElement Element, string Path)>();
        Collect(root, "$", numbers);
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
