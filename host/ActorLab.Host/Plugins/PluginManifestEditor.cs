using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorLab.Host.Plugins;

/// <summary>One entry's pin before and after <c>plugins pin</c>.</summary>
/// <param name="JsonPath">The entry, e.g. <c>$.plugins[1]</c>.</param>
/// <param name="Path">Its path as written.</param>
/// <param name="Before">The pin the manifest had (null: none).</param>
/// <param name="After">The file's sha256 now.</param>
public sealed record PinChange(string JsonPath, string Path, string? Before, string After)
{
    /// <summary>"added", "changed" or "unchanged".</summary>
    public string Status => Before is null ? "added" : Before == After ? "unchanged" : "changed";
}

/// <summary>
/// Edits plugins.json for <c>plugins pin</c> and <c>plugins add</c>: a JsonNode round trip that keeps the other
/// fields and their order (comments are dropped: System.Text.Json cannot keep them), written indented and
/// atomically (a temporary file in the same folder, then a rename), so a crash never leaves half a manifest.
/// Every edit is checked by <see cref="PluginManifestReader"/> and, for <c>add</c>, loaded by
/// <see cref="PluginCatalogLoader"/> before the file is replaced.
/// </summary>
public static class PluginManifestEditor
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep paths and text readable, as a person wrote them
    };

    /// <summary>The hex sha256 of a file, as <c>sha256sum</c> prints it.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// Computes the sha256 of every enabled entry's file and, unless <paramref name="checkOnly"/>, writes the pins
    /// that differ into the manifest. Returns every enabled entry's pin before and after.
    /// </summary>
    public static IReadOnlyList<PinChange> Pin(string manifestPath, bool allowExternal, bool checkOnly)
    {
        var manifest = PluginManifestReader.Read(manifestPath, allowExternal);
        var changes = new List<PinChange>();
        foreach (var entry in manifest.Plugins.Where(p => p.Enabled))
        {
            if (!File.Exists(entry.FullPath))
            {
                throw new PluginLoadException(manifestPath, entry.DisplayName,
                    $"{entry.JsonPath}: file not found: {entry.FullPath}; build the plugin or fix \"path\" (it is relative to the manifest)");
            }

            changes.Add(new PinChange(entry.JsonPath, entry.Path, entry.Sha256, Sha256Of(entry.FullPath)));
        }

        if (checkOnly || changes.All(c => c.Status == "unchanged"))
        {
            return changes;
        }

        var (root, plugins) = ParseNodes(manifestPath, File.ReadAllText(manifestPath));
        foreach (var (change, entry) in changes.Zip(manifest.Plugins.Where(p => p.Enabled)))
        {
            var item = plugins[entry.Index]!.AsObject();
            if (item.ContainsKey("sha256"))
            {
                item["sha256"] = change.After;
            }
            else
            {
                // Right after "path", where a reader looks for it.
                item.Insert(item.IndexOf("path") + 1, "sha256", change.After);
            }
        }

        var text = Serialize(root);
        PluginManifestReader.Parse(manifestPath, text, allowExternal); // the edit is still a valid manifest
        WriteAtomically(manifestPath, text);
        return changes;
    }

    /// <summary>
    /// Appends <c>{ "path": ..., "sha256": ..., "enabled": true }</c> for <paramref name="assemblyPath"/> to the manifest
    /// (created when missing) after loading the whole edited manifest through the normal loader, and returns the
    /// new plugin as loaded. Refuses a path the manifest already lists, or one outside its folder tree unless
    /// <paramref name="allowExternal"/>.
    /// </summary>
    public static LoadedPlugin Add(string manifestPath, string assemblyPath, bool allowExternal)
    {
        var manifestText = File.Exists(manifestPath) ? File.ReadAllText(manifestPath) : "{ \"plugins\": [] }";
        var manifest = PluginManifestReader.Parse(manifestPath, manifestText, allowExternal);
        var fullPath = Path.GetFullPath(assemblyPath);
        var name = Path.GetFileNameWithoutExtension(fullPath);
        if (!File.Exists(fullPath))
        {
            throw new PluginLoadException(manifestPath, name, $"file not found: {fullPath}; give the path of the plugin's built .dll");
        }

        if (manifest.Plugins.FirstOrDefault(p => SameFile(p.FullPath, fullPath)) is { } existing)
        {
            throw new PluginLoadException(manifestPath, name,
                $"{existing.JsonPath}.path: already lists {existing.Path}; to update its pin run `actorlab plugins pin`");
        }

        var relative = Path.GetRelativePath(manifest.Directory, fullPath).Replace(Path.DirectorySeparatorChar, '/');
        var (root, plugins) = ParseNodes(manifestPath, manifestText);
        plugins.Add(new JsonObject
        {
            ["path"] = relative,
            ["sha256"] = Sha256Of(fullPath),
            ["enabled"] = true,
        });

        var text = Serialize(root);
        var edited = PluginManifestReader.Parse(manifestPath, text, allowExternal);
        var catalog = PluginCatalogLoader.Load(edited);
        WriteAtomically(manifestPath, text);
        return catalog.Plugins[^1];
    }

    private static bool SameFile(string a, string b)
    {
        try
        {
            return PluginPathPolicy.RealPath(a) == PluginPathPolicy.RealPath(b);
        }
        catch (IOException)
        {
            return a == b;
        }
    }

    private static (JsonNode Root, JsonArray Plugins) ParseNodes(string manifestPath, string text)
    {
        // The text has passed PluginManifestReader, so the shape is known.
        var root = JsonNode.Parse(text, documentOptions: PluginManifestReader.JsonOptions)
            ?? throw new PluginLoadException(manifestPath, null, "$: expected an object with \"plugins\"");
        return (root, root["plugins"]!.AsArray());
    }

    private static string Serialize(JsonNode root) => root.ToJsonString(WriteOptions) + Environment.NewLine;

    /// <summary>Writes <paramref name="text"/> to a temporary file beside <paramref name="path"/> and renames it over it.</summary>
    private static void WriteAtomically(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(text);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary); // no-op after the rename
        }
    }
}
