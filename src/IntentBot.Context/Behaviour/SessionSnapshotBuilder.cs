using IntentBot.Context.PurchaseIntent;

namespace IntentBot.Context.Behaviour;

/// <summary>
/// Builds the purchase-intent model's <see cref="LiveSessionSnapshot"/> from the behaviour aggregates
/// of the current session. Pure: the estimate is computed on read from whatever the latest event left,
/// so every event updates it without any extra write.
/// </summary>
public static class SessionSnapshotBuilder
{
    /// <summary>Page kinds that are account management (UCI "Administrative").</summary>
    public static IReadOnlyList<string> AccountPages { get; } = ["account"];

    /// <summary>Page kinds that are information about the shop (UCI "Informational").</summary>
    public static IReadOnlyList<string> InfoPages { get; } = ["help", "policy", "contact"];

    /// <returns>The snapshot, or null when the context has no current session.</returns>
    public static LiveSessionSnapshot? Build(BehaviourContext context, DateTimeOffset nowUtc)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Session is not { } s || context.SessionId is not { } sessionId) return null;

        var start = Earliest(s.FirstEventUtc, s.FirstChatTurnUtc) ?? nowUtc;
        var latest = Latest(s.LastEventUtc, s.LastChatTurnUtc) ?? start;
        // Event times come from the shop's clock (up to the allowed skew ahead of ours): never end before they do.
        var now = nowUtc < latest ? latest : nowUtc;

        var chatIntents = context.RecentChatTurns.Where(t => t.SessionId == sessionId).Reverse().Select(t => t.Intent).ToList();
        return new LiveSessionSnapshot
        {
            SessionStartUtc = start,
            NowUtc = now,
            AccountPageViews = Int(AccountPages.Sum(s.PageCount)),
            AccountSeconds = AccountPages.Sum(s.DwellOnPage),
            InfoPageViews = Int(InfoPages.Sum(s.PageCount)),
            InfoSeconds = InfoPages.Sum(s.DwellOnPage),
            ProductPageViews = Int(s.Count(BehaviourEventTypes.View) + s.PageCount("product")),
            SearchPageViews = Int(s.Count(BehaviourEventTypes.Search)),
            CategoryPageViews = Int(s.PageCount("category")),
            ProductRelatedSeconds = s.DwellOnType(BehaviourEventTypes.View) + s.DwellOnType(BehaviourEventTypes.Search)
                                    + s.DwellOnPage("product") + s.DwellOnPage("category"),
            ProductsViewed = s.ViewedProducts.Select(v => new ViewedProduct(v.ProductId, v.Price)).ToList(),
            CartValue = s.CartValue,
            AddToCartCount = Int(s.Count(BehaviourEventTypes.AddToCart)),
            WishlistCount = Int(s.Count(BehaviourEventTypes.Wishlist)),
            CheckoutStarted = s.Count(BehaviourEventTypes.CheckoutStart) > 0,
            // Returning: the user did something before this session began, or bought in another session.
            ReturningVisitor = Earliest(context.User.FirstEventUtc, context.User.FirstChatTurnUtc) < start
                               || context.User.Purchases > s.Purchases,
            ChatIntents = chatIntents,
            LastChatSentiment = s.LastSentiment,
        };
    }

    private static int Int(long value) => (int)Math.Min(value, int.MaxValue);

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
