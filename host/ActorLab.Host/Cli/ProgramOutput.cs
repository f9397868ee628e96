namespace ActorLab.Host.Cli;

/// <summary>
/// Stdout kept for the program's answer. With <c>--json</c>, whatever a library writes to <see cref="Console.Out"/>
/// while a command runs (Akka's fallback logger at actor-system start and shutdown, seen once in CI under load) goes
/// to stderr instead, and the command writes its JSON through <see cref="Out"/>, the real stdout: a script that parses
/// stdout always gets exactly one JSON document.
/// </summary>
public static class ProgramOutput
{
    private static TextWriter? _reserved;

    /// <summary>The process's real stdout after <see cref="Reserve"/>; until then whatever <see cref="Console.Out"/> is now.</summary>
    public static TextWriter Out => _reserved ?? Console.Out;

    /// <summary>Sends <see cref="Console.Out"/> to stderr from now on; <see cref="Out"/> keeps the real stdout.</summary>
    public static void Reserve()
    {
        _reserved = Console.Out;
        Console.SetOut(Console.Error);
    }
}
