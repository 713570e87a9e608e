using IntentBot.Context.Storage;
using Microsoft.Extensions.Options;

namespace IntentBot.Agent.Handoff;

/// <summary>
/// The operator side of a handoff: lists waiting conversations and hands one back to the bot, which clears
/// <c>HandedOff</c> (saved with optimistic concurrency, retried on conflict) and closes the queue entry.
/// </summary>
public sealed class HandbackService(IHandoffInbox queue, IConversationStore store, IOptions<AgentOptions> options, TimeProvider clock)
{
    public Task<IReadOnlyList<HandoffRecord>> ListOpenAsync(CancellationToken cancellationToken) => queue.ListOpenAsync(cancellationToken);

    /// <returns>The handoff that was closed, or null when the conversation was not handed off.</returns>
    public async Task<HandoffRecord?> HandBackAsync(string conversationId, CancellationToken cancellationToken)
    {
        var record = await queue.FindOpenAsync(conversationId, cancellationToken);
        if (record is null) return null;
        for (var attempt = 1; attempt <= options.Value.MaxSaveAttempts; attempt++)
        {
            var current = await store.GetConversationAsync(record.UserId, conversationId, cancellationToken);
            if (current is null || !current.Value.HandedOff) break; // expired or already back: just close the entry
            var state = current.Value with { HandedOff = false, UpdatedUtc = clock.GetUtcNow() };
            var saved = await store.SaveTurnAsync(state, current.Version, null, 0, cancellationToken);
            if (saved.Saved) break;
            if (attempt == options.Value.MaxSaveAttempts)
                throw new InvalidOperationException($"Conversation {conversationId} kept changing; handback not saved.");
        }
        await queue.CloseAsync(conversationId, cancellationToken);
        return record;
    }
}
