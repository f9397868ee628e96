using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace ActorLab.Host.Hosting;

/// <summary>
/// The console format of Akka's own log (warnings and errors): one line per entry, <c>akka error: message (cause)</c>.
/// Akka puts whole exceptions, stack traces and all, into its messages; a journal that fails, say, gave 8,000 lines.
/// The first line of the message and of its cause say what happened; the full exceptions of a run's components go to
/// its errors.log. An entry is written once: Akka repeats the same failure on every retry (an unreachable journal, 140
/// times in 30 s).
/// </summary>
public sealed class OneLineLogFormatter() : ConsoleFormatter(FormatterName)
{
    /// <summary>The formatter's name in the console logger's options.</summary>
    public const string FormatterName = "actorlab-one-line";

    /// <summary>At most this many characters of a message.</summary>
    private const int Longest = 400;

    /// <summary>Lines remembered to write each once; beyond, the memory starts again.</summary>
    private const int Remembered = 10_000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _written = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception) ?? "";
        var line = $"akka {Level(logEntry.LogLevel)}: {Line(message, logEntry.Exception)}";
        if (_written.Count >= Remembered)
        {
            _written.Clear();
        }

        if (_written.TryAdd(line, true))
        {
            textWriter.WriteLine(line);
        }
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
