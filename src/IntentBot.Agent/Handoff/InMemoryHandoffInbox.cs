namespace IntentBot.Agent.Handoff;

/// <summary>The embedded queue (single instance, lost on restart like the embedded context store).</summary>
public sealed class InMemoryHandoffInbox : IHandoffInbox
{
    private readonly Lock _gate = new();
    private readonly List<HandoffRecord> _open = [];

    public Task EnqueueAsync(HandoffRecord record, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            // One open handoff per conversation: a repeated request refreshes it instead of queueing twice.
            _open.RemoveAll(r => r.ConversationId == record.ConversationId);
            _open.Add(record);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<HandoffRecord>> ListOpenAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<HandoffRecord>>([.. _open]);
    }

    public Task<HandoffRecord?> FindOpenAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_open.FirstOrDefault(r => r.ConversationId == conversationId));
    }

    public Task EraseUserAsync(string userId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default)
    {
        lock (_gate) _open.RemoveAll(r => r.UserId == userId || conversationIds.Contains(r.ConversationId));
        return Task.CompletedTask;
    }

    public Task<bool> CloseAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_open.RemoveAll(r => r.ConversationId == conversationId) > 0);
    }
}
