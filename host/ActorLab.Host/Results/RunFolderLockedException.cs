namespace ActorLab.Host.Results;

/// <summary>Another live process writes the run folder (<see cref="RunFolderLock"/>); the message names it. An input error: exit code 2.</summary>
public sealed class RunFolderLockedException(string message) : Exception(message);
