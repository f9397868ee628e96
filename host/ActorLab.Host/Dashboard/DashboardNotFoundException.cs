namespace ActorLab.Host.Dashboard;

/// <summary>The Aspire dashboard program is not where the build said; the message says how to restore it.</summary>
public sealed class DashboardNotFoundException(string message) : Exception(message);
