using ActorLab.Host.Hosting;
using Xunit;

namespace ActorLab.Host.Tests.Resume;

/// <summary>Akka's log reaches the console one line per entry (a failing journal printed 8,000 lines of stack traces).</summary>
public sealed class AkkaLogLineTests
{
    [Fact]
    public void An_entry_with_a_stack_trace_in_its_message_is_one_line_with_its_cause()
    {
        const string message = """
            [ERROR][12/02/2026 13:46:41.869Z][Thread 0003][akka://actorlab/system/akka.persistence.journal.sql] Failure during SQL Journal initialization.
            Cause: Microsoft.Data.Sqlite.SqliteException (0x80004005): SQLite Error 11: 'database disk image is malformed'.
               at Microsoft.Data.Sqlite.SqliteException.ThrowExceptionForRC(Int32 rc, sqlite3 db)
               at Microsoft.Data.Sqlite.SqliteCommand.PrepareAndEnumerateStatements()+MoveNext()
            """;
        Assert.Equal("akka://actorlab/system/akka.persistence.journal.sql: Failure during SQL Journal initialization. " +
            "(Microsoft.Data.Sqlite.SqliteException (0x80004005): SQLite Error 11: 'database disk image is malformed'.)", OneLineLogFormatter.Line(message, null));
    }

    [Fact]
    public void An_exception_is_named_by_its_type_and_first_line()
    {
        var line = OneLineLogFormatter.Line("persist failed", new InvalidOperationException("boom\n   at Somewhere()"));
        Assert.Equal("persist failed (InvalidOperationException: boom)", line);
        Assert.EndsWith("…", OneLineLogFormatter.Line(new string('x', 1000), null), StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_entry_is_written_once()
    {
        var formatter = new OneLineLogFormatter();
        using var console = new StringWriter();
        for (var retry = 0; retry < 3; retry++)
        {
            Write(formatter, console, "Failure during SQL Journal initialization.");
            Write(formatter, console, "Failed to initialize SQL Journal.");
        }

        Assert.Equal(["akka error: Failure during SQL Journal initialization.", "akka error: Failed to initialize SQL Journal."],
            console.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    private static void Write(OneLineLogFormatter formatter, TextWriter console, string message) => formatter.Write(
        new Microsoft.Extensions.Logging.Abstractions.LogEntry<string>(Microsoft.Extensions.Logging.LogLevel.Error, "Akka", default, message, null, (m, _) => m),
        null, console);
}
