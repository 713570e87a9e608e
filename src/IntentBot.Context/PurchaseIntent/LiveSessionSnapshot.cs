namespace IntentBot.Context.PurchaseIntent;

/// <summary>
/// What the shop's live behaviour events say about one browsing session so far. A plain immutable
/// value that the behaviour-events aggregation fills; <see cref="LiveSessionFeatureMapper"/> turns it into
/// the model's <see cref="PurchaseIntentFeatures"/>. docs/purchase-intent.md documents every mapping.
/// </summary>
/// <remarks>Counts are page views, durations are seconds of dwell time. Unknown optional values stay null.</remarks>
public sealed record LiveSessionSnapshot
{
    public required DateTimeOffset SessionStartUtc { get; init; }

    /// <summary>The moment the snapshot describes (the session so far).</summary>
    public required DateTimeOffset NowUtc { get; init; }

    /// <summary>Account pages: login, profile, orders, addresses, password ("administrative" in UCI).</summary>
    public int AccountPageViews { get; init; }
    public double AccountSeconds { get; init; }

    /// <summary>Help, policy, delivery, returns, contact, about pages ("informational" in UCI).</summary>
    public int InfoPageViews { get; init; }
    public double InfoSeconds { get; init; }

    /// <summary>Product detail pages viewed.</summary>
    public int ProductPageViews { get; init; }

    /// <summary>Search result pages viewed.</summary>
    public int SearchPageViews { get; init; }

    /// <summary>Category / listing pages viewed.</summary>
    public int CategoryPageViews { get; init; }

    /// <summary>Dwell seconds on product, search and category pages together ("product related" in UCI).</summary>
    public double ProductRelatedSeconds { get; init; }

    /// <summary>
    /// Average bounce rate (0..1) of the pages visited, from the shop's web analytics, when it has one.
    /// UCI's BounceRates is a site-wide statistic per page, not something one session shows.
    /// </summary>
    public double? AverageBounceRate { get; init; }

    /// <summary>Average exit rate (0..1) of the pages visited, from the shop's web analytics, when it has one.</summary>
    public double? AverageExitRate { get; init; }

    /// <summary>
    /// Average analytics page value of the pages visited, when the shop's analytics computes one (the UCI
    /// definition); when null the mapper estimates it from the products viewed and carted.
    /// </summary>
    public double? AveragePageValue { get; init; }

    /// <summary>The products viewed in this session with their unit prices (shop currency).</summary>
    public IReadOnlyList<ViewedProduct> ProductsViewed { get; init; } = [];

    /// <summary>Value of the cart now (shop currency).</summary>
    public decimal CartValue { get; init; }

    public int AddToCartCount { get; init; }
    public int WishlistCount { get; init; }
    public bool CheckoutStarted { get; init; }

    /// <summary>True when the visitor has earlier sessions or purchases, false when new, null when the shop cannot tell.</summary>
    public bool? ReturningVisitor { get; init; }

    /// <summary>The chat intents recognised in this session, oldest first, e.g. "price_inquiry", "delivery_period".</summary>
    public IReadOnlyList<string> ChatIntents { get; init; } = [];

    /// <summary>The sentiment of the last chat message ("negative", "neutral", "positive"), null without chat.</summary>
    public string? LastChatSentiment { get; init; }
}

/// <summary>A product seen in the session.</summary>
public sealed record ViewedProduct(string ProductId, decimal Price);
