using System.Globalization;
using Microsoft.Extensions.Options;

namespace IntentBot.Context.Behaviour;

/// <summary>
/// The embedded behaviour store (one process, no Redis). It keeps the same shapes the Redis store
/// keeps (a field → value hash per user and per session, capped recent lists, a capped event list,
/// remembered event ids) and applies the same <see cref="AggregateUpdate"/>s under one lock, so each
/// event is applied whole, and the two stores answer alike. A timer sweeps expired users and sessions, as
/// Redis expires keys.
/// </summary>
public sealed class InMemoryBehaviourStore : IBehaviourStore, IDisposable
{
    private readonly IOptions<BehaviourOptions> options;
    private readonly TimeProvider clock;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, UserData> _users = new(StringComparer.Ordinal);
    private readonly ITimer _sweeper;

    private readonly ContextOptions context;

    /// <param name="context">For the anonymous visitors' shorter retention; the defaults when not given.</param>
    public InMemoryBehaviourStore(IOptions<BehaviourOptions> options, TimeProvider clock, IOptions<ContextOptions>? context = null)
    {
        this.options = options;
        this.clock = clock;
        this.context = context?.Value ?? new ContextOptions();
        var interval = options.Value.EmbeddedSweepInterval;
        _sweeper = clock.CreateTimer(_ => Sweep(), null, interval, interval);
    }

    /// <summary>Users held, expired ones not yet swept included.</summary>
    public int Count
    {
        get { lock (_gate) return _users.Count; }
    }

