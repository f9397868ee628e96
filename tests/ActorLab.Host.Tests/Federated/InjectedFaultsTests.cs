using ActorLab.Host.Federated;
using ActorLab.Host.Federated.Faults;
using ActorLab.Host.Scenarios;
using Xunit;

namespace ActorLab.Host.Tests.Federated;

/// <summary>Message and update faults: seeded, independent of the older fault kinds, and corrupting as documented.</summary>
public sealed class InjectedFaultsTests
{
    private static readonly int[] Sampled = Enumerable.Range(0, 40).ToArray();

    private static FaultPlan Plan(FaultSettings settings) => new(settings, seed: 9, totalClients: 40, localEpochs: 1);

    private static readonly FaultSettings Old = new() { Stragglers = 0.3, Dropout = 0.2, Crash = 0.1 };

    private static readonly FaultSettings All = Old with
    {
        NanUpdates = 0.3,
        InfUpdates = 0.3,
        SlowClients = new DelaySettings(0.3, 100),
        MessageDrops = 0.3,
        MessageDelays = new DelaySettings(0.3, 50),
    };

    [Fact]
    public void New_kinds_do_not_move_the_draws_of_the_old_ones()
    {
        for (var round = 1; round <= 5; round++)
        {
            var before = Plan(Old).ForRound(round, Sampled);
            var after = Plan(All).ForRound(round, Sampled);
            foreach (var client in Sampled)
            {
                var (b, a) = (before.GetValueOrDefault(client, ClientFault.None), after.GetValueOrDefault(client, ClientFault.None));
                Assert.Equal((b.Kind, b.WorkFraction), (a.Kind, a.WorkFraction));
            }
        }
    }

    [Fact]
    public void Draws_are_seeded_and_dropouts_and_crashes_get_no_message_faults()
    {
        var faults = Plan(All).ForRound(3, Sampled);
        Assert.Equal(faults, Plan(All).ForRound(3, Sampled));
        Assert.NotEqual(faults, Plan(All).ForRound(4, Sampled));
        Assert.Contains(faults.Values, f => f.Corruption == UpdateCorruption.NaN);
        Assert.Contains(faults.Values, f => f.Corruption == UpdateCorruption.Infinity);
        Assert.Contains(faults.Values, f => f.SlowMilliseconds == 100);
        Assert.Contains(faults.Values, f => f.ReplyDelayMilliseconds == 50);
        Assert.Contains(faults.Values, f => f.DropsFit);
        Assert.Contains(faults.Values, f => f.DropsReply);
        Assert.All(faults.Values, f => Assert.False(f.DropsFit && f.DropsReply));
        Assert.All(faults.Values.Where(f => f.Kind is ClientFaultKind.Dropout or ClientFaultKind.Crash), f =>
            Assert.Equal(f with { Corruption = UpdateCorruption.None, SlowMilliseconds = 0, ReplyDelayMilliseconds = 0, DropsFit = false, DropsReply = false }, f));
    }

    [Fact]
    public void Corruption_writes_one_percent_of_the_coordinates_and_leaves_the_original_alone()
    {
        var parameters = Enumerable.Range(0, 1000).Select(i => i / 1000f).ToArray();
        var nan = InjectedFaults.Corrupt(parameters, UpdateCorruption.NaN, 1, 2, 3);
        Assert.InRange(nan.Count(float.IsNaN), 1, 10); // 10 positions drawn, some may repeat
        Assert.Equal(nan.Count(float.IsNaN), InjectedFaults.Corrupt(parameters, UpdateCorruption.NaN, 1, 2, 3).Count(float.IsNaN));
        var inf = InjectedFaults.Corrupt(parameters, UpdateCorruption.Infinity, 1, 2, 3);
        Assert.InRange(inf.Count(float.IsInfinity), 1, 10);
        Assert.All(parameters, v => Assert.True(float.IsFinite(v)));
        Assert.False(InjectedFaults.AllFinite(nan));
        Assert.False(InjectedFaults.AllFinite(inf));
        Assert.True(InjectedFaults.AllFinite(parameters));
        Assert.Single(InjectedFaults.Corrupt([0.5f], UpdateCorruption.NaN, 1, 2, 3), float.IsNaN);
    }
}
