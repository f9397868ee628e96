using ActorLab.Host.Federated;
using ActorLab.Host.Federated.Faults;
using ActorLab.Host.Scenarios;
using Xunit;

namespace ActorLab.Host.Tests.Federated;

public sealed class FaultPlanTests
{
    private static FaultPlan Plan(double stragglers = 0, double dropout = 0, double crash = 0, double byzantine = 0, int epochs = 1) =>
        new(new FaultSettings { Stragglers = stragglers, Dropout = dropout, Crash = crash, Byzantine = new ByzantineSettings(byzantine) }, seed: 3, totalClients: 100, localEpochs: epochs);

    private static readonly int[] Sampled = Enumerable.Range(0, 20).Select(i => i * 5).ToArray();

    [Fact]
    public void Byzantine_clients_are_a_fixed_share_of_all_clients()
    {
        var plan = Plan(byzantine: 0.2);
        Assert.Equal(20, Enumerable.Range(0, 100).Count(plan.IsByzantine));
        Assert.Equal(Enumerable.Range(0, 100).Where(plan.IsByzantine), Enumerable.Range(0, 100).Where(Plan(byzantine: 0.2).IsByzantine));
    }

    [Fact]
    public void Stragglers_are_exactly_the_given_share_of_the_sampled_clients_with_partial_work()
    {
        var faults = Plan(stragglers: 0.9).ForRound(1, Sampled);
        Assert.Equal(18, faults.Count);
        Assert.All(faults.Values, f =>
        {
            Assert.Equal(ClientFaultKind.Straggler, f.Kind);
            Assert.InRange(f.WorkFraction, 1e-9, 1 - 1e-9);
        });
        Assert.NotEqual(faults.Keys.Order(), Plan(stragglers: 0.9).ForRound(2, Sampled).Keys.Order());
    }

    [Fact]
    public void With_several_epochs_stragglers_do_whole_epochs_fewer_than_e()
    {
        var faults = Plan(stragglers: 1.0, epochs: 20).ForRound(1, Sampled);
        Assert.All(faults.Values, f =>
        {
            var epochs = f.WorkFraction * 20;
            Assert.Equal(Math.Round(epochs), epochs, 9);
            Assert.InRange(epochs, 1, 19);
        });
    }

    [Fact]
    public void Dropout_and_crash_rates_are_close_to_their_probabilities()
    {
        var plan = Plan(dropout: 0.2, crash: 0.1);
        var rounds = Enumerable.Range(1, 200).Select(r => plan.ForRound(r, Sampled)).ToList();
        var dropouts = rounds.Sum(f => f.Values.Count(x => x.Kind == ClientFaultKind.Dropout)) / (200.0 * Sampled.Length);
        var crashes = rounds.Sum(f => f.Values.Count(x => x.Kind == ClientFaultKind.Crash)) / (200.0 * Sampled.Length);
        Assert.InRange(dropouts, 0.17, 0.23);
        Assert.InRange(crashes, 0.8 * 0.1 * 0.85, 0.8 * 0.1 * 1.15); // crash is drawn for clients that did not drop out
    }

    [Fact]
    public void A_deadline_cuts_the_work_of_slow_or_heavily_loaded_clients()
    {
        var settings = FaultSettings.None with { Deadline = new DeadlineSettings(Seconds: 1, SamplesPerSecond: 100, SpeedSigma: 0.5) };
        var plan = new FaultPlan(settings, seed: 3, totalClients: 100, localEpochs: 2, sampleCount: client => client * 2);
        Assert.Equal(plan.Speed(7), new FaultPlan(settings, 3, 100, 2, c => c * 2).Speed(7));
        Assert.NotEqual(plan.Speed(7), plan.Speed(8));
        foreach (var client in new[] { 1, 10, 50, 99 })
        {
            // Work = rows x epochs = 4 client; capacity = 1 s x 100 samples/s x s_k.
            Assert.Equal(Math.Min(1, 100 * plan.Speed(client) / (4.0 * client)), plan.WorkWithinDeadline(client), 12);
        }

        var faults = plan.ForRound(1, Enumerable.Range(0, 100).ToArray());
        Assert.All(faults, f => Assert.Equal(plan.WorkWithinDeadline(f.Key), f.Value.WorkFraction, 12));
        Assert.Equal(Enumerable.Range(0, 100).Count(c => plan.WorkWithinDeadline(c) < 1), faults.Count);
        Assert.True(faults.Count is > 10 and < 100, $"{faults.Count} stragglers");
    }

    [Fact]
    public void Sign_flip_reverses_and_scales_the_update()
    {
        var sent = ByzantineAttack.Apply(new ByzantineSettings(0.2, "sign-flip", 4), [1f, 1f], [2f, 0f], 0, 0, 1);
        Assert.Equal([-3f, 5f], sent);
    }
}
