using Akka.Cluster.Sharding;

namespace ActorLab.Host.Cluster;

/// <summary>
/// Entity id = client id; shard = client id modulo the shard count. Computed from the id alone (not from a
/// per-process string hash), so every node agrees on where a client lives.
/// </summary>
public sealed class ClientMessageExtractor(int shards = ClientMessageExtractor.DefaultShards) : IMessageExtractor
{
    /// <summary>Ten shards per node of a ten-node cluster, the rule of thumb of the Akka documentation.</summary>
    public const int DefaultShards = 100;

    /// <inheritdoc />
    public string? EntityId(object message) => message is ClientEnvelope envelope ? envelope.ClientId.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <inheritdoc />
    public object? EntityMessage(object message) => message is ClientEnvelope envelope ? envelope.Fit : message;

    /// <inheritdoc />
    public string? ShardId(object message) => message is ClientEnvelope envelope
        ? (envelope.ClientId % shards).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : null;

    /// <inheritdoc />
    public string ShardId(string entityId, object? messageHint = null) =>
        (int.Parse(entityId, System.Globalization.CultureInfo.InvariantCulture) % shards).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
