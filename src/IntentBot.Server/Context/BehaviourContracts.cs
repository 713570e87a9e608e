using System.Text.Json;
using System.Text.Json.Serialization;
using IntentBot.Context.Behaviour;
using IntentBot.Context.PurchaseIntent;

namespace IntentBot.Server.Context;

/// <summary>One event as the API reads and returns it (POST /api/v1/events items, recentEvents of the context).</summary>
public sealed record EventDto(
    string EventId, string Type, string UserId, string SessionId, DateTimeOffset Timestamp,
    string? ProductId, string? Category, decimal? Price, int? Quantity, string? Query, string? PageKind, double? DwellSeconds)
{
    public static EventDto From(BehaviourEvent e) =>
        new(e.EventId, e.Type, e.UserId, e.SessionId, e.Timestamp, e.ProductId, e.Category, e.Price, e.Quantity, e.Query, e.PageKind, e.DwellSeconds);
}

/// <summary>POST /api/v1/events answer: how many were new, how many were retries, and each event's outcome in order.</summary>
public sealed record EventsResponse(int Accepted, int Duplicates, IReadOnlyList<EventResultDto> Results);

/// <summary>Status: "accepted" (stored and counted) or "duplicate" (its id was already stored; nothing changed).</summary>
public sealed record EventResultDto(int Index, string EventId, string Status);

/// <summary>GET /api/v1/users/{id}/context.</summary>
public sealed record ContextResponse(
    string UserId, string? SessionId, AggregatesDto User, AggregatesDto? Session,
    IReadOnlyList<EventDto> RecentEvents, IReadOnlyList<ChatTurnDto> RecentChatTurns, PurchaseIntentDto? PurchaseIntent);

public sealed record AggregatesDto(
    long Events, IReadOnlyDictionary<string, long> Counts, IReadOnlyDictionary<string, long> PageViews,
    IReadOnlyList<string> RecentProducts, IReadOnlyList<string> RecentCategories,
    DwellDto Dwell, CartDto Cart, PurchasesDto Purchases, ChatDto Chat,
    DateTimeOffset? FirstEventUtc, DateTimeOffset? LastEventUtc)
{
    public static AggregatesDto From(BehaviourAggregates a) => new(
        a.Events, a.CountsByType, a.PageViews, a.RecentProducts, a.RecentCategories,
        new DwellDto(a.DwellEvents, a.DwellSeconds, a.DwellEvents == 0 ? null : a.DwellSeconds / a.DwellEvents, a.DwellSecondsByType, a.DwellSecondsByPage),
        new CartDto(a.CartValue, a.CartItems),
        new PurchasesDto(a.Purchases, a.PurchaseValue),
        new ChatDto(a.ChatTurns, a.Sentiments, a.LastSentiment, a.LastIntent, a.LastChatTurnUtc),
        a.FirstEventUtc, a.LastEventUtc);
}

public sealed record DwellDto(long Events, double TotalSeconds, double? AverageSeconds,
    IReadOnlyDictionary<string, double> ByType, IReadOnlyDictionary<string, double> ByPage);

public sealed record CartDto(decimal Value, long Items);

public sealed record PurchasesDto(long Count, decimal Value);

public sealed record ChatDto(long Turns, IReadOnlyDictionary<string, long> Sentiments, string? LastSentiment, string? LastIntent, DateTimeOffset? LastTurnUtc);

public sealed record ChatTurnDto(string Intent, float Confidence, string Sentiment, string SessionId, DateTimeOffset Timestamp)
{
    public static ChatTurnDto From(ChatTurn t) => new(t.Intent, t.Confidence, t.Sentiment, t.SessionId, t.Timestamp);
}

/// <summary>
/// The current session's purchase-intent estimate, computed when the context is read (so it reflects
/// every event so far): P(purchase), its level (low / medium / high against the model's cut-offs), the
/// factors that moved it most, and the features and snapshot it was computed from.
/// </summary>
public sealed record PurchaseIntentDto(
    string SessionId, double Probability, string Level, double Threshold, string Model,
    IReadOnlyList<FactorDto> Factors, PurchaseIntentFeatures Features, LiveSessionSnapshot Snapshot);

/// <summary>
/// A factor behind the estimate: the feature's value in this session, the typical (training baseline)
/// value, and how much this value moved the probability compared with the baseline one.
/// </summary>
public sealed record FactorDto(string Feature, string Value, string Baseline, double Contribution);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(EventsResponse))]
[JsonSerializable(typeof(ContextResponse))]
internal sealed partial class BehaviourApiJsonContext : JsonSerializerContext;
