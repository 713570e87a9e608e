namespace IntentBot.Agent.Insights;

/// <summary>The embedded analytics store (single instance, lost on restart); buckets older than the retention are dropped as new ones come.</summary>
public sealed class InMemoryAnalyticsStore(TimeSpan retention, TimeProvider clock) : IAnalyticsStore
{
    private readonly SortedDictionary<DateTimeOffset, Dictionary<string, long>> _hours = [];
    private readonly Lock _gate = new();

    public Task AddAsync(IReadOnlyDictionary<DateTimeOffset, Dictionary<string, long>> increments, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var (hour, counts) in increments)
            {
                if (!_hours.TryGetValue(hour, out var bucket)) _hours[hour] = bucket = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var (field, n) in counts) bucket[field] = bucket.GetValueOrDefault(field) + n;
            }
            var oldest = clock.GetUtcNow() - retention;
            foreach (var expired in _hours.Keys.TakeWhile(h => h < oldest).ToList()) _hours.Remove(expired);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AnalyticsBucket>> ReadAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        var first = AnalyticsFields.Hour(since);
        var oldest = clock.GetUtcNow() - retention;
        lock (_gate)
            return Task.FromResult<IReadOnlyList<AnalyticsBucket>>([.. _hours
                .Where(h => h.Key >= first && h.Key < until && h.Key >= AnalyticsFields.Hour(oldest))
                .Select(h => new AnalyticsBucket(h.Key, new Dictionary<string, long>(h.Value)))]);
    }
}
