using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace IntentBot.Channels.BotConnector;

/// <summary>
/// Remembers recently seen activities so a channel's retry of the same activity (it did not get our answer
/// in time) is not processed twice. Keyed by channel, conversation and activity id.
/// </summary>
public interface IActivityDeduplicator
{
    /// <summary>True the first time a key is seen within the window; false for a repeat.</summary>
    ValueTask<bool> TryBeginAsync(string key, CancellationToken cancellationToken);

    /// <summary>Forgets a key whose processing did not happen (e.g. the queue was full), so the retry is processed.</summary>
    ValueTask ForgetAsync(string key);
}

/// <summary>
/// In-process deduplication: the single-instance default. With several instances behind a load balancer a
/// retry can land on another instance; <see cref="RedisActivityDeduplicator"/> covers that.
/// </summary>
public sealed class InMemoryActivityDeduplicator(IOptions<BotConnectorOptions> options, TimeProvider clock) : IActivityDeduplicator
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly TimeSpan _window = options.Value.DeduplicationWindow;
    private long _nextSweepTicks;

    public ValueTask<bool> TryBeginAsync(string key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        SweepIfDue(now);
        var expires = now + _window;
        while (true)
        {
            if (_seen.TryAdd(key, expires)) return ValueTask.FromResult(true);
            if (!_seen.TryGetValue(key, out var existing)) continue;
            if (existing > now) return ValueTask.FromResult(false);
            // Seen long ago: the window has passed, treat it as new (replace only what we read).
            if (_seen.TryUpdate(key, expires, existing)) return ValueTask.FromResult(true);
        }
    }

    public ValueTask ForgetAsync(string key)
    {
        _seen.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }

    /// <summary>Drops expired keys at most once per window so memory stays bounded by the traffic of one window.</summary>
    private void SweepIfDue(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, (now + _window).UtcTicks, due) != due) return;
        foreach (var (key, expires) in _seen)
            if (expires <= now) _seen.TryRemove(new KeyValuePair<string, DateTimeOffset>(key, expires));
    }

    public static string KeyFor(string channelId, string conversationId, string activityId) =>
        string.Join('\u001f', channelId, conversationId, activityId);
}
