namespace IntentBot.Nlu.Classification;

/// <summary>One intent with its category and probability.</summary>
public sealed record IntentScore(string Label, string Category, float Confidence);

/// <summary>The three sentiment probabilities (they sum to 1).</summary>
public sealed record SentimentScores(float Negative, float Neutral, float Positive);

public sealed record SentimentResult(string Label, float Confidence, SentimentScores Scores);

/// <summary>What the model says about one text.</summary>
/// <param name="Intent">The most probable intent (may be the out-of-scope label itself).</param>
/// <param name="Intents">The top-k intents, most probable first.</param>
/// <param name="OutOfScope">True when the top intent is out of scope or no in-scope intent is confident enough.</param>
/// <param name="Truncated">True when the text was longer than the model's window and only its start was read.</param>
public sealed record ClassificationResult(
    IntentScore Intent,
    IReadOnlyList<IntentScore> Intents,
    bool OutOfScope,
    SentimentResult Sentiment,
    bool Truncated)
{
    /// <summary>The text's L2-normalised sentence embedding, when the model has one; not part of the JSON answers.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public float[]? Embedding { get; init; }
}
