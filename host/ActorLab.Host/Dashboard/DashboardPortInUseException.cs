namespace ActorLab.Host.Dashboard;

/// <summary>A port the dashboard should listen on is taken by another program.</summary>
public sealed class DashboardPortInUseException(int port) : Exception($"port {port} on 127.0.0.1 is already in use")
{
    /// <summary>The port.</summary>
    public int Port { get; } = port;
}
