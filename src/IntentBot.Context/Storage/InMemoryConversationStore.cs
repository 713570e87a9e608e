using IntentBot.Context.State;
using Microsoft.Extensions.Options;

namespace IntentBot.Context.Storage;

/// <summary>
/// The embedded store the local default runs on: one process, no Redis. It keeps serialised bytes (so
/// callers never share mutable objects with it, as with Redis), honours retention, and applies the same
/// all-or-nothing versioned save under one lock. A timer sweeps expired entries, as Redis expires keys.
/// </summary>
public sealed class InMemoryConversationStore : IConversationStore, IDisposable
{
    private readonly IOptions<ContextOptions> options;
    private readonly TimeProvider clock;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string User, string Conversation), Entry> _conversations = [];
    private readonly Dictionary<string, Entry> _profiles = [];
    private readonly ITimer _sweeper;

    public InMemoryConversationStore(IOptions<ContextOptions> options, TimeProvider clock)
    {
        this.options = options;
        this.clock = clock;
        var interval = options.Value.EmbeddedSweepInterval;
        _sweeper = clock.CreateTimer(_ => Sweep(), null, interval, interval);
    }

    /// <summary>Conversations and profiles held, expired ones not yet swept included.</summary>
    public int Count
    {
        get { lock (_gate) return _conversations.Count + _profiles.Count; }
    }

    /// <summary>Drops every expired conversation and profile; returns how many.</summary>
    public int Sweep()
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var conversations = _conversations.Where(e => e.Value.ExpiresUtc <= now).Select(e => e.Key).ToList();
            foreach (var key in conversations) _conversations.Remove(key);
            var profiles = _profiles.Where(e => e.Value.ExpiresUtc <= now).Select(e => e.Key).ToList();
            foreach (var key in profiles) _profiles.Remove(key);
            return conversations.Count + profiles.Count;
        }
    }

    public void Dispose() => _sweeper.Dispose();

    private sealed record Entry(byte[] Data, long Version, DateTimeOffset ExpiresUtc);

    public Task<Versioned<ConversationState>?> GetConversationAsync(string userId, string conversationId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var entry = Live(_conversations, (userId, conversationId));
            return Task.FromResult(entry is null ? null : new Versioned<ConversationState>(DocumentSerializer.DeserializeConversation(entry.Data), entry.Version));
        }
    }

    public Task<Versioned<UserProfile>?> GetProfileAsync(string userId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var entry = Live(_profiles, userId);
            return Task.FromResult(entry is null ? null : new Versioned<UserProfile>(DocumentSerializer.DeserializeProfile(entry.Data), entry.Version));
        }
    }

    public Task<SaveResult> SaveTurnAsync(ConversationState conversation, long expectedConversationVersion,
        UserProfile? profile, long expectedProfileVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var key = (conversation.UserId, conversation.ConversationId);
        var conversationBytes = DocumentSerializer.Serialize(conversation);
        var profileBytes = profile is null ? null : DocumentSerializer.Serialize(profile);
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var currentConversation = Live(_conversations, key)?.Version ?? 0;
            var currentProfile = Live(_profiles, conversation.UserId)?.Version ?? 0;
            if (currentConversation != expectedConversationVersion)
                return Task.FromResult(SaveResult.Conflicted("conversation", currentConversation, currentProfile));
            if (profile is not null && currentProfile != expectedProfileVersion)
                return Task.FromResult(SaveResult.Conflicted("profile", currentConversation, currentProfile));

            var o = options.Value;
            _conversations[key] = new Entry(conversationBytes, currentConversation + 1, now + o.RetentionFor(conversation.UserId, o.ConversationRetention));
            if (profileBytes is not null)
                _profiles[conversation.UserId] = new Entry(profileBytes, ++currentProfile, now + o.RetentionFor(conversation.UserId, o.ProfileRetention));
            return Task.FromResult(SaveResult.Success(currentConversation + 1, currentProfile));
        }
    }

    public Task<IReadOnlyCollection<string>> ListConversationIdsAsync(string userId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyCollection<string> ids = _conversations.Keys.Where(k => k.User == userId).Select(k => k.Conversation).ToList();
            return Task.FromResult(ids);
        }
    }

    public Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var key in _conversations.Keys.Where(k => k.User == userId).ToList()) _conversations.Remove(key);
            _profiles.Remove(userId);
        }
        return Task.CompletedTask;
    }

    /// <summary>The entry if present and not expired; an expired one is dropped, as Redis would.</summary>
    private Entry? Live<TKey>(Dictionary<TKey, Entry> map, TKey key) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var entry)) return null;
        if (entry.ExpiresUtc > clock.GetUtcNow()) return entry;
        map.Remove(key);
        return null;
    }
}
