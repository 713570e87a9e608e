using IntentBot.Context.Behaviour;
using IntentBot.Shop;

namespace IntentBot.Agent.CustomerContext;

/// <summary>
/// The agent's view of the behaviour context: the purchase-intent model's estimate for the customer's live
/// session, what they searched for and which products they viewed (by name, so the catalog search can use
/// them); every chat turn is recorded back into the same aggregates.
/// </summary>
public sealed class BehaviourSignals(IBehaviourStore behaviour, LivePurchaseIntent purchaseIntent, ICatalog catalog) : ICustomerSignals
{
    public async Task<CustomerSignals> GetAsync(string userId, CancellationToken cancellationToken)
    {
        var context = await behaviour.GetContextAsync(userId, null, cancellationToken);
        if (context is null) return CustomerSignals.None;
        var probability = purchaseIntent.Estimate(context)?.Estimate.Probability;
        var searches = context.RecentEvents
            .Where(e => e.Type == BehaviourEventTypes.Search && !string.IsNullOrWhiteSpace(e.Query))
            .OrderByDescending(e => e.Timestamp).Select(e => e.Query!).Distinct(StringComparer.OrdinalIgnoreCase).Take(3).ToList();
        var viewed = new List<string>();
        foreach (var productId in (context.Session ?? context.User).RecentProducts.Take(3))
            if (await catalog.GetProductAsync(productId, cancellationToken) is { } product)
                viewed.Add(product.Name);
        return new CustomerSignals(probability, searches, viewed);
    }

    public Task RecordChatTurnAsync(ChatTurnSignal turn, CancellationToken cancellationToken) =>
        behaviour.RecordChatTurnAsync(turn.UserId, turn.ConversationId, turn.Intent, turn.Confidence, turn.Sentiment, turn.OccurredUtc, cancellationToken);
}
