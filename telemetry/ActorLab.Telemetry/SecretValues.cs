namespace ActorLab.Telemetry;

/// <summary>
/// The secret values this process knows of, process-wide: the API keys in the variables a scenario names, the OTLP
/// header values, the values of secret-named scenario options. Filled when the environment and scenarios are read;
/// <see cref="Redact(string)"/> masks them in any text (span status, events, attributes, logs, error messages) before
/// it leaves the process. Values shorter than <see cref="ShortestSecret"/> characters are never kept: masking "on" or a
/// placeholder key such as "test" or "EMPTY" (local model servers) everywhere would mangle every text ("test_loss")
/// and protect nothing; real keys and tokens are far longer.
/// </summary>
public static class SecretValues
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>The shortest value treated as a secret.</summary>
    public const int ShortestSecret = 8;

    private static readonly Lock Gate = new();

    // Longest first, so that a value containing another is masked whole; replaced whole on each change, so readers need no lock.
    private static string[] _values = [];

    /// <summary>The known secret values, longest first.</summary>
    public static IReadOnlyList<string> All => _values;

    /// <summary>Remembers <paramref name="value"/> (trimmed) as a secret, unless it is null or too short.</summary>
    public static void Add(string? value)
    {
        var secret = value?.Trim();
        if (secret is null || secret.Length < ShortestSecret)
        {
            return;
        }

        lock (Gate)
        {
            if (!_values.Contains(secret, StringComparer.Ordinal))
            {
                _values = [.. _values.Append(secret).OrderByDescending(v => v.Length).ThenBy(v => v, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Remembers the value of the environment variable <paramref name="name"/>, if it is set.</summary>
    public static void AddVariable(string name) => Add(Environment.GetEnvironmentVariable(name));

    /// <summary>
    /// Remembers the values of an OTLP headers list (<c>k1=v1,k2=v2</c>, values URL-encoded): raw, decoded, and the
    /// credential after a scheme such as "Bearer".
    /// </summary>
    public static void AddOtlpHeaders(string? headers)
    {
        foreach (var pair in (headers ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                var value = pair[(equals + 1)..];
                Add(value);
                AddCredential(Uri.UnescapeDataString(value));
            }
        }
    }

    /// <summary>Remembers <paramref name="value"/> and, for "Bearer xyz"-style values, the credential xyz alone.</summary>
    public static void AddCredential(string? value)
    {
        Add(value);
        var trimmed = value?.Trim() ?? "";
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0)
        {
            Add(trimmed[(space + 1)..]);
        }
    }

    /// <summary>True when <paramref name="text"/> holds a known secret.</summary>
    public static bool AnyIn(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        foreach (var secret in _values)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><paramref name="text"/> with every known secret replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string text)
    {
        foreach (var secret in _values)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>A span attribute's value with secrets masked: strings and string arrays; other values as they are.</summary>
    public static object? Redact(object? value) => value switch
    {
        string text => Redact(text),
        string?[] texts => texts.Select(t => t is null ? null : Redact(t)).ToArray(),
        _ => value,
    };

    /// <summary>True when a span attribute's value holds a known secret.</summary>
    public static bool AnyIn(object? value) => value switch
    {
        string text => AnyIn(text),
        string?[] texts => texts.Any(t => AnyIn(t)),
        _ => false,
    };
}
