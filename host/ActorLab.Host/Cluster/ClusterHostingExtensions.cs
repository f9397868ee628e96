using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Akka.Remote.Transport.DotNetty;

namespace ActorLab.Host.Cluster;

/// <summary>Akka.Hosting wiring of a cluster node: remoting, membership, the wire format.</summary>
public static class ClusterHostingExtensions
{
    /// <summary>
    /// Makes this actor system a member of the cluster <paramref name="settings"/> describe: DotNetty TCP remoting on
    /// the given address, cluster membership with the node's role, and <see cref="WireSerializer"/> for every message
    /// that crosses nodes. An unreachable node is downed after a few seconds (the split-brain resolver keeps the
    /// majority) about 10 s later, so a killed worker's shards move to the survivors within a round's deadline. With
    /// <see cref="ClusterRunSettings.Tls"/>, the transport is TLS with mutual authentication against pinned certificates.
    /// </summary>
    public static AkkaConfigurationBuilder AddClusterMembership(this AkkaConfigurationBuilder builder, ClusterRunSettings settings) =>
        builder
            .WithRemoting(Remoting(settings))
            .WithClustering(new ClusterOptions
            {
                Roles = [settings.Role],
                SeedNodes = settings.SeedAddresses.ToArray(),
            })
            .AddHocon("""
                # A dead worker is downed about 10 s after its last heartbeat (pause + stable-after): well inside the
                # default round deadline, and slack enough that a loaded but live node is not taken for dead.
                akka.cluster.split-brain-resolver.stable-after = 5s
                akka.cluster.failure-detector.acceptable-heartbeat-pause = 5s
                akka.remote.dot-netty.tcp.maximum-frame-size = 64MiB
                akka.remote.dot-netty.tcp.send-buffer-size = 64MiB
                akka.remote.dot-netty.tcp.receive-buffer-size = 64MiB
                akka.cluster.sharding.passivate-idle-entity-after = off
                akka.cluster.log-info = off
                # A node leaving is routine here (a run ends, a worker stops): no association chatter.
                akka.remote.log-remote-lifecycle-events = off
                """, HoconAddMode.Prepend)
            .WithCustomSerializer("actorlab-wire", WireSerializer.Types, system => new WireSerializer(system));

    private static RemoteOptions Remoting(ClusterRunSettings settings) => settings.Tls is not { } tls
        ? new RemoteOptions { HostName = settings.Hostname, Port = settings.Port }
        : new RemoteOptions
        {
            HostName = settings.Hostname,
            Port = settings.Port,
            EnableSsl = true,
            Ssl = new SslOptions
            {
                X509Certificate = tls.Certificate,
                SuppressValidation = false,
                // Both ends check each other: a node without a pinned certificate can neither join nor be joined.
                RequireMutualAuthentication = true,
                ValidateCertificateHostname = false,
                CustomValidator = CertificateValidation.PinnedCertificate(tls.TrustedThumbprints.ToArray()),
            },
        };
}
