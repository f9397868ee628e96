namespace ActorLab.Host.Simulation;

/// <summary>How a hosted simulation ended: its outcome when completed, else why not.</summary>
/// <param name="Outcome">The completion's value, or null when the run failed or was cancelled.</param>
/// <param name="Status">completed, failed or cancelled.</param>
/// <param name="Failure">The failure's message, or null.</param>
public sealed record SimulationResult<T>(T? Outcome, string Status, string? Failure)
    where T : class;
