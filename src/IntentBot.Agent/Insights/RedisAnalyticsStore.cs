using System.Globalization;
using IntentBot.Context.Redis;
using StackExchange.Redis;

namespace IntentBot.Agent.Insights;

/// <summary>
/// Analytics in Redis: one hash per UTC hour (<c>{prefix}:insights:h:yyyyMMddHH</c>), HINCRBY per counter, expiring
/// after the retention. Every instance adds to the same hashes, so the counts are the whole deployment's; HINCRBY is
/// atomic, so no instance's batch can overwrite another's.
/// </summary>
public sealed class RedisAnalyticsStore(IConnectionMultiplexer redis, string keyPrefix, TimeSpan retention, TimeSpan operationTimeout, TimeProvider clock)
    : IAnalyticsStore
{
    public const string StoreName = "analytics";

    /// <summary>A read spans at most this many hours (a year): a bigger range is cut to its latest year.</summary>
    public const int MaxHours = 24 * 366;

    private RedisKey HourKey(DateTimeOffset hour) => $"{keyPrefix}:insights:h:{hour.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture)}";

    public Task AddAsync(IReadOnlyDictionary<DateTimeOffset, Dictionary<string, long>> increments, CancellationToken cancellationToken = default) =>
        RedisOperation.RunAsync(StoreName, "add", operationTimeout, async () =>
        {
            var batch = redis.GetDatabase().CreateBatch();
            var pending = new List<Task>();
            foreach (var (hour, counts) in increments)
            {
                var key = HourKey(hour);
                foreach (var (field, n) in counts) pending.Add(batch.HashIncrementAsync(key, field, n));
                // The bucket lives a retention past its own hour, however late its last write comes.
                var expiresIn = hour + TimeSpan.FromHours(1) + retention - clock.GetUtcNow();
                pending.Add(batch.KeyExpireAsync(key, expiresIn > TimeSpan.Zero ? expiresIn : TimeSpan.FromSeconds(1)));
            }
            batch.Execute();
            await Task.WhenAll(pending).ConfigureAwait(false);
        }, cancellationToken);

    public Task<IReadOnlyList<AnalyticsBucket>> ReadAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        RedisOperation.RunAsync<IReadOnlyList<AnalyticsBucket>>(StoreName, "read", operationTimeout, async () =>
        {
            var hours = new List<DateTimeOffset>();
            for (var h = AnalyticsFields.Hour(until - TimeSpan.FromTicks(1)); h >= AnalyticsFields.Hour(since) && hours.Count < MaxHours; h -= TimeSpan.FromHours(1))
                hours.Add(h);
            hours.Reverse();
            var batch = redis.GetDatabase().CreateBatch();
            var reads = hours.Select(h => batch.HashGetAllAsync(HourKey(h))).ToList();
            batch.Execute();
            var entries = await Task.WhenAll(reads).ConfigureAwait(false);
            return [.. hours.Zip(entries)
                .Where(x => x.Second.Length > 0)
                .Select(x => new AnalyticsBucket(x.First, x.Second.ToDictionary(e => e.Name.ToString(), e => (long)e.Value, StringComparer.Ordinal)))];
        }, cancellationToken);
}
