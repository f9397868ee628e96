using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ActorLab.Contracts.State;
using ActorLab.Host.Federated;
using ActorLab.Host.Results;
using Akka.Actor;
using Akka.Serialization;

namespace ActorLab.Host.Resume;

/// <summary>
/// The Akka serializer of <see cref="RoundCheckpoint"/> journal events: a versioned little-endian binary layout with
/// float and double arrays stored as raw bits (a resumed run must continue bit for bit), and the round's metrics as
/// JSON (shortest round-trip numbers, NaN as a string), followed by the SHA-256 of all the bytes before it, so that a
/// flipped bit anywhere in an event is found before a resume trusts it (format 1, without the hash, is still read).
/// Registered for the type when the journal is on.
/// </summary>
public sealed class RoundCheckpointSerializer(ExtendedActorSystem system) : Serializer(system)
{
    /// <summary>The serializer id stored with every event (ids below 100 are Akka's own).</summary>
    public const int Id = 8_801;

    private const int FormatVersion = 2;

    /// <summary>The first format: the same layout without the trailing hash.</summary>
    private const int UnhashedFormatVersion = 1;

    private const int HashLength = 32;

    private static readonly JsonSerializerOptions MetricsJson = new(ResultsJson.Options) { WriteIndented = false };

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override bool IncludeManifest => false;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => obj is RoundCheckpoint checkpoint
        ? Encode(checkpoint)
        : throw new ArgumentException($"{nameof(RoundCheckpointSerializer)} serialises {nameof(RoundCheckpoint)} only, got {obj.GetType()}", nameof(obj));

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, Type type) => Decode(bytes);

    /// <summary>The bytes of <paramref name="checkpoint"/>.</summary>
    public static byte[] Encode(RoundCheckpoint checkpoint)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(checkpoint.Round);
            WriteArray(writer, checkpoint.Global);
            WriteOptionalState(writer, checkpoint.StrategyState);
            writer.Write(checkpoint.ClipNorm.HasValue);
            writer.Write(checkpoint.ClipNorm ?? 0);
            writer.Write(checkpoint.ClientStates.Count);
            foreach (var entry in checkpoint.ClientStates)
            {
                writer.Write(entry.ClientId);
                WriteOptionalState(writer, entry.State);
            }

            writer.Write(JsonSerializer.Serialize(checkpoint.Metrics, MetricsJson));
        }

        stream.Write(SHA256.HashData(stream.GetBuffer().AsSpan(0, (int)stream.Length)));
        return stream.ToArray();
    }

    /// <summary>The checkpoint stored in <paramref name="bytes"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a whole, unchanged event (the message says how).</exception>
    public static RoundCheckpoint Decode(byte[] bytes)
    {
        var version = bytes.Length >= sizeof(int) ? BitConverter.ToInt32(bytes, 0) : throw new InvalidDataException("journal event cut short");
        var body = bytes.Length;
        if (version == FormatVersion)
        {
            body = bytes.Length - HashLength;
            if (body < sizeof(int) || !SHA256.HashData(bytes.AsSpan(0, body)).AsSpan().SequenceEqual(bytes.AsSpan(body)))
            {
                throw new InvalidDataException("journal event damaged (its SHA-256 does not match its bytes)");
            }
        }
        else if (version != UnhashedFormatVersion)
        {
            throw new InvalidDataException($"journal event format {version}; this actorlab reads formats {UnhashedFormatVersion} and {FormatVersion} (resume with the actorlab version that started the run)");
        }

        try
        {
            return DecodeBody(new MemoryStream(bytes, sizeof(int), body - sizeof(int)));
        }
        catch (Exception ex) when (ex is EndOfStreamException or JsonException or ArgumentException)
        {
            throw new InvalidDataException($"journal event damaged ({ex.GetType().Name}: {ex.Message})", ex);
        }
    }

    private static RoundCheckpoint DecodeBody(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var round = reader.ReadInt32();
        var global = ReadArray<float>(reader);
        var strategy = ReadOptionalState(reader);
        var hasClip = reader.ReadBoolean();
        var clip = reader.ReadDouble();
        var clients = new ClientStateEntry[Count(reader, sizeof(int) + 1)];
        for (var i = 0; i < clients.Length; i++)
        {
            clients[i] = new ClientStateEntry(reader.ReadInt32(), ReadOptionalState(reader));
        }

        var metrics = JsonSerializer.Deserialize<RoundMetrics>(reader.ReadString(), MetricsJson)
            ?? throw new InvalidDataException("journal event without round metrics");
        if (stream.Position != stream.Length)
        {
            throw new InvalidDataException($"journal event damaged ({stream.Length - stream.Position} bytes after its end)");
        }

        return new RoundCheckpoint(round, global, strategy, hasClip ? clip : null, clients, metrics);
    }

    private static void WriteOptionalState(BinaryWriter writer, ComponentState? state)
    {
        writer.Write(state is not null);
        if (state is null)
        {
            return;
        }

        WriteNamed(writer, state.Floats, WriteArray);
        WriteNamed(writer, state.Doubles, WriteArray);
        WriteNamed(writer, state.Numbers, (w, v) => w.Write(v));
    }

    private static ComponentState? ReadOptionalState(BinaryReader reader) => !reader.ReadBoolean() ? null : new ComponentState
    {
        Floats = ReadNamed(reader, ReadArray<float>),
        Doubles = ReadNamed(reader, ReadArray<double>),
        Numbers = ReadNamed(reader, r => r.ReadDouble()),
    };

    // Names in ordinal order, so that equal states give equal bytes.
    private static void WriteNamed<T>(BinaryWriter writer, IReadOnlyDictionary<string, T> values, Action<BinaryWriter, T> write)
    {
        writer.Write(values.Count);
        foreach (var (name, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            writer.Write(name);
            write(writer, value);
        }
    }

    private static Dictionary<string, T> ReadNamed<T>(BinaryReader reader, Func<BinaryReader, T> read)
    {
        var count = Count(reader, 1);
        var values = new Dictionary<string, T>(count);
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            values[name] = read(reader);
        }

        return values;
    }

    private static void WriteArray<T>(BinaryWriter writer, T[] values)
        where T : unmanaged
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static T[] ReadArray<T>(BinaryReader reader)
        where T : unmanaged
    {
        var values = new T[Count(reader, System.Runtime.CompilerServices.Unsafe.SizeOf<T>())];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        if (reader.Read(bytes) != bytes.Length)
        {
            throw new InvalidDataException("journal event cut short");
        }

        return values;
    }

    /// <summary>A count read from the event, refused when the bytes left could not hold that many items of <paramref name="itemBytes"/> (a damaged event).</summary>
    private static int Count(BinaryReader reader, int itemBytes)
    {
        var count = reader.ReadInt32();
        var left = reader.BaseStream.Length - reader.BaseStream.Position;
        return count >= 0 && (long)count * itemBytes <= left ? count : throw new InvalidDataException($"journal event damaged (a count of {count} with {left} bytes left)");
    }
}
