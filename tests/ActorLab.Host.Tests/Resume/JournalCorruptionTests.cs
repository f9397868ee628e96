using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorLab.Host.Results;
using ActorLab.Host.Results.Database;
using ActorLab.Host.Resume;
using ActorLab.Host.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ActorLab.Host.Tests.Resume;

/// <summary>
/// A run killed after round 4, its journal damaged in each way a disk, a tool or a person can damage it: resume refuses
/// in one line, quickly, naming the journal, the damage and what to do, and changes nothing (files, journal, database
/// rows; the run shows as crashed). <c>--from-round</c> then goes on from the last good round to the uninterrupted run's
/// results.
/// </summary>
[Collection(CrashCampaignCollection.Name)]
public sealed class JournalCorruptionTests(CrashCampaignFixture campaign)
{
    /// <summary>Killed once round 4's rows are written: metrics.csv and clients.csv hold rounds 1-4, the journal those (and maybe round 5).</summary>
    private const string KilledAt = "written@4";

    /// <summary>The refusal must come at once (Akka's replay of a damaged journal took 30 s).</summary>
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(15);

    /// <summary>Each kind of damage, what the refusal says about it, and the last good round it names (0: start anew).</summary>
    public static TheoryData<string, string, int> Damages => new()
    {
        { "truncated to half", "SQLite finds the file damaged", 0 },
        { "a flipped bit in round 3's event", "event 3: journal event damaged (its SHA-256 does not match its bytes)", 2 },
        { "round 3's event removed", "event 3 is missing (the next one is 4)", 2 },
        { "round 4's event removed, and any after it", "it holds 3 round(s) but metrics.csv already has 4: events were lost", 3 },
        { "round 3's serializer id changed", "event 3 names serializer id 1, not ActorLab's checkpoint serializer (8801)", 2 },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void Damaged_journal_is_refused_in_one_line_and_nothing_already_written_is_lost(string damage, string says, int lastGood)
    {
        var runs = campaign.KilledOnce(KilledAt);
        var folder = Directory.GetDirectories(runs).Single();
        var journal = Path.Combine(folder, JournalSettings.SqliteFileName);
        var database = ResultsDatabaseSchema.DefaultPath(runs);
        var runId = Path.GetFileName(folder);
        var pristine = File.ReadAllBytes(journal);
        try
        {
            Damage(journal, JournalSettings.PersistenceId(runId), damage);
            var files = Snapshot(folder);
            var rows = Rows(database, runId);

            var clock = Stopwatch.StartNew();
            var resumed = campaign.Resume(runs);
            clock.Stop();

            Assert.Equal(2, resumed.ExitCode);
            Assert.Empty(resumed.Stdout);
            var line = Assert.Single(resumed.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"error: run '{runId}' cannot resume: its journal {journal} is damaged: ", line, StringComparison.Ordinal);
            Assert.Contains(says, line, StringComparison.Ordinal);
            Assert.Contains("Nothing was changed: metrics.csv, clients.csv and the results database keep what they hold (4 round(s))", line, StringComparison.Ordinal);
            Assert.Contains(lastGood > 0 ? $"actorlab resume {runId} --from-round {lastGood} " : "Start anew: actorlab run ", line, StringComparison.Ordinal);
            Assert.True(clock.Elapsed < Quickly, $"the refusal took {clock.Elapsed.TotalSeconds:F1} s");

            // Every file as it was, byte for byte (the journal too: it was only read), and no file more.
            var after = Snapshot(folder);
            Assert.Equal(files.Keys.Order(), after.Keys.Order());
            Assert.All(files, f => Assert.True(f.Value.AsSpan().SequenceEqual(after[f.Key]), $"{f.Key} changed"));
            Assert.Equal(rows with { Status = CrashedRuns.Status }, Rows(database, runId));
        }
        finally
        {
            File.WriteAllBytes(journal, pristine);
        }
    }

    [Fact]
    public void From_round_goes_on_after_the_last_good_round_and_the_summary_counts_the_killed_part()
    {
        var runs = campaign.CopyOf(campaign.KilledOnce(KilledAt));
        var folder = Directory.GetDirectories(runs).Single();
        var journal = Path.Combine(folder, JournalSettings.SqliteFileName);
        Damage(journal, JournalSettings.PersistenceId(Path.GetFileName(folder)), "a flipped bit in round 3's event");
        var damaged = File.ReadAllBytes(journal);

        var tooFar = campaign.Resume(runs, "--from-round", "3");
        Assert.Equal(2, tooFar.ExitCode);
        Assert.Contains("--from-round 3 is after the last good round of its journal", tooFar.Stderr, StringComparison.Ordinal);

        // The killed process ran 100 s (its lock's start, moved back) before its last write: the resumed summary counts them.
        var clock = Stopwatch.StartNew();
        var lockFile = RunFolderLock.PathOf(folder);
        var owner = JsonNode.Parse(File.ReadAllText(lockFile))!;
        owner["lockedAt"] = RunFolderLock.LastActivityUtc(folder)!.Value.AddSeconds(-100);
        File.WriteAllText(lockFile, owner.ToJsonString());

        var resumed = campaign.Resume(runs, "--from-round", "2");
        clock.Stop();
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        campaign.AssertSameAsReference(runs, "resumed --from-round 2");
        var kept = Assert.Single(Directory.GetFiles(folder, "journal.before-rewind-*.db"));
        Assert.Equal(damaged, File.ReadAllBytes(kept));
        using var summary = JsonDocument.Parse(resumed.Stdout);
        Assert.InRange(summary.RootElement.GetProperty("wallSeconds").GetDouble(), 100, 100 + clock.Elapsed.TotalSeconds);
    }

    private sealed record DatabaseRows(long Metrics, long Clients, string Status);

    private static DatabaseRows Rows(string database, string runId) => new(
        ResultsDatabaseQueries.Count(database, "SELECT count(*) FROM metrics WHERE run_id = $1", runId),
        ResultsDatabaseQueries.Count(database, "SELECT count(*) FROM client_metrics WHERE run_id = $1", runId),
        new ResultsDatabaseReader(new ResultsDatabase(database)).Find(runId).Status);

    private static Dictionary<string, byte[]> Snapshot(string folder) =>
        Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    /// <summary>Damages the SQLite journal <paramref name="file"/> as <paramref name="damage"/> says.</summary>
    private static void Damage(string file, string persistenceId, string damage)
    {
        if (damage == "truncated to half")
        {
            using var stream = new FileStream(file, FileMode.Open);
            stream.SetLength(stream.Length / 2);
            return;
        }

        if (damage == "a flipped bit in round 3's event")
        {
            // Found by its bytes: a run of 32 from the middle of the event, which occurs once in the file.
            var message = Assert.IsType<byte[]>(Query(file, $"SELECT message FROM journal WHERE persistence_id = '{persistenceId}' AND sequence_number = 3"));
            var bytes = File.ReadAllBytes(file);
            var chunk = message.AsSpan(message.Length / 2, 32);
            var at = bytes.AsSpan().IndexOf(chunk);
            Assert.True(at > 0 && bytes.AsSpan(at + 1).IndexOf(chunk) < 0, "the event's bytes are not found once in the file");
            bytes[at + 7] ^= 0x10;
            File.WriteAllBytes(file, bytes);
            return;
        }

        Query(file, damage switch
        {
            "round 3's event removed" => $"DELETE FROM journal WHERE persistence_id = '{persistenceId}' AND sequence_number = 3",
            // The journal may hold round 5 as well: the server goes on while the run writes round 4's rows.
            "round 4's event removed, and any after it" => $"DELETE FROM journal WHERE persistence_id = '{persistenceId}' AND sequence_number >= 4",
            "round 3's serializer id changed" => $"UPDATE journal SET identifier = 1 WHERE persistence_id = '{persistenceId}' AND sequence_number = 3",
            _ => throw new ArgumentException(damage, nameof(damage)),
        });
    }

    private static object? Query(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
