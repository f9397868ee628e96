using System.Text;
using System.Text.Json;

namespace ActorLab.Host.Secrets;

/// <summary>
/// Keeps secrets out of what the host writes (run folders, the results database, logs, spans): values of JSON
/// fields whose names look like secrets (<c>apiKey</c>, <c>token</c>, <c>password</c>, <c>secret</c>,
/// <c>authorization</c>, ...), and in free text the values of the OTLP headers (<c>OTEL_EXPORTER_OTLP_HEADERS</c>,
/// e.g. <c>Authorization=Bearer ...</c>) and of environment variables whose names look like secrets
/// (<c>OPENAI_API_KEY</c>, the variable an <c>llm</c> agent's <c>apiKeyVariable</c> names). Each becomes <see cref="Mask"/>.
/// </summary>
public static class SecretRedaction
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    // Whole words of a field or variable name that make it a secret; pairs for "api key"-style names.
    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "apikey", "token", "password", "passwd", "pwd", "secret", "authorization", "credential", "credentials", "bearer", "cookie", "passphrase",
    };

    private static readonly (string, string)[] SecretPairs = [("api", "key"), ("private", "key"), ("access", "key"), ("secret", "key"), ("client", "secret")];

    // A name ending so names where a secret is kept, not the secret itself (apiKeyVariable, tokenFile).
    private static readonly HashSet<string> ReferenceWords = new(StringComparer.Ordinal) { "variable", "var", "env", "file", "path", "dir", "directory", "name", "count", "limit", "size" };

    private const int ShortestSecretValue = 4;

    /// <summary>True when a field or environment variable called <paramref name="name"/> holds a secret.</summary>
    public static bool IsSecretName(string name)
    {
        var words = Words(name);
        if (words.Count == 0 || ReferenceWords.Contains(words[^1]))
        {
            return false;
        }

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

    /// <summary>
    /// <paramref name="text"/> with every known secret value masked: the OTLP header values and the values of
    /// secret-named environment variables of this process.
    /// </summary>
    public static string RedactText(string text)
    {
        foreach (var secret in KnownSecretValues())
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The secret values this process knows of, longest first (so a value containing another is masked whole).</summary>
    public static IReadOnlyList<string> KnownSecretValues()
    {
        var values = new List<string>();
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            var name = (string)variable.Key;
            var value = variable.Value as string ?? "";
            if (name.StartsWith("OTEL_EXPORTER_OTLP_", StringComparison.Ordinal) && name.EndsWith("HEADERS", StringComparison.Ordinal))
            {
                values.AddRange(HeaderValues(value));
            }
            else if (IsSecretName(name) || name.EndsWith("_KEY", StringComparison.Ordinal)) // SCREAMING_CASE *_KEY variables hold keys
            {
                values.Add(value.Trim());
            }
        }

        return values.Where(v => v.Length >= ShortestSecretValue).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length).ToList();
    }

    /// <summary>The values of an OTLP headers list (<c>k1=v1,k2=v2</c>, values URL-encoded), raw and decoded, with and without a scheme such as "Bearer".</summary>
    private static IEnumerable<string> HeaderValues(string headers)
    {
        foreach (var pair in headers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                continue;
            }

            var value = pair[(equals + 1)..].Trim();
            yield return value;
            var decoded = Uri.UnescapeDataString(value);
            yield return decoded;
            var space = decoded.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                yield return decoded[(space + 1)..].Trim(); // the credential after "Bearer "
            }
        }
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
