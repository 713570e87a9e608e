using System.Net;
using System.Net.Http.Headers;

namespace IntentBot.Channels.BotConnector;

/// <summary>
/// When an outbound Bot Connector call is worth repeating, and how long to wait first: throttling (429),
/// precondition races (412) and gateway trouble (502/503/504) are transient; any other 4xx means the request
/// itself is wrong and repeating it cannot help.
/// </summary>
public static class RetryPolicy
{
    public static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests
        or HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>
    /// Exponential backoff with "equal jitter": half the doubled delay is fixed, half random, so retries of many
    /// conversations after one throttling burst spread out instead of arriving together again.
    /// </summary>
    public static TimeSpan Backoff(int failedAttempts, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, failedAttempts - 1));
        var capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + random.NextDouble() * capped / 2);
    }

    /// <summary>The server's Retry-After (seconds or an HTTP date), if it sent one.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date) return date > now ? date - now : TimeSpan.Zero;
        return null;
    }
}
