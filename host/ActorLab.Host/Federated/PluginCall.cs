namespace ActorLab.Host.Federated;

/// <summary>
/// A plugin call with a wall-clock limit. The call runs on a thread of its own and the caller waits at most the
/// limit; a call that has not returned by then is abandoned: .NET cannot kill a thread, so that thread stays
/// blocked (a background thread, so it does not keep the process alive) and the caller reports the hang.
/// </summary>
public static class PluginCall
{
    /// <summary>
    /// Runs <paramref name="call"/>; false when it did not return within <paramref name="limit"/>. A plugin
    /// exception is rethrown as itself (not wrapped), so reports name it.
    /// </summary>
    public static bool TryRun<T>(Func<T> call, TimeSpan limit, out T result)
    {
        var task = Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        bool returned;
        try
        {
            returned = task.Wait(limit);
        }
        catch (AggregateException)
        {
            returned = true; // it threw: GetResult below rethrows the original exception
        }

        result = returned ? task.GetAwaiter().GetResult() : default!;
        return returned;
    }
}
