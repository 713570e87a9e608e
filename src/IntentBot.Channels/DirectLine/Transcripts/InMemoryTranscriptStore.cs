using IntentBot.Protocol.Activities;
using Microsoft.Extensions.Options;

namespace IntentBot.Channels.DirectLine.Transcripts;

/// <summary>
/// The embedded transcript store (single instance). Entries are kept serialised so callers never share a
/// mutable activity; conversations idle longer than the retention are dropped by a sweep on create.
/// </summary>
public sealed class InMemoryTranscriptStore(IOptions<DirectLineOptions> options, TimeProvider time) : ITranscriptStore
{
    private readonly Dictionary<string, Log> _logs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    private sealed class Log
    {
        public List<string> Entries { get; } = [];
        /// <summary>The users this transcript names: user erasure finds the conversation by them.</summary>
        public HashSet<string> Users { get; } = new(StringComparer.Ordinal);
        public DateTimeOffset LastUsed { get; set; }
        public TaskCompletionSource Appended { get; set; } = NewSignal();
    }

    public Task<bool> CreateAsync(string conversationId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Sweep();
            if (TryGet(conversationId, out _)) return Task.FromResult(false);
            _logs[conversationId] = new Log { LastUsed = time.GetUtcNow() };
            return Task.FromResult(true);
        }
    }

    public Task<bool> ExistsAsync(string conversationId, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(TryGet(conversationId, out _));
    }

    public Task<long?> LengthAsync(string conversationId, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult<long?>(TryGet(conversationId, out var log) ? log.Entries.Count : null);
    }

    public Task<IReadOnlyList<Activity>> AppendAsync(string conversationId, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var entries = activities.Select(TranscriptEntries.Serialize).ToList();
        TaskCompletionSource signal;
        long first;
        lock (_gate)
        {
            if (!TryGet(conversationId, out var log)) throw new ConversationNotFoundException(conversationId);
            first = log.Entries.Count + 1;
            log.Entries.AddRange(entries);
            log.Users.UnionWith(TranscriptEntries.UserIds(activities));
            log.LastUsed = time.GetUtcNow();
            signal = log.Appended;
            log.Appended = NewSignal();
        }
        signal.TrySetResult();
        IReadOnlyList<Activity> stored = entries.Select((json, i) => TranscriptEntries.Deserialize(conversationId, first + i, json)).ToList();
        return Task.FromResult(stored);
    }

    public Task<TranscriptPage?> ReadAsync(string conversationId, long afterSequence, int maxCount, CancellationToken cancellationToken)
    {
        List<string> slice;
        long start;
        lock (_gate)
        {
            if (!TryGet(conversationId, out var log)) return Task.FromResult<TranscriptPage?>(null);
            start = Math.Clamp(afterSequence, 0, log.Entries.Count);
            slice = log.Entries.GetRange((int)start, (int)Math.Min(maxCount, log.Entries.Count - start));
        }
        var activities = slice.Select((json, i) => TranscriptEntries.Deserialize(conversationId, start + 1 + i, json)).ToList();
        return Task.FromResult<TranscriptPage?>(new TranscriptPage(activities, start + activities.Count));
    }

    public async Task WaitForAppendAsync(string conversationId, long afterSequence, CancellationToken cancellationToken)
    {
        Task appended;
        lock (_gate)
        {
            if (!TryGet(conversationId, out var log) || log.Entries.Count > afterSequence) return;
            appended = log.Appended.Task;
        }
        await appended.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task EraseUserAsync(string userId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default)
    {
        var erased = new List<Log>();
        lock (_gate)
        {
            foreach (var (id, log) in _logs.ToList())
            {
                if (!conversationIds.Contains(id) && !log.Users.Contains(userId)) continue;
                _logs.Remove(id);
                erased.Add(log);
            }
        }
        // Wakes any stream still waiting, which then finds the conversation gone.
        foreach (var log in erased) log.Appended.TrySetResult();
        return Task.CompletedTask;
    }

    private bool TryGet(string conversationId, out Log log)
    {
        if (_logs.TryGetValue(conversationId, out log!) && time.GetUtcNow() - log.LastUsed <= options.Value.TranscriptRetention) return true;
        return false;
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        if (now < _nextSweep) return;
        _nextSweep = now.AddMinutes(1);
        foreach (var (id, log) in _logs.ToList())
        {
            if (now - log.LastUsed > options.Value.TranscriptRetention)
            {
                _logs.Remove(id);
                log.Appended.TrySetResult(); // wakes any stream still waiting, which then finds the conversation gone
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
