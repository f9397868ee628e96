using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using ActorLab.Contracts.Games;
using ActorLab.Contracts.Randomness;
using Microsoft.Extensions.AI;
using OpenAI;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace ActorLab.Plugins.Games.Agents.Llm;

/// <summary>
/// An LLM as a player or online learner (Park, Liu, Ozdaglar &amp; Zhang, "Do LLM Agents Have Regret?", ICLR 2025):
/// each round the model sees the task and the history (<see cref="LlmPrompt"/>) and answers with a distribution over
/// the actions in a fixed JSON shape, parsed strictly (<see cref="LlmReplyParser"/>). A malformed or out-of-range
/// reply gets a correction message, up to <see cref="LlmAgentOptions.MaxCorrections"/> times; then, or when the
/// server keeps failing after Polly's retries (timeouts, HTTP 408/429/5xx, connection errors), the agent plays its
/// fallback policy for the round and counts it. Calls go through Microsoft.Extensions.AI's <see cref="IChatClient"/>
/// for any OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, llama.cpp), with its OpenTelemetry middleware: one
/// span per call on the ActorLab source with the gen_ai attributes (model, input and output tokens; the duration is
/// the latency). The API key is read from the environment variable the scenario names and is never logged or traced.
/// </summary>
public sealed class LlmAgent(LlmAgentOptions options) : IGameAgent, IAgentCounters
{
    private readonly Dictionary<string, long> _counters = [];
    private IChatClient? _chat;
    private ResiliencePipeline _pipeline = ResiliencePipeline.Empty;
    private LlmPrompt _prompt = null!;
    private IGameAgent _fallback = null!;
    private ChatOptions _chatOptions = new();
    private double[] _last = [];
    private int _actions;
    private string? _key;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, long> Counters => _counters;

