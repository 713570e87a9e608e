namespace IntentBot.Agent.Insights;

/// <summary>The embedded review queue (single instance, lost on restart).</summary>
public sealed class InMemoryReviewStore(TimeSpan retention, int maxItems, TimeProvider clock) : IReviewStore
{
    private readonly Dictionary<string, ReviewItem> _items = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task AddAsync(IReadOnlyList<ReviewItem> items, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var item in items) _items[item.Id] = item;
            Prune();
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReviewItem>> ListAsync(string? status, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Prune();
            return Task.FromResult<IReadOnlyList<ReviewItem>>([.. _items.Values
                .Where(i => status is null || i.Status == status).OrderByDescending(i => i.At).ThenByDescending(i => i.Id, StringComparer.Ordinal).Take(limit)]);
        }
    }

    public Task<ReviewItem?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Prune();
            return Task.FromResult(_items.GetValueOrDefault(id));
        }
    }

    public Task<bool> UpdateAsync(ReviewItem item, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Prune();
            if (!_items.ContainsKey(item.Id)) return Task.FromResult(false);
            _items[item.Id] = item;
            return Task.FromResult(true);
        }
    }

    public Task EraseUserAsync(string userId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            foreach (var id in _items.Values.Where(i => i.UserId == userId).Select(i => i.Id).ToList()) _items.Remove(id);
        return Task.CompletedTask;
    }

    private void Prune()
    {
        var oldest = clock.GetUtcNow() - retention;
        foreach (var id in _items.Values.Where(i => i.At < oldest).Select(i => i.Id).ToList()) _items.Remove(id);
        if (_items.Count > maxItems)
            foreach (var id in _items.Values.OrderBy(i => i.At).Take(_items.Count - maxItems).Select(i => i.Id).ToList()) _items.Remove(id);
    }
}
