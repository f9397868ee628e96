using ActorLab.Host.Hosting;
using ActorLab.Host.Simulation.Kinds;
using Xunit;

namespace ActorLab.Host.Tests.Kinds;

/// <summary>What the kinds say of themselves is what the commands see through <see cref="ISimulationKind"/>.</summary>
public sealed class KindMembersTests
{
    [Fact]
    public void Only_the_federated_kind_runs_on_a_cluster_through_the_interface()
    {
        // The CLI asks ISimulationKind.RunsOnCluster; a kind's own property must be what it answers.
        Assert.Equal(["federated"], SimulationKinds.All.Where(k => k.RunsOnCluster).Select(k => k.Name));
    }
}
