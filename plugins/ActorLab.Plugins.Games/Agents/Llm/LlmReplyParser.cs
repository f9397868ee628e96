using System.Text.Json;

namespace ActorLab.Plugins.Games.Agents.Llm;

/// <summary>
/// Strict parsing of the model's answer: the reply must be a JSON object {"probabilities": [p_1, ..., p_K]} (a
/// markdown code fence around it is tolerated) with K finite non-negative numbers summing to 1 within 1e-3; the
/// result is renormalised exactly. Anything else is an error whose message is sent back to the model as a correction.
/// </summary>
public static class LlmReplyParser
{
    /// <summary>The distribution, or null and the reason it was rejected.</summary>
    public static (double[]? Probabilities, string? Error) Parse(string? reply, int actions)
    {
        var text = (reply ?? "").Trim();
        if (text.StartsWith("```", StringComparison.Ordinal))
        {
            var firstLine = text.IndexOf('\n');
            var fence = text.LastIndexOf("```", StringComparison.Ordinal);
            text = firstLine > 0 && fence > firstLine ? text[(firstLine + 1)..fence].Trim() : text;
        }

        JsonElement probabilities;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("probabilities", out var p) || p.ValueKind != JsonValueKind.Array)
            {
                return (null, "the reply must be a JSON object with a \"probabilities\" array");
            }

            probabilities = p.Clone();
        }
        catch (JsonException)
        {
            return (null, "the reply is not valid JSON");
        }

        if (probabilities.GetArrayLength() != actions)
        {
            return (null, $"\"probabilities\" must have exactly {actions} numbers, one per action; it has {probabilities.GetArrayLength()}");
        }

        var values = new double[actions];
        var i = 0;
        foreach (var item in probabilities.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out var v) || !double.IsFinite(v) || v < 0)
            {
                return (null, $"probability {i + 1} must be a non-negative number");
            }

            values[i++] = v;
        }

        var sum = values.Sum();
        if (Math.Abs(sum - 1) > 1e-3)
        {
            return (null, $"the probabilities must sum to 1; they sum to {sum:G6}");
        }

        return (values.Select(v => v / sum).ToArray(), null);
    }
}
