using System.Text.Json;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Federated;

/// <summary>
/// The rules across fields of a federated scenario that its schema cannot say (clients.perRound at most clients.total,
/// minFit at most perRound, adaptive clipping's noise bound, a round timeout for message drops).
/// </summary>
internal static class FederatedScenarioRules
{
    /// <summary>The mistakes across fields of a federated scenario, checked beside its schema.</summary>
    internal static List<ScenarioError> Check(JsonElement root)
    {
        var errors = new List<ScenarioError>();
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("clients", out var clients) && clients.ValueKind == JsonValueKind.Object
            && clients.TryGetProperty("total", out var total) && IsInt32(total, out var totalValue) && totalValue >= 1
            && clients.TryGetProperty("perRound", out var perRound) && IsInt32(perRound, out var perRoundValue)
            && (perRoundValue < 1 || perRoundValue > totalValue))
        {
            errors.Add(new ScenarioError("$.clients.perRound", $"must be between 1 and clients.total ({totalValue}), got {perRoundValue}"));
        }

        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("clients", out var c) && c.ValueKind == JsonValueKind.Object
            && c.TryGetProperty("perRound", out var pr) && IsInt32(pr, out var prValue) && prValue >= 1
            && c.TryGetProperty("minFit", out var minFit) && IsInt32(minFit, out var minFitValue) && minFitValue > prValue)
        {
            errors.Add(new ScenarioError("$.clients.minFit", $"must be at most clients.perRound ({prValue}), got {minFitValue}"));
        }

        // Adaptive clipping spends part of the budget on the clipped-count noise (sigma_b = m / 20), which only
        // works while z < 2 sigma_b.
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("privacy", out var privacy) && privacy.ValueKind == JsonValueKind.Object
            && privacy.TryGetProperty("clipping", out var clipping) && clipping.ValueKind == JsonValueKind.String && clipping.GetString() == "adaptive"
            && privacy.TryGetProperty("noiseMultiplier", out var z) && IsDouble(z, out var zValue)
            && root.TryGetProperty("clients", out var cl) && cl.ValueKind == JsonValueKind.Object
            && cl.TryGetProperty("perRound", out var m) && IsInt32(m, out var mValue) && zValue >= mValue / 10.0)
        {
            errors.Add(new ScenarioError("$.privacy.noiseMultiplier",
                $"with adaptive clipping must be below clients.perRound / 10 ({mValue / 10.0}), got {zValue}; sample more clients per round or use fixed clipping"));
        }

        // A lost message is noticed only when the round's time is up.
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("faults", out var faults) && faults.ValueKind == JsonValueKind.Object
            && faults.TryGetProperty("messageDrops", out var drops) && drops.TryGetDouble(out var dropsValue) && dropsValue > 0
            && !(root.TryGetProperty("clients", out var withTimeout) && withTimeout.ValueKind == JsonValueKind.Object && withTimeout.TryGetProperty("timeoutSeconds", out _)))
        {
            errors.Add(new ScenarioError("$.faults.messageDrops",
                "needs a round timeout: the server notices a lost message only when the round's time is up; add \"timeoutSeconds\" (e.g. 10) to \"clients\""));
        }

        return errors;
    }

    // The rules run beside the schema, before its errors are reported: a value of the wrong type is the schema's to report, not a crash.
    private static bool IsInt32(JsonElement e, out int value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out value);
    }

    private static bool IsDouble(JsonElement e, out double value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out value);
    }
}