    /// <inheritdoc />
    public void Reset(AgentSetup setup)
    {
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"llm: endpoint must be an http(s) URL such as http://localhost:11434/v1, got '{options.Endpoint}'");
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            throw new ArgumentException("llm: model is required (the model name the server knows)");
        }

        if (options.MaxRetries < 0 || options.TimeoutSeconds <= 0)
        {
            throw new ArgumentException($"llm: maxRetries must be 0 or more (0: no retries) and timeoutSeconds positive, got {options.MaxRetries} and {options.TimeoutSeconds}");
        }

        var key = "unused"; // servers without authentication ignore it; the OpenAI client needs a credential
        if (options.ApiKeyVariable.Length > 0)
        {
            key = Environment.GetEnvironmentVariable(options.ApiKeyVariable) is { Length: > 0 } value
                ? value
                : throw new ArgumentException($"llm: the environment variable {options.ApiKeyVariable} (apiKeyVariable) is not set; export the API key in it");
        }

        _key = options.ApiKeyVariable.Length > 0 ? key : null;
        _actions = setup.Actions;
        _last = new double[setup.Actions];
        _counters.Clear();
        _prompt = new LlmPrompt(setup, options.HistoryWindow);
        _fallback = options.Fallback switch
        {
            "uniform" => new UniformRandom(),
            "hedge" => new Hedge(new HedgeOptions()),
            "regret-matching" => new RegretMatching(new RegretMatchingOptions()),
            _ => throw new ArgumentException($"llm: fallback must be uniform, hedge or regret-matching, got '{options.Fallback}'"),
        };
        _fallback.Reset(setup);

        var client = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = endpoint,
            RetryPolicy = new ClientRetryPolicy(0), // Polly retries, so that retries are counted and configurable
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
        });
        _chat?.Dispose();
        _chat = client.GetChatClient(options.Model).AsIChatClient()
            .AsBuilder()
            .UseOpenTelemetry(sourceName: "ActorLab", configure: c => c.EnableSensitiveData = false)
            .Build();
        _chatOptions = new ChatOptions
        {
            Temperature = (float)options.Temperature,
            Seed = (long)(RandomStreams.DeriveSeed(setup.Game.Seed, $"agent.llm.{setup.Player}", setup.Game.Repetition) & 0x7FFF_FFFF),
        };
        var pipeline = new ResiliencePipelineBuilder();
        if (options.MaxRetries > 0) // Polly's retry needs at least one attempt; 0 means none
        {
            pipeline.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<ClientResultException>(e => e.Status is 408 or 429 or >= 500 or 0)
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = options.MaxRetries,
                Delay = TimeSpan.FromMilliseconds(Math.Max(1, options.RetryDelayMilliseconds)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = _ =>
                {
                    Count("retries");
                    return default;
                },
            });
        }

        _pipeline = pipeline.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds)).Build();
    }

    /// <inheritdoc />
    public void Strategy(long round, Span<double> strategy)
    {
        Decide(round, strategy);
        strategy.CopyTo(_last); // shown in the next rounds' history
    }

    private void Decide(long round, Span<double> strategy)
    {
        List<ChatMessage> messages = [new(ChatRole.System, _prompt.System()), new(ChatRole.User, _prompt.User(round))];
        for (var attempt = 0; attempt <= options.MaxCorrections; attempt++)
        {
            string? reply;
            try
            {
                var response = _pipeline.ExecuteAsync(async token => await _chat!.GetResponseAsync(messages, _chatOptions, token)).AsTask().GetAwaiter().GetResult();
                Count("calls");
                Count("input_tokens", response.Usage?.InputTokenCount ?? 0);
                Count("output_tokens", response.Usage?.OutputTokenCount ?? 0);
                reply = response.Text;
            }
            catch (Exception ex) when (ex is ClientResultException or HttpRequestException or TimeoutRejectedException)
            {
                Count("failed_calls");
                Fallback(round, strategy, $"server: {ex.GetType().Name}: {WithoutKey(ex.Message)}");
                return;
            }

            var (probabilities, error) = LlmReplyParser.Parse(reply, _actions);
            if (probabilities is not null)
            {
                probabilities.CopyTo(strategy);
                return;
            }

            Count("malformed_replies");
            messages.Add(new ChatMessage(ChatRole.Assistant, reply ?? ""));
            messages.Add(new ChatMessage(ChatRole.User,
                $"That reply was rejected: {error}. Reply with only {{\"probabilities\": [...]}} holding {_actions} non-negative numbers that sum to 1."));
        }

        Fallback(round, strategy, "no valid reply after the corrections");
    }

    /// <inheritdoc />
    public void Observe(long round, ReadOnlySpan<double> losses)
    {
        _fallback.Observe(round, losses);
        _prompt.Record(_last, losses);
    }

    /// <inheritdoc />
    public void ObserveBandit(long round, int action, double loss, double probability)
    {
        _fallback.ObserveBandit(round, action, loss, probability);
        var seen = new double[_actions];
        seen[action] = loss; // the prompt shows only what was observed
        _prompt.Record(_last, seen);
    }

    /// <inheritdoc />
    public void ObserveOthers(long round, ReadOnlySpan<int> othersActions) => _fallback.ObserveOthers(round, othersActions);

    private void Fallback(long round, Span<double> strategy, string reason)
    {
        Count("fallbacks");
        Activity.Current?.AddEvent(new ActivityEvent("actorlab.llm.fallback", tags: new ActivityTagsCollection
        {
            ["actorlab.game.round"] = round,
            ["actorlab.llm.reason"] = reason,
            ["actorlab.llm.fallback_policy"] = options.Fallback,
        }));
        _fallback.Strategy(round, strategy);
    }

    // A server may quote the request's Authorization header in its error (a 401 saying which key it refused).
    private string WithoutKey(string message) => _key is { Length: >= 4 } key ? message.Replace(key, "***", StringComparison.Ordinal) : message;

    private void Count(string name, long by = 1) => _counters[name] = _counters.GetValueOrDefault(name) + by;
}
