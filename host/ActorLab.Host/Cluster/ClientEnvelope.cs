using ActorLab.Host.Federated;

namespace ActorLab.Host.Cluster;

/// <summary>
/// A round's work for one client, addressed to its sharded entity: Cluster.Sharding places client
/// <paramref name="ClientId"/> on some worker node and delivers <paramref name="Fit"/> to it, keeping the server as sender.
/// </summary>
/// <param name="ClientId">The client's id, which is also its entity id.</param>
/// <param name="Fit">The round's work.</param>
public sealed record ClientEnvelope(int ClientId, ClientActor.Fit Fit);
