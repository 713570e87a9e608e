using System.ComponentModel.DataAnnotations;

namespace IntentBot.Context.Behaviour;

/// <summary>The <c>Behaviour</c> section: how long behaviour data lives, how much of it is kept, request limits.</summary>
public sealed class BehaviourOptions
{
    public const string SectionName = "Behaviour";

    /// <summary>How long a user's behaviour (events, aggregates, chat turns) lives after their last activity.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan EventRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a session's aggregates live after its last activity.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan SessionRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long an event id is remembered, so a retried event is counted once.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Most event ids remembered per user for deduplication (oldest forgotten first).</summary>
    [Range(100, 1_000_000)]
    public int MaxDeduplicatedIdsPerUser { get; set; } = 10_000;

    /// <summary>The per-user event stream's cap (Redis: XADD MAXLEN ~, so it may briefly hold a little more).</summary>
    [Range(10, 1_000_000)]
    public int MaxEventsPerUser { get; set; } = 1000;

    /// <summary>Cap of the anonymous shop-wide event feed (Redis only, MAXLEN ~); 0 turns the feed off.</summary>
    [Range(0, 100_000_000)]
    public int GlobalStreamMaxLength { get; set; } = 100_000;

    [Range(1, 1000)]
    public int RecentProducts { get; set; } = 20;

    [Range(1, 1000)]
    public int RecentCategories { get; set; } = 10;

    [Range(1, 1000)]
    public int RecentChatTurns { get; set; } = 20;

    /// <summary>How many of the latest events the live context returns.</summary>
    [Range(1, 1000)]
    public int ContextEvents { get; set; } = 20;

    [Range(1, 10_000)]
    public int MaxEventsPerBatch { get; set; } = 500;

    [Range(1, 10_000)]
    public int MaxQueryCharacters { get; set; } = 256;

    /// <summary>How far in the future an event's timestamp may lie (clock skew between shop and bot).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the embedded store (no Redis) drops expired users and sessions (Redis expires keys itself).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "1.00:00:00")]
    public TimeSpan EmbeddedSweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
