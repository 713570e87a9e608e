using System.Runtime.CompilerServices;
using IntentBot.Context.Behaviour;
using IntentBot.Context.Storage;
using IntentBot.Context.Telemetry;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IntentBot.Context.Redis;

/// <summary>
/// The Redis implementation of <see cref="IBehaviourStore"/>. One Lua call per user in a batch applies
/// all of that user's events atomically (dedup, stream entry, user and session aggregates); calls for
/// different users are pipelined. Bounded by <see cref="ContextOptions.OperationTimeout"/>; Redis
/// failures become <see cref="StoreUnavailableException"/>.
/// </summary>
public sealed class RedisBehaviourStore(IConnectionMultiplexer redis, IOptions<ContextOptions> contextOptions,
    IOptions<BehaviourOptions> behaviourOptions, TimeProvider clock) : IBehaviourStore
{
    private readonly RedisKeys _keys = new(contextOptions.Value.KeyPrefix);
    private readonly TimeSpan _timeout = contextOptions.Value.OperationTimeout;

    /// <summary>Sessions are forgotten this long after their keys expired, so clock skew between instances never loses a live one.</summary>
    private static readonly TimeSpan SessionGrace = TimeSpan.FromHours(1);

    private IDatabase Db => redis.GetDatabase();

    public Task<IReadOnlyList<EventOutcome>> AppendAsync(IReadOnlyList<BehaviourEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var groups = events.Select((e, i) => (Event: e, Index: i)).GroupBy(x => x.Event.UserId, StringComparer.Ordinal).ToList();
        return RunAsync<IReadOnlyList<EventOutcome>>(async () =>
        {
            var db = Db;
            var calls = groups.Select(g =>
            {
                var items = g.Select(x => new Item(x.Event.EventId, x.Event.SessionId, EventEntry.ToFields(x.Event), AggregateUpdate.ForEvent(x.Event))).ToList();
                return ApplyAsync(db, g.Key, items);
            }).ToList();
            var results = await Task.WhenAll(calls);

            var outcomes = new EventOutcome[events.Count];
            var accepted = new List<BehaviourEvent>();
            for (var g = 0; g < groups.Count; g++)
            {
                var k = 0;
                foreach (var (e, index) in groups[g])
                {
                    var fresh = (long)results[g][k++] == 1;
                    outcomes[index] = fresh ? EventOutcome.Accepted : EventOutcome.Duplicate;
                    if (fresh) accepted.Add(e);
                }
            }
            await AddToFeedAsync(db, accepted);
            return outcomes;
        }, cancellationToken);
    }

    public Task RecordChatTurnAsync(string userId, string sessionId, string intent, float confidence, string sentiment,
        DateTimeOffset timestamp, CancellationToken cancellationToken = default)
    {
        var turn = ChatTurnArguments.Validate(userId, sessionId, intent, confidence, sentiment, timestamp);
        var item = new Item("", sessionId, [], AggregateUpdate.ForChatTurn(turn, AggregateUpdate.EncodeChatTurn(turn)));
        return RunAsync(async () => (await ApplyAsync(Db, userId, [item])).Length, cancellationToken);
    }

    public Task<BehaviourContext?> GetContextAsync(string userId, string? sessionId = null, CancellationToken cancellationToken = default)
    {
        var o = behaviourOptions.Value;
        RedisKey[] keys =
        [
            _keys.Behaviour(userId), _keys.BehaviourRecent(userId, AggregateUpdate.ProductsList), _keys.BehaviourRecent(userId, AggregateUpdate.CategoriesList),
            _keys.BehaviourRecent(userId, AggregateUpdate.ChatTurnsList), _keys.BehaviourRecent(userId, AggregateUpdate.ViewedList), _keys.BehaviourEvents(userId),
        ];
        RedisValue[] args = [.. SessionPrefixes(userId), sessionId ?? "", o.ContextEvents, o.RecentChatTurns];
        return RunAsync(async () =>
        {
            var r = (RedisResult[])(await Db.ScriptEvaluateAsync(RedisBehaviourScripts.Read, keys, args))!;
            if (r.Length == 0) return null;
            var user = BehaviourAggregates.FromFields(Pairs(r[0]), Strings(r[1]), Strings(r[2]), Strings(r[4]));
            var turns = Strings(r[3]).Select(AggregateUpdate.DecodeChatTurn).ToList();
            var events = ((RedisResult[])r[5]!).Select(entry => EventEntry.FromFields(userId, Pairs(((RedisResult[])entry!)[1]))).ToList();
            var session = (string?)r[6];
            var sessionFields = Pairs(r[7]);
            var sessionAggregates = sessionFields.Count == 0 ? null : BehaviourAggregates.FromFields(sessionFields, Strings(r[8]), Strings(r[9]), Strings(r[10]));
            return new BehaviourContext(userId, string.IsNullOrEmpty(session) ? null : session, user, sessionAggregates, events, turns);
        }, cancellationToken);
    }

    public Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        RedisKey[] keys = UserKeys(userId);
        RedisValue[] args = SessionPrefixes(userId);
        return RunAsync(async () => (long)(await Db.ScriptEvaluateAsync(RedisBehaviourScripts.Erase, keys, args)), cancellationToken);
    }

    /// <summary>The user-level keys, in the order the apply and erase scripts expect.</summary>
    private RedisKey[] UserKeys(string userId) =>
    [
        _keys.Behaviour(userId), _keys.BehaviourSeenIds(userId), _keys.BehaviourSessions(userId), _keys.BehaviourEvents(userId),
        _keys.BehaviourRecent(userId, AggregateUpdate.ProductsList), _keys.BehaviourRecent(userId, AggregateUpdate.CategoriesList),
        _keys.BehaviourRecent(userId, AggregateUpdate.ChatTurnsList), _keys.BehaviourRecent(userId, AggregateUpdate.ViewedList),
    ];

    private RedisValue[] SessionPrefixes(string userId) =>
    [
        _keys.SessionPrefix(userId), _keys.SessionRecentPrefix(userId, AggregateUpdate.ProductsList),
        _keys.SessionRecentPrefix(userId, AggregateUpdate.CategoriesList), _keys.SessionRecentPrefix(userId, AggregateUpdate.ViewedList),
    ];

    private sealed record Item(string EventId, string SessionId, List<KeyValuePair<string, string>> StreamFields, List<AggregateUpdate> Updates);

    private async Task<RedisResult[]> ApplyAsync(IDatabaseAsync db, string userId, List<Item> items)
    {
        var o = behaviourOptions.Value;
        var now = clock.GetUtcNow();
        var keys = new List<RedisKey>(8 + 4 * items.Count);
        keys.AddRange(UserKeys(userId));
        var args = new List<RedisValue>(11 + 16 * items.Count)
        {
            now.ToUnixTimeMilliseconds(), (now - o.DeduplicationWindow).ToUnixTimeMilliseconds(), o.MaxDeduplicatedIdsPerUser,
            (long)contextOptions.Value.RetentionFor(userId, o.EventRetention).TotalMilliseconds,
            (long)contextOptions.Value.RetentionFor(userId, o.SessionRetention).TotalMilliseconds, o.MaxEventsPerUser,
            o.RecentProducts, o.RecentCategories, o.RecentChatTurns,
            (now - o.SessionRetention - SessionGrace).ToUnixTimeMilliseconds(), items.Count,
        };
        foreach (var item in items)
        {
            keys.Add(_keys.Session(userId, item.SessionId));
            keys.Add(_keys.SessionRecent(userId, AggregateUpdate.ProductsList, item.SessionId));
            keys.Add(_keys.SessionRecent(userId, AggregateUpdate.CategoriesList, item.SessionId));
            keys.Add(_keys.SessionRecent(userId, AggregateUpdate.ViewedList, item.SessionId));
            args.Add(item.EventId);
            args.Add(item.SessionId);
            args.Add(item.StreamFields.Count * 2);
            foreach (var (name, value) in item.StreamFields)
            {
                args.Add(name);
                args.Add(value);
            }
            args.Add(item.Updates.Count);
            foreach (var u in item.Updates)
            {
                args.Add(u.Op.ToString());
                args.Add(u.Field);
                args.Add(u.Value);
            }
        }
        return (RedisResult[])(await db.ScriptEvaluateAsync(RedisBehaviourScripts.Apply, [.. keys], [.. args]))!;
    }

    /// <summary>
    /// Appends accepted events to the shop-wide anonymous feed. This is a separate write (the feed is
    /// in another Cluster slot than the user); should it fail after the user's script succeeded, the
    /// request fails with 503 and the feed misses those events, while the user's data is complete.
    /// </summary>
    private Task AddToFeedAsync(IDatabaseAsync db, List<BehaviourEvent> accepted)
    {
        var max = behaviourOptions.Value.GlobalStreamMaxLength;
        if (max == 0 || accepted.Count == 0) return Task.CompletedTask;
        var feed = _keys.EventFeed();
        return Task.WhenAll(accepted.Select(e =>
        {
            var fields = EventEntry.ToFields(e)
                .Where(f => f.Key is not ("e" or "s" or "qy"))
                .Select(f => new NameValueEntry(f.Key, f.Value)).ToArray();
            return db.StreamAddAsync(feed, fields, maxLength: max, useApproximateMaxLength: true);
        }));
    }

    private static List<KeyValuePair<string, string>> Pairs(RedisResult flat)
    {
        var items = (RedisResult[])flat!;
        var pairs = new List<KeyValuePair<string, string>>(items.Length / 2);
        for (var i = 0; i + 1 < items.Length; i += 2) pairs.Add(new((string)items[i]!, (string)items[i + 1]!));
        return pairs;
    }

    private static List<string> Strings(RedisResult list) => ((RedisResult[])list!).Select(x => (string)x!).ToList();

    private Task<T> RunAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken, [CallerMemberName] string name = "") =>
        RedisOperation.RunAsync(StoreTelemetry.Behaviour, name, _timeout, operation, cancellationToken);
}
