using ActorLab.Host.Policy;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Policy;

/// <summary>The preference reproductions of scenarios/repro (their README's figures), run once for the claims below.</summary>
public sealed class PreferenceRuns : IAsyncLifetime
{
    private readonly string _dir = Repo.TempDirectory("preference-evidence");

    /// <summary>policy-dpo-on-policy.json.</summary>
    public PolicySummary OnPolicy { get; private set; } = null!;

    /// <summary>policy-dpo-offline.json.</summary>
    public PolicySummary Offline { get; private set; } = null!;

    /// <summary>policy-redi-offline.json.</summary>
    public PolicySummary RediOffline { get; private set; } = null!;

    /// <summary>policy-bco-unpaired.json.</summary>
    public PolicySummary BcoUnpaired { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Task<PolicySummary> Run(string name) => PolicyRuns.RunFileAsync(_dir, Repo.Path("scenarios", "repro", $"{name}.json"));
        OnPolicy = await Run("policy-dpo-on-policy");
        Offline = await Run("policy-dpo-offline");
        RediOffline = await Run("policy-redi-offline");
        BcoUnpaired = await Run("policy-bco-unpaired");
        foreach (var run in new[] { OnPolicy, Offline, RediOffline, BcoUnpaired })
        {
            Assert.True(run.Status == "completed", $"{run.Scenario}: {run.Status}: {run.Failure}");
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>Papers 29, 32, 60 and 74 at toy scale: what the preference phase shows about their claims.</summary>
public sealed class PreferenceEvidenceTests(PreferenceRuns runs) : IClassFixture<PreferenceRuns>
{
    [Fact]
    public void Offline_pairs_entangle_the_gradients_and_both_log_probabilities_fall_while_on_policy_pairs_raise_the_chosen_one()
    {
        // Paper 29: with a large positive inner product of grad log pi(y_w) and grad log pi(y_l), a margin loss moves both
        // the same way; here both fall on the offline pool, while fresh on-policy pairs have anti-aligned gradients.
        var offline = PolicyRuns.Rows(runs.Offline, "preference");
        var onPolicy = PolicyRuns.Rows(runs.OnPolicy, "preference");
        Assert.True(offline.Average(r => r["gradient_inner"]) > 0, $"offline mean gradient inner product {offline.Average(r => r["gradient_inner"])}");
        Assert.True(onPolicy.Average(r => r["gradient_inner"]) < offline.Average(r => r["gradient_inner"]));
        Assert.True(offline[^1]["chosen_logp_after"] < offline[0]["chosen_logp"], $"offline chosen log-prob {offline[0]["chosen_logp"]} -> {offline[^1]["chosen_logp_after"]}");
        Assert.True(offline[^1]["rejected_logp_after"] < offline[0]["rejected_logp"]);
        Assert.True(onPolicy[^1]["chosen_logp_after"] > onPolicy[0]["chosen_logp"], $"on-policy chosen log-prob {onPolicy[0]["chosen_logp"]} -> {onPolicy[^1]["chosen_logp_after"]}");
    }

    [Fact]
    public void On_policy_pairs_raise_held_out_accuracy_over_the_SFT_checkpoint_and_end_above_offline_pairs()
    {
        // Paper 60: on-policy samples with a negative gradient relocate probability mass faster than offline data.
        Assert.True(runs.OnPolicy.FinalAccuracy > runs.OnPolicy.BaselineAccuracy, $"on-policy {runs.OnPolicy.BaselineAccuracy} -> {runs.OnPolicy.FinalAccuracy}");
        Assert.True(runs.OnPolicy.FinalAccuracy > runs.Offline.FinalAccuracy, $"on-policy {runs.OnPolicy.FinalAccuracy}, offline {runs.Offline.FinalAccuracy}");
    }

    [Fact]
    public void Redi_ends_above_dpo_on_the_same_offline_pairs()
    {
        // Paper 74: the reference-free, asymmetric REDI objective against DPO on the same positive and negative traces.
        Assert.Equal(runs.Offline.BaselineAccuracy, runs.RediOffline.BaselineAccuracy); // the same SFT checkpoint and pool
        Assert.True(runs.RediOffline.FinalAccuracy > runs.Offline.FinalAccuracy, $"redi {runs.RediOffline.FinalAccuracy}, dpo {runs.Offline.FinalAccuracy}");
    }

    [Fact]
    public void Bco_trains_from_unpaired_feedback()
    {
        // Paper 32: a binary classifier on thumbs-up / thumbs-down responses of different prompts aligns the policy.
        Assert.True(runs.BcoUnpaired.FinalAccuracy > runs.BcoUnpaired.BaselineAccuracy, $"bco {runs.BcoUnpaired.BaselineAccuracy} -> {runs.BcoUnpaired.FinalAccuracy}");
        var evaluated = PolicyRuns.Rows(runs.BcoUnpaired, "preference").Where(r => !double.IsNaN(r["reward_accuracy"])).ToList();
        Assert.True(evaluated[^1]["reward_accuracy"] > 0.5, $"held-out implicit-reward accuracy {evaluated[^1]["reward_accuracy"]}");
    }
}
