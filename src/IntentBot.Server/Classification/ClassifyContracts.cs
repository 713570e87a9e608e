using System.Text.Json;
using System.Text.Json.Serialization;
using IntentBot.Nlu;

namespace IntentBot.Server.Classification;

/// <summary>POST /api/v1/classify body: either <c>text</c> or <c>texts</c>, and optionally <c>topK</c> and <c>explain</c>
/// (each word's influence on the intent and the sentiment: the drop in their probability when the word is left out).</summary>
public sealed record ClassifyRequest(string? Text, IReadOnlyList<string>? Texts, int? TopK, bool? Explain = null);

public sealed record ClassifyResponse(IReadOnlyList<ClassifyResultDto> Results, ModelRef Model);

public sealed record ClassifyResultDto(
    IntentDto Intent, IReadOnlyList<IntentDto> Intents, bool OutOfScope, SentimentDto Sentiment, bool Truncated,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<IntentBot.Agent.Insights.WordInfluence>? Explanation = null);

public sealed record IntentDto(string Label, string Category, float Confidence);

public sealed record SentimentDto(string Label, float Confidence, SentimentScoresDto Scores);

public sealed record SentimentScoresDto(float Negative, float Neutral, float Positive);

public sealed record ModelRef(string Name, string Version);

/// <summary>GET /api/v1/model.</summary>
public sealed record ModelDescription(
    string Name, string Version, string ExecutionProvider, int MaxSequenceLength,
    ModelLabels Labels, OutOfScopeRule OutOfScope, System.Text.Json.JsonElement? Metrics);

public sealed record ModelLabels(IReadOnlyList<IntentLabel> Intent, IReadOnlyList<string> Sentiment);

public sealed record OutOfScopeRule(string? Label, float ConfidenceThreshold);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ClassifyRequest))]
[JsonSerializable(typeof(ClassifyResponse))]
[JsonSerializable(typeof(ModelDescription))]
internal sealed partial class ClassificationJsonContext : JsonSerializerContext;
