using System.Text;

namespace ActorLab.Host.Tests.Support;

/// <summary>Looks for secrets in bytes a run left behind: files (the database too) and exported telemetry.</summary>
public static class SecretScan
{
    /// <summary>Every file under <paramref name="folder"/>, read as bytes, with the secrets each holds ("file: secret").</summary>
    public static List<string> Leaks(string folder, params string[] secrets) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .SelectMany(f => secrets.Where(s => Contains(File.ReadAllBytes(f), s)).Select(s => $"{f}: {s}"))
            .ToList();

    /// <summary>True when <paramref name="bytes"/> hold <paramref name="secret"/> in UTF-8 or UTF-16.</summary>
    public static bool Contains(byte[] bytes, string secret) =>
        bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) >= 0;
}
