namespace IntentBot.Agent.Desk;

/// <summary>The embedded desk state (one instance, lost on restart like the embedded context store).</summary>
public sealed class InMemoryDeskStore : IDeskStore
{
    private const int MaxEntries = 500;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<DeskEntry>> _logs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeskAddress> _addresses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeskClaim> _claims = new(StringComparer.Ordinal);
    private readonly DeskChanges _changes = new();

    public Task AppendAsync(string conversationId, IReadOnlyList<DeskEntry> entries, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_logs.TryGetValue(conversationId, out var log)) _logs[conversationId] = log = [];
            log.AddRange(entries);
            if (log.Count > MaxEntries) log.RemoveRange(0, log.Count - MaxEntries);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DeskEntry>> ReadAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<DeskEntry>>(_logs.TryGetValue(conversationId, out var log) ? [.. log] : []);
    }

    public Task SaveAddressAsync(DeskAddress address, CancellationToken cancellationToken = default)
    {
        lock (_gate) _addresses[address.ConversationId] = address;
        return Task.CompletedTask;
    }

    public Task<DeskAddress?> GetAddressAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_addresses.GetValueOrDefault(conversationId));
    }

    public Task<DeskClaim> ClaimAsync(string conversationId, DeskClaim claim, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_claims.TryGetValue(conversationId, out var holder)) _claims[conversationId] = holder = claim;
            return Task.FromResult(holder);
        }
    }

    public Task<DeskClaim?> GetClaimAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_claims.GetValueOrDefault(conversationId));
    }

    public Task<IReadOnlyDictionary<string, DeskClaim>> GetClaimsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyDictionary<string, DeskClaim>>(new Dictionary<string, DeskClaim>(_claims));
    }

    public Task ReleaseAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        lock (_gate) _claims.Remove(conversationId);
        return Task.CompletedTask;
    }

    public Task NotifyAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        _changes.Signal();
        return Task.CompletedTask;
    }

    public long ChangeCount => _changes.Count;

    public Task WaitForChangeAsync(long seen, CancellationToken cancellationToken) => _changes.WaitAsync(seen, cancellationToken);

    public Task EraseUserAsync(string userId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var theirs = _addresses.Values.Where(a => a.User?.Id == userId).Select(a => a.ConversationId).Concat(conversationIds).ToList();
            foreach (var id in theirs)
            {
                _logs.Remove(id);
                _addresses.Remove(id);
                _claims.Remove(id);
            }
        }
        _changes.Signal();
        return Task.CompletedTask;
    }
}
