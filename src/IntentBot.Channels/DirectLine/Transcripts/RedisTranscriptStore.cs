using IntentBot.Context.Redis;
using IntentBot.Context.Telemetry;
using IntentBot.Protocol.Activities;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IntentBot.Channels.DirectLine.Transcripts;

/// <summary>
/// Transcripts in Redis, shared by every instance: per conversation a list (the log; list position + 1 is the
/// sequence) and a marker key, hash-tagged together for Cluster, both expiring after the retention and
/// refreshed on each append. Appends are one Lua script (atomic; the returned length gives the ids) and are
/// announced on one pub/sub channel per key prefix, which wakes the WebSocket streams of every instance.
/// For user erasure, a set <c>{prefix}:dl:{u:USER}:convs</c> per user names the conversations whose transcript
/// names that user (it expires with the transcripts it points to).
/// Every call goes through <see cref="RedisOperation"/>: bounded by the operation timeout, failures counted as
/// <c>intentbot.store.errors{store="transcript"}</c> and raised as StoreUnavailableException (503 to clients).
/// </summary>
public sealed class RedisTranscriptStore : ITranscriptStore, IDisposable
{
    // KEYS[1] marker, KEYS[2] log; ARGV[1] retention ms, ARGV[2..] entries. Returns the new length, -1 if missing.
    private const string AppendScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        local length = redis.call('RPUSH', KEYS[2], unpack(ARGV, 2))
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        redis.call('PEXPIRE', KEYS[2], ARGV[1])
        return length
        """;

    private readonly IConnectionMultiplexer _redis;
    private readonly string _prefix;
    private readonly IOptions<DirectLineOptions> _options;
    private readonly RedisChannel _channel;
    // One entry per conversation that has streams waiting, counted so the last wait to end (woken, cancelled or
    // returned early) removes it: an entry left behind would outlive its conversation for good.
    private readonly Dictionary<string, Waiters> _waiters = new(StringComparer.Ordinal);
    private readonly Lock _waitersGate = new();
    private readonly Lock _subscriptionGate = new();
    private Task? _subscription;
    private readonly TimeSpan _timeout;

    public RedisTranscriptStore(IConnectionMultiplexer redis, string keyPrefix, IOptions<DirectLineOptions> options, TimeSpan? operationTimeout = null)
    {
        _redis = redis;
        _timeout = operationTimeout ?? TimeSpan.FromSeconds(2);
        _prefix = keyPrefix;
        _options = options;
        _channel = RedisChannel.Literal($"{keyPrefix}:dl:appended");
        // Notifications published while the connection was down are lost, and a stream waiting on a dead
        // connection would only notice at its next resync: wake every stream, which then reads (or gets 1011).
        _redis.ConnectionFailed += WakeAll;
        _redis.ConnectionRestored += WakeAll;
    }

    private IDatabase Db => _redis.GetDatabase();
    private RedisKey Marker(string conversationId) => $"{_prefix}:dl:{{c:{conversationId}}}:conv";
    private RedisKey LogKey(string conversationId) => $"{_prefix}:dl:{{c:{conversationId}}}:log";
    private RedisKey UserIndex(string userId) => $"{_prefix}:dl:{RedisKeys.Tag(userId)}:convs";
    private long RetentionMs => (long)_options.Value.TranscriptRetention.TotalMilliseconds;

    private Task<T> Guard<T>(string name, Func<Task<T>> operation, CancellationToken cancellationToken) =>
        RedisOperation.RunAsync(StoreTelemetry.Transcripts, name, _timeout, operation, cancellationToken);

    public Task<bool> CreateAsync(string conversationId, CancellationToken cancellationToken) =>
        Guard("create", () => Db.StringSetAsync(Marker(conversationId), "1", _options.Value.TranscriptRetention, When.NotExists), cancellationToken);

    public Task<bool> ExistsAsync(string conversationId, CancellationToken cancellationToken) =>
        Guard("exists", () => Db.KeyExistsAsync(Marker(conversationId)), cancellationToken);

    public Task<long?> LengthAsync(string conversationId, CancellationToken cancellationToken) =>
        Guard<long?>("length", async () =>
        {
            var batch = Db.CreateBatch();
            var exists = batch.KeyExistsAsync(Marker(conversationId));
            var length = batch.ListLengthAsync(LogKey(conversationId));
            batch.Execute();
            return await exists.ConfigureAwait(false) ? await length.ConfigureAwait(false) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<Activity>> AppendAsync(string conversationId, IReadOnlyList<Activity> activities, CancellationToken cancellationToken) =>
        Guard("append", () => AppendCoreAsync(conversationId, activities), cancellationToken);

    private async Task<IReadOnlyList<Activity>> AppendCoreAsync(string conversationId, IReadOnlyList<Activity> activities)
    {
        if (activities.Count == 0) return [];
        var entries = activities.Select(TranscriptEntries.Serialize).ToList();
        var args = new RedisValue[entries.Count + 1];
        args[0] = RetentionMs;
        for (var i = 0; i < entries.Count; i++) args[i + 1] = entries[i];
        // Indexed before the append (its own slot, so not in the script): an append is never missed by erasure.
        var users = TranscriptEntries.UserIds(activities).ToList();
        if (users.Count > 0)
        {
            var index = Db.CreateBatch();
            var writes = users.SelectMany(user => new Task[]
            {
                index.SetAddAsync(UserIndex(user), conversationId),
                index.KeyExpireAsync(UserIndex(user), _options.Value.TranscriptRetention),
            }).ToList();
            index.Execute();
            await Task.WhenAll(writes).ConfigureAwait(false);
        }
        var length = (long)await Db.ScriptEvaluateAsync(AppendScript, [Marker(conversationId), LogKey(conversationId)], args).ConfigureAwait(false);
        if (length < 0) throw new ConversationNotFoundException(conversationId);
        await AnnounceAsync(conversationId).ConfigureAwait(false);
        var first = length - entries.Count + 1;
        return entries.Select((json, i) => TranscriptEntries.Deserialize(conversationId, first + i, json)).ToList();
    }

    public Task<TranscriptPage?> ReadAsync(string conversationId, long afterSequence, int maxCount, CancellationToken cancellationToken) =>
        Guard("read", () => ReadCoreAsync(conversationId, afterSequence, maxCount), cancellationToken);

    private async Task<TranscriptPage?> ReadCoreAsync(string conversationId, long afterSequence, int maxCount)
    {
        var start = Math.Max(0, afterSequence);
        var batch = Db.CreateBatch();
        var exists = batch.KeyExistsAsync(Marker(conversationId));
        var range = batch.ListRangeAsync(LogKey(conversationId), start, start + maxCount - 1);
        batch.Execute();
        if (!await exists.ConfigureAwait(false)) return null;
        var values = await range.ConfigureAwait(false);
        var activities = values.Select((value, i) => TranscriptEntries.Deserialize(conversationId, start + 1 + i, value.ToString())).ToList();
        return new TranscriptPage(activities, start + activities.Count);
    }

    public async Task WaitForAppendAsync(string conversationId, long afterSequence, CancellationToken cancellationToken)
    {
        await RedisOperation.RunAsync(StoreTelemetry.Transcripts, "subscribe", _timeout, EnsureSubscribedAsync, cancellationToken).ConfigureAwait(false);
        // Register before looking, so an append between the look and the wait still wakes us.
        var waiters = Register(conversationId);
        try
        {
            var length = await Guard("length", () => Db.ListLengthAsync(LogKey(conversationId)), cancellationToken).ConfigureAwait(false);
            if (length > afterSequence) return;
            // Only the look is bounded; the wait itself lasts until an append or the caller's cancellation.
            await waiters.Signal.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Unregister(conversationId, waiters);
        }
    }

    /// <summary>Conversations with at least one stream waiting: what the leak tests watch return to zero.</summary>
    internal int WaitingConversations
    {
        get { lock (_waitersGate) return _waiters.Count; }
    }

    private sealed class Waiters
    {
        public TaskCompletionSource Signal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Count { get; set; }
    }

    private Waiters Register(string conversationId)
    {
        lock (_waitersGate)
        {
            if (!_waiters.TryGetValue(conversationId, out var waiters)) _waiters[conversationId] = waiters = new Waiters();
            waiters.Count++;
            return waiters;
        }
    }

    private void Unregister(string conversationId, Waiters waiters)
    {
        lock (_waitersGate)
        {
            // A wake may have replaced the entry already; only the one this wait joined is counted down.
            if (--waiters.Count == 0 && _waiters.TryGetValue(conversationId, out var current) && ReferenceEquals(current, waiters))
                _waiters.Remove(conversationId);
        }
    }

    public Task EraseUserAsync(string userId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default) =>
        // Erasure may touch many conversations: one bound per conversation would be fairer, but the whole
        // erasure is retried by the caller anyway (idempotent), so one generous bound is enough.
        RedisOperation.RunAsync(StoreTelemetry.Transcripts, "erase", _timeout * 10, () => EraseCoreAsync(userId, conversationIds), cancellationToken);

    private async Task EraseCoreAsync(string userId, IReadOnlyCollection<string> conversationIds)
    {
        var indexed = await Db.SetMembersAsync(UserIndex(userId)).ConfigureAwait(false);
        var all = conversationIds.Concat(indexed.Select(v => v.ToString())).Distinct(StringComparer.Ordinal).ToList();
        // One DEL per conversation (each its own slot in Cluster); the index goes last, so a retry finds them again.
        // Each id leaves the index once its keys are gone, so a retry after a timeout resumes instead of restarting.
        foreach (var id in all)
        {
            await Db.KeyDeleteAsync([Marker(id), LogKey(id)]).ConfigureAwait(false);
            await Db.SetRemoveAsync(UserIndex(userId), id).ConfigureAwait(false);
        }
        await Db.KeyDeleteAsync(UserIndex(userId)).ConfigureAwait(false);
        // Streams waiting on an erased conversation wake up and find it gone.
        foreach (var id in all) await AnnounceAsync(id).ConfigureAwait(false);
    }

    /// <summary>
    /// Tells every instance's streams that a conversation changed. Best effort: the data is already stored, and a
    /// lost notification only delays delivery until the stream's next keep-alive read, so a failed PUBLISH must
    /// not turn a stored append into an error (the client would resend and the turn would run twice).
    /// </summary>
    private async Task AnnounceAsync(string conversationId)
    {
        try { await _redis.GetSubscriber().PublishAsync(_channel, conversationId).ConfigureAwait(false); }
        catch (Exception ex) when (ex is RedisException or TimeoutException) { StoreTelemetry.RecordError(StoreTelemetry.Transcripts, StoreTelemetry.Unavailable); }
    }

    /// <summary>One subscription per instance, made again after a failed attempt (a faulted task is not kept forever).</summary>
    private Task EnsureSubscribedAsync()
    {
        lock (_subscriptionGate)
        {
            if (_subscription is null || _subscription.IsFaulted || _subscription.IsCanceled)
                _subscription = _redis.GetSubscriber().SubscribeAsync(_channel, (_, message) => Wake(message.ToString()));
            return _subscription;
        }
    }

    private void Wake(string conversationId)
    {
        Waiters? woken;
        lock (_waitersGate)
        {
            if (!_waiters.Remove(conversationId, out woken)) return;
        }
        woken.Signal.TrySetResult();
    }

    private void WakeAll(object? sender, ConnectionFailedEventArgs e)
    {
        List<Waiters> woken;
        lock (_waitersGate)
        {
            woken = [.. _waiters.Values];
            _waiters.Clear();
        }
        foreach (var waiters in woken) waiters.Signal.TrySetResult();
    }

    public void Dispose()
    {
        _redis.ConnectionFailed -= WakeAll;
        _redis.ConnectionRestored -= WakeAll;
        if (_subscription is { IsCompletedSuccessfully: true }) _redis.GetSubscriber().Unsubscribe(_channel);
    }
}
