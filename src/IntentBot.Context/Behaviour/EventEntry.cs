using System.Globalization;

namespace IntentBot.Context.Behaviour;

/// <summary>
/// An event as a flat list of short field names and string values: the shape of a Redis Stream entry,
/// used by both stores so the recent events read back the same from either.
/// </summary>
public static class EventEntry
{
    public static List<KeyValuePair<string, string>> ToFields(BehaviourEvent e)
    {
        var fields = new List<KeyValuePair<string, string>>(11)
        {
            new("e", e.EventId),
            new("t", e.Type),
            new("s", e.SessionId),
            new("ts", AggregateUpdate.Millis(e.Timestamp)),
        };
        if (e.ProductId is not null) fields.Add(new("p", e.ProductId));
        if (e.Category is not null) fields.Add(new("c", e.Category));
        if (e.Price is { } price) fields.Add(new("pr", AggregateUpdate.Invariant(AggregateUpdate.ToMoneyUnits(price))));
        if (e.Quantity is { } quantity) fields.Add(new("q", AggregateUpdate.Invariant(quantity)));
        if (e.Query is not null) fields.Add(new("qy", e.Query));
        if (e.PageKind is not null) fields.Add(new("pk", e.PageKind));
        if (e.DwellSeconds is { } dwell) fields.Add(new("dw", AggregateUpdate.Invariant((long)Math.Round(dwell * 1000))));
        return fields;
    }

    public static BehaviourEvent FromFields(string userId, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var map = fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        return new BehaviourEvent
        {
            EventId = map["e"],
            Type = map["t"],
            UserId = userId,
            SessionId = map["s"],
            Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(map["ts"], CultureInfo.InvariantCulture)),
            ProductId = map.GetValueOrDefault("p"),
            Category = map.GetValueOrDefault("c"),
            Price = map.TryGetValue("pr", out var pr) ? AggregateUpdate.FromMoneyUnits(long.Parse(pr, CultureInfo.InvariantCulture)) : null,
            Quantity = map.TryGetValue("q", out var q) ? int.Parse(q, CultureInfo.InvariantCulture) : null,
            Query = map.GetValueOrDefault("qy"),
            PageKind = map.GetValueOrDefault("pk"),
            DwellSeconds = map.TryGetValue("dw", out var dw) ? long.Parse(dw, CultureInfo.InvariantCulture) / 1000.0 : null,
        };
    }
}
