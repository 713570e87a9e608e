using System.Runtime.CompilerServices;
using System.Text.Json;
using IntentBot.Context.Redis;
using IntentBot.Context.Telemetry;
using StackExchange.Redis;

namespace IntentBot.Agent.Handoff;

/// <summary>
/// Handoffs in Redis, shared by every bot instance and the shop's console: a hash
/// <c>{prefix}:{handoffs}:open</c> (conversation id → record JSON, the source of truth) and a stream
/// <c>{prefix}:{handoffs}:events</c> where each new handoff is appended, so a console can follow new ones
/// with XREAD instead of polling.
/// </summary>
/// <remarks>
/// Both keys carry the hash tag <c>{handoffs}</c>, so in Redis Cluster they live in one slot and a handoff is
/// written to both in one MULTI/EXEC (without the tag the transaction is refused as CROSSSLOT). Servers
/// written by a version without the tag have the keys under <c>{prefix}:handoffs:*</c>: the first call moves
/// them (see <see cref="MoveUntaggedKeysAsync"/>).
/// Erasing a user removes their records from the hash and XDELs their entries from the stream (found by the
/// entry's conversation id or the record's user id). A console that already read an entry keeps its copy:
/// erasing that is the console's job.
/// Every call is bounded by the operation timeout (RedisOperation): an outage is a StoreUnavailableException
/// (503 with Retry-After), not a RedisTimeoutException seconds later.
/// </remarks>
public sealed class RedisHandoffInbox(IConnectionMultiplexer redis, string keyPrefix, TimeSpan? operationTimeout = null) : IHandoffInbox
{
    private readonly TimeSpan _timeout = operationTimeout ?? TimeSpan.FromSeconds(2);
    private readonly RedisKey _open = $"{keyPrefix}:{{handoffs}}:open";
    private readonly RedisKey _events = $"{keyPrefix}:{{handoffs}}:events";
    private readonly RedisKey _untaggedOpen = $"{keyPrefix}:handoffs:open";
    private readonly RedisKey _untaggedEvents = $"{keyPrefix}:handoffs:events";
    private readonly Lock _moveGate = new();
    private Task? _move;

    public Task EnqueueAsync(HandoffRecord record, CancellationToken cancellationToken = default) =>
        Guard(() => EnqueueCoreAsync(record), cancellationToken);

    private async Task<bool> EnqueueCoreAsync(HandoffRecord record)
    {
        var json = JsonSerializer.Serialize(record, HandoffJsonContext.Default.HandoffRecord);
        var db = redis.GetDatabase();
        var batch = db.CreateTransaction();
        _ = batch.HashSetAsync(_open, record.ConversationId, json);
        _ = batch.StreamAddAsync(_events, [new NameValueEntry("conversationId", record.ConversationId), new NameValueEntry("record", json)],
            maxLength: 10_000, useApproximateMaxLength: true);
        return await batch.ExecuteAsync();
    }

    public Task<IReadOnlyList<HandoffRecord>> ListOpenAsync(CancellationToken cancellationToken = default) =>
        Guard<IReadOnlyList<HandoffRecord>>(async () =>
        {
            var entries = await redis.GetDatabase().HashValuesAsync(_open);
            return entries.Select(e => Parse(e!)).OrderBy(r => r.CreatedUtc).ToList();
        }, cancellationToken);

    public Task<HandoffRecord?> FindOpenAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Guard(async () =>
        {
            var value = await redis.GetDatabase().HashGetAsync(_open, conversationId);
            return value.IsNullOrEmpty ? null : Parse(value!);
        }, cancellationToken);

    public Task<bool> CloseAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Guard(() => redis.GetDatabase().HashDeleteAsync(_open, conversationId), cancellationToken);

    public Task EraseUserAsync(string userId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default) =>
        Guard(() => EraseCoreAsync(userId, conversationIds), cancellationToken);

    private async Task<bool> EraseCoreAsync(string userId, IReadOnlyCollection<string> conversationIds)
    {
        var db = redis.GetDatabase();
        bool Theirs(string? conversationId, string? json)
        {
            if (conversationId is not null && conversationIds.Contains(conversationId)) return true;
            try { return json is not null && Parse(json).UserId == userId; }
            catch (JsonException) { return false; } // not a record this code wrote; nothing of ours to read in it
        }

        // Both are bounded: the open handoffs, and a stream capped at 10,000 entries.
        var open = await db.HashGetAllAsync(_open);
        RedisValue[] openIds = [.. open.Where(e => Theirs(e.Name!, e.Value!)).Select(e => e.Name)];
        if (openIds.Length > 0) await db.HashDeleteAsync(_open, openIds);

        var entries = await db.StreamRangeAsync(_events);
        RedisValue[] entryIds = [.. entries.Where(e => Theirs(e["conversationId"]!, e["record"]!)).Select(e => e.Id)];
        if (entryIds.Length > 0) await db.StreamDeleteAsync(_events, entryIds);
        return true;
    }

    private Task<T> Guard<T>(Func<Task<T>> operation, CancellationToken cancellationToken, [CallerMemberName] string name = "") =>
        RedisOperation.RunAsync(StoreTelemetry.Handoffs, name, _timeout, async () =>
        {
            await MovedUntaggedKeys().ConfigureAwait(false);
            return await operation().ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>The move of the untagged keys, run once per process (again after a failed attempt).</summary>
    private Task MovedUntaggedKeys()
    {
        lock (_moveGate)
        {
            if (_move is null || _move.IsFaulted || _move.IsCanceled) _move = MoveUntaggedKeysAsync();
            return _move;
        }
    }

    /// <summary>
    /// Moves the keys of a version without the hash tag to the tagged names. An untagged key can only hold data on a
    /// single server (on a cluster the untagged MULTI was refused), where RENAMENX works. If a tagged hash already
    /// exists (an instance of this version ran first), the untagged records are merged in field by field; an
    /// untagged stream that cannot be renamed is dropped: its entries are notifications of handoffs that the
    /// hash, the source of truth, still holds, and keeping it would keep personal data that erasure no longer looks at.
    /// </summary>
    private async Task MoveUntaggedKeysAsync()
    {
        var db = redis.GetDatabase();
        if (await db.KeyExistsAsync(_untaggedOpen).ConfigureAwait(false) && !await db.KeyRenameAsync(_untaggedOpen, _open, When.NotExists).ConfigureAwait(false))
        {
            foreach (var entry in await db.HashGetAllAsync(_untaggedOpen).ConfigureAwait(false))
                await db.HashSetAsync(_open, entry.Name, entry.Value, When.NotExists).ConfigureAwait(false);
            await db.KeyDeleteAsync(_untaggedOpen).ConfigureAwait(false);
        }
        if (await db.KeyExistsAsync(_untaggedEvents).ConfigureAwait(false) && !await db.KeyRenameAsync(_untaggedEvents, _events, When.NotExists).ConfigureAwait(false))
            await db.KeyDeleteAsync(_untaggedEvents).ConfigureAwait(false);
    }

    private static HandoffRecord Parse(string json) =>
        JsonSerializer.Deserialize(json, HandoffJsonContext.Default.HandoffRecord)
        ?? throw new JsonException("Empty handoff record.");
}
