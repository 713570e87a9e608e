using System.Globalization;
using System.Text.Json;

namespace IntentBot.Context.Behaviour;

/// <summary>
/// How an event or a chat turn changes the aggregates, written once as a list of small operations
/// that both stores apply: the Redis store inside its Lua script, the embedded store in C#. Deciding
/// what changes in one place is what keeps the two stores' aggregates identical.
/// </summary>
public readonly record struct AggregateUpdate(char Op, string Field, string Value)
{
    /// <summary>Add Value (an integer) to Field, in the user's and the session's aggregates.</summary>
    public const char Increment = 'I';

    /// <summary>Add Value (an integer, usually negative); a result below zero becomes zero (cart can't go negative).</summary>
    public const char IncrementFloorZero = 'F';

    /// <summary>Keep the larger number of Field and Value.</summary>
    public const char Max = 'M';

    /// <summary>Keep the smaller number of Field and Value (absent counts as larger).</summary>
    public const char Min = 'm';

    /// <summary>Set Field to Value.</summary>
    public const char Set = 'S';

    /// <summary>Set Field to Value in the user's aggregates only.</summary>
    public const char SetUser = 'L';

    /// <summary>Set Field to Value in the user's aggregates only, unless it is already set.</summary>
    public const char SetUserIfAbsent = 'N';

    /// <summary>Move Value to the front of the recent list Field ("p" products, "c" categories, "v" viewed with price: user and session; "i" chat turns: user only), capped.</summary>
    public const char PushRecent = 'P';

    public const string ProductsList = "p";
    public const string CategoriesList = "c";
    public const string ChatTurnsList = "i";

    /// <summary>Products viewed with their price ("units:productId"), for the purchase-intent page-value estimate.</summary>
    public const string ViewedList = "v";

    /// <summary>Money is kept in integer ten-thousandths, so sums are exact in Redis and in C# alike.</summary>
    public const decimal MoneyScale = 10_000m;

    public static long ToMoneyUnits(decimal amount) => (long)decimal.Round(amount * MoneyScale);

    public static decimal FromMoneyUnits(long units) => units / MoneyScale;

    public static List<AggregateUpdate> ForEvent(BehaviourEvent e)
    {
        var updates = new List<AggregateUpdate>(12)
        {
            new(Increment, AggregateFields.Events, "1"),
            new(Increment, AggregateFields.TypePrefix + e.Type, "1"),
            new(Min, AggregateFields.FirstEvent, Millis(e.Timestamp)),
            new(Max, AggregateFields.LastEvent, Millis(e.Timestamp)),
            new(SetUser, AggregateFields.LastSession, e.SessionId),
        };
        if (e.PageKind is not null) updates.Add(new(Increment, AggregateFields.PagePrefix + e.PageKind, "1"));
        if (e.DwellSeconds is { } dwell)
        {
            var ms = Invariant((long)Math.Round(dwell * 1000));
            updates.Add(new(Increment, AggregateFields.DwellMilliseconds, ms));
            updates.Add(new(Increment, AggregateFields.DwellEvents, "1"));
            // Dwell by where it was spent: the purchase-intent features split time by kind of page.
            updates.Add(new(Increment, e.PageKind is null ? AggregateFields.DwellByTypePrefix + e.Type : AggregateFields.DwellByPagePrefix + e.PageKind, ms));
        }

        var quantity = e.Quantity ?? 1;
        var value = ToMoneyUnits(e.Price ?? 0) * quantity;
        switch (e.Type)
        {
            case BehaviourEventTypes.AddToCart:
                updates.Add(new(Increment, AggregateFields.CartValue, Invariant(value)));
                updates.Add(new(Increment, AggregateFields.CartItems, Invariant(quantity)));
                break;
            case BehaviourEventTypes.RemoveFromCart:
                updates.Add(new(IncrementFloorZero, AggregateFields.CartValue, Invariant(-value)));
                updates.Add(new(IncrementFloorZero, AggregateFields.CartItems, Invariant(-quantity)));
                break;
            case BehaviourEventTypes.Purchase:
                updates.Add(new(Increment, AggregateFields.Purchases, "1"));
                updates.Add(new(Increment, AggregateFields.PurchaseValue, Invariant(value)));
                if (e.ProductId is null)
                {
                    // An order-level purchase completes the whole cart.
                    updates.Add(new(Set, AggregateFields.CartValue, "0"));
                    updates.Add(new(Set, AggregateFields.CartItems, "0"));
                }
                else
                {
                    // A per-line purchase takes that line out of the cart.
                    updates.Add(new(IncrementFloorZero, AggregateFields.CartValue, Invariant(-value)));
                    updates.Add(new(IncrementFloorZero, AggregateFields.CartItems, Invariant(-quantity)));
                }
                break;
        }
        if (e.ProductId is not null) updates.Add(new(PushRecent, ProductsList, e.ProductId));
        if (e is { Type: BehaviourEventTypes.View, ProductId: not null, Price: not null })
            updates.Add(new(PushRecent, ViewedList, EncodeViewed(e.ProductId, ToMoneyUnits(e.Price.Value))));
        if (e.Category is not null) updates.Add(new(PushRecent, CategoriesList, e.Category));
        return updates;
    }

    public static List<AggregateUpdate> ForChatTurn(ChatTurn turn, string entry) =>
    [
        new(Increment, AggregateFields.ChatTurns, "1"),
        new(Increment, AggregateFields.SentimentPrefix + turn.Sentiment, "1"),
        new(Set, AggregateFields.LastSentiment, turn.Sentiment),
        new(Set, AggregateFields.LastIntent, turn.Intent),
        new(Min, AggregateFields.FirstChatTurn, Millis(turn.Timestamp)),
        new(Max, AggregateFields.LastChatTurn, Millis(turn.Timestamp)),
        // Chat turns name the current session only for a user with no shop events yet: the shop's own
        // session (from its events) is the better "current session" when both exist.
        new(SetUserIfAbsent, AggregateFields.LastSession, turn.SessionId),
        new(PushRecent, ChatTurnsList, entry),
    ];

    /// <summary>A chat turn as stored in the recent list: JSON, so any label reads back intact.</summary>
    public static string EncodeChatTurn(ChatTurn turn) => JsonSerializer.Serialize(
        new StoredChatTurn(turn.Intent, turn.Confidence, turn.Sentiment, turn.SessionId, turn.Timestamp.ToUnixTimeMilliseconds()),
        BehaviourJsonContext.Default.StoredChatTurn);

    public static ChatTurn DecodeChatTurn(string entry)
    {
        var s = JsonSerializer.Deserialize(entry, BehaviourJsonContext.Default.StoredChatTurn)
            ?? throw new JsonException("Empty chat turn entry.");
        return new ChatTurn(s.Intent, s.Confidence, s.Sentiment, s.SessionId, DateTimeOffset.FromUnixTimeMilliseconds(s.TimestampMs));
    }

    public static string EncodeViewed(string productId, long priceUnits) => Invariant(priceUnits) + ":" + productId;

    public static (string ProductId, decimal Price) DecodeViewed(string entry)
    {
        var colon = entry.IndexOf(':', StringComparison.Ordinal);
        return (entry[(colon + 1)..], FromMoneyUnits(long.Parse(entry.AsSpan(0, colon), CultureInfo.InvariantCulture)));
    }

    public static string Millis(DateTimeOffset t) => Invariant(t.ToUnixTimeMilliseconds());

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The field names of an aggregates hash (the same for a user and for a session).</summary>
public static class AggregateFields
{
    public const string Events = "n";
    public const string TypePrefix = "t:";
    public const string PagePrefix = "pg:";
    public const string DwellMilliseconds = "dw:ms";
    public const string DwellEvents = "dw:n";
    public const string DwellByTypePrefix = "dwt:";
    public const string DwellByPagePrefix = "dwp:";
    public const string CartValue = "cart:v";
    public const string CartItems = "cart:q";
    public const string Purchases = "buy:n";
    public const string PurchaseValue = "buy:v";
    public const string FirstEvent = "first";
    public const string LastEvent = "last";
    public const string ChatTurns = "chat:n";
    public const string FirstChatTurn = "chat:first";
    public const string LastChatTurn = "chat:last";
    public const string SentimentPrefix = "snt:";
    public const string LastSentiment = "snt";
    public const string LastIntent = "int";
    public const string LastSession = "sess";
}
