using System.Runtime.InteropServices;
using ActorLab.Contracts.Federated;
using ActorLab.Host.Federated;
using ActorLab.Host.Federated.Faults;
using ActorLab.Telemetry;
using Akka.Actor;
using Akka.Serialization;

namespace ActorLab.Host.Cluster;

/// <summary>
/// The binary format of every message that crosses the network in a distributed run. Parameters and updates are
/// written as their raw little-endian float bytes behind a length, so an update of n floats costs 4n bytes plus a
/// few dozen bytes of header (measured in bench/README.md), not the 10-20 bytes per float of JSON. Not a
/// general-purpose serializer: each message type has a one-letter manifest and a hand-written layout.
/// </summary>
public sealed class WireSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>The serializer's id in Akka's registry (ids under 100 are Akka's own).</summary>
    public const int Id = 4711;

    /// <summary>The message types bound to this serializer.</summary>
    public static readonly Type[] Types =
    [
        typeof(ClientEnvelope), typeof(ClientActor.Fit), typeof(ClientActor.FitStarted), typeof(ClientActor.FitResult), typeof(ServerActor.ClientFailed),
        typeof(PrepareRun), typeof(RunPrepared), typeof(RunRefused), typeof(EndRun), typeof(KillNode),
    ];

    private static long _bytesWritten;
    private static long _bytesRead;

    /// <summary>Bytes this process has serialized for the wire (all runs), for the bytes-per-round figures of bench/README.md.</summary>
    public static long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <summary>Bytes this process has deserialized from the wire (all runs).</summary>
    public static long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override string Manifest(object o) => o switch
    {
        ClientEnvelope => "E",
        ClientActor.Fit => "F",
        ClientActor.FitStarted => "S",
        ClientActor.FitResult => "R",
        ServerActor.ClientFailed => "X",
        PrepareRun => "P",
        RunPrepared => "A",
        RunRefused => "N",
        EndRun => "Z",
        KillNode => "K",
        _ => throw new ArgumentException($"{nameof(WireSerializer)} cannot write {o.GetType()}"),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            switch (obj)
            {
                case ClientEnvelope envelope:
                    writer.Write(envelope.ClientId);
                    WriteFit(writer, envelope.Fit);
                    break;
                case ClientActor.Fit fit:
                    WriteFit(writer, fit);
                    break;
                case ClientActor.FitStarted started:
                    writer.Write(started.Round);
                    writer.Write(started.ClientId);
                    break;
                case ClientActor.FitResult result:
                    WriteFitResult(writer, result);
                    break;
                case ServerActor.ClientFailed failed:
                    writer.Write(Akka.Serialization.Serialization.SerializedActorPath(failed.Client));
                    writer.Write(failed.Reason);
                    writer.Write(failed.Detail);
                    writer.Write(failed.Injected);
                    writer.Write(failed.ClientId ?? -1);
                    break;
                case PrepareRun prepare:
                    writer.Write(prepare.RunId);
                    writer.Write(prepare.ScenarioFileName);
                    writer.Write(prepare.ScenarioJson);
                    writer.Write(prepare.Plugins.Length);
                    foreach (var plugin in prepare.Plugins)
                    {
                        writer.Write(plugin.File);
                        writer.Write(plugin.Sha256);
                        writer.Write(plugin.Config);
                    }

                    writer.Write(prepare.MklKernels.CpuVendor);
                    writer.Write(prepare.MklKernels.MklBranch);
                    writer.Write(prepare.MklKernels.AmdFastpath);
                    break;
                case RunPrepared prepared:
                    writer.Write(prepared.RunId);
                    writer.Write(prepared.Node);
                    break;
                case RunRefused refused:
                    writer.Write(refused.RunId);
                    writer.Write(refused.Node);
                    writer.Write(refused.Reason);
                    break;
                case EndRun end:
                    writer.Write(end.RunId);
                    break;
                case KillNode kill:
                    writer.Write(kill.RunId);
                    writer.Write(kill.Round);
                    break;
                default:
                    throw new ArgumentException($"{nameof(WireSerializer)} cannot write {obj.GetType()}");
            }
        }

        var bytes = stream.ToArray(); // after the writer is disposed (flushed); ToArray still works on a closed MemoryStream
        Interlocked.Add(ref _bytesWritten, bytes.Length);
        return bytes;
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        Interlocked.Add(ref _bytesRead, bytes.Length);
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
        return manifest switch
        {
            "E" => new ClientEnvelope(reader.ReadInt32(), ReadFit(reader)),
            "F" => ReadFit(reader),
            "S" => new ClientActor.FitStarted(reader.ReadInt32(), reader.ReadInt32()),
            "R" => ReadFitResult(reader),
            "X" => new ServerActor.ClientFailed(system.Provider.ResolveActorRef(reader.ReadString()), reader.ReadString(), reader.ReadString(), reader.ReadBoolean())
            {
                ClientId = reader.ReadInt32() is var id && id >= 0 ? id : null,
            },
            "P" => new PrepareRun(reader.ReadString(), reader.ReadString(), reader.ReadString(),
                Enumerable.Range(0, reader.ReadInt32()).Select(_ => new PluginFingerprint(reader.ReadString(), reader.ReadString(), reader.ReadString())).ToArray(),
                new Torch.MklKernelPath(reader.ReadString(), reader.ReadInt32(), reader.ReadBoolean())),
            "A" => new RunPrepared(reader.ReadString(), reader.ReadString()),
            "N" => new RunRefused(reader.ReadString(), reader.ReadString(), reader.ReadString()),
            "Z" => new EndRun(reader.ReadString()),
            "K" => new KillNode(reader.ReadString(), reader.ReadInt32()),
            _ => throw new System.Runtime.Serialization.SerializationException($"{nameof(WireSerializer)}: unknown manifest '{manifest}'"),
        };
    }

    private static void WriteFit(BinaryWriter writer, ClientActor.Fit fit)
    {
        writer.Write(fit.Round);
        WriteFloats(writer, fit.GlobalParameters);
        WriteFloats(writer, fit.ServerExtras);
        writer.Write((byte)fit.Fault.Kind);
        writer.Write(fit.Fault.WorkFraction);
        writer.Write(fit.Trace is not null);
        if (fit.Trace is { } trace)
        {
            writer.Write(trace.TraceParent);
            writer.Write(trace.TraceState ?? "");
        }
    }

    private static ClientActor.Fit ReadFit(BinaryReader reader)
    {
        var round = reader.ReadInt32();
        var global = ReadFloats(reader)!;
        var extras = ReadFloats(reader);
        var fault = new ClientFault((ClientFaultKind)reader.ReadByte(), reader.ReadDouble());
        TraceContext? trace = null;
        if (reader.ReadBoolean())
        {
            var parent = reader.ReadString();
            var state = reader.ReadString();
            trace = new TraceContext(parent, state.Length == 0 ? null : state);
        }

        return new ClientActor.Fit(round, global, extras, fault, trace);
    }

    private static void WriteFitResult(BinaryWriter writer, ClientActor.FitResult result)
    {
        var update = result.Update;
        writer.Write(result.Round);
        writer.Write(result.SamplesProcessed);
        writer.Write(update.ClientId);
        writer.Write(update.SampleCount);
        writer.Write(update.TrainLoss);
        writer.Write(update.CompletedWork);
        WriteOptional(writer, update.InitialLoss);
        WriteOptional(writer, update.InitialAccuracy);
        WriteFloats(writer, update.Parameters);
        WriteFloats(writer, update.Extras);
    }

    private static ClientActor.FitResult ReadFitResult(BinaryReader reader)
    {
        var round = reader.ReadInt32();
        var samples = reader.ReadInt64();
        var clientId = reader.ReadInt32();
        var sampleCount = reader.ReadInt64();
        var trainLoss = reader.ReadDouble();
        var completedWork = reader.ReadDouble();
        var initialLoss = ReadOptional(reader);
        var initialAccuracy = ReadOptional(reader);
        var parameters = ReadFloats(reader)!;
        var extras = ReadFloats(reader);
        var update = new ClientUpdate(clientId, parameters, sampleCount, trainLoss)
        {
            CompletedWork = completedWork,
            InitialLoss = initialLoss,
            InitialAccuracy = initialAccuracy,
            Extras = extras,
        };
        return new ClientActor.FitResult(round, update, samples);
    }

    private static void WriteOptional(BinaryWriter writer, double? value)
    {
        writer.Write(value.HasValue);
        if (value is { } v)
        {
            writer.Write(v);
        }
    }

    private static double? ReadOptional(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadDouble() : null;

    /// <summary>Length (-1: null), then the floats' bytes as they lie in memory (little-endian on every .NET target).</summary>
    private static void WriteFloats(BinaryWriter writer, float[]? values)
    {
        writer.Write(values?.Length ?? -1);
        if (values is not null)
        {
            writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
        }
    }

    private static float[]? ReadFloats(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        if (length < 0)
        {
            return null;
        }

        var values = new float[length];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        if (reader.Read(bytes) != bytes.Length)
        {
            throw new System.Runtime.Serialization.SerializationException($"{nameof(WireSerializer)}: a float buffer of {length} values was cut short");
        }

        return values;
    }
}
