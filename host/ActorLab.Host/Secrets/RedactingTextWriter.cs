using System.Text;
using ActorLab.Telemetry;

namespace ActorLab.Host.Secrets;

/// <summary>
/// A console stream with every known secret (<see cref="SecretValues"/>) masked in each text written through it:
/// the last net under everything the program and its libraries print (error lines, Akka's log, exception traces).
/// Characters written one at a time pass as they are: no secret is that short.
/// </summary>
public sealed class RedactingTextWriter(TextWriter inner) : TextWriter
{
    /// <summary>Makes <see cref="Console.Out"/> and <see cref="Console.Error"/> redacting (call once, at start-up).</summary>
    public static void Install()
    {
        Console.SetOut(new RedactingTextWriter(Console.Out));
        Console.SetError(new RedactingTextWriter(Console.Error));
    }

    /// <inheritdoc />
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc />
    public override IFormatProvider FormatProvider => inner.FormatProvider;

    /// <inheritdoc />
    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => inner.NewLine;
        set => inner.NewLine = value;
    }

    /// <inheritdoc />
    public override void Write(char value) => inner.Write(value);

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => inner.Write(SecretValues.Redact(new string(buffer, index, count)));

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<char> buffer) => inner.Write(SecretValues.Redact(new string(buffer)));

    /// <inheritdoc />
    public override void Write(string? value) => inner.Write(value is null ? null : SecretValues.Redact(value));

    /// <inheritdoc />
    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : SecretValues.Redact(value));

    /// <inheritdoc />
    public override void WriteLine(ReadOnlySpan<char> buffer) => inner.WriteLine(SecretValues.Redact(new string(buffer)));

    /// <inheritdoc />
    public override void WriteLine() => inner.WriteLine();

    /// <inheritdoc />
    public override void Flush() => inner.Flush();

    /// <inheritdoc />
    public override Task FlushAsync() => inner.FlushAsync();

    /// <inheritdoc />
    public override Task WriteAsync(string? value) => inner.WriteAsync(value is null ? null : SecretValues.Redact(value));

    /// <inheritdoc />
    public override Task WriteLineAsync(string? value) => inner.WriteLineAsync(value is null ? null : SecretValues.Redact(value));

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
