namespace ActorLab.Host.Simulation.Kinds;

/// <summary>
/// Where a run reports its progress: units of work done (of <see cref="PreparedRun.ProgressTotal"/>), a short status
/// for a live bar and the full line for logs. The CLI shows a bar on a terminal and the lines otherwise.
/// </summary>
public delegate void RunProgress(double done, string status, string line);
