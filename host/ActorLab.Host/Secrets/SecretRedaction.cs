using System.Data.Common;
using System.Text;
using System.Text.Json;
using ActorLab.Host.Cluster;
using ActorLab.Host.Resume;
using ActorLab.Telemetry;

namespace ActorLab.Host.Secrets;

/// <summary>
/// Keeps secrets out of what the host writes (run folders, the results database, logs, spans, the console): values of
/// JSON fields whose names look like secrets (<c>apiKey</c>, <c>token</c>, <c>password</c>, <c>secret</c>,
/// <c>authorization</c>, ...), and in free text every value in <see cref="SecretValues"/>. Those are collected by
/// exact source, never by guessing from variable names (a guess took <c>$PWD</c> for a password and masked every
/// path): the variables a scenario names as holding a secret (an <c>llm</c> agent's <c>apiKeyVariable</c>), the
/// values of its secret-named options, the OTLP headers (<c>OTEL_EXPORTER_OTLP_HEADERS</c>, ...) and the few
/// variables ActorLab itself reads secrets from (<see cref="SecretVariables"/>). Each becomes <see cref="Mask"/>.
/// </summary>
public static class SecretRedaction
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = SecretValues.Mask;

    /// <summary>
    /// The variables whose values are secrets whatever the scenario: <c>OPENAI_API_KEY</c> (the conventional key
    /// variable), the cluster certificate's password and the PostgreSQL journal's connection string (its password).
    /// </summary>
    public static readonly IReadOnlyList<string> SecretVariables = ["OPENAI_API_KEY", ClusterTls.PasswordVariable, JournalSettings.ConnectionVariable];

    // Whole words of a field name that make it a secret; pairs for "api key"-style names. Not "pwd": it is as often the
    // working directory as a password.
    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "apikey", "token", "password", "passwd", "secret", "authorization", "credential", "credentials", "bearer", "cookie", "passphrase",
    };

    private static readonly (string, string)[] SecretPairs = [("api", "key"), ("private", "key"), ("access", "key"), ("secret", "key"), ("client", "secret")];

    // A name ending so names where a secret is kept, not the secret itself (apiKeyVariable, tokenFile).
    private static readonly HashSet<string> ReferenceWords = new(StringComparer.Ordinal) { "variable", "var", "env", "file", "path", "dir", "directory", "name", "count", "limit", "size" };

    // Of those, the endings that name an environment variable holding the secret (apiKeyVariable, tokenEnv).
    private static readonly HashSet<string> VariableWords = new(StringComparer.Ordinal) { "variable", "var", "env" };

    /// <summary>True when a field or environment variable called <paramref name="name"/> holds a secret.</summary>
    public static bool IsSecretName(string name)
    {
        var words = Words(name);
        return words.Count > 0 && !ReferenceWords.Contains(words[^1]) && AreSecretWords(words);
    }

    /// <summary>
    /// True when an option called <paramref name="name"/> holds the name of an environment variable that holds a
    /// secret (<c>apiKeyVariable</c>, <c>tokenEnv</c>): its value is a variable name, not a secret.
    /// </summary>
    public static bool IsSecretVariableName(string name)
    {
        var words = Words(name);
        return words.Count > 1 && VariableWords.Contains(words[^1]) && AreSecretWords(words[..^1]);
    }

    /// <summary>
    /// Adds the secrets a scenario knows to <see cref="SecretValues"/>: the values of its secret-named options and
    /// of the environment variables its <see cref="IsSecretVariableName"/> options name; and those of
    /// <see cref="RegisterEnvironment"/>.
    /// </summary>
    public static void RegisterScenario(JsonElement root)
    {
        RegisterEnvironment();
        Walk(root);

        static void Walk(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item);
                }
            }
            else if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (IsSecretName(property.Name))
                    {
                        AddStrings(property.Value);
                    }
                    else if (IsSecretVariableName(property.Name) && property.Value.ValueKind == JsonValueKind.String)
                    {
                        SecretValues.AddVariable(property.Value.GetString()!);
                    }
                    else
                    {
                        Walk(property.Value);
                    }
                }
            }
        }

        // Only strings: a secret-named true or 1234 would mask every "true" and "1234" in the output.
        static void AddStrings(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String: SecretValues.AddCredential(element.GetString()); break;
                case JsonValueKind.Array: foreach (var item in element.EnumerateArray()) { AddStrings(item); } break;
                case JsonValueKind.Object: foreach (var property in element.EnumerateObject()) { AddStrings(property.Value); } break;
            }
        }
    }

    /// <summary>Adds the values of <see cref="SecretVariables"/> and of the OTLP headers to <see cref="SecretValues"/>.</summary>
    public static void RegisterEnvironment()
    {
        foreach (var variable in SecretVariables)
        {
            SecretValues.AddVariable(variable);
        }

        foreach (var headers in TelemetrySetup.OtlpHeaderVariables)
        {
            SecretValues.AddOtlpHeaders(Environment.GetEnvironmentVariable(headers));
        }

        if (Environment.GetEnvironmentVariable(JournalSettings.ConnectionVariable) is { Length: > 0 } connection)
        {
            try
            {
                var builder = new DbConnectionStringBuilder { ConnectionString = connection };
                SecretValues.Add(builder.TryGetValue("Password", out var password) ? password as string : null);
            }
            catch (ArgumentException)
            {
                // not a connection string: the journal says so when it opens it
            }
        }
    }

    /// <summary>
    /// <paramref name="json"/> with the value of every secret-named field replaced by <see cref="Mask"/>; the text
    /// unchanged (formatting and all) when it has none, or is not JSON.
    /// </summary>
    public static string RedactJson(string json)
    {
        var options = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 256 };
        try
        {
            if (!HasSecretField(json, options))
            {
                return json;
            }

            // A token-by-token copy, so duplicate keys and field order survive; comments do not.
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), options);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 256 }))
            {
                while (reader.Read())
                {
                    if (reader.TokenType == JsonTokenType.PropertyName && IsSecretName(reader.GetString()!))
                    {
                        writer.WritePropertyName(reader.GetString()!);
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.Null)
                        {
                            writer.WriteNullValue();
                        }
                        else
                        {
                            reader.Skip();
                            writer.WriteStringValue(Mask);
                        }

                        continue;
                    }

                    Copy(ref reader, writer);
                }
            }

            return Encoding.UTF8.GetString(buffer.ToArray()) + (json.EndsWith('\n') ? "\n" : "");
        }
        catch (JsonException)
        {
            return json; // not JSON: nothing the host writes as JSON
        }
    }

    /// <summary><paramref name="element"/> with secret-named fields masked (see <see cref="RedactJson"/>).</summary>
    public static JsonElement Redact(JsonElement element)
    {
        var raw = element.GetRawText();
        var redacted = RedactJson(raw);
        return ReferenceEquals(raw, redacted) || raw == redacted ? element : JsonDocument.Parse(redacted).RootElement.Clone();
    }

    /// <summary><paramref name="text"/> with every known secret masked (see <see cref="SecretValues"/>).</summary>
    public static string RedactText(string text)
    {
        RegisterEnvironment(); // a variable set since the last scenario was read
        return SecretValues.Redact(text);
    }

    private static bool HasSecretField(string json, JsonReaderOptions options)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), options);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && IsSecretName(reader.GetString()!))
            {
                return true;
            }
        }

        return false;
    }

    private static void Copy(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject: writer.WriteStartObject(); break;
            case JsonTokenType.EndObject: writer.WriteEndObject(); break;
            case JsonTokenType.StartArray: writer.WriteStartArray(); break;
            case JsonTokenType.EndArray: writer.WriteEndArray(); break;
            case JsonTokenType.PropertyName: writer.WritePropertyName(reader.GetString()!); break;
            case JsonTokenType.String: writer.WriteStringValue(reader.GetString()); break;
            case JsonTokenType.Number: writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true); break;
            case JsonTokenType.True: writer.WriteBooleanValue(true); break;
            case JsonTokenType.False: writer.WriteBooleanValue(false); break;
            case JsonTokenType.Null: writer.WriteNullValue(); break;
        }
    }

    private static bool AreSecretWords(List<string> words)
    {
        if (words.Any(SecretWords.Contains) || SecretWords.Contains(string.Concat(words)))
        {
            return true;
        }

        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (SecretPairs.Contains((words[i], words[i + 1])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The lower-case words of a camelCase, PascalCase, snake_case, kebab-case or SCREAMING_CASE name.</summary>
    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            // A capital starts a word after a lower-case letter (apiKey) or before one in a run of capitals (HTTPToken).
            if (char.IsUpper(c) && current.Length > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
            {
                Flush();
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }
}
