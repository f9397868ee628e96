using System.Text.Json;

namespace ActorLab.Host.Plugins;

/// <summary>
/// Reads plugins.json: <c>{ "plugins": [ { "path": "...", "sha256": "...", "enabled": true, "config": { } } ] }</c>.
/// Every mistake is reported with the file, the JSON path (or line and position for malformed JSON) and the fix.
/// </summary>
public static class PluginManifestReader
{
    /// <summary>Reads and checks the manifest at <paramref name="path"/>.</summary>
    public static PluginManifest Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new PluginLoadException(path, null, "manifest not found; pass --plugins <file> or run from the folder holding plugins.json");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new PluginLoadException(path, null,
                $"malformed JSON at line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}: {FirstSentence(ex.Message)}");
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
            foreach (var item in plugins.EnumerateArray())
            {
                entries.Add(ReadEntry(path, directory, index++, item));
            }

            return new PluginManifest(path, directory, entries);
        }
    }

    private static PluginManifestEntry ReadEntry(string file, string directory, int index, JsonElement item)
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
        return new PluginManifestEntry(index, relative, Path.GetFullPath(Path.Combine(directory, relative)), sha256, enabled, config);
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.');
    }
}
