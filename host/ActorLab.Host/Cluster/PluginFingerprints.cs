using System.Security.Cryptography;
using ActorLab.Host.Plugins;

namespace ActorLab.Host.Cluster;

/// <summary>
/// What a node's plugins are, for the check every node passes before a distributed run: the enabled manifest
/// entries' assembly bytes (SHA-256) and config, in manifest order. Paths are left out on purpose: two machines
/// may keep the same plugins in different folders.
/// </summary>
public static class PluginFingerprints
{
    /// <summary>
    /// The fingerprints of the enabled plugins of <paramref name="manifestPath"/> (read after the plugins were loaded,
    /// so where they may come from has been checked already).
    /// </summary>
    public static PluginFingerprint[] Of(string manifestPath) =>
        PluginManifestReader.Read(manifestPath, allowExternal: true).Plugins
            .Where(entry => entry.Enabled)
            .Select(entry => new PluginFingerprint(Path.GetFileName(entry.FullPath), Sha256Of(entry.FullPath),
                entry.Config.ValueKind == System.Text.Json.JsonValueKind.Undefined ? "{}" : System.Text.Json.JsonSerializer.Serialize(entry.Config)))
            .ToArray();

    /// <summary>
    /// The differences between this node's plugins (<paramref name="mine"/>) and the coordinator's
    /// (<paramref name="theirs"/>), one line each; empty when they agree.
    /// </summary>
    public static IReadOnlyList<string> Differences(IReadOnlyList<PluginFingerprint> mine, IReadOnlyList<PluginFingerprint> theirs)
    {
        var differences = new List<string>();
        var here = mine.ToDictionary(p => p.File, StringComparer.Ordinal);
        var there = theirs.ToDictionary(p => p.File, StringComparer.Ordinal);
        foreach (var plugin in theirs)
        {
            if (!here.TryGetValue(plugin.File, out var local))
            {
                differences.Add($"{plugin.File}: enabled on the coordinator, missing or disabled on this node");
            }
            else if (local.Sha256 != plugin.Sha256)
            {
                differences.Add($"{plugin.File}: sha256 {Short(local.Sha256)} on this node, {Short(plugin.Sha256)} on the coordinator (different builds)");
            }
            else if (local.Config != plugin.Config)
            {
                differences.Add($"{plugin.File}: config {local.Config} on this node, {plugin.Config} on the coordinator");
            }
        }

        differences.AddRange(mine.Where(p => !there.ContainsKey(p.File))
            .Select(p => $"{p.File}: enabled on this node, missing or disabled on the coordinator"));
        return differences;
    }

    private static string Short(string sha256) => sha256[..12] + "…";

    private static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
