namespace ActorLab.Host.Cli;

/// <summary>
/// <c>actorlab run --otlp [URL]</c>. Telemetry starts before the command line is parsed (Program.cs), so the flag is
/// read from the raw arguments and turned into the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> and
/// <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> variables of this process: the flag configures export exactly as they do.
/// </summary>
public static class OtlpOption
{
    /// <summary>The option's name.</summary>
    public const string Name = "--otlp";

    /// <summary>Where <c>--otlp</c> without a URL sends: OTLP/gRPC on this machine (<c>actorlab dashboard</c>'s default).</summary>
    public const string DefaultEndpoint = "http://127.0.0.1:4317";

    /// <summary>The conventional OTLP/HTTP port; a URL on it is sent http/protobuf.</summary>
    public const int HttpPort = 4318;

    /// <summary>The endpoint <c>--otlp</c> names in <paramref name="args"/> (the default without a value), or null without the flag.</summary>
    public static string? Find(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith(Name + "=", StringComparison.Ordinal))
            {
                return args[i][(Name.Length + 1)..];
            }

            if (args[i] == Name)
            {
                // Like the parser: the next argument is the value unless it is another option.
                return i + 1 < args.Count && !args[i + 1].StartsWith('-') ? args[i + 1] : DefaultEndpoint;
            }
        }

        return null;
    }

    /// <summary>
    /// The OTLP protocol for <paramref name="endpoint"/>: <paramref name="protocolVariable"/> (OTEL_EXPORTER_OTLP_PROTOCOL)
    /// when set, else http/protobuf on port 4318 and gRPC anywhere else.
    /// </summary>
    public static string ProtocolFor(Uri endpoint, string? protocolVariable) =>
        !string.IsNullOrWhiteSpace(protocolVariable) ? protocolVariable
        : endpoint.Port == HttpPort ? "http/protobuf"
        : "grpc";

    /// <summary>True when <paramref name="value"/> is an absolute http or https URL.</summary>
    public static bool IsValidEndpoint(string value, out Uri? endpoint) =>
        Uri.TryCreate(value, UriKind.Absolute, out endpoint) && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps);

    /// <summary>
    /// Sets the OTLP variables of this process for a <c>--otlp</c> in <paramref name="args"/>; does nothing without the
    /// flag or with an invalid URL (the command's validation reports that).
    /// </summary>
    public static void Apply(IReadOnlyList<string> args)
    {
        if (Find(args) is not { } value || !IsValidEndpoint(value, out var endpoint))
        {
            return;
        }

        Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint!.ToString().TrimEnd('/'));
        Environment.SetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL",
            ProtocolFor(endpoint, Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL")));
    }
}
