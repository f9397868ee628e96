using ActorLab.Host.Federated;
using ActorLab.Host.Simulation;
using Akka.Actor;
using Akka.Hosting;

namespace ActorLab.Host.Resume;

/// <summary>
/// Runs the journal's code path once, on a throwaway SQLite file, while a run's data loads on the other core.
/// Akka.Persistence.Sql, linq2db and Akka.Streams JIT-compile about 3,500 methods (570 KB of IL, about 2 s of CPU with
/// tiered compilation off) the first time a journal starts; without this that work lands on the trainer cores
/// during the first rounds, which cost the FedAvg benchmark about 30 % of its throughput (issue 17's profile,
/// bench/README.md). Compiled code is shared by the whole process, so the run's own journal then starts warm.
/// </summary>
public static class JournalWarmUp
{
    private static readonly Lazy<Task> Once = new(
        () => Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap());

    /// <summary>
    /// Starts the warm-up on a thread of its own when <paramref name="settings"/> has a journal, once per process (a
    /// sweep prepares many runs; the second finds the code compiled). The task never fails: a journal that cannot
    /// work is reported by the run's own journal, with the run folder's path.
    /// </summary>
    public static Task Start(JournalSettings? settings) =>
        settings is { Enabled: true } ? Once.Value : Task.CompletedTask;

    /// <summary>The prefix of the temporary folder a warm-up journals into (and deletes).</summary>
    public const string FolderPrefix = "actorlab-journal-warm-up-";

    private static async Task RunAsync() => await JournalOnceAsync(Directory.CreateTempSubdirectory(FolderPrefix));

    /// <summary>
    /// Journals one checkpoint into <paramref name="folder"/> and deletes it; true when the journal flushed. Never
    /// throws: the run itself starts its journal and reports what goes wrong there.
    /// </summary>
    internal static async Task<bool> JournalOnceAsync(DirectoryInfo folder)
    {
        try
        {
            // Always SQLite in a temporary folder: a warm-up never writes to a user's PostgreSQL, and the journal code it
            // compiles (Akka.Persistence.Sql, linq2db, Akka.Streams) is the same for either provider.
            var sqlite = new JournalSettings("sqlite", null);
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await SimulationRunner.HostAsync(new SimulationOptions(1), akka =>
            {
                sqlite.Configure(akka, folder.FullName);
                akka.WithActors((system, _) => system.ActorOf(Akka.Actor.Props.Create(() => new WarmUpActor(done)), "journal-warm-up"));
            }, done.Task, CancellationToken.None);
            return done.Task.IsCompletedSuccessfully;
        }
        catch (Exception)
        {
            return false;
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind costs nothing.
            }
        }
    }

    /// <summary>Replays an empty journal, persists one small checkpoint, flushes, and completes.</summary>
    private sealed class WarmUpActor : ReceiveActor
    {
        public WarmUpActor(TaskCompletionSource done)
        {
            var journal = Context.ActorOf(RunJournalActor.Props(JournalSettings.PersistenceId("warm-up")), "journal");
            var metrics = new RoundMetrics(1, 1, 1, 1, 0, 0, 0, 0, 0);
            journal.Tell(new RoundCheckpoint(1, new float[16], null, null, [], metrics));
            journal.Tell(new RunJournalActor.Flush(null));
            Receive<RunJournalActor.Recovered>(_ => { });
            Receive<RunJournalActor.Persisted>(_ => { });
            Receive<RunJournalActor.Flushed>(_ => done.TrySetResult());
            Receive<RunJournalActor.JournalFailed>(m => done.TrySetException(new InvalidOperationException(m.Reason)));
        }
    }
}
