using System.Text.Json;

namespace IntentBot.Nlu;

public sealed record IntentLabel(string Name, string Category);

/// <summary>What is loaded: identity, labels of each head, limits and where it runs.</summary>
public sealed record ModelInfo(
    string Name,
    string Version,
    string ExecutionProvider,
    IReadOnlyList<IntentLabel> Intents,
    IReadOnlyList<string> Sentiments,
    string? OutOfScopeLabel,
    float OutOfScopeThreshold,
    int MaxSequenceLength,
    JsonElement? Metrics)
{
    /// <summary>Length of the sentence embedding each result carries; 0 when the model has none.</summary>
    public int EmbeddingDimensions { get; init; }
}
