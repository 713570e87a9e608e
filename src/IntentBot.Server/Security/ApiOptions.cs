using System.ComponentModel.DataAnnotations;

namespace IntentBot.Server.Security;

/// <summary>The <c>Api</c> section: request limits, API keys and rate limiting for /api/*.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    [Range(1, 10_000)]
    public int MaxTexts { get; set; } = 256;

    /// <summary>Longest text accepted, in Unicode characters (scalar values).</summary>
    [Range(1, 1_000_000)]
    public int MaxTextCharacters { get; set; } = 4000;

    [Range(1024, 256 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Accepted X-Api-Key values; empty turns key checking off (the local default).</summary>
    public string[] Keys { get; set; } = [];

    [Required, Microsoft.Extensions.Options.ValidateObjectMembers]
    public RateLimitOptions RateLimit { get; set; } = new();
}

public sealed class RateLimitOptions
{
    /// <summary>Sustained requests per second per client (a configured API key it presents, else its address); 0 turns rate limiting off.</summary>
    [Range(0, 1_000_000)]
    public int PermitsPerSecond { get; set; }

    /// <summary>Requests a client may burst above the sustained rate.</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 100;

    /// <summary>
    /// Requests with a missing or wrong API key one address may make per minute (when keys are configured); past
    /// it, every keyed request from that address gets 429 without its key being checked. 0 turns the throttle off.
    /// </summary>
    [Range(0, 1_000_000)]
    public int FailedKeyAttemptsPerMinute { get; set; } = 20;
}
