using System.Globalization;

namespace ActorLab.Host.Cluster;

/// <summary>How this process takes part in an Akka.Cluster.</summary>
/// <param name="Seeds">Seed nodes, <c>host:port</c> (<see cref="ParseSeed"/>).</param>
/// <param name="Hostname">The address this node listens on and is reached at.</param>
/// <param name="Port">The port this node listens on; 0 picks a free one.</param>
/// <param name="Role">The node's role: <see cref="WorkerRole"/> hosts client entities, <see cref="CoordinatorRole"/> runs the server.</param>
public sealed record ClusterRunSettings(IReadOnlyList<string> Seeds, string Hostname, int Port, string Role)
{
    /// <summary>The actor system's name, the same on every node (it is part of every address).</summary>
    public const string SystemName = "actorlab";

    /// <summary>Role of nodes that host client entities.</summary>
    public const string WorkerRole = "worker";

    /// <summary>Role of the node that runs the server (a cluster singleton among nodes of this role).</summary>
    public const string CoordinatorRole = "coordinator";

    /// <summary>Coordinator: worker nodes to wait for before the run starts.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>
    /// Coordinator: the round deadline when the scenario sets no <c>clients.timeoutSeconds</c>. A distributed run always
    /// has one, because the clients of a node that dies never answer.
    /// </summary>
    public TimeSpan RoundTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>TLS with pinned certificates on the cluster transport; null: plain TCP (loopback or a trusted network only).</summary>
    public ClusterTls? Tls { get; init; }

    /// <summary>Coordinator: how long to wait for the workers to join and get ready.</summary>
    public TimeSpan JoinTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The seeds as Akka addresses: <c>akka.ssl.tcp://</c> with TLS, <c>akka.tcp://</c> without.</summary>
    public IReadOnlyList<string> SeedAddresses => Seeds.Select(seed => $"{(Tls is null ? "akka.tcp" : "akka.ssl.tcp")}://{SystemName}@{seed}").ToArray();

    /// <summary>
    /// Turns <c>host:port</c> or a full <c>akka.tcp://actorlab@host:port</c> (or <c>akka.ssl.tcp://</c>) into the
    /// canonical <c>host:port</c>; throws <see cref="ArgumentException"/> naming <paramref name="option"/> for anything else.
    /// </summary>
    public static string ParseSeed(string value, string option)
    {
        var text = value.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var hostPort = text;
        if (scheme >= 0)
        {
            var at = text.IndexOf('@', StringComparison.Ordinal);
            if (text[..scheme] is not ("akka.tcp" or "akka.ssl.tcp") || at < 0 || text[(scheme + 3)..at] != SystemName)
            {
                throw new ArgumentException($"{option} {value}: expected host:port, or akka.tcp://{SystemName}@host:port (the actor system is called '{SystemName}')");
            }

            hostPort = text[(at + 1)..];
        }

        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostPort[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ArgumentException($"{option} {value}: expected host:port (e.g. 127.0.0.1:4053) or akka.tcp://{SystemName}@host:port");
        }

        return $"{hostPort[..colon]}:{port}";
    }
}
