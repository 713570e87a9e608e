using System.Text.Json;
using System.Text.Json.Serialization;
using IntentBot.Agent.Insights;

namespace IntentBot.Server.Insights;

public sealed record CountDto(string Key, long Count);

/// <summary>GET /api/v1/insights/summary: the period's totals and rates (a rate is null when its denominator is 0);
/// <c>ratedUp</c> / <c>ratedDown</c>: customers' thumbs on the bot's replies.</summary>
public sealed record AnalyticsSummary(
    DateTimeOffset From,
    DateTimeOffset To,
    long Conversations,
    long Turns,
    long OutOfScope,
    long Clarifications,
    long Handoffs,
    double? ContainmentRate,
    double? HandoffRate,
    double? OutOfScopeRate,
    IReadOnlyList<CountDto> Intents,
    IReadOnlyList<CountDto> HandoffReasons,
    IReadOnlyList<CountDto> Sentiment,
    IReadOnlyList<CountDto> PurchaseIntent,
    long PromotionsOffered,
    long CodesChecked,
    long Dropped,
    long RatedUp,
    long RatedDown);

/// <summary>One point of a series: the counters of one hour or one day (UTC).</summary>
public sealed record SeriesPoint(DateTimeOffset Start, IReadOnlyDictionary<string, long> Counts);

public sealed record AnalyticsSeries(DateTimeOffset From, DateTimeOffset To, string Bucket, IReadOnlyList<SeriesPoint> Points);

/// <summary>A review item as the API shows it (no embedding).</summary>
public sealed record ReviewItemDto(
    string Id, DateTimeOffset At, string UserId, string ConversationId, string Text, string Source,
    string Intent, float Confidence, bool OutOfScope, string Sentiment, IReadOnlyList<WordInfluence> Explanation,
    string Status, string? Label, string? Reviewer, DateTimeOffset? ReviewedAt)
{
    public static ReviewItemDto From(ReviewItem i) => new(i.Id, i.At, i.UserId, i.ConversationId, i.Text, i.Source,
        i.Intent, i.Confidence, i.OutOfScope, i.Sentiment, i.Explanation, i.Status, i.Label, i.Reviewer, i.ReviewedAt);
}

/// <summary>POST /api/v1/insights/review/{id}/decision: confirmed (the reading was right), corrected (to <c>label</c>), or new_intent (<c>label</c> names it).</summary>
public sealed record ReviewDecision(string? Status, string? Label, string? Reviewer);

/// <summary>POST /api/v1/insights/review: a message rated down by the customer or corrected by an agent.</summary>
public sealed record NewReviewItem(string? UserId, string? ConversationId, string? Text, string? Source, string? Label);

/// <summary>A group of similar unanswered questions: how many, and the newest few (masked).</summary>
public sealed record QuestionGroup(int Count, IReadOnlyList<string> Examples, IReadOnlyList<CountDto> Sources);

/// <summary>One training row of the model pipeline (training/prepare_data.py); sentiment null: not labelled.</summary>
public sealed record FeedbackRow(string Text, string Intent, string? Sentiment, string Source);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FeedbackRow))]
[JsonSerializable(typeof(NewReviewItem))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(AnalyticsSummary))]
[JsonSerializable(typeof(AnalyticsSeries))]
[JsonSerializable(typeof(List<ReviewItemDto>))]
[JsonSerializable(typeof(ReviewItemDto))]
[JsonSerializable(typeof(ReviewDecision))]
[JsonSerializable(typeof(List<QuestionGroup>))]
internal sealed partial class InsightsJsonContext : JsonSerializerContext;
