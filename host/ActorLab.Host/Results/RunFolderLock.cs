using System.Text.Json;

namespace ActorLab.Host.Results;

/// <summary>
/// The lock of a run folder, <c>run.lock</c>: held by the one process that writes the folder (<c>actorlab run</c>, or
/// <c>actorlab resume</c>), removed when that process ends, and taken over from a process that is gone (a killed
/// process leaves its lock behind: <see cref="RunLockOwner.IsAlive"/> tells). A process that finds a live owner is
/// refused with <see cref="RunFolderLockedException"/>, naming it. The file is created only if absent
/// (<see cref="FileMode.CreateNew"/>), so two processes never both take a free folder; a stale lock is moved aside
/// and checked to be the one judged stale before the folder is taken.
/// </summary>
public sealed class RunFolderLock : IDisposable
{
    /// <summary>The lock's file name in the run folder.</summary>
    public const string FileName = "run.lock";

    /// <summary>A lock file younger than this that cannot be read yet is being written by its owner.</summary>
    private static readonly TimeSpan Young = TimeSpan.FromSeconds(2);

    private readonly string _path;
    private bool _released;

    private RunFolderLock(string path, RunLockOwner owner, RunLockOwner? previous)
    {
        _path = path;
        Owner = owner;
        Previous = previous;
    }

    /// <summary>This process, as the lock file records it.</summary>
    public RunLockOwner Owner { get; private set; }

    /// <summary>The owner of the lock a gone process left behind, which this one took over; null when the folder was free.</summary>
    public RunLockOwner? Previous { get; }

    /// <summary>The lock file of <paramref name="folder"/>.</summary>
    public static string PathOf(string folder) => Path.Combine(folder, FileName);

    /// <summary>Takes the lock of <paramref name="folder"/> for <paramref name="command"/> (run or resume).</summary>
    /// <exception cref="RunFolderLockedException">A live process holds it; the message names it.</exception>
    public static RunFolderLock Acquire(string folder, string command)
    {
        var path = PathOf(folder);
        RunLockOwner? previous = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var owner = RunLockOwner.Current(command);
            if (TryCreate(path, owner))
            {
                return new RunFolderLock(path, owner, previous);
            }

            if (!TryRead(path, out var existing))
            {
                continue; // released meanwhile
            }

            if (existing is not null && existing.IsAlive())
            {
                throw new RunFolderLockedException($"{folder} is in use by {existing.Describe()}: wait for it to end, or stop it " +
                    $"(a lock left by a process on another machine, or one you know is gone, can be removed: {path})");
            }

            // Gone (or a lock nobody can read): move it aside, and take the folder only if what moved is what was judged.
            var aside = $"{path}.stale-{Environment.ProcessId}";
            try
            {
                File.Move(path, aside, overwrite: true);
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            if (TryRead(aside, out var moved) && moved != existing)
            {
                TryMoveBack(aside, path); // another process took the folder meanwhile: its lock goes back
                continue;
            }

            File.Delete(aside);
            previous = existing;
        }

        throw new RunFolderLockedException($"{path}: another process keeps taking this run folder's lock; try again once it has ended");
    }

    /// <summary>
    /// The state of <paramref name="folder"/>'s lock without taking it: null when there is none or its owner is alive;
    /// otherwise the owner that left it behind (a run that was killed), or a placeholder when the file cannot be read.
    /// </summary>
    public static RunLockOwner? StaleOwner(string folder)
    {
        var path = PathOf(folder);
        if (!TryRead(path, out var owner))
        {
            return null;
        }

        return owner is null ? new RunLockOwner(0, DateTime.MinValue, Environment.MachineName, "?", File.GetLastWriteTimeUtc(path), 0)
            : owner.IsAlive() ? null : owner;
    }

    /// <summary>
    /// When the run in <paramref name="folder"/> last wrote a result (a row of its CSV files, or, before any, its resolved
    /// scenario): for a killed run, about when it was killed; null when it wrote none. Other files are left out: a user
    /// may have copied or mended them since.
    /// </summary>
    public static DateTime? LastActivityUtc(string folder) => new[] { "metrics.csv", "timings.csv", "clients.csv", "scenario.json" }
        .Select(name => Path.Combine(folder, name)).Where(File.Exists).Select(f => (DateTime?)File.GetLastWriteTimeUtc(f)).Max();

    /// <summary>Records the wall time the run spent in earlier processes, for the next process should this one be killed.</summary>
    public void RecordPriorWall(double seconds)
    {
        Owner = Owner with { PriorWallSeconds = seconds };
        var temporary = $"{_path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(Owner, ResultsJson.Options));
        File.Move(temporary, _path, overwrite: true); // a rename: the lock is never missing, never half written
    }

    /// <summary>
    /// Releases the lock; with <paramref name="restorePrevious"/>, puts back the lock of the gone process this one took
    /// over (a resume that changed nothing leaves the folder as it found it: still the folder of a killed run).
    /// </summary>
    public void Release(bool restorePrevious)
    {
        if (_released)
        {
            return;
        }

        _released = true;
        if (restorePrevious && Previous is not null)
        {
            var temporary = $"{_path}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(Previous, ResultsJson.Options));
            File.Move(temporary, _path, overwrite: true);
            return;
        }

        File.Delete(_path);
    }

    /// <inheritdoc />
    public void Dispose() => Release(restorePrevious: false);

    private static bool TryCreate(string path, RunLockOwner owner)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            JsonSerializer.Serialize(stream, owner, ResultsJson.Options);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    /// <summary>False when there is no lock; true with its owner, or with null when the file holds no readable owner.</summary>
    private static bool TryRead(string path, out RunLockOwner? owner)
    {
        owner = null;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                owner = JsonSerializer.Deserialize<RunLockOwner>(File.ReadAllText(path), ResultsJson.Options);
                return true;
            }
            catch (FileNotFoundException)
            {
                return false;
            }
            catch (JsonException) when (attempt < 10 && DateTime.UtcNow - File.GetLastWriteTimeUtc(path) < Young)
            {
                Thread.Sleep(20); // its owner is writing it
            }
            catch (JsonException)
            {
                return true;
            }
        }
    }

    private static void TryMoveBack(string aside, string path)
    {
        try
        {
            File.Move(aside, path, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(aside); // yet another process holds the folder now
        }
    }
}
