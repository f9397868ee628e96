using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace ActorLab.Host.Hosting;

/// <summary>
/// The console format of Akka's own log (warnings and errors): one line per entry, <c>akka error: message (cause)</c>.
/// Akka puts whole exceptions, stack traces and all, into its messages; a journal that fails, say, gave 8,000 lines.
/// The first line of the message and of its cause say what happened; the full exceptions of a run's components go to
/// its errors.log.
/// </summary>
public sealed class OneLineLogFormatter() : ConsoleFormatter(FormatterName)
{
    /// <summary>The formatter's name in the console logger's options.</summary>
    public const string FormatterName = "actorlab-one-line";

    /// <summary>At most this many characters of a message.</summary>
    private const int Longest = 400;

    /// <inheritdoc />
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception) ?? "";
        textWriter.WriteLine($"akka {Level(logEntry.LogLevel)}: {Line(message, logEntry.Exception)}");
    }

    /// <summary>The first line of <paramref name="message"/>, with the first line of its cause (Akka's "Cause:" line, or the exception).</summary>
    public static string Line(string message, Exception? exception)
    {
        var lines = message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var first = lines.FirstOrDefault() ?? "";
        // Akka's messages start with "[ERROR][date][thread][path]": the path says where, the rest is noise on a console.
        if (first.StartsWith('[') && first.LastIndexOf("][", StringComparison.Ordinal) is var at and > 0 && first.IndexOf(']', at + 2) is var end and > 0)
        {
            first = $"{first[(at + 2)..end]}: {first[(end + 1)..].Trim()}";
        }

        var cause = exception is not null
            ? $"{exception.GetType().Name}: {exception.Message.Split('\n', 2)[0].Trim()}"
            : lines.Skip(1).FirstOrDefault(l => l.StartsWith("Cause:", StringComparison.Ordinal))?["Cause:".Length..].Trim();
        var line = cause is null || first.Contains(cause, StringComparison.Ordinal) ? first : $"{first} ({cause})";
        return line.Length <= Longest ? line : line[..Longest] + "…";
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Critical => "critical",
        LogLevel.Error => "error",
        LogLevel.Warning => "warning",
        LogLevel.Information => "info",
        _ => "debug",
    };
}
