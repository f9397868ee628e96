using System.Globalization;

namespace ActorLab.Host.Cluster;

/// <summary>How this process takes part in an Akka.Cluster.</summary>
/// <param name="Seeds">Seed node addresses (<c>akka.tcp://actorlab@host:port</c>).</param>
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

    /// <summary>Coordinator: how long to wait for the workers to join and get ready.</summary>
    public TimeSpan JoinTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Turns <c>host:port</c> or a full <c>akka.tcp://actorlab@host:port</c> into a seed address; throws
    /// <see cref="ArgumentException"/> naming <paramref name="option"/> for anything else.
    /// </summary>
    public static string ParseSeed(string value, string option)
    {
        var text = value.Trim();
        var prefix = $"akka.tcp://{SystemName}@";
        var hostPort = text.StartsWith("akka.tcp://", StringComparison.Ordinal)
            ? text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : throw new ArgumentException(
                $"{option} {value}: the actor system must be called '{SystemName}' ({prefix}host:port)")
            : text;
        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostPort[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ArgumentException($"{option} {value}: expected host:port (e.g. 127.0.0.1:4053) or {prefix}host:port");
        }

        return $"{prefix}{hostPort[..colon]}:{port}";
    }
}
