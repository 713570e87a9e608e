using System.ComponentModel.DataAnnotations;

namespace IntentBot.Channels.DirectLine;

/// <summary>The <c>DirectLine</c> section: secrets, token signing, CORS, limits of the self-hosted Direct Line 3.0.</summary>
public sealed class DirectLineOptions
{
    public const string SectionName = "DirectLine";

    /// <summary>
    /// Direct Line secrets (master keys: any conversation, token generation). Empty: one random secret is
    /// generated at start-up and used only by the same-origin token endpoint (ephemeral, logged as such).
    /// </summary>
    public string[] Secrets { get; set; } = [];

    /// <summary>
    /// Base64 HMAC-SHA256 key (at least 32 bytes) that signs tokens. Empty: a random key per process, so tokens
    /// do not survive a restart and are not accepted by other instances; set it when running several.
    /// </summary>
    public string? TokenSigningKey { get; set; }

    /// <summary>How long a conversation token is valid (the hosted service uses 30 minutes).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a streamUrl may wait to be opened (the hosted service gives 60 s).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan StreamUrlLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Idle time after which a conversation's transcript is dropped.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan TranscriptRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Interval of the empty keep-alive frames on the WebSocket stream.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often an idle stream reads its transcript even though nothing woke it: finds an expired conversation,
    /// and an append whose notification was lost. Keep-alives in between cost no store call.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StreamResyncInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest activity body accepted, in bytes.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>Most activities in one ActivitySet (a client that is further behind pages with the watermark).</summary>
    [Range(1, 10_000)]
    public int MaxActivitiesPerSet { get; set; } = 500;

    /// <summary>Origins allowed to call Direct Line and the token endpoint from a browser; "*" allows any. Empty: same origin only.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// The public base URL (e.g. https://bot.example) used to build streamUrl behind a TLS-terminating proxy;
    /// empty: taken from the request.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The bot's account in the transcript (from of replies, recipient of user activities).</summary>
    [Required, MinLength(1)]
    public string BotId { get; set; } = "intentbot";

    public string BotName { get; set; } = "IntentBot";

    /// <summary>Activities one conversation (hence one token) may post per minute, sustained; past it, 429 with Retry-After. 0 turns the limit off.</summary>
    [Range(0, 100_000)]
    public int TurnsPerMinute { get; set; } = 30;

    /// <summary>Activities a conversation may post in a burst above that rate.</summary>
    [Range(1, 100_000)]
    public int TurnBurst { get; set; } = 10;

    /// <summary>Most activities a transcript holds; a conversation that reaches it takes no more posts (start a new one).</summary>
    [Range(10, 10_000_000)]
    public int MaxTranscriptActivities { get; set; } = 2000;

    /// <summary>Tokens per minute the same-origin token endpoint hands one client (IP); 0 turns the limit off.</summary>
    [Range(0, 100_000)]
    public int TokenEndpointPermitsPerMinute { get; set; } = 30;
}
