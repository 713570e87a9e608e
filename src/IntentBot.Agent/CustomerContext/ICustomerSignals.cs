namespace IntentBot.Agent.CustomerContext;

/// <summary>
/// The agent's window on behaviour context kept outside the conversation (behaviour events, live purchase
/// intent): what the customer viewed and searched on the site, and the estimated purchase intent. The agent
/// also reports each chat turn here, so the same context learns from the chat.
/// </summary>
public interface ICustomerSignals
{
    Task<CustomerSignals> GetAsync(string userId, CancellationToken cancellationToken);

    Task RecordChatTurnAsync(ChatTurnSignal turn, CancellationToken cancellationToken);
}

/// <param name="PurchaseIntent">0..1 estimate that the customer is about to buy, or null when unknown.</param>
public sealed record CustomerSignals(double? PurchaseIntent, IReadOnlyList<string> RecentSearches, IReadOnlyList<string> RecentlyViewed)
{
    public static CustomerSignals None { get; } = new(null, [], []);
}

/// <summary>One chat turn as the behaviour context sees it.</summary>
public sealed record ChatTurnSignal(string UserId, string ConversationId, string Intent, float Confidence, bool OutOfScope,
    string Sentiment, float SentimentConfidence, DateTimeOffset OccurredUtc);

/// <summary>Used when no behaviour store is wired in: no outside signals, the agent relies on the conversation alone.</summary>
public sealed class NoCustomerSignals : ICustomerSignals
{
    public Task<CustomerSignals> GetAsync(string userId, CancellationToken cancellationToken) => Task.FromResult(CustomerSignals.None);

    public Task RecordChatTurnAsync(ChatTurnSignal turn, CancellationToken cancellationToken) => Task.CompletedTask;
}
