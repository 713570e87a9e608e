using System.Text.Json;
using IntentBot.Context.Redis;
using StackExchange.Redis;

namespace IntentBot.Agent.Desk;

/// <summary>
/// Desk state in Redis, shared by every instance: per conversation a transcript list and an address key
/// (hash-tagged together, expiring after the retention), one hash of claims (claimed with a Lua HSETNX, so two
/// agents on two instances cannot both win), a per-user set naming the conversations for erasure, and one
/// pub/sub channel that wakes every instance's live desk pages.
/// </summary>
public sealed class RedisDeskStore : IDeskStore, IDisposable
{
    public const string StoreName = "desk";
    private const int MaxEntries = 500;

    // KEYS[1] claims hash; ARGV[1] conversation id, ARGV[2] claim JSON. Returns the claim that holds.
    private const string ClaimScript = """
        if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then return ARGV[2] end
        return redis.call('HGET', KEYS[1], ARGV[1])
        """;

    private readonly IConnectionMultiplexer _redis;
    private readonly string _prefix;
    private readonly TimeSpan _retention;
    private readonly TimeSpan _timeout;
    private readonly RedisKey _claims;
    private readonly RedisChannel _channel;
    private readonly DeskChanges _changes = new();
    private readonly Lock _subscriptionGate = new();
    private Task? _subscription;

    public RedisDeskStore(IConnectionMultiplexer redis, string keyPrefix, TimeSpan retention, TimeSpan operationTimeout)
    {
        (_redis, _prefix, _retention, _timeout) = (redis, keyPrefix, retention, operationTimeout);
        _claims = $"{keyPrefix}:desk:claims";
        _channel = RedisChannel.Literal($"{keyPrefix}:desk:changed");
    }

    private IDatabase Db => _redis.GetDatabase();
    private RedisKey LogKey(string conversationId) => $"{_prefix}:desk:{{c:{conversationId}}}:log";
    private RedisKey AddressKey(string conversationId) => $"{_prefix}:desk:{{c:{conversationId}}}:address";
    private RedisKey UserIndex(string userId) => $"{_prefix}:desk:{RedisKeys.Tag(userId)}:convs";

    private Task<T> Guard<T>(string name, Func<Task<T>> operation, CancellationToken cancellationToken) =>
        RedisOperation.RunAsync(StoreName, name, _timeout, operation, cancellationToken);

    public Task AppendAsync(string conversationId, IReadOnlyList<DeskEntry> entries, CancellationToken cancellationToken = default) =>
        Guard("append", async () =>
        {
            if (entries.Count == 0) return true;
            RedisValue[] values = [.. entries.Select(e => (RedisValue)JsonSerializer.Serialize(e, DeskJsonContext.Default.DeskEntry))];
            var batch = Db.CreateTransaction();
            _ = batch.ListRightPushAsync(LogKey(conversationId), values);
            _ = batch.ListTrimAsync(LogKey(conversationId), -MaxEntries, -1);
            _ = batch.KeyExpireAsync(LogKey(conversationId), _retention);
            return await batch.ExecuteAsync().ConfigureAwait(false);
        }, cancellationToken);

    public Task<IReadOnlyList<DeskEntry>> ReadAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Guard<IReadOnlyList<DeskEntry>>("read", async () =>
        {
            var values = await Db.ListRangeAsync(LogKey(conversationId)).ConfigureAwait(false);
            return values.Select(v => JsonSerializer.Deserialize(v.ToString(), DeskJsonContext.Default.DeskEntry)!).ToList();
        }, cancellationToken);

    public Task SaveAddressAsync(DeskAddress address, CancellationToken cancellationToken = default) =>
        Guard("address", async () =>
        {
            // Indexed first, so erasure never misses an address that was written.
            if (address.User?.Id is { Length: > 0 } userId)
            {
                await Db.SetAddAsync(UserIndex(userId), address.ConversationId).ConfigureAwait(false);
                await Db.KeyExpireAsync(UserIndex(userId), _retention).ConfigureAwait(false);
            }
            return await Db.StringSetAsync(AddressKey(address.ConversationId), JsonSerializer.Serialize(address, DeskJsonContext.Default.DeskAddress), _retention).ConfigureAwait(false);
        }, cancellationToken);

