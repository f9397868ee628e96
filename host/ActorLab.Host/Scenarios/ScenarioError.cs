namespace ActorLab.Host.Scenarios;

/// <summary>One mistake in a scenario file.</summary>
/// <param name="JsonPath">Where, e.g. <c>$.clients.perRound</c>, or a line/position for malformed JSON.</param>
/// <param name="Message">What was expected and what was found.</param>
public sealed record ScenarioError(string JsonPath, string Message);

/// <summary>
/// A scenario file cannot be run. Each line of the message reads
/// <c>file: $.path: what was expected, got what</c>.
/// </summary>
public sealed class ScenarioException(string filePath, IReadOnlyList<ScenarioError> errors)
    : Exception(string.Join(Environment.NewLine, errors.Select(e => $"{filePath}: {e.JsonPath}: {e.Message}")))
{
    /// <summary>The scenario file.</summary>
    public string FilePath { get; } = filePath;

    /// <summary>Every mistake found, in file order.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; } = errors;
}
