using ActorLab.Host.AgentTraining;
using ActorLab.Host.Experiments;
using ActorLab.Host.Federated;
using ActorLab.Host.Training;
using System.Diagnostics;
using ActorLab.Host.Bandits;
using ActorLab.Host.Cli;
using ActorLab.Host.Games;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ActorLab.Host.Tests.Fuzz;

/// <summary>
/// Thousands of mutated plugins.json and scenario files go through validation, by the entry points
/// <c>plugins validate</c> and <c>run</c> use (in-process, for speed). Every case must end in a valid load or an
/// input error (<see cref="InputErrors.IsInputError"/>: one clear message, exit code 2), never in another exception
/// and never in a hang.
/// </summary>
public sealed class ValidationFuzzTests(ITestOutputHelper output) : TempDirectoryTest("fuzz")
{
    private const int ManifestCases = 2_500;
    private const int ScenarioCases = 3_000;
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(20);

    private sealed class Tally
    {
        public int Valid;
        public int InputErrors;
        public List<string> Bugs { get; } = [];
        public List<(double Seconds, string Label)> Slowest { get; } = [];
    }

    /// <summary>Runs <paramref name="validate"/> on one case with a time limit and counts its outcome.</summary>
    private static async Task Classify(Tally tally, string label, Action validate)
    {
        var clock = Stopwatch.StartNew();
        string? bug = null;
        var valid = false;
        var work = Task.Run(validate);
        try
        {
            await work.WaitAsync(PerCase);
            valid = true;
        }
        catch (TimeoutException)
        {
            bug = $"{label}: no answer in {PerCase.TotalSeconds} s (hang)";
        }
        catch (Exception ex) when (InputErrors.IsInputError(ex))
        {
            if (ex.Message.Length == 0 || ex.Message.Contains("   at ", StringComparison.Ordinal))
            {
                bug = $"{label}: unclear input error: {ex.Message}";
            }
        }
        catch (Exception ex)
        {
            bug = $"{label}: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}\n    {ex.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("ActorLab", StringComparison.Ordinal))?.Trim()}";
        }

        lock (tally)
        {
            if (bug is not null)
            {
                tally.Bugs.Add(bug);
            }
            else if (valid)
            {
                tally.Valid++;
            }
            else
            {
                tally.InputErrors++;
            }

            tally.Slowest.Add((clock.Elapsed.TotalSeconds, label));
            if (tally.Slowest.Count > 10)
            {
                tally.Slowest.Remove(tally.Slowest.MinBy(s => s.Seconds));
            }
        }
    }

    private static Task ForEachCase(int cases, Func<int, Task> run) =>
        Parallel.ForEachAsync(Enumerable.Range(0, cases), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (seed, _) => await run(seed));

    private void Report(string what, Tally tally, int cases, Stopwatch clock)
    {
        output.WriteLine($"{what}: {cases} cases in {clock.Elapsed.TotalSeconds:F1} s: {tally.Valid} valid, {tally.InputErrors} input errors, {tally.Bugs.Count} bugs (other exceptions or hangs)");
        foreach (var bug in tally.Bugs.Take(40))
        {
            output.WriteLine("  " + bug);
        }

        output.WriteLine("  slowest cases:");
        foreach (var (seconds, label) in tally.Slowest.OrderByDescending(s => s.Seconds))
        {
            output.WriteLine($"    {seconds:F2} s: {(label.Length > 160 ? label[..160] + "…" : label)}");
        }
    }

    [Fact]
    public async Task Mutated_manifests_end_in_a_valid_load_or_an_input_error()
    {
        // The repository's plugins.json beside a hard-linked copy of build/plugins, so its relative paths resolve inside the tree.
        var root = Path.Combine(Dir, "repo");
        Directory.CreateDirectory(Path.Combine(root, "build"));
        LinkTree(Repo.Path("build", "plugins"), Path.Combine(root, "build", "plugins"));
        var original = File.ReadAllText(Repo.Manifest);
        var mutator = new JsonMutator(original);

        // Loading the same plugin with the same pin and config gives the same answer: load each distinct entry once, alone
        // (plugin load contexts are not collectible, so thousands of identical loads would only fill memory). Alone is
        // as good as together here: the reader refuses an assembly listed twice, and the repository's plugins do not clash.
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Exception?>>();
        var tally = new Tally();
        var clock = Stopwatch.StartNew();
        await ForEachCase(ManifestCases, async seed =>
        {
            var mutated = mutator.Mutate(seed);
            var manifest = Path.Combine(root, $"plugins-{seed}.json");
            File.WriteAllBytes(manifest, mutated.Bytes);
            await Classify(tally, $"manifest case {seed} ({mutated.Description})", () =>
            {
                var parsed = PluginManifestReader.Read(manifest);
                foreach (var entry in parsed.Plugins.Where(p => p.Enabled))
                {
                    var key = $"{entry.Index}|{entry.FullPath}|{entry.Sha256}|{entry.Config.GetRawText()}";
                    var failure = outcomes.GetOrAdd(key, _ => new Lazy<Exception?>(() =>
                    {
                        try
                        {
                            PluginCatalogLoader.Load(parsed with { Plugins = [entry] });
                            return null;
                        }
                        catch (Exception ex)
                        {
                            return ex;
                        }
                    })).Value;
                    if (failure is not null)
                    {
                        throw failure;
                    }
                }
            });
            File.Delete(manifest);
        });

        Report("plugins.json", tally, ManifestCases, clock);
        Assert.True(tally.Valid > 0, "no mutated manifest stayed valid: the mutations are too coarse to reach the loader");
        Assert.Empty(tally.Bugs);
    }

