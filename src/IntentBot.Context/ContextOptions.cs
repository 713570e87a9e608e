using System.ComponentModel.DataAnnotations;

namespace IntentBot.Context;

/// <summary>The <c>Context</c> section: key naming and how long each kind of data is kept.</summary>
public sealed class ContextOptions
{
    public const string SectionName = "Context";

    /// <summary>Namespace for every key, so several apps (or environments) can share one Redis.</summary>
    [Required, RegularExpression("^[A-Za-z0-9_.-]{1,40}$", ErrorMessage = "KeyPrefix: 1-40 letters, digits, '_', '.', '-'.")]
    public string KeyPrefix { get; set; } = "intentbot";

    /// <summary>How long an idle conversation's state is kept.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan ConversationRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long an inactive customer's profile is kept.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan ProfileRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Longest wait for the store before a request fails with 503 (no hangs).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Replicas that must hold a turn before it is acknowledged (Redis <c>WAIT</c> after each save). Redis replicates
    /// asynchronously, so a master that dies just after a save can take that turn with it; with 1, a save answers only
    /// once a replica has it (a few hundred microseconds on a LAN) and otherwise fails with 503 like a timeout, so the
    /// client retries. 0 (the default): no wait. Only the conversation store waits: a lost behaviour event or
    /// transcript line costs far less than a lost turn.
    /// </summary>
    [Range(0, 16)]
    public int ReplicaAcknowledgements { get; set; }

    /// <summary>
    /// How often the embedded store (no Redis) drops expired entries. Without a sweep an entry would go only when
    /// its key is read again, and an anonymous visitor's never is.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "1.00:00:00")]
    public TimeSpan EmbeddedSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// After an erasure, the least time between two BGREWRITEAOF requests to Redis (so erased data leaves the
    /// append-only file; a batch of erasures costs one rewrite). 0: never, the operator schedules rewrites.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan AofRewriteAfterErasure { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// User ids that mark an anonymous visitor: the Web Chat page's token endpoint mints "dl_…" ids. A visitor the
    /// shop knows is given the customer's own id instead (tokens/generate or a conversation started with a secret).
    /// </summary>
    [Required, MinLength(1)]
    public string AnonymousUserPrefix { get; set; } = "dl_";

    /// <summary>
    /// How long an anonymous visitor's state, profile and behaviour are kept (when shorter than the usual
    /// retention): a page load's visitor is never seen again, so months of retention would only fill Redis.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan AnonymousRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary><paramref name="usual"/>, or the anonymous retention for an anonymous visitor's id when that is shorter.</summary>
    public TimeSpan RetentionFor(string userId, TimeSpan usual) =>
        userId.StartsWith(AnonymousUserPrefix, StringComparison.Ordinal) && AnonymousRetention < usual ? AnonymousRetention : usual;
}
