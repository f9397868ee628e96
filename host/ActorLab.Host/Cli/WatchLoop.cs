using ActorLab.Host.Plugins;

namespace ActorLab.Host.Cli;

/// <summary>
/// <c>run --watch</c>: runs the scenario, then waits until a watched file (an enabled plugin assembly of the
/// manifest, the manifest or the scenario) changes and stays unchanged for a moment (a build writes in steps),
/// and runs again from the start. Every run loads the plugins afresh, so the new run uses the rebuilt code; each
/// run has its own folder, so earlier results stay. A change during a run restarts after it ends.
/// </summary>
internal static class WatchLoop
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(750);

    /// <summary>Runs <paramref name="runOnce"/> until cancelled (Ctrl+C); returns the last run's exit code.</summary>
    public static async Task<int> RunAsync(string manifestPath, string scenarioPath, Func<Task<int>> runOnce, CancellationToken cancellationToken)
    {
        PluginCatalogLoader.LoadIntoMemory = true;
        var exitCode = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var files = WatchedFiles(manifestPath, scenarioPath);
            var before = Snapshot(files);
            try
            {
                exitCode = await runOnce();
            }
            catch (Exception ex) when (InputErrors.IsInputError(ex))
            {
                // While developing a broken build or a bad option is the normal case: report it and keep watching.
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                exitCode = InputErrors.ExitCode;
            }

            PluginCatalogLoader.UnloadReloadable(); // the finished run's plugin code can go
            await Console.Error.WriteLineAsync($"watching {files.Count} files (plugins, manifest, scenario); a change restarts the run, Ctrl+C stops");
            try
            {
                await WaitForChangeAsync(files, before, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            await Console.Error.WriteLineAsync("change detected: restarting the run with the rebuilt plugins");
        }

        return exitCode;
    }

    /// <summary>The enabled plugin assemblies of the manifest, the manifest and the scenario.</summary>
    internal static IReadOnlyList<string> WatchedFiles(string manifestPath, string scenarioPath)
    {
        var files = new List<string> { Path.GetFullPath(manifestPath), Path.GetFullPath(scenarioPath) };
        try
        {
            files.AddRange(PluginManifestReader.Read(manifestPath, allowExternal: true).Plugins.Where(p => p.Enabled).Select(p => p.FullPath));
        }
        catch (PluginLoadException)
        {
            // A manifest being edited may not parse; its own change brings the next run, which reports it.
        }

        return files.Distinct().ToList();
    }

    private static async Task WaitForChangeAsync(IReadOnlyList<string> files, IReadOnlyList<(DateTime, long)> before, CancellationToken cancellationToken)
    {
        var last = before;
        var changedAt = (DateTime?)null;
        while (true)
        {
            await Task.Delay(Poll, cancellationToken);
            var now = Snapshot(files);
            if (!now.SequenceEqual(last))
            {
                changedAt = DateTime.UtcNow;
                last = now;
            }
            else if (changedAt is { } at && DateTime.UtcNow - at >= Settle)
            {
                return;
            }
        }
    }

    private static List<(DateTime, long)> Snapshot(IReadOnlyList<string> files) => files.Select(f =>
    {
        var info = new FileInfo(f);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1L);
    }).ToList();
}
