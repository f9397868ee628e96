namespace ActorLab.Host.Results;

/// <summary>
/// The name of a run's folder, <c>&lt;UTC time&gt;-&lt;scenario&gt;-s&lt;seed&gt;</c>: the scenario's name kept to ASCII letters,
/// digits, '-' and '_' (so that it is one path segment, whatever the name holds) and to <see cref="MaxNameLength"/>
/// characters (a name taken from a long file name would otherwise exceed the file system's limit of 255 bytes).
/// </summary>
public static class RunFolderName
{
    /// <summary>The most characters of the scenario's name the folder name keeps.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The folder name for a run of <paramref name="scenarioName"/> with <paramref name="seed"/> started at <paramref name="stamp"/>.</summary>
    public static string Of(string stamp, string scenarioName, int seed) => $"{stamp}-{Segment(scenarioName)}-s{seed}";

    /// <summary>The scenario's name as it appears in folder names (also a sweep's).</summary>
    public static string Segment(string scenarioName) =>
        new(scenarioName.Take(MaxNameLength).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
}
