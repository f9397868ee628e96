using System.Text.Json;

namespace ActorLab.Host.Plugins;

/// <summary>
/// Reads plugins.json: <c>{ "plugins": [ { "path": "...", "sha256": "...", "enabled": true, "config": { } } ] }</c>.
/// Every mistake is reported with the file, the JSON path (or line and position for malformed JSON) and the fix.
/// </summary>
public static class PluginManifestReader
{
    /// <summary>How plugins.json is parsed everywhere (also by <c>plugins pin</c> and <c>plugins add</c>).</summary>
    public static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false };

    /// <summary>
    /// Reads and checks the manifest at <paramref name="path"/>. Plugin paths must stay inside the manifest's folder
    /// tree unless <paramref name="allowExternal"/> (<c>--allow-external-plugins</c>).
    /// </summary>
    public static PluginManifest Read(string path, bool allowExternal = false)
    {
        if (!File.Exists(path))
        {
            throw new PluginLoadException(path, null, "manifest not found; pass --plugins <file> or run from the folder holding plugins.json");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PluginLoadException(path, null, $"cannot be read: {ex.Message}", ex);
        }

        return Parse(path, text, allowExternal);
    }

    /// <summary>Checks manifest <paramref name="text"/> as if read from <paramref name="path"/> (whose folder plugin paths are relative to).</summary>
    public static PluginManifest Parse(string path, string text, bool allowExternal = false)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new PluginLoadException(path, null, Scenarios.DuplicateJsonField.Find(text) is { } duplicate
                ? $"{duplicate.JsonPath}: {duplicate.Message}"
                : $"malformed JSON at line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}: {FirstSentence(ex.Message)}");
        }
        catch (InvalidOperationException)
        {
            throw LoneSurrogate(path, "$"); // the parser's duplicate check unescapes every field name
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("plugins", out var plugins) || plugins.ValueKind != JsonValueKind.Array)
            {
                throw new PluginLoadException(path, null, "$.plugins: expected an array of plugin entries, e.g. { \"plugins\": [ { \"path\": \"build/plugins/X/X.dll\" } ] }");
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            var entries = new List<PluginManifestEntry>();
            var index = 0;
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var item in plugins.EnumerateArray())
            {
                PluginManifestEntry entry;
                try
                {
                    entry = ReadEntry(path, directory, index, item, allowExternal);
                }
                catch (InvalidOperationException)
                {
                    throw LoneSurrogate(path, $"$.plugins[{index}]");
                }

                index++;

                // Checked here, before any load: a list of thousands of copies of one entry fails at the second, at once.
                if (!seen.TryAdd(entry.FullPath, entry.JsonPath))
                {
                    throw new PluginLoadException(path, null, $"{entry.JsonPath}.path: {entry.Path} is already listed at {seen[entry.FullPath]}; list each plugin once");
                }

                entries.Add(entry);
            }

            return new PluginManifest(path, directory, entries);
        }
    }

    private static PluginManifestEntry ReadEntry(string file, string directory, int index, JsonElement item, bool allowExternal)
    {
        var at = $"$.plugins[{index}]";
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new PluginLoadException(file, null, $"{at}: expected an object with a \"path\", got {item.ValueKind.ToString().ToLowerInvariant()}");
        }

        foreach (var property in item.EnumerateObject())
        {
            if (property.Name is not ("path" or "sha256" or "enabled" or "config"))
            {
                throw new PluginLoadException(file, null, $"{at}.{property.Name}: unknown field; allowed: path, sha256, enabled, config");
            }
        }

        if (!item.TryGetProperty("path", out var pathElement) || pathElement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(pathElement.GetString()))
        {
            throw new PluginLoadException(file, null, $"{at}.path: required, the plugin assembly's path relative to the manifest");
        }

        string? sha256 = null;
        if (item.TryGetProperty("sha256", out var shaElement))
        {
            sha256 = shaElement.ValueKind == JsonValueKind.String ? shaElement.GetString()!.Trim().ToLowerInvariant() : null;
            if (sha256 is null || sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
            {
                throw new PluginLoadException(file, null, $"{at}.sha256: expected 64 hex digits (the output of `sha256sum <plugin.dll>`)");
            }
        }

        var enabled = true;
        if (item.TryGetProperty("enabled", out var enabledElement))
        {
            enabled = enabledElement.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new PluginLoadException(file, null, $"{at}.enabled: expected true or false"),
            };
        }

        var config = item.TryGetProperty("config", out var configElement) ? configElement.Clone() : JsonDocument.Parse("{}").RootElement.Clone();
        if (config.ValueKind != JsonValueKind.Object)
        {
            throw new PluginLoadException(file, null, $"{at}.config: expected an object");
        }

        var relative = pathElement.GetString()!;
        if (relative.Contains('\0', StringComparison.Ordinal))
        {
            throw new PluginLoadException(file, null, $"{at}.path: contains a NUL character; give the plugin assembly's path relative to the manifest");
        }

        var fullPath = Path.GetFullPath(Path.Combine(directory, relative));
        if (!allowExternal && PluginPathPolicy.Refusal(directory, relative, fullPath) is { } refusal)
        {
            throw new PluginLoadException(file, null, $"{at}.path: {refusal}; {PluginPathPolicy.Fix}");
        }

        return new PluginManifestEntry(index, relative, fullPath, sha256, enabled, config);
    }

    private static PluginLoadException LoneSurrogate(string path, string at) => new(path, null,
        $"{at}: a field name or value holds {Scenarios.ScenarioLimits.LoneSurrogate}");

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.');
    }
}
