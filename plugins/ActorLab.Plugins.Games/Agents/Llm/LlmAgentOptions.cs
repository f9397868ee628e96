using System.ComponentModel.DataAnnotations;
namespace ActorLab.Plugins.Games.Agents.Llm;

/// <summary>Options of <see cref="LlmAgent"/>; the endpoint is any OpenAI-compatible chat-completions server.</summary>
public sealed record LlmAgentOptions
{
    /// <summary>Base URL of the OpenAI-compatible API, e.g. https://api.openai.com/v1 or http://localhost:11434/v1 (Ollama).</summary>
    public string Endpoint { get; init; } = "";

    /// <summary>Model name as the server knows it.</summary>
    public string Model { get; init; } = "";

    /// <summary>Name of the environment variable holding the API key (never the key itself); empty for servers without one.</summary>
    public string ApiKeyVariable { get; init; } = "";

    /// <summary>Sampling temperature.</summary>
    public double Temperature { get; init; }

    /// <summary>Correction messages after a malformed or out-of-range reply before falling back.</summary>
    public int MaxCorrections { get; init; } = 2;

    /// <summary>Retries of a call after a timeout, HTTP 408, 429 or 5xx, or a connection error (Polly).</summary>
    [Range(0, int.MaxValue)]
    public int MaxRetries { get; init; } = 4;

    /// <summary>First retry delay; doubles each retry (with jitter). Servers' Retry-After is not waited beyond it.</summary>
    public int RetryDelayMilliseconds { get; init; } = 500;

    /// <summary>Timeout of one call.</summary>
    [Range(0.0, double.MaxValue, MinimumIsExclusive = true)]
    public int TimeoutSeconds { get; init; } = 60;

    /// <summary>Rounds shown in full in the prompt; earlier ones are summarised as cumulative losses.</summary>
    public int HistoryWindow { get; init; } = 20;

    /// <summary>The policy used when the model gives no valid answer: uniform, hedge or regret-matching.</summary>
    [AllowedValues("uniform", "hedge", "regret-matching")]
    public string Fallback { get; init; } = "uniform";
}
