using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntentBot.Agent.Insights;

/// <summary>Why a message is in the review queue.</summary>
public static class ReviewSources
{
    public const string Unsure = "unsure";
    public const string OutOfScope = "out_of_scope";
    public const string RatedDown = "rated_down";
    public const string AgentCorrected = "agent_corrected";
}

/// <summary>Where a reviewer left an item.</summary>
public static class ReviewStatuses
{
    public const string Open = "open";
    public const string Confirmed = "confirmed";
    public const string Corrected = "corrected";
    public const string NewIntent = "new_intent";

    public static bool IsDecision(string status) => status is Confirmed or Corrected or NewIntent;
}

/// <summary>How much one word drove the reading: the drop in the intent's (and the sentiment's) probability when it is left out.</summary>
public sealed record WordInfluence(string Word, float Intent, float Sentiment);

/// <summary>
/// One message for a person to look at: the text (personal data masked before it is stored), the model's reading,
/// the occlusion explanation, and the reviewer's decision once made. <see cref="Label"/> is the intent a reviewer
/// says is right (for "new intent", the name they propose).
/// </summary>
public sealed record ReviewItem(
    string Id,
    DateTimeOffset At,
    string UserId,
    string ConversationId,
    string Text,
    string Source,
    string Intent,
    float Confidence,
    bool OutOfScope,
    string Sentiment,
    IReadOnlyList<WordInfluence> Explanation)
{
    public string Status { get; init; } = ReviewStatuses.Open;
    public string? Label { get; init; }
    public string? Reviewer { get; init; }
    public DateTimeOffset? ReviewedAt { get; init; }

    /// <summary>The model's sentence embedding of the masked text, for grouping similar questions; not shown.</summary>
    public float[]? Embedding { get; init; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ReviewItem))]
internal sealed partial class ReviewJsonContext : JsonSerializerContext;
