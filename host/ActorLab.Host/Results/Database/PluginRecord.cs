namespace ActorLab.Host.Results.Database;

/// <summary>A plugin a run loaded (a row of the <c>plugins</c> table).</summary>
/// <param name="Plugin">Its assembly name.</param>
/// <param name="Version">Its informational version.</param>
/// <param name="Sha256">The sha256 of its assembly file, lower-case hex.</param>
public sealed record PluginRecord(string Plugin, string Version, string Sha256);
