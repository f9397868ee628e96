using ActorLab.Contracts.Bandits;
using ActorLab.Host.Bandits.OffPolicy;

namespace ActorLab.Host.Bandits;

/// <summary>
/// Writes what each policy did in repetition 0 as a Vowpal Wabbit contextual-bandit log (runs/&lt;id&gt;/logs/&lt;label&gt;.vw),
/// with the propensity of every choice, so the run can be evaluated off-policy here (<c>actorlab ope</c>) or in other
/// tools. The steps are replayed in this process with propensities requested; policies draw the same random numbers
/// either way, so the log is exactly what the run's repetition 0 played.
/// </summary>
public static class BanditLogExport
{
    /// <summary>Writes the first <see cref="BanditScenario.LogSteps"/> steps of every policy; returns the files.</summary>
    public static IReadOnlyList<string> Write(BanditPlan plan, string runFolder)
    {
        var steps = Math.Min(plan.Scenario.LogSteps, plan.Scenario.Steps);
        var folder = Path.Combine(runFolder, "logs");
        Directory.CreateDirectory(folder);
        var logging = plan with { PropensityRequested = true };
        var files = new List<string>();
        for (var p = 0; p < plan.Scenario.Policies.Count; p++)
        {
            var environment = logging.CreateEnvironment(0, out var setup);
            var policy = logging.CreatePolicy(p, setup);
            var log = new List<LoggedStep>((int)steps);
            var context = new float[environment.ContextDimension];
            for (long t = 0; t < steps; t++)
            {
                environment.Context(t, context);
                var arm = policy.Select(t, context, out var propensity);
                var reward = environment.Reward(t, arm);
                policy.Update(t, arm, reward, context);
                log.Add(new LoggedStep((float[])context.Clone(), arm, reward, propensity));
            }

            var path = Path.Combine(folder, plan.Scenario.Policies[p].Label + ".vw");
            File.WriteAllText(path, VowpalWabbitLog.Write(log));
            files.Add(path);
        }

        return files;
    }
}
