namespace IntentBot.Agent.Insights;

/// <summary>The counters of one UTC hour.</summary>
public sealed record AnalyticsBucket(DateTimeOffset Hour, IReadOnlyDictionary<string, long> Counts)
{
    public long this[string field] => Counts.TryGetValue(field, out var n) ? n : 0;
}

/// <summary>Hourly analytics counters shared by every instance: Redis when configured, else in-process.</summary>
public interface IAnalyticsStore
{
    /// <summary>Adds to the counters of each hour named (one round trip for the whole batch).</summary>
    Task AddAsync(IReadOnlyDictionary<DateTimeOffset, Dictionary<string, long>> increments, CancellationToken cancellationToken = default);

    /// <summary>The buckets with any counts in the hours from <paramref name="since"/> up to (not including) <paramref name="until"/>, oldest first.</summary>
    Task<IReadOnlyList<AnalyticsBucket>> ReadAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default);
}
