namespace ActorLab.Host.Cluster;

/// <summary>
/// One plugin as a node loaded it, to compare nodes before a run: same file content (sha256), same enabled state
/// and same per-plugin config, or the node is refused.
/// </summary>
/// <param name="File">The assembly's file name.</param>
/// <param name="Sha256">The assembly file's SHA-256 (hex).</param>
/// <param name="Config">The manifest's <c>config</c> object for it, as compact JSON.</param>
public sealed record PluginFingerprint(string File, string Sha256, string Config);

/// <summary>The coordinator asks a worker node to get ready for a run: check plugins, build the plan, host its clients.</summary>
/// <param name="RunId">The run's id; the client entity type is named after it.</param>
/// <param name="ScenarioFileName">The scenario's file name on the coordinator (for error messages).</param>
/// <param name="ScenarioJson">The scenario file's text.</param>
/// <param name="Plugins">The coordinator's plugins, in manifest order.</param>
/// <param name="MklKernels">The coordinator's MKL kernel path: a node on another one would compute other floats.</param>
public sealed record PrepareRun(string RunId, string ScenarioFileName, string ScenarioJson, PluginFingerprint[] Plugins, Torch.MklKernelPath MklKernels);

/// <summary>A worker node is ready to host the run's clients.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Node">The node's address.</param>
public sealed record RunPrepared(string RunId, string Node);

/// <summary>A worker node cannot take part in the run (its plugins differ, or the scenario does not load there).</summary>
/// <param name="RunId">The run.</param>
/// <param name="Node">The node's address.</param>
/// <param name="Reason">Why, in words, with the fix.</param>
public sealed record RunRefused(string RunId, string Node, string Reason);

/// <summary>The run is over: a worker node lets go of its plan.</summary>
/// <param name="RunId">The run.</param>
public sealed record EndRun(string RunId);

/// <summary>
/// Fault injection (<c>faults.nodeKills</c>): the worker kills its own process (SIGKILL, as a crashed machine would
/// vanish) when the first work of round <paramref name="Round"/> reaches one of its clients.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Round">The round the kill is injected into.</param>
public sealed record KillNode(string RunId, int Round);
