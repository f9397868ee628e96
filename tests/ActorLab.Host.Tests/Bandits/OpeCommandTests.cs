using System.Text.Json;
using ActorLab.Host.Bandits.OffPolicy;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Bandits;

/// <summary><c>actorlab ope</c> as a user runs it: a log file and a scenario in, estimates out.</summary>
public sealed class OpeCommandTests() : TempDirectoryTest("ope")
{
    private static readonly double[] Means = [0.8, 0.5, 0.2];

    /// <summary>A uniform logger on three Bernoulli arms, written in VW cb format.</summary>
    private string UniformLog(int steps)
    {
        var random = new Random(17);
        var log = Enumerable.Range(0, steps).Select(_ =>
        {
            var arm = random.Next(3);
            return new LoggedStep([], arm, random.NextDouble() < Means[arm] ? 1 : 0, 1.0 / 3);
        });
        var path = Path.Combine(Dir, "uniform.vw");
        File.WriteAllText(path, VowpalWabbitLog.Write(log));
        return path;
    }

    private string Targets()
    {
        var path = Path.Combine(Dir, "targets.json");
        File.WriteAllText(path, """
            {
              "kind": "bandit", "seed": 1, "environment": { "name": "bernoulli", "options": { "means": [0.8, 0.5, 0.2] } },
              "policies": [ { "name": "epsilon-greedy", "options": { "epsilon": 1.0 }, "label": "uniform" }, "ucb1" ],
              "steps": 1
            }
            """);
        return path;
    }

    [Fact]
    public void Ope_estimates_every_policy_of_the_scenario_and_the_uniform_targets_interval_holds_its_true_value()
    {
        var result = Support.Cli.Run(Repo.Root, null, "ope", UniformLog(6000), "--policy", Targets(), "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(6000, json.RootElement.GetProperty("steps").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("arms").GetInt32());
        var policies = json.RootElement.GetProperty("policies").EnumerateArray().ToDictionary(p => p.GetProperty("policy").GetString()!);
        Assert.Equal(["uniform", "ucb1"], policies.Keys);

        // The uniform target's value is mean(Means) = 0.5 whatever it learns; it agrees with a uniform log a third of the time.
        var uniform = policies["uniform"];
        foreach (var estimator in new[] { "ips", "selfNormalisedIps", "doublyRobust" })
        {
            var e = uniform.GetProperty(estimator);
            Assert.InRange(Means.Average(), e.GetProperty("low").GetDouble(), e.GetProperty("high").GetDouble());
        }

        Assert.InRange(uniform.GetProperty("agreement").GetDouble(), 0.3, 0.37);

        // UCB1 learns from the third of the steps it agrees on and ends up pulling arm 0: its estimate must beat uniform's.
        Assert.True(policies["ucb1"].GetProperty("doublyRobust").GetProperty("value").GetDouble() > 0.6);
    }

    [Fact]
    public void Ope_prints_a_table_by_default()
    {
        var result = Support.Cli.Run(Repo.Root, null, "ope", UniformLog(500), "--policy", Targets(), "--label", "ucb1");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("ucb1", result.Stdout);
        Assert.DoesNotContain("uniform ", result.Stdout.Split('\n').Skip(3).FirstOrDefault() ?? "");
        Assert.Contains("DR", result.Stdout);
    }

    [Fact]
    public void Ope_mistakes_name_the_file_line_or_label_and_exit_2()
    {
        var missing = Support.Cli.Run(Repo.Root, null, "ope", Path.Combine(Dir, "nope.vw"), "--policy", Targets());
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nope.vw: no such log file", missing.Stderr);

        var bad = Path.Combine(Dir, "bad.vw");
        File.WriteAllText(bad, "1:0:0.5 | a:1\n2:-1:1.5 | a:1\n");
        var malformed = Support.Cli.Run(Repo.Root, null, "ope", bad, "--policy", Targets());
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("bad.vw: line 2", malformed.Stderr);

        var label = Support.Cli.Run(Repo.Root, null, "ope", UniformLog(50), "--policy", Targets(), "--label", "exp3");
        Assert.Equal(2, label.ExitCode);
        Assert.Contains("no policy is labelled 'exp3'; labels: uniform, ucb1", label.Stderr);

        var noPolicy = Support.Cli.Run(Repo.Root, null, "ope", UniformLog(50));
        Assert.Equal(2, noPolicy.ExitCode);
        Assert.Contains("--policy <scenario> is required", noPolicy.Stderr);
    }
}
