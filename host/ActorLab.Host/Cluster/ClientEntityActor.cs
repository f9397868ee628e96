using ActorLab.Host.Federated;
using ActorLab.Host.Federated.Faults;
using Akka.Actor;

namespace ActorLab.Host.Cluster;

/// <summary>
/// A client as a Cluster.Sharding entity on a worker node: it owns the <see cref="ClientActor"/> and plays the part
/// the server's supervision plays in a one-process run. A client that throws is restarted and the server (the
/// sender of the round's <see cref="ClientActor.Fit"/>, on another node) is told <see cref="ServerActor.ClientFailed"/>
/// with the client's id, so it drops the client from the round instead of waiting for the deadline.
/// </summary>
public sealed class ClientEntityActor : ReceiveActor
{
    private readonly int _clientId;
    private readonly IActorRef _client;
    private IActorRef _server = ActorRefs.Nobody;

    /// <summary>Creates the entity of client <paramref name="clientId"/> of <paramref name="plan"/>.</summary>
    /// <param name="clientId">The client's id.</param>
    /// <param name="plan">The run, as this node built it.</param>
    /// <param name="models">This node's trainer-thread models.</param>
    /// <param name="beforeRound">Called with the round number before the round's work is handed to the client (fault injection).</param>
    public ClientEntityActor(int clientId, FederatedRunPlan plan, WorkerModels models, Action<int>? beforeRound = null)
    {
        _clientId = clientId;
        _client = Context.ActorOf(ClientActor.Props(clientId, plan, models), "client");
        Receive<ClientActor.Fit>(fit =>
        {
            beforeRound?.Invoke(fit.Round);
            _server = Sender;
            _client.Forward(fit);
        });
    }

    /// <summary>Props for the entity of client <paramref name="clientId"/>.</summary>
    public static Props Props(int clientId, FederatedRunPlan plan, WorkerModels models, Action<int>? beforeRound = null) =>
        Akka.Actor.Props.Create(() => new ClientEntityActor(clientId, plan, models, beforeRound));

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(-1, -1, cause =>
    {
        _server.Tell(new ServerActor.ClientFailed(Self, $"{cause.GetType().Name}: {cause.Message}", cause.ToString(), cause is InjectedCrashException)
        {
            ClientId = _clientId,
        });
        return Directive.Restart;
    }, loggingEnabled: false);
}
