using ActorLab.Contracts.Federated;
using ActorLab.Host.Cluster;
using ActorLab.Host.Federated;
using ActorLab.Host.Federated.Faults;
using ActorLab.Telemetry;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ActorLab.Host.Tests.Cluster;

/// <summary>The wire format of distributed runs: exact round trips, and parameters at 4 bytes a float plus a small header.</summary>
public sealed class WireSerializerTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("wire");

    private WireSerializer Serializer => new((ExtendedActorSystem)_system);

    private T RoundTrip<T>(T message, out int bytes) where T : notnull
    {
        var binary = Serializer.ToBinary(message);
        bytes = binary.Length;
        return (T)Serializer.FromBinary(binary, Serializer.Manifest(message));
    }

    private static float[] Floats(int n, int seed)
    {
        var random = new Random(seed);
        var values = new float[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }

        // The awkward values must survive too.
        values[0] = float.NaN;
        values[1] = float.NegativeInfinity;
        values[2] = -0f;
        values[3] = float.Epsilon;
        return values;
    }

    [Fact]
    public void An_update_round_trips_exactly_and_costs_4_bytes_a_float_plus_under_64()
    {
        const int n = 100_000;
        var update = new ClientUpdate(17, Floats(n, 1), 288, 0.123456789)
        {
            Extras = Floats(10, 2),
            InitialLoss = 2.5,
            InitialAccuracy = null,
            CompletedWork = 0.75,
        };
        var back = RoundTrip(new ClientActor.FitResult(3, update, 216), out var bytes);

        Assert.Equal(3, back.Round);
        Assert.Equal(216, back.SamplesProcessed);
        Assert.Equal(17, back.Update.ClientId);
        Assert.Equal(288, back.Update.SampleCount);
        Assert.Equal(0.123456789, back.Update.TrainLoss);
        Assert.Equal(2.5, back.Update.InitialLoss);
        Assert.Null(back.Update.InitialAccuracy);
        Assert.Equal(0.75, back.Update.CompletedWork);
        Assert.Equal(update.Parameters.Select(BitConverter.SingleToInt32Bits), back.Update.Parameters.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(update.Extras.Select(BitConverter.SingleToInt32Bits), back.Update.Extras!.Select(BitConverter.SingleToInt32Bits));
        var raw = 4 * (n + 10);
        Assert.InRange(bytes, raw, raw + 64);
    }

    [Fact]
    public void A_round_s_work_round_trips_with_its_fault_and_trace_context()
    {
        var fit = new ClientActor.Fit(2, Floats(1000, 3), null, new ClientFault(ClientFaultKind.Straggler, 0.4),
            new TraceContext("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "k=v"));
        var back = RoundTrip(new ClientEnvelope(41, fit), out var bytes);

        Assert.Equal(41, back.ClientId);
        Assert.Equal(2, back.Fit.Round);
        Assert.Null(back.Fit.ServerExtras);
        Assert.Equal(fit.Fault, back.Fit.Fault);
        Assert.Equal(fit.Trace, back.Fit.Trace);
        Assert.Equal(fit.GlobalParameters.Select(BitConverter.SingleToInt32Bits), back.Fit.GlobalParameters.Select(BitConverter.SingleToInt32Bits));
        Assert.InRange(bytes, 4000, 4000 + 128);

        var untraced = RoundTrip(fit with { Trace = null }, out _);
        Assert.Null(untraced.Trace);
    }

    [Fact]
    public void Control_messages_round_trip()
    {
        var prepare = new PrepareRun("run-1", "s.json", "{ \"x\": 1 }", [new PluginFingerprint("a.dll", new string('0', 64), "{}"), new PluginFingerprint("b.dll", new string('f', 64), "{\"k\":2}")],
            new ActorLab.Host.Torch.MklKernelPath("AuthenticAMD", 7, true));
        var back = RoundTrip(prepare, out _);
        Assert.Equal(prepare.RunId, back.RunId);
        Assert.Equal(prepare.ScenarioFileName, back.ScenarioFileName);
        Assert.Equal(prepare.ScenarioJson, back.ScenarioJson);
        Assert.Equal(prepare.Plugins, back.Plugins);
        Assert.Equal(prepare.MklKernels, back.MklKernels);
        Assert.Equal(new RunPrepared("r", "akka.tcp://actorlab@127.0.0.1:1"), RoundTrip(new RunPrepared("r", "akka.tcp://actorlab@127.0.0.1:1"), out _));
        Assert.Equal(new RunRefused("r", "n", "why"), RoundTrip(new RunRefused("r", "n", "why"), out _));
        Assert.Equal(new EndRun("r"), RoundTrip(new EndRun("r"), out _));
        Assert.Equal(new ClientActor.FitStarted(4, 12), RoundTrip(new ClientActor.FitStarted(4, 12), out _));

        var failed = RoundTrip(new ServerActor.ClientFailed(_system.DeadLetters, "Boom: x", "detail", Injected: true) { ClientId = 9 }, out _);
        Assert.Equal(("Boom: x", "detail", true, (int?)9), (failed.Reason, failed.Detail, failed.Injected, failed.ClientId));
    }

    [Fact]
    public async Task A_cluster_node_serializes_every_wire_message_with_it()
    {
        var port = Support.FreeLoopbackPorts.Take(1)[0];
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new Microsoft.Extensions.Hosting.HostApplicationBuilderSettings { DisableDefaults = true });
        Akka.Hosting.AkkaHostingExtensions.AddAkka(builder.Services, "actorlab", akka =>
            akka.AddClusterMembership(new ClusterRunSettings([$"127.0.0.1:{port}"], "127.0.0.1", port, ClusterRunSettings.WorkerRole)));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            foreach (var type in WireSerializer.Types)
            {
                Assert.IsType<WireSerializer>(system.Serialization.FindSerializerForType(type));
            }
        }
        finally
        {
            await host.StopAsync();
        }
    }

    public void Dispose() => _system.Dispose();
}
