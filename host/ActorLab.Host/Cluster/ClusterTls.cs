using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ActorLab.Host.Cli;

namespace ActorLab.Host.Cluster;

/// <summary>
/// TLS for the cluster's transport (Akka.Remote's DotNetty SSL): every node presents its certificate, both ends of
/// every connection validate the other's (mutual authentication), and a peer is accepted only if its certificate
/// is one of the pinned ones. The simplest deployment gives all nodes one cluster certificate, which is then the
/// only pinned one; a node without it cannot join.
/// </summary>
/// <param name="Certificate">This node's certificate, with its private key.</param>
/// <param name="TrustedThumbprints">SHA-1 thumbprints (hex) of the certificates peers may present.</param>
public sealed record ClusterTls(X509Certificate2 Certificate, IReadOnlyList<string> TrustedThumbprints)
{
    /// <summary>The environment variable the certificate file's password is read from (never a command-line argument, which other users can see).</summary>
    public const string PasswordVariable = "ACTORLAB_TLS_PASSWORD";

    /// <summary>
    /// Loads the PKCS#12 file <paramref name="path"/> (password in <see cref="PasswordVariable"/>) and the pinned
    /// thumbprints (<paramref name="trust"/>: comma-separated; none: this certificate's own). Throws
    /// <see cref="InputFileException"/> with the fix when the file is missing, unreadable or has no private key.
    /// </summary>
    public static ClusterTls Load(string path, string? trust)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(path, "--tls-certificate: no such file; give a PKCS#12 (.pfx) file holding the node's certificate and private key");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, Environment.GetEnvironmentVariable(PasswordVariable), X509KeyStorageFlags.Exportable);
        }
        catch (CryptographicException ex)
        {
            throw new InputFileException(path, $"--tls-certificate: cannot read it as PKCS#12 ({ex.Message}); if it has a password, export it in {PasswordVariable}");
        }

        if (!certificate.HasPrivateKey)
        {
            throw new InputFileException(path, "--tls-certificate: the file has no private key; export the certificate together with its key (.pfx)");
        }

        var thumbprints = string.IsNullOrWhiteSpace(trust) ? [certificate.Thumbprint] : Thumbprints(trust);
        return new ClusterTls(certificate, thumbprints);
    }

    /// <summary>The thumbprints in <paramref name="trust"/> (comma-separated, colons allowed), upper-case.</summary>
    public static string[] Thumbprints(string trust) =>
        trust.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant()).ToArray();

    /// <summary>Null if <paramref name="trust"/> is a valid <c>--tls-trust</c> value, else the error to show.</summary>
    public static string? CheckTrust(string? trust)
    {
        if (trust is null)
        {
            return null;
        }

        var bad = Thumbprints(trust).Append("").FirstOrDefault(t => t.Length != 40 || !t.All(Uri.IsHexDigit));
        return bad is "" && Thumbprints(trust).Length > 0 ? null
            : $"--tls-trust '{trust}': expected SHA-1 certificate thumbprints, 40 hex digits each, comma-separated (`openssl x509 -noout -fingerprint -sha1 -in cert.pem`)";
    }
}