    [Fact]
    public async Task Mutated_scenarios_end_in_a_valid_load_or_an_input_error()
    {
        var catalog = PluginCatalogLoader.Load(Repo.Manifest);
        var originals = Directory.GetFiles(Repo.Path("scenarios"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (Name: Path.GetFileName(f), Mutator: new JsonMutator(File.ReadAllText(f)))).ToList();
        var kinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var plans = new System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Exception?>>(StringComparer.Ordinal);
        var tally = new Tally();
        var clock = Stopwatch.StartNew();
        await ForEachCase(ScenarioCases, async seed =>
        {
            var (name, mutator) = originals[seed % originals.Count];
            var mutated = mutator.Mutate(seed);
            var path = Path.Combine(Dir, $"scenario-{seed}.json");
            File.WriteAllBytes(path, mutated.Bytes);
            await Classify(tally, $"scenario case {seed} from {name} ({mutated.Description})", () =>
            {
                var kind = ScenarioDocument.Load(path).Kind;
                lock (kinds)
                {
                    kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
                }

                // The same scenario up to comments, spacing and a BOM gets the same answer: build each distinct one's plan once
                // (a fashion-mnist bandit loads its data set to build the plan, seconds each time).
                var canonical = System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(File.ReadAllText(path),
                    new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true }).RootElement);
                var failure = plans.GetOrAdd(canonical, _ => new Lazy<Exception?>(() =>
                {
                    try
                    {
                        ValidateScenario(path, kind, catalog);
                        return null;
                    }
                    catch (Exception ex)
                    {
                        return ex;
                    }
                })).Value;
                if (failure is not null)
                {
                    throw failure;
                }
            });
            File.Delete(path);
        });

        Report("scenarios", tally, ScenarioCases, clock);
        output.WriteLine($"  schema-valid cases per kind: {string.Join(", ", kinds.Select(k => $"{k.Key} {k.Value}"))}");
        Assert.True(tally.Valid > 0, "no mutated scenario stayed valid");
        Assert.Empty(tally.Bugs);
    }

    /// <summary>What <c>run</c> (and <c>train-agent</c>) check before any work, kind by kind; plans are built where that is cheap.</summary>
    private static void ValidateScenario(string path, string kind, PluginCatalog catalog)
    {
        switch (kind)
        {
            case "federated":
                ComponentCheck.Run(FederatedScenarioBinder.Load(path), catalog);
                break;
            case "bandit":
                BanditLauncher.Prepare(path, catalog);
                break;
            case "game":
                GameLauncher.Prepare(path, catalog);
                break;
            case "training":
                ComponentCheck.Run(TrainingScenarioBinder.Load(path), catalog);
                break;
            case "experiment":
                ComponentCheck.Run(ExperimentScenarioBinder.Load(path), catalog);
                break;
            case "agent-training":
                ComponentCheck.Run(AgentTrainingScenarioBinder.Load(path), catalog);
                break;
            case "policy":
                new ActorLab.Host.Policy.PolicyKind().Check(ScenarioDocument.Load(path), catalog, new ActorLab.Host.Simulation.RunRequest(path, Repo.Manifest, Path.GetTempPath(), 1));
                break;
            default:
                throw new InvalidOperationException($"unknown kind '{kind}' passed validation");
        }
    }

    /// <summary>A copy of <paramref name="source"/> made of hard links (no data copied, no symlink leading out of the tree).</summary>
    private static void LinkTree(string source, string target)
    {
        var start = new ProcessStartInfo("cp") { RedirectStandardError = true };
        foreach (var arg in new[] { "-al", source, target })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"cp -al failed: {error}");
    }
}
