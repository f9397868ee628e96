using ActorLab.Contracts.State;
using ActorLab.Host.Federated;
using ActorLab.Host.Resume;
using Xunit;

namespace ActorLab.Host.Tests.Resume;

/// <summary>Journal events keep every bit, and replay merges client states and keeps the last global model.</summary>
public sealed class RoundCheckpointTests
{
    private static RoundMetrics Metrics(int round) => new(round, 3, 2, 100, double.NaN, 0.1 + round / 3.0, 1 / 3.0, 0.25, 0.5)
    {
        Aggregated = false,
        BytesSent = 123,
        ClientAccuracyMean = double.PositiveInfinity,
        Epsilon = 1e-300,
        NonFiniteUpdates = 2,
        MessagesDropped = 1,
        TimedOut = 1,
        StoppedClients = [new StoppedClient(7, round, 3, "InvalidOperationException: boom")],
        Clients = [new ClientOutcome(0, "aggregated", null, 10, 1, 0.5, null), new ClientOutcome(2, "dropped", "straggler, \"slow\"", 3, 0.3, double.NaN, 0.1)],
    };

    [Fact]
    public void Encode_then_decode_keeps_every_bit()
    {
        var state = new ComponentState
        {
            Floats = new Dictionary<string, float[]> { ["c"] = [float.NaN, -0f, float.Epsilon, 1 / 3f] },
            Doubles = new Dictionary<string, double[]> { ["m"] = [double.NegativeInfinity, 1 / 3.0], ["v"] = [] },
            Numbers = new Dictionary<string, double> { ["t"] = 7 },
        };
        var checkpoint = new RoundCheckpoint(4, [1.5f, float.NaN, -0f], state, 0.75, [new(3, state), new(5, null)], Metrics(4));

        var decoded = RoundCheckpointSerializer.Decode(RoundCheckpointSerializer.Encode(checkpoint));

        Assert.Equal(4, decoded.Round);
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(decoded.Global[2]));
        Assert.True(float.IsNaN(decoded.Global[1]));
        Assert.True(decoded.StrategyState!.BitEquals(state));
        Assert.Equal(0.75, decoded.ClipNorm);
        Assert.Equal([3, 5], decoded.ClientStates.Select(c => c.ClientId));
        Assert.True(decoded.ClientStates[0].State!.BitEquals(state));
        Assert.Null(decoded.ClientStates[1].State);
        Assert.Equal(RoundCheckpointSerializer.Encode(checkpoint), RoundCheckpointSerializer.Encode(decoded));
        var none = Array.Empty<ClientOutcome>();
        // Records compare their lists by reference: compare the lists element by element, the rest as records.
        Assert.Equal(Metrics(4) with { Clients = none, StoppedClients = [] }, decoded.Metrics with { Clients = none, StoppedClients = [] });
        Assert.Equal(Metrics(4).Clients, decoded.Metrics.Clients);
        Assert.Equal(Metrics(4).StoppedClients, decoded.Metrics.StoppedClients);
    }

    [Fact]
    public void Replay_keeps_the_last_global_and_each_clients_latest_state()
    {
        var a = ComponentState.Of(floats: [("c_i", [1f])]);
        var b = ComponentState.Of(floats: [("c_i", [2f])]);
        var run = new RecoveredRun();
        run.Apply(new RoundCheckpoint(1, [1f], null, null, [new(0, a), new(1, a)], Metrics(1)));
        run.Apply(new RoundCheckpoint(2, [2f], null, null, [new(1, b), new(0, null)], Metrics(2)));

        Assert.Equal(2, run.Round);
        Assert.Equal([2f], run.Global!);
        Assert.Null(run.ClientStates[0]); // restarted after throwing: a fresh algorithm
        Assert.Equal([2f], run.ClientStates[1]!.Floats["c_i"]);
        Assert.Equal([1, 2], run.Rounds.Select(r => r.Round));
        Assert.Throws<InvalidOperationException>(() => run.Apply(new RoundCheckpoint(4, [4f], null, null, [], Metrics(4))));
    }

    [Fact]
    public void Any_flipped_bit_is_refused_and_events_of_the_first_format_still_read()
    {
        var bytes = RoundCheckpointSerializer.Encode(new RoundCheckpoint(2, [1.5f, 2.5f, -3f], null, 0.5, [], Metrics(2)));
        for (var at = 0; at < bytes.Length; at += 7)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[at] ^= 0x04;
            Assert.Throws<InvalidDataException>(() => RoundCheckpointSerializer.Decode(damaged));
        }

        Assert.Throws<InvalidDataException>(() => RoundCheckpointSerializer.Decode(bytes[..^1]));
        // Format 1: the same layout without the trailing SHA-256.
        var first = bytes[..^32];
        BitConverter.GetBytes(1).CopyTo(first, 0);
        Assert.Equal([1.5f, 2.5f, -3f], RoundCheckpointSerializer.Decode(first).Global);
    }
}
