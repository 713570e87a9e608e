using System.Text.Json;
using IntentBot.Context.Redis;
using StackExchange.Redis;

namespace IntentBot.Agent.Insights;

/// <summary>
/// The review queue in Redis, shared by every instance: one key per item (expiring after the retention), a sorted
/// set by time naming them (trimmed to the cap and to the retention on each add), and a per-user set of item ids so
/// that erasure finds a user's items without a SCAN.
/// </summary>
public sealed class RedisReviewStore(IConnectionMultiplexer redis, string keyPrefix, TimeSpan retention, int maxItems, TimeSpan operationTimeout, TimeProvider clock)
    : IReviewStore
{
    public const string StoreName = "review";

    private IDatabase Db => redis.GetDatabase();
    private RedisKey Index => $"{keyPrefix}:review:index";
    private RedisKey ItemKey(string id) => $"{keyPrefix}:review:i:{id}";
    private RedisKey UserItems(string userId) => $"{keyPrefix}:review:{RedisKeys.Tag(userId)}:items";

    private Task<T> Guard<T>(string name, Func<Task<T>> operation, CancellationToken cancellationToken) =>
        RedisOperation.RunAsync(StoreName, name, operationTimeout, operation, cancellationToken);

    private static string Json(ReviewItem item) => JsonSerializer.Serialize(item, ReviewJsonContext.Default.ReviewItem);

    public Task AddAsync(IReadOnlyList<ReviewItem> items, CancellationToken cancellationToken = default) =>
        Guard("add", async () =>
        {
            var db = Db;
            var pending = new List<Task>();
            foreach (var item in items)
            {
                var ttl = item.At + retention - clock.GetUtcNow();
                if (ttl <= TimeSpan.Zero) continue;
                pending.Add(db.StringSetAsync(ItemKey(item.Id), Json(item), ttl));
                pending.Add(db.SortedSetAddAsync(Index, item.Id, item.At.ToUnixTimeMilliseconds()));
                pending.Add(db.SetAddAsync(UserItems(item.UserId), item.Id));
                pending.Add(db.KeyExpireAsync(UserItems(item.UserId), retention));
            }
            pending.Add(db.SortedSetRemoveRangeByScoreAsync(Index, double.NegativeInfinity, (clock.GetUtcNow() - retention).ToUnixTimeMilliseconds()));
            await Task.WhenAll(pending).ConfigureAwait(false);
            // Past the cap the oldest go: their index entries now, their keys with them.
            var excess = await db.SortedSetLengthAsync(Index).ConfigureAwait(false) - maxItems;
            if (excess > 0)
            {
                var oldest = await db.SortedSetRangeByRankAsync(Index, 0, excess - 1).ConfigureAwait(false);
                await db.KeyDeleteAsync([.. oldest.Select(id => ItemKey(id!))]).ConfigureAwait(false);
                await db.SortedSetRemoveAsync(Index, oldest).ConfigureAwait(false);
            }
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<ReviewItem>> ListAsync(string? status, int limit, CancellationToken cancellationToken = default) =>
        Guard<IReadOnlyList<ReviewItem>>("list", async () =>
        {
            var db = Db;
            var ids = await db.SortedSetRangeByRankAsync(Index, 0, maxItems - 1, Order.Descending).ConfigureAwait(false);
            if (ids.Length == 0) return [];
            var values = await db.StringGetAsync([.. ids.Select(id => ItemKey(id!))]).ConfigureAwait(false);
            var items = new List<ReviewItem>();
            var gone = new List<RedisValue>();
            for (var i = 0; i < ids.Length; i++)
            {
                if (values[i].IsNull) { gone.Add(ids[i]); continue; }
                var item = JsonSerializer.Deserialize((string)values[i]!, ReviewJsonContext.Default.ReviewItem)!;
                if (status is null || item.Status == status) items.Add(item);
                if (items.Count >= limit) break;
            }
            if (gone.Count > 0) await db.SortedSetRemoveAsync(Index, [.. gone]).ConfigureAwait(false);
            return items;
        }, cancellationToken);

    public Task<ReviewItem?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        Guard("get", async () =>
        {
            var value = await Db.StringGetAsync(ItemKey(id)).ConfigureAwait(false);
            return value.IsNull ? null : JsonSerializer.Deserialize((string)value!, ReviewJsonContext.Default.ReviewItem);
        }, cancellationToken);

    public Task<bool> UpdateAsync(ReviewItem item, CancellationToken cancellationToken = default) =>
        // XX with KEEPTTL: only an item that still exists is replaced, and it keeps its expiry.
        Guard("update", () => Db.StringSetAsync(ItemKey(item.Id), Json(item), null, keepTtl: true, When.Exists), cancellationToken);

    public Task EraseUserAsync(string userId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default) =>
        Guard("erase", async () =>
        {
            var db = Db;
            var ids = await db.SetMembersAsync(UserItems(userId)).ConfigureAwait(false);
            if (ids.Length > 0)
            {
                await db.KeyDeleteAsync([.. ids.Select(id => ItemKey(id!))]).ConfigureAwait(false);
                await db.SortedSetRemoveAsync(Index, ids).ConfigureAwait(false);
            }
            await db.KeyDeleteAsync(UserItems(userId)).ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
