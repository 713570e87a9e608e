using System.ComponentModel.DataAnnotations;
using IntentBot.Home;
using IntentBot.Nlu;

namespace IntentBot.Agent.Llm;

/// <summary>
/// The optional LLM behind free-form answers: any server speaking the OpenAI chat completions API.
/// With no <see cref="Endpoint"/> the bot never calls a model (the template answers stand alone).
/// </summary>
public sealed class LlmOptions : IValidatableObject
{
    public const string SectionName = "Llm";

    /// <summary>Base URL of the OpenAI-compatible API, up to and including its version segment
    /// (e.g. http://127.0.0.1:8080/v1); the connector appends /chat/completions. Empty: no LLM.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>Model id sent in each request (required with an endpoint; local servers often ignore it).</summary>
    public string Model { get; set; } = "";

    /// <summary>Sent as "Authorization: Bearer KEY" when set. Never logged.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Hard limit for one free-form answer, every model round and tool call included.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Token cap for each model response (max_completion_tokens, and max_tokens for older servers).</summary>
    [Range(16, 4096)]
    public int MaxOutputTokens { get; set; } = 400;

    /// <summary>Also send the token cap as the older "max_tokens" field, which many local servers still expect
    /// (the connector itself sends "max_completion_tokens"). Switch off for servers that reject both together.</summary>
    public bool SendLegacyMaxTokens { get; set; } = true;

    /// <summary>Model rounds that may call tools; a model that still wants tools after that gets no answer
    /// through (the template answer is used).</summary>
    [Range(1, 8)]
    public int MaxToolRounds { get; set; } = 3;

    /// <summary>How many of the conversation's recent turns go to the model with the question.</summary>
    [Range(0, 20)]
    public int MaxRecentTurns { get; set; } = 6;

    [Range(0.0, 2.0)]
    public double Temperature { get; set; } = 0.2;

    /// <summary>Plugins the model may call (e.g. orders, catalog, policies, promotions). Empty: every plugin
    /// in the agent's kernel. Functions listed in <see cref="ExcludedFunctions"/> are never offered.</summary>
    public string[] Plugins { get; set; } = [];

    /// <summary>"plugin-function" names never offered to the model, e.g. anything that changes an order.</summary>
    public string[] ExcludedFunctions { get; set; } = [];

    /// <summary>Replaces the built-in system prompt (<see cref="LlmPrompts.DefaultSystemPrompt"/>).</summary>
    public string SystemPrompt { get; set; } = "";

    /// <summary>A file holding the system prompt, relative to the IntentBot home unless absolute.</summary>
    public string SystemPromptPath { get; set; } = "";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured) yield break;
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            yield return new ValidationResult("Llm:Endpoint must be an absolute http(s) URL such as http://127.0.0.1:8080/v1.", [nameof(Endpoint)]);
        if (string.IsNullOrWhiteSpace(Model))
            yield return new ValidationResult("Llm:Model is required when Llm:Endpoint is set.", [nameof(Model)]);
        if (!string.IsNullOrWhiteSpace(SystemPrompt) && !string.IsNullOrWhiteSpace(SystemPromptPath))
            yield return new ValidationResult("Set Llm:SystemPrompt or Llm:SystemPromptPath, not both.", [nameof(SystemPrompt), nameof(SystemPromptPath)]);
        if (!string.IsNullOrWhiteSpace(SystemPromptPath) && !File.Exists(ResolveSystemPromptPath()))
            yield return new ValidationResult($"Llm:SystemPromptPath '{SystemPromptPath}' does not exist.", [nameof(SystemPromptPath)]);
    }

    /// <summary>The system prompt in force: the file, the inline text, or the built-in default.</summary>
    public string LoadSystemPrompt()
    {
        if (!string.IsNullOrWhiteSpace(SystemPromptPath)) return File.ReadAllText(ResolveSystemPromptPath()).Trim();
        if (!string.IsNullOrWhiteSpace(SystemPrompt)) return SystemPrompt.Trim();
        return LlmPrompts.DefaultSystemPrompt;
    }

    private string ResolveSystemPromptPath() => RepositoryRoot.Resolve(SystemPromptPath, RepositoryRoot.LocateHome());
}
