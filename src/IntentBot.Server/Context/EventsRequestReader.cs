using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using IntentBot.Context.Behaviour;
using IntentBot.Context.Storage;
using IntentBot.Server.Problems;
using IntentBot.Server.Security;

namespace IntentBot.Server.Context;

/// <summary>
/// Reads and validates a batch of behaviour events by hand, so every wrong field gets its own message
/// naming the event's index (<c>events[3].price</c>). Any error refuses the whole batch: nothing is
/// stored, so a shop can fix and resend it without half of it already counted.
/// </summary>
internal static partial class EventsRequestReader
{
    public const int MaxIdLength = 128;
    public const decimal MaxPrice = 100_000_000m;
    public const int MaxQuantity = 10_000;
    public const double MaxDwellSeconds = 86_400;

    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "eventId", "type", "userId", "sessionId", "timestamp", "productId", "category", "price", "quantity", "query", "pageKind", "dwellSeconds",
    };

    private static readonly HashSet<string> NeedProduct = new(StringComparer.Ordinal)
    {
        BehaviourEventTypes.View, BehaviourEventTypes.AddToCart, BehaviourEventTypes.RemoveFromCart, BehaviourEventTypes.Wishlist, BehaviourEventTypes.Review,
    };

    private static readonly HashSet<string> NeedPrice = new(StringComparer.Ordinal)
    {
        BehaviourEventTypes.AddToCart, BehaviourEventTypes.RemoveFromCart, BehaviourEventTypes.Purchase,
    };

    /// <summary>Event ids: what UUIDs, ULIDs and shop order-line ids look like; safe in keys and logs.</summary>
    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex EventIdFormat();

    /// <summary>RFC 3339 needs an explicit offset; a time without one would silently take the server's zone.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex TimestampFormat();

    public static async Task<(IReadOnlyList<BehaviourEvent>? Events, IResult? Error)> ReadAsync(
        HttpRequest request, ApiOptions api, BehaviourOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (document, error) = await JsonRequestBody.ReadAsync(request, api.MaxRequestBytes, "send {\"events\": [ ... ]}", cancellationToken);
        if (document is null) return (null, error);
        using (document)
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var events = Validate(document.RootElement, options, now, errors);
            return errors.Count > 0 ? (null, Problem.Validation(errors)) : (events, null);
        }
    }

    private static List<BehaviourEvent> Validate(JsonElement root, BehaviourOptions options, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        var events = new List<BehaviourEvent>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["The body must be a JSON object: {\"events\": [ ... ]}."];
            return events;
        }
        foreach (var property in root.EnumerateObject())
            if (property.Name != "events") errors[property.Name] = ["Unknown field; the body has only \"events\"."];
        if (!root.TryGetProperty("events", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            errors["events"] = ["\"events\" must be an array of event objects."];
            return events;
        }
        var count = list.GetArrayLength();
        if (count == 0) errors["events"] = ["\"events\" must hold at least one event."];
        else if (count > options.MaxEventsPerBatch) errors["events"] = [$"At most {options.MaxEventsPerBatch} events per request; got {count}."];
        if (errors.Count > 0) return events;

        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var e = ValidateEvent(item, $"events[{index++}]", options, now, errors);
            if (e is not null) events.Add(e);
        }
        return events;
    }

    private static BehaviourEvent? ValidateEvent(JsonElement item, string at, BehaviourOptions options, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors[at] = ["Each event must be a JSON object."];
            return null;
        }
        var before = errors.Count;
        foreach (var property in item.EnumerateObject())
            if (!KnownFields.Contains(property.Name)) errors[$"{at}.{property.Name}"] = ["Unknown field; see the events API for the fields an event has."];

        var eventId = String(item, at, "eventId", required: true, MaxIdLength, errors);
        if (eventId is not null && !EventIdFormat().IsMatch(eventId))
            errors[$"{at}.eventId"] = ["Must be 1-128 letters, digits, '.', '_', ':' or '-'."];
        var type = String(item, at, "type", required: true, 40, errors);
        if (type is not null && !BehaviourEventTypes.All.Contains(type))
            errors[$"{at}.type"] = [$"Unknown event type '{type}'; one of: {string.Join(", ", BehaviourEventTypes.All)}."];
        // The user id follows the rule of every entry point (StoredIds), so erasure can always name it.
        var userId = String(item, at, "userId", required: true, StoredIds.MaxLength, errors);
        if (userId is not null && StoredIds.Error(userId, "The user id") is { } userIdError)
        {
            errors[$"{at}.userId"] = [userIdError];
            userId = null;
        }
        var sessionId = String(item, at, "sessionId", required: true, MaxIdLength, errors);
        var timestamp = Timestamp(item, at, options, now, errors);
        var productId = String(item, at, "productId", required: type is not null && NeedProduct.Contains(type), MaxIdLength, errors);
        var category = String(item, at, "category", required: false, MaxIdLength, errors);
        var query = String(item, at, "query", required: type == BehaviourEventTypes.Search, options.MaxQueryCharacters, errors);
        var pageKind = String(item, at, "pageKind", required: type == BehaviourEventTypes.PageView, 40, errors);
        if (pageKind is not null)
        {
            if (type != BehaviourEventTypes.PageView) errors[$"{at}.pageKind"] = ["Only page_view events have a page kind."];
            else if (!PageKinds.All.Contains(pageKind)) errors[$"{at}.pageKind"] = [$"Unknown page kind '{pageKind}'; one of: {string.Join(", ", PageKinds.All)}."];
        }
        var price = Price(item, at, required: type is not null && NeedPrice.Contains(type), errors);
        var quantity = Quantity(item, at, errors);
        var dwell = Dwell(item, at, errors);

        if (errors.Count > before) return null;
        return new BehaviourEvent
        {
            EventId = eventId!, Type = type!, UserId = userId!, SessionId = sessionId!, Timestamp = timestamp!.Value,
            ProductId = productId, Category = category, Price = price, Quantity = quantity, Query = query, PageKind = pageKind, DwellSeconds = dwell,
        };
    }

    private static bool Present(JsonElement item, string name, out JsonElement value) =>
        item.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static string? String(JsonElement item, string at, string name, bool required, int maxCharacters, Dictionary<string, string[]> errors)
    {
        var field = $"{at}.{name}";
        if (!Present(item, name, out var value))
        {
            if (required) errors[field] = ["Required."];
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors[field] = [$"Must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}."];
            return null;
        }
        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text)) errors[field] = ["Must not be empty or whitespace."];
        else if (text.EnumerateRunes().Count() > maxCharacters) errors[field] = [$"Longer than {maxCharacters} characters."];
        else if (text.Any(char.IsControl)) errors[field] = ["Must not contain control characters."];
        else return text;
        return null;
    }

    private static DateTimeOffset? Timestamp(JsonElement item, string at, BehaviourOptions options, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        var field = $"{at}.timestamp";
        var text = String(item, at, "timestamp", required: true, 40, errors);
        if (text is null) return null;
        if (!TimestampFormat().IsMatch(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            errors[field] = ["Must be an RFC 3339 date-time with an offset, e.g. 2026-11-23T10:15:00Z."];
            return null;
        }
        if (t > now + options.MaxFutureSkew)
        {
            errors[field] = [$"Lies more than {options.MaxFutureSkew.TotalMinutes:0} minutes in the future; check the shop's clock."];
            return null;
        }
        if (t < now - options.EventRetention)
        {
            errors[field] = [$"Is older than the {options.EventRetention.TotalDays:0}-day retention; it would be dropped at once."];
            return null;
        }
        return t;
    }

    private static decimal? Price(JsonElement item, string at, bool required, Dictionary<string, string[]> errors)
    {
        var field = $"{at}.price";
        if (!Present(item, "price", out var value))
        {
            if (required) errors[field] = ["Required for this event type."];
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var price))
            errors[field] = ["Must be a number."];
        else if (price < 0) errors[field] = ["Must be 0 or more."];
        else if (price > MaxPrice) errors[field] = [$"Must be at most {MaxPrice:0}."];
        else if (decimal.Round(price, 4) != price) errors[field] = ["At most 4 decimal places."];
        else return price;
        return null;
    }

    private static int? Quantity(JsonElement item, string at, Dictionary<string, string[]> errors)
    {
        if (!Present(item, "quantity", out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var quantity) && quantity is >= 1 and <= MaxQuantity) return quantity;
        errors[$"{at}.quantity"] = [$"Must be a whole number from 1 to {MaxQuantity}."];
        return null;
    }

    private static double? Dwell(JsonElement item, string at, Dictionary<string, string[]> errors)
    {
        if (!Present(item, "dwellSeconds", out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var dwell) && dwell is >= 0 and <= MaxDwellSeconds) return dwell;
        errors[$"{at}.dwellSeconds"] = [$"Must be a number of seconds from 0 to {MaxDwellSeconds:0}."];
        return null;
    }
}
