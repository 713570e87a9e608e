using System.Runtime.CompilerServices;
using IntentBot.Context.State;
using IntentBot.Context.Storage;
using IntentBot.Context.Telemetry;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IntentBot.Context.Redis;

/// <summary>
/// The Redis implementation of <see cref="IConversationStore"/>, for deployments with several IntentBot
/// instances: any instance serves any conversation.
/// </summary>
/// <remarks>
/// Every call is bounded by <see cref="ContextOptions.OperationTimeout"/> and turns Redis failures into
/// <see cref="StoreUnavailableException"/> (503), so a Redis outage never hangs a request; the
/// multiplexer reconnects by itself when Redis is back. Writes are single Lua scripts: all or nothing.
/// </remarks>
public sealed class RedisConversationStore(IConnectionMultiplexer redis, IOptions<ContextOptions> options) : IConversationStore
{
    private readonly RedisKeys _keys = new(options.Value.KeyPrefix);
    private readonly TimeSpan _timeout = options.Value.OperationTimeout;

    private IDatabase Db => redis.GetDatabase();

    public Task<Versioned<ConversationState>?> GetConversationAsync(string userId, string conversationId, CancellationToken cancellationToken = default) =>
        RunAsync(async () =>
        {
            var fields = await Db.HashGetAsync(_keys.Conversation(userId, conversationId), ["v", "d"]);
            return fields[1].IsNull ? null : new Versioned<ConversationState>(DocumentSerializer.DeserializeConversation((byte[])fields[1]!), (long)fields[0]);
        }, cancellationToken);

    public Task<Versioned<UserProfile>?> GetProfileAsync(string userId, CancellationToken cancellationToken = default) =>
        RunAsync(async () =>
        {
            var fields = await Db.HashGetAsync(_keys.Profile(userId), ["v", "d"]);
            return fields[1].IsNull ? null : new Versioned<UserProfile>(DocumentSerializer.DeserializeProfile((byte[])fields[1]!), (long)fields[0]);
        }, cancellationToken);

    public Task<SaveResult> SaveTurnAsync(ConversationState conversation, long expectedConversationVersion,
        UserProfile? profile, long expectedProfileVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var o = options.Value;
        var userId = conversation.UserId;
        var conversationRetention = o.RetentionFor(userId, o.ConversationRetention);
        var profileRetention = o.RetentionFor(userId, o.ProfileRetention);
        RedisKey[] keys = [_keys.Conversation(userId, conversation.ConversationId), _keys.Profile(userId), _keys.ConversationIndex(userId)];
        RedisValue[] args =
        [
            expectedConversationVersion, DocumentSerializer.Serialize(conversation), (long)conversationRetention.TotalMilliseconds,
            profile is null ? "0" : "1", expectedProfileVersion, profile is null ? RedisValue.EmptyString : DocumentSerializer.Serialize(profile),
            (long)profileRetention.TotalMilliseconds, conversation.ConversationId,
            (long)Math.Max(conversationRetention.TotalMilliseconds, profileRetention.TotalMilliseconds),
        ];
        return RunAsync(async () =>
        {
            var result = (RedisResult[])(await Db.ScriptEvaluateAsync(RedisScripts.SaveTurn, keys, args))!;
            var saved = (long)result[0] == 1;
            if (saved && o.ReplicaAcknowledgements > 0) await WaitForReplicasAsync(keys[0], o.ReplicaAcknowledgements);
            return saved
                ? SaveResult.Success((long)result[1], (long)result[2])
                : SaveResult.Conflicted((string)result[3]!, (long)result[1], (long)result[2]);
        }, cancellationToken);
    }

    /// <summary>
    /// WAIT on the node that holds <paramref name="key"/> (the save went there on the same connection, so WAIT covers
    /// it), for at most half the operation timeout so a slow replica ends as a clear refusal rather than a timeout. Too few
    /// copies is a Redis failure like any other: the caller gets 503 and retries, and the retry finds the turn saved.
    /// </summary>
    private async Task WaitForReplicasAsync(RedisKey key, int replicas)
    {
        var waitMs = (long)Math.Max(1, _timeout.TotalMilliseconds / 2);
        var copies = (long)await redis.GetServer(key).ExecuteAsync("WAIT", replicas, waitMs);
        if (copies < replicas)
            throw new RedisException($"the turn was saved on the master but reached {copies} of the {replicas} replicas it needs within {waitMs} ms; retry.");
    }

    /// <summary>
    /// The index set, which may name a conversation that has since expired: erasure only needs a superset.
    /// </summary>
    public Task<IReadOnlyCollection<string>> ListConversationIdsAsync(string userId, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyCollection<string>>(async () =>
            (await Db.SetMembersAsync(_keys.ConversationIndex(userId))).Select(v => v.ToString()).ToList(), cancellationToken);

    public Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default) =>
        RunAsync(async () =>
        {
            await Db.ScriptEvaluateAsync(RedisScripts.DeleteUser, [_keys.ConversationIndex(userId), _keys.Profile(userId)], [_keys.ConversationPrefix(userId)]);
            return true;
        }, cancellationToken);

    private Task<T> RunAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken, [CallerMemberName] string name = "") =>
        RedisOperation.RunAsync(StoreTelemetry.Conversations, name, _timeout, operation, cancellationToken);
}
