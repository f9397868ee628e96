namespace ActorLab.Host.Cli;

/// <summary>A file the user handed a command is missing or malformed; the message names the file and what to fix.</summary>
public sealed class InputFileException(string path, string message) : Exception($"{path}: {message}");
