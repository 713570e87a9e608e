using IntentBot.Context.Storage;

namespace IntentBot.Agent.Handoff;

/// <summary>
/// Where handed-off conversations wait for a human: a queue the shop's agent console consumes, plus an
/// index by conversation so the operator's handback can find the customer the conversation belongs to.
/// Redis (a hash and a stream) when Redis is configured, in-process otherwise.
/// </summary>
/// <remarks>
/// Records hold the user id and the last turns, so every inbox takes part in user erasure
/// (<see cref="IUserDataErasure"/>): it drops the records of the user and of the conversations given.
/// </remarks>
public interface IHandoffInbox : IUserDataErasure
{
    Task EnqueueAsync(HandoffRecord record, CancellationToken cancellationToken = default);

    /// <summary>Handoffs not handed back yet, oldest first.</summary>
    Task<IReadOnlyList<HandoffRecord>> ListOpenAsync(CancellationToken cancellationToken = default);

    Task<HandoffRecord?> FindOpenAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Removes the conversation's open handoff; false when there was none.</summary>
    Task<bool> CloseAsync(string conversationId, CancellationToken cancellationToken = default);
}
