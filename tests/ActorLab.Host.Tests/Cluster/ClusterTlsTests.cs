using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ActorLab.Host.Cluster;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Cluster;

/// <summary>TLS on the cluster transport: mutual authentication against pinned certificates.</summary>
public sealed class ClusterTlsTests
{
    private const string Password = "pfx-pass-for-tests";

    private static readonly Dictionary<string, string> Environment = new() { [ClusterTls.PasswordVariable] = Password };

    private static string WriteCertificate(string dir, string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=actorlab-cluster", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    }

    private static NodeProcess Node(string dir, string seed, int port, string certificate) =>
        NodeProcess.Start(dir, Environment, "node", "--seed", seed, "--port", port.ToString(CultureInfo.InvariantCulture), "--plugins", Repo.Manifest,
            "--workers", "1", "--tls-certificate", certificate);

    [Fact]
    public async Task Nodes_with_the_cluster_certificate_run_together_and_a_node_with_another_certificate_cannot_join()
    {
        var dir = Repo.TempDirectory("cluster-tls");
        var scenario = Path.Combine(dir, "tls.json");
        File.WriteAllText(scenario, Support.SmallRuns.MlpDirichlet);
        var cluster = WriteCertificate(dir, "cluster.pfx");
        // Same subject, different key: only the pinned thumbprint tells them apart.
        var stranger = WriteCertificate(dir, "stranger.pfx");
        var ports = FreeLoopbackPorts.Take(3);
        var seed = $"127.0.0.1:{ports[0]}";

        using var first = Node(dir, seed, ports[0], cluster);
        using var second = Node(dir, seed, ports[1], cluster);
        using var intruder = Node(dir, seed, ports[2], stranger);
        await first.WaitForAsync("up at", TimeSpan.FromSeconds(60));
        await second.WaitForAsync("up at", TimeSpan.FromSeconds(60));

        var result = Support.Cli.Run(dir, Environment, "run", scenario, "--plugins", Repo.Manifest, "-o", "runs", "--json", "-q",
            "--cluster", seed, "--cluster-workers", "2", "--tls-certificate", cluster);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("\"status\": \"completed\"", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("running on 2 worker node(s)", result.Stderr, StringComparison.Ordinal);

        // The intruder has been trying for the whole run; it never became a member.
        Assert.DoesNotContain("up at", intruder.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, first.Output + second.Output + intruder.Output + result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_certificate_file_or_thumbprint_is_an_input_error_that_says_what_to_do()
    {
        var dir = Repo.TempDirectory("cluster-tls-errors");
        var missing = Support.Cli.Run(dir, null, "node", "--seed", "127.0.0.1:4053", "--plugins", Repo.Manifest, "--tls-certificate", "nope.pfx");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nope.pfx: --tls-certificate: no such file", missing.Stderr, StringComparison.Ordinal);

        var certificate = WriteCertificate(dir, "c.pfx");
        var noPassword = Support.Cli.Run(dir, null, "node", "--seed", "127.0.0.1:4053", "--plugins", Repo.Manifest, "--tls-certificate", certificate);
        Assert.Equal(2, noPassword.ExitCode);
        Assert.Contains($"export it in {ClusterTls.PasswordVariable}", noPassword.Stderr, StringComparison.Ordinal);

        var badTrust = Support.Cli.Run(dir, null, "node", "--seed", "127.0.0.1:4053", "--tls-certificate", certificate, "--tls-trust", "abc");
        Assert.Equal(2, badTrust.ExitCode);
        Assert.Contains("--tls-trust 'abc': expected SHA-1 certificate thumbprints", badTrust.Stderr, StringComparison.Ordinal);

        var noCluster = Support.Cli.Run(dir, null, "run", "--tls-certificate", certificate);
        Assert.Equal(2, noCluster.ExitCode);
        Assert.Contains("it needs --cluster", noCluster.Stderr, StringComparison.Ordinal);
    }
}
