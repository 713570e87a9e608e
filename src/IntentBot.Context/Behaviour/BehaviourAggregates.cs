using System.Globalization;

namespace IntentBot.Context.Behaviour;

/// <summary>What a user (across sessions) or one session did, summed up.</summary>
public sealed record BehaviourAggregates
{
    public long Events { get; init; }

    /// <summary>Events by type, e.g. view → 12 (only types that occurred).</summary>
    public IReadOnlyDictionary<string, long> CountsByType { get; init; } = new Dictionary<string, long>();

    /// <summary>page_view events by page kind, e.g. help → 2.</summary>
    public IReadOnlyDictionary<string, long> PageViews { get; init; } = new Dictionary<string, long>();

    /// <summary>Most recent first, distinct, capped.</summary>
    public IReadOnlyList<string> RecentProducts { get; init; } = [];

    /// <summary>Most recent first, distinct, capped.</summary>
    public IReadOnlyList<string> RecentCategories { get; init; } = [];

    /// <summary>Events that carried a dwell time, and their total.</summary>
    public long DwellEvents { get; init; }
    public double DwellSeconds { get; init; }

    /// <summary>Dwell seconds by event type (events other than page views), e.g. view → 95.5.</summary>
    public IReadOnlyDictionary<string, double> DwellSecondsByType { get; init; } = new Dictionary<string, double>();

    /// <summary>Dwell seconds of page views by page kind, e.g. help → 40.</summary>
    public IReadOnlyDictionary<string, double> DwellSecondsByPage { get; init; } = new Dictionary<string, double>();

    /// <summary>Products viewed with the price they were viewed at, most recent first, distinct, capped.</summary>
    public IReadOnlyList<(string ProductId, decimal Price)> ViewedProducts { get; init; } = [];

    /// <summary>The cart as the events describe it: adds minus removes minus purchased lines, never below zero.</summary>
    public decimal CartValue { get; init; }
    public long CartItems { get; init; }

    public long Purchases { get; init; }
    public decimal PurchaseValue { get; init; }

    public long ChatTurns { get; init; }

    /// <summary>Chat turns by sentiment label.</summary>
    public IReadOnlyDictionary<string, long> Sentiments { get; init; } = new Dictionary<string, long>();
    public string? LastSentiment { get; init; }
    public string? LastIntent { get; init; }

    public DateTimeOffset? FirstEventUtc { get; init; }
    public DateTimeOffset? LastEventUtc { get; init; }
    public DateTimeOffset? FirstChatTurnUtc { get; init; }
    public DateTimeOffset? LastChatTurnUtc { get; init; }

    public long Count(string type) => CountsByType.TryGetValue(type, out var n) ? n : 0;

    public long PageCount(string kind) => PageViews.TryGetValue(kind, out var n) ? n : 0;

    public double DwellOnType(string type) => DwellSecondsByType.TryGetValue(type, out var s) ? s : 0;

    public double DwellOnPage(string kind) => DwellSecondsByPage.TryGetValue(kind, out var s) ? s : 0;

    /// <summary>Reads an aggregates hash (field → value, as both stores keep it) and its recent lists.</summary>
    public static BehaviourAggregates FromFields(IEnumerable<KeyValuePair<string, string>> fields, IReadOnlyList<string> products, IReadOnlyList<string> categories, IReadOnlyList<string> viewed)
    {
        var map = fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        return new BehaviourAggregates
        {
            Events = Long(map, AggregateFields.Events),
            CountsByType = Prefixed(map, AggregateFields.TypePrefix),
            PageViews = Prefixed(map, AggregateFields.PagePrefix),
            RecentProducts = products,
            RecentCategories = categories,
            DwellEvents = Long(map, AggregateFields.DwellEvents),
            DwellSeconds = Long(map, AggregateFields.DwellMilliseconds) / 1000.0,
            DwellSecondsByType = Prefixed(map, AggregateFields.DwellByTypePrefix).ToDictionary(d => d.Key, d => d.Value / 1000.0, StringComparer.Ordinal),
            DwellSecondsByPage = Prefixed(map, AggregateFields.DwellByPagePrefix).ToDictionary(d => d.Key, d => d.Value / 1000.0, StringComparer.Ordinal),
            ViewedProducts = viewed.Select(AggregateUpdate.DecodeViewed).ToList(),
            CartValue = AggregateUpdate.FromMoneyUnits(Long(map, AggregateFields.CartValue)),
            CartItems = Long(map, AggregateFields.CartItems),
            Purchases = Long(map, AggregateFields.Purchases),
            PurchaseValue = AggregateUpdate.FromMoneyUnits(Long(map, AggregateFields.PurchaseValue)),
            ChatTurns = Long(map, AggregateFields.ChatTurns),
            Sentiments = Prefixed(map, AggregateFields.SentimentPrefix),
            LastSentiment = map.GetValueOrDefault(AggregateFields.LastSentiment),
            LastIntent = map.GetValueOrDefault(AggregateFields.LastIntent),
            FirstEventUtc = Time(map, AggregateFields.FirstEvent),
            LastEventUtc = Time(map, AggregateFields.LastEvent),
            FirstChatTurnUtc = Time(map, AggregateFields.FirstChatTurn),
            LastChatTurnUtc = Time(map, AggregateFields.LastChatTurn),
        };
    }

    private static long Long(Dictionary<string, string> map, string field) =>
        map.TryGetValue(field, out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : 0;

    private static DateTimeOffset? Time(Dictionary<string, string> map, string field) =>
        map.ContainsKey(field) ? DateTimeOffset.FromUnixTimeMilliseconds(Long(map, field)) : null;

    private static Dictionary<string, long> Prefixed(Dictionary<string, string> map, string prefix) =>
        map.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal))
           .ToDictionary(f => f.Key[prefix.Length..], f => long.Parse(f.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);
}
