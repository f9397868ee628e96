using System.Text.Json;
using ActorLab.Host.Results.Database;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Resume;

/// <summary>
/// What the crash campaign shares: a small seeded SCAFFOLD scenario (server and client state), its uninterrupted run as
/// a process (the reference every resumed run must equal byte for byte; made once), and helpers that run it until a
/// fault point (<see cref="TestFaultPoints"/>), resume it and compare. Each caller gets runs folders of its own.
/// </summary>
public sealed class CrashCampaignFixture : IDisposable
{
    /// <summary>Rounds of the scenario.</summary>
    public const int Rounds = 6;

    /// <summary>Clients sampled per round (rows of clients.csv per round).</summary>
    public const int PerRound = 2;

    private const string ScenarioJson = """
        {
          "name": "campaign",
          "kind": "federated",
          "seed": 15,
          "dataset": "digits",
          "partitioner": { "name": "dirichlet", "options": { "alpha": 0.5, "minSamples": 20 } },
          "model": { "name": "mlp", "options": { "hidden": [16] } },
          "strategy": "scaffold",
          "rounds": 6,
          "clients": { "total": 4, "perRound": 2 },
          "training": { "localEpochs": 1, "batchSize": 32, "learningRate": 0.05 }
        }
        """;

    private readonly Lazy<string> _reference;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<string>> _killed = new();
    private int _roots;

    /// <summary>Writes the scenario; the reference run is made when first asked for.</summary>
    public CrashCampaignFixture()
    {
        Dir = Repo.TempDirectory("crash-campaign");
        Scenario = Path.Combine(Dir, "campaign.json");
        File.WriteAllText(Scenario, ScenarioJson);
        _reference = new Lazy<string>(() =>
        {
            var root = Path.Combine(Dir, "reference");
            var run = Run(root);
            Assert.True(run.ExitCode == 0, run.Stderr);
            return Directory.GetDirectories(root).Single();
        });
    }

    /// <summary>The fixture's folder.</summary>
    public string Dir { get; }

    /// <summary>The scenario file.</summary>
    public string Scenario { get; }

    /// <summary>The uninterrupted run's folder.</summary>
    public string Reference => _reference.Value;

    /// <summary>
    /// The runs folder of a run killed at <paramref name="point"/> (SIGKILL), made once per point and shared: a test that
    /// changes it puts it back, or works on a copy (<see cref="CopyOf"/>).
    /// </summary>
    public string KilledOnce(string point) => _killed.GetOrAdd(point, p => new Lazy<string>(() =>
    {
        var runs = NewRunsRoot($"killed-{p.Replace('@', '-')}");
        var killed = Run(runs, $"{p}:kill");
        Assert.True(killed.ExitCode == 137, $"the run was not killed at {p} (exit code {killed.ExitCode}): {killed.Stderr}");
        return runs;
    })).Value;

    /// <summary>A copy of the run folder in <paramref name="runs"/> (not its database) in a new runs folder.</summary>
    public string CopyOf(string runs)
    {
        var copy = NewRunsRoot("copy");
        var source = Directory.GetDirectories(runs).Single();
        var target = Directory.CreateDirectory(Path.Combine(copy, Path.GetFileName(source))).FullName;
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return copy;
    }

    /// <summary>A new, empty runs folder.</summary>
    public string NewRunsRoot(string name) => Directory.CreateDirectory(Path.Combine(Dir, $"{name}-{Interlocked.Increment(ref _roots)}")).FullName;

    /// <summary>
    /// <c>actorlab run</c> into <paramref name="runs"/>, with <paramref name="fault"/> (<c>point[@round]:action</c>) set
    /// when given; fails after <paramref name="timeout"/> (default 2 minutes).
    /// </summary>
    public Support.Cli.Result Run(string runs, string? fault = null, TimeSpan? timeout = null) =>
        Support.Cli.RunWithin(timeout ?? TimeSpan.FromMinutes(2), Dir, fault is null ? null : new Dictionary<string, string> { [TestFaultPoints.Variable] = fault },
            "run", Scenario, "--plugins", Repo.Manifest, "--output", runs, "--workers", "1", "--json");

    /// <summary><c>actorlab resume</c> of the one run in <paramref name="runs"/>, with <paramref name="extra"/> options.</summary>
    public Support.Cli.Result Resume(string runs, params string[] extra) =>
        Support.Cli.RunWithin(TimeSpan.FromMinutes(2), Dir, null, ["resume", RunIn(runs), "--plugins", Repo.Manifest, "--output", runs, "--workers", "1", "--json", .. extra]);

    /// <summary>The id of the one run folder in <paramref name="runs"/>.</summary>
    public static string RunIn(string runs) => Path.GetFileName(Directory.GetDirectories(runs).Single());

    /// <summary>
    /// Asserts that the run in <paramref name="runs"/> completed with the reference's metrics.csv and clients.csv, byte for
    /// byte, its summary counting every round's samples and training time, and that the results database holds it once,
    /// completed, with each round once.
    /// </summary>
    public void AssertSameAsReference(string runs, string what)
    {
        var folder = Directory.GetDirectories(runs).Single();
        Assert.True(File.ReadAllText(Path.Combine(Reference, "metrics.csv")) == File.ReadAllText(Path.Combine(folder, "metrics.csv")), $"{what}: metrics.csv differs from the uninterrupted run's");
        Assert.True(File.ReadAllText(Path.Combine(Reference, "clients.csv")) == File.ReadAllText(Path.Combine(folder, "clients.csv")), $"{what}: clients.csv differs from the uninterrupted run's");
        Assert.False(File.Exists(Path.Combine(folder, Host.Results.RunFolderLock.FileName)), $"{what}: the run's lock is left behind");

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Reference, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.Equal(Rounds, root.GetProperty("roundsCompleted").GetInt32());
        Assert.Equal(expected.RootElement.GetProperty("trainSamples").GetInt64(), root.GetProperty("trainSamples").GetInt64());
        // Samples/s over the whole run: every round's training time, the killed process's rounds included.
        var fitSeconds = File.ReadAllLines(Path.Combine(folder, "timings.csv")).Skip(1)
            .Sum(line => double.Parse(line.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(fitSeconds, root.GetProperty("trainSeconds").GetDouble(), 9);
        Assert.Equal(root.GetProperty("trainSamples").GetInt64() / root.GetProperty("trainSeconds").GetDouble(), root.GetProperty("samplesPerSecond").GetDouble(), 6);

        var database = ResultsDatabaseSchema.DefaultPath(runs);
        var run = new ResultsDatabaseReader(new ResultsDatabase(database)).Runs().Single();
        Assert.Equal("completed", run.Status);
        Assert.Equal(Enumerable.Range(1, Rounds).Select(r => (long)r), new ResultsDatabaseReader(new ResultsDatabase(database)).Curve(run.RunId, "test_accuracy").Select(p => p.Step));
        Assert.Equal(0, ResultsDatabaseQueries.Count(database,
            "SELECT count(*) FROM (SELECT step, metric FROM metrics WHERE run_id = $1 GROUP BY step, metric HAVING count(*) > 1)", run.RunId));
        Assert.Equal(Rounds * PerRound, ResultsDatabaseQueries.Count(database, "SELECT count(*) FROM client_metrics WHERE run_id = $1", run.RunId));
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

/// <summary>The tests that share <see cref="CrashCampaignFixture"/> run one after the other (they start many processes).</summary>
[CollectionDefinition(Name)]
public sealed class CrashCampaignCollection : ICollectionFixture<CrashCampaignFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "crash campaign";
}
