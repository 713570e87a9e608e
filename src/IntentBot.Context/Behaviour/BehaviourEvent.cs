namespace IntentBot.Context.Behaviour;

/// <summary>
/// One thing a shopper did in the shop, as the shop reports it. Ids are opaque; the event id makes
/// retries idempotent (an event id is counted once per user).
/// </summary>
public sealed record BehaviourEvent
{
    public required string EventId { get; init; }

    /// <summary>One of <see cref="BehaviourEventTypes.All"/>.</summary>
    public required string Type { get; init; }

    public required string UserId { get; init; }
    public required string SessionId { get; init; }

    /// <summary>When it happened in the shop (stored at millisecond precision).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    public string? ProductId { get; init; }
    public string? Category { get; init; }

    /// <summary>Unit price (at most 4 decimal places), for cart and purchase events the line's unit price.</summary>
    public decimal? Price { get; init; }

    /// <summary>Items involved (cart and purchase events); 1 when not given.</summary>
    public int? Quantity { get; init; }

    /// <summary>The search text of a <c>search</c> event.</summary>
    public string? Query { get; init; }

    /// <summary>For <c>page_view</c>: which kind of page (one of <see cref="PageKinds.All"/>).</summary>
    public string? PageKind { get; init; }

    /// <summary>Seconds spent on the page or product, where the shop measures it (stored at millisecond precision).</summary>
    public double? DwellSeconds { get; init; }
}

/// <summary>The event types the shop can send.</summary>
public static class BehaviourEventTypes
{
    public const string View = "view";
    public const string Search = "search";
    public const string AddToCart = "add_to_cart";
    public const string RemoveFromCart = "remove_from_cart";
    public const string Wishlist = "wishlist";
    public const string CheckoutStart = "checkout_start";
    public const string Purchase = "purchase";
    public const string Review = "review";
    public const string PageView = "page_view";

    public static IReadOnlyList<string> All { get; } = [View, Search, AddToCart, RemoveFromCart, Wishlist, CheckoutStart, Purchase, Review, PageView];
}

/// <summary>
/// Kinds of non-product page: account, help and policy visits often signal a problem or hesitation,
/// which the agent and the purchase-intent estimate use.
/// </summary>
public static class PageKinds
{
    public static IReadOnlyList<string> All { get; } = ["home", "category", "product", "cart", "checkout", "account", "help", "policy", "contact", "other"];
}

/// <summary>What happened to one event of a batch.</summary>
public enum EventOutcome
{
    /// <summary>Stored and counted in the aggregates.</summary>
    Accepted,

    /// <summary>Its event id was already stored for this user (a retry): counted once, nothing changed.</summary>
    Duplicate,
}
