using System.Text.Json;
using StackExchange.Redis;

namespace IntentBot.Agent.Handoff;

/// <summary>
/// Handoffs in Redis, shared by every bot instance and the shop's console: a hash
/// <c>{prefix}:handoffs:open</c> (conversation id → record JSON, the source of truth) and a stream
/// <c>{prefix}:handoffs:events</c> where each new handoff is appended, so a console can follow new ones
/// with XREAD instead of polling.
/// </summary>
/// <remarks>
/// Erasing a user removes their records from the hash and XDELs their entries from the stream (found by the
/// entry's conversation id or the record's user id). A console that already read an entry keeps its copy:
/// erasing that is the console's job.
/// </remarks>
public sealed class RedisHandoffInbox(IConnectionMultiplexer redis, string keyPrefix) : IHandoffInbox
{
    private readonly RedisKey _open = $"{keyPrefix}:handoffs:open";
    private readonly RedisKey _events = $"{keyPrefix}:handoffs:events";

    public async Task EnqueueAsync(HandoffRecord record, CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.Serialize(record, HandoffJsonContext.Default.HandoffRecord);
        var db = redis.GetDatabase();
        var batch = db.CreateTransaction();
        _ = batch.HashSetAsync(_open, record.ConversationId, json);
        _ = batch.StreamAddAsync(_events, [new NameValueEntry("conversationId", record.ConversationId), new NameValueEntry("record", json)],
            maxLength: 10_000, useApproximateMaxLength: true);
        await batch.ExecuteAsync();
    }

    public async Task<IReadOnlyList<HandoffRecord>> ListOpenAsync(CancellationToken cancellationToken = default)
    {
        var entries = await redis.GetDatabase().HashValuesAsync(_open);
        return entries.Select(e => Parse(e!)).OrderBy(r => r.CreatedUtc).ToList();
    }

    public async Task<HandoffRecord?> FindOpenAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        var value = await redis.GetDatabase().HashGetAsync(_open, conversationId);
        return value.IsNullOrEmpty ? null : Parse(value!);
    }

    public Task<bool> CloseAsync(string conversationId, CancellationToken cancellationToken = default) =>
        redis.GetDatabase().HashDeleteAsync(_open, conversationId);

    public async Task EraseUserAsync(string userId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default)
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
    }

    private static HandoffRecord Parse(string json) =>
        JsonSerializer.Deserialize(json, HandoffJsonContext.Default.HandoffRecord)
        ?? throw new JsonException("Empty handoff record.");
}
