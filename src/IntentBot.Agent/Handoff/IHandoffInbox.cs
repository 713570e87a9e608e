namespace IntentBot.Agent.Handoff;

/// <summary>
/// Where handed-off conversations wait for a human: a queue the shop's agent console consumes, plus an
/// index by conversation so the operator's handback can find the customer the conversation belongs to.
/// Redis (a list and a hash) when Redis is configured, in-process otherwise.
/// </summary>
public interface IHandoffInbox
{
    Task EnqueueAsync(HandoffRecord record, CancellationToken cancellationToken = default);

    /// <summary>Handoffs not handed back yet, oldest first.</summary>
    Task<IReadOnlyList<HandoffRecord>> ListOpenAsync(CancellationToken cancellationToken = default);

    Task<HandoffRecord?> FindOpenAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Removes the conversation's open handoff; false when there was none.</summary>
    Task<bool> CloseAsync(string conversationId, CancellationToken cancellationToken = default);
}