    public Task<DeskAddress?> GetAddressAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Guard("address", async () =>
        {
            var value = await Db.StringGetAsync(AddressKey(conversationId)).ConfigureAwait(false);
            return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize(value.ToString(), DeskJsonContext.Default.DeskAddress);
        }, cancellationToken);

    public Task<DeskClaim> ClaimAsync(string conversationId, DeskClaim claim, CancellationToken cancellationToken = default) =>
        Guard("claim", async () =>
        {
            var json = JsonSerializer.Serialize(claim, DeskJsonContext.Default.DeskClaim);
            var holder = (string?)await Db.ScriptEvaluateAsync(ClaimScript, [_claims], [conversationId, json]).ConfigureAwait(false);
            return JsonSerializer.Deserialize(holder ?? json, DeskJsonContext.Default.DeskClaim)!;
        }, cancellationToken);

    public Task<DeskClaim?> GetClaimAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Guard("claims", async () =>
        {
            var value = await Db.HashGetAsync(_claims, conversationId).ConfigureAwait(false);
            return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize(value.ToString(), DeskJsonContext.Default.DeskClaim);
        }, cancellationToken);

    public Task<IReadOnlyDictionary<string, DeskClaim>> GetClaimsAsync(CancellationToken cancellationToken = default) =>
        Guard<IReadOnlyDictionary<string, DeskClaim>>("claims", async () =>
        {
            // Bounded by the open handoffs: a claim is removed when its conversation is handed back or closed.
            var all = await Db.HashGetAllAsync(_claims).ConfigureAwait(false);
            return all.ToDictionary(e => e.Name.ToString(), e => JsonSerializer.Deserialize(e.Value.ToString(), DeskJsonContext.Default.DeskClaim)!, StringComparer.Ordinal);
        }, cancellationToken);

    public Task ReleaseAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Guard("release", () => Db.HashDeleteAsync(_claims, conversationId), cancellationToken);

    public async Task NotifyAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        // This instance's pages learn at once; the others through the channel. A lost PUBLISH only delays the
        // other pages until their periodic refresh, so it is not an error for the agent who made the change.
        _changes.Signal();
        try { await _redis.GetSubscriber().PublishAsync(_channel, conversationId).WaitAsync(_timeout, cancellationToken).ConfigureAwait(false); }
        catch (Exception e) when (e is RedisException or TimeoutException) { }
    }

    public long ChangeCount => _changes.Count;

    public async Task WaitForChangeAsync(long seen, CancellationToken cancellationToken)
    {
        await RedisOperation.RunAsync(StoreName, "subscribe", _timeout, EnsureSubscribedAsync, cancellationToken).ConfigureAwait(false);
        await _changes.WaitAsync(seen, cancellationToken).ConfigureAwait(false);
    }

    public Task EraseUserAsync(string userId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default) =>
        RedisOperation.RunAsync(StoreName, "erase", _timeout * 10, async () =>
        {
            var indexed = await Db.SetMembersAsync(UserIndex(userId)).ConfigureAwait(false);
            foreach (var id in conversationIds.Concat(indexed.Select(v => v.ToString())).Distinct(StringComparer.Ordinal))
            {
                await Db.KeyDeleteAsync([LogKey(id), AddressKey(id)]).ConfigureAwait(false);
                await Db.HashDeleteAsync(_claims, id).ConfigureAwait(false);
                await Db.SetRemoveAsync(UserIndex(userId), id).ConfigureAwait(false);
            }
            await Db.KeyDeleteAsync(UserIndex(userId)).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>One subscription per instance, made again after a failed attempt.</summary>
    private Task EnsureSubscribedAsync()
    {
        lock (_subscriptionGate)
        {
            if (_subscription is null || _subscription.IsFaulted || _subscription.IsCanceled)
                _subscription = _redis.GetSubscriber().SubscribeAsync(_channel, (_, _) => _changes.Signal());
            return _subscription;
        }
    }

    public void Dispose()
    {
        if (_subscription is { IsCompletedSuccessfully: true }) _redis.GetSubscriber().Unsubscribe(_channel);
    }
}
