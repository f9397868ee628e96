namespace ActorLab.Host.Results.Database;

/// <summary>A run id (or prefix) that names no run, or several, in the database; the message lists the nearest ids.</summary>
public sealed class UnknownRunException(string message) : Exception(message);