    /// <summary>Drops expired users, expired sessions and event ids past the deduplication window; returns the users dropped.</summary>
    public int Sweep()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var expired = _users.Where(u => u.Value.Totals.ExpiresUtc <= now).Select(u => u.Key).ToList();
            foreach (var userId in expired) _users.Remove(userId);
            foreach (var userId in _users.Keys.ToList())
            {
                LiveUser(userId, now, create: false);
                ForgetOldIds(_users[userId], now);
            }
            return expired.Count;
        }
    }

    public void Dispose() => _sweeper.Dispose();

    private sealed class Aggregates
    {
        public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<string>> Lists { get; } = new(StringComparer.Ordinal);
        public DateTimeOffset ExpiresUtc { get; set; }
    }

    private sealed class UserData
    {
        public Aggregates Totals { get; } = new();
        public Dictionary<string, Aggregates> Sessions { get; } = new(StringComparer.Ordinal);
        public List<List<KeyValuePair<string, string>>> Events { get; } = [];
        public Dictionary<string, DateTimeOffset> SeenIds { get; } = new(StringComparer.Ordinal);
    }

    public Task<IReadOnlyList<EventOutcome>> AppendAsync(IReadOnlyList<BehaviourEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var o = options.Value;
        var outcomes = new EventOutcome[events.Count];
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            // As the Redis script does once per user and call: drop expired data and ids out of the window first.
            var users = events.Select(e => e.UserId).Distinct(StringComparer.Ordinal).ToDictionary(u => u, u => LiveUser(u, now, create: true)!, StringComparer.Ordinal);
            foreach (var user in users.Values) ForgetOldIds(user, now);
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                var user = users[e.UserId];
                if (user.SeenIds.ContainsKey(e.EventId))
                {
                    outcomes[i] = EventOutcome.Duplicate;
                    continue;
                }
                user.SeenIds[e.EventId] = now;
                Apply(user, e.SessionId, AggregateUpdate.ForEvent(e), now);
                user.Events.Add(EventEntry.ToFields(e));
                if (user.Events.Count > o.MaxEventsPerUser) user.Events.RemoveRange(0, user.Events.Count - o.MaxEventsPerUser);
                outcomes[i] = EventOutcome.Accepted;
            }
            foreach (var (userId, user) in users)
            {
                TrimSeenIds(user);
                user.Totals.ExpiresUtc = now + context.RetentionFor(userId, o.EventRetention);
            }
        }
        return Task.FromResult<IReadOnlyList<EventOutcome>>(outcomes);
    }

    public Task RecordChatTurnAsync(string userId, string sessionId, string intent, float confidence, string sentiment,
        DateTimeOffset timestamp, CancellationToken cancellationToken = default)
    {
        var turn = ChatTurnArguments.Validate(userId, sessionId, intent, confidence, sentiment, timestamp);
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var user = LiveUser(userId, now, create: true)!;
            Apply(user, sessionId, AggregateUpdate.ForChatTurn(turn, AggregateUpdate.EncodeChatTurn(turn)), now);
            user.Totals.ExpiresUtc = now + context.RetentionFor(userId, options.Value.EventRetention);
        }
        return Task.CompletedTask;
    }

    public Task<BehaviourContext?> GetContextAsync(string userId, string? sessionId = null, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var user = LiveUser(userId, now, create: false);
            if (user is null) return Task.FromResult<BehaviourContext?>(null);
            sessionId ??= user.Totals.Fields.GetValueOrDefault(AggregateFields.LastSession);
            BehaviourAggregates? session = null;
            if (sessionId is not null && user.Sessions.TryGetValue(sessionId, out var s) && s.ExpiresUtc > now)
                session = Read(s);

            var events = Enumerable.Reverse(user.Events).Take(o.ContextEvents).Select(f => EventEntry.FromFields(userId, f)).ToList();
            var turns = List(user.Totals, AggregateUpdate.ChatTurnsList).Select(AggregateUpdate.DecodeChatTurn).ToList();
            return Task.FromResult<BehaviourContext?>(new BehaviourContext(userId, sessionId, Read(user.Totals), session, events, turns));
        }
    }

    public Task DeleteUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        lock (_gate) _users.Remove(userId);
        return Task.CompletedTask;
    }

    private void Apply(UserData user, string sessionId, List<AggregateUpdate> updates, DateTimeOffset now)
    {
        var o = options.Value;
        if (!user.Sessions.TryGetValue(sessionId, out var session) || session.ExpiresUtc <= now)
            user.Sessions[sessionId] = session = new Aggregates();
        foreach (var u in updates)
        {
            switch (u.Op)
            {
                case AggregateUpdate.Increment:
                case AggregateUpdate.IncrementFloorZero:
                    Increment(user.Totals, u.Field, u.Value, u.Op == AggregateUpdate.IncrementFloorZero);
                    Increment(session, u.Field, u.Value, u.Op == AggregateUpdate.IncrementFloorZero);
                    break;
                case AggregateUpdate.Max:
                case AggregateUpdate.Min:
                    Extreme(user.Totals, u.Field, u.Value, u.Op == AggregateUpdate.Max);
                    Extreme(session, u.Field, u.Value, u.Op == AggregateUpdate.Max);
                    break;
                case AggregateUpdate.Set:
                    user.Totals.Fields[u.Field] = u.Value;
                    session.Fields[u.Field] = u.Value;
                    break;
                case AggregateUpdate.SetUser:
                    user.Totals.Fields[u.Field] = u.Value;
                    break;
                case AggregateUpdate.SetUserIfAbsent:
                    user.Totals.Fields.TryAdd(u.Field, u.Value);
                    break;
                case AggregateUpdate.PushRecent:
                    var cap = Cap(u.Field, o);
                    PushRecent(user.Totals, u.Field, u.Value, cap);
                    if (u.Field != AggregateUpdate.ChatTurnsList) PushRecent(session, u.Field, u.Value, cap);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown aggregate update '{u.Op}'.");
            }
        }
        user.Totals.ExpiresUtc = now + o.EventRetention;
        session.ExpiresUtc = now + o.SessionRetention;
    }

    internal static int Cap(string list, BehaviourOptions o) => list switch
    {
        AggregateUpdate.ProductsList => o.RecentProducts,
        AggregateUpdate.CategoriesList => o.RecentCategories,
        AggregateUpdate.ViewedList => o.RecentProducts,
        _ => o.RecentChatTurns,
    };

    private static void Increment(Aggregates a, string field, string delta, bool floorZero)
    {
        var value = (a.Fields.TryGetValue(field, out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : 0) + long.Parse(delta, CultureInfo.InvariantCulture);
        a.Fields[field] = AggregateUpdate.Invariant(floorZero && value < 0 ? 0 : value);
    }

    private static void Extreme(Aggregates a, string field, string value, bool larger)
    {
        if (!a.Fields.TryGetValue(field, out var current)) { a.Fields[field] = value; return; }
        var (c, n) = (double.Parse(current, CultureInfo.InvariantCulture), double.Parse(value, CultureInfo.InvariantCulture));
        if (larger ? n > c : n < c) a.Fields[field] = value;
    }

    private static void PushRecent(Aggregates a, string list, string value, int cap)
    {
        if (!a.Lists.TryGetValue(list, out var items)) a.Lists[list] = items = [];
        items.RemoveAll(x => x == value);
        items.Insert(0, value);
        if (items.Count > cap) items.RemoveRange(cap, items.Count - cap);
    }

    private static List<string> List(Aggregates a, string list) => a.Lists.TryGetValue(list, out var items) ? [.. items] : [];

    private static BehaviourAggregates Read(Aggregates a) =>
        BehaviourAggregates.FromFields(a.Fields, List(a, AggregateUpdate.ProductsList), List(a, AggregateUpdate.CategoriesList), List(a, AggregateUpdate.ViewedList));

    /// <summary>The user's data if present and not expired (expired data is dropped, as Redis would).</summary>
    private UserData? LiveUser(string userId, DateTimeOffset now, bool create)
    {
        if (_users.TryGetValue(userId, out var user) && user.Totals.ExpiresUtc <= now && user.Totals.Fields.Count > 0)
        {
            _users.Remove(userId);
            user = null;
        }
        if (user is null && create) _users[userId] = user = new UserData();
        if (user is not null)
        {
            foreach (var expired in user.Sessions.Where(s => s.Value.ExpiresUtc <= now).Select(s => s.Key).ToList())
                user.Sessions.Remove(expired);
        }
        return user;
    }

    private void ForgetOldIds(UserData user, DateTimeOffset now)
    {
        var cutoff = now - options.Value.DeduplicationWindow;
        foreach (var id in user.SeenIds.Where(s => s.Value < cutoff).Select(s => s.Key).ToList()) user.SeenIds.Remove(id);
    }

    private void TrimSeenIds(UserData user)
    {
        var excess = user.SeenIds.Count - options.Value.MaxDeduplicatedIdsPerUser;
        if (excess <= 0) return;
        foreach (var id in user.SeenIds.OrderBy(s => s.Value).Take(excess).Select(s => s.Key).ToList()) user.SeenIds.Remove(id);
    }
}
