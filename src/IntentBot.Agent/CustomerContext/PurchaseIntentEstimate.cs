namespace IntentBot.Agent.CustomerContext;

/// <summary>
/// How close the customer seems to buying: the behaviour store's estimate when there is one, raised by what
/// the chat itself shows (each recent shopping question counts), so the agent works without it too.
/// </summary>
public static class PurchaseIntentEstimate
{
    private static readonly HashSet<string> Shopping = ["product_inquiry", "price_inquiry", "recommendation", "place_order"];

    /// <summary>Intents where a customer close to buying is hesitating (price, delivery, refunds): the moment for an offer.</summary>
    public static IReadOnlySet<string> Hesitation { get; } = new HashSet<string> { "price_inquiry", "delivery_options", "delivery_period", "check_refund_policy" };

    public static double Estimate(double? external, IReadOnlyList<string> recentIntents)
    {
        var shopping = recentIntents.TakeLast(8).Count(Shopping.Contains);
        var fromChat = Math.Min(1.0, shopping * 0.3);
        return Math.Max(external ?? 0, fromChat);
    }
}
