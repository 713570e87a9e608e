using System.Threading.RateLimiting;

namespace IntentBot.Channels.Limits;

/// <summary>
/// Turns per conversation (or per sender): a token bucket per key, refilled evenly over the minute, so one client
/// cannot make the bot run hundreds of turns a second (each a model run and store writes). Idle buckets are
/// dropped by the limiter itself. 0 per minute turns the limit off.
/// </summary>
public sealed class TurnRateLimiter : IDisposable
{
    public const string DirectLine = "directline";
    public const string BotConnector = "botconnector";

    private readonly PartitionedRateLimiter<string>? _limiter;
    private readonly TimeSpan _refill;

    public TurnRateLimiter(int perMinute, int burst)
    {
        if (perMinute <= 0) return;
        _refill = TimeSpan.FromMinutes(1) / perMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, burst),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = _refill,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Takes one turn from each key's bucket; false (and how long to wait) when any is empty.</summary>
    public bool TryTake(out TimeSpan retryAfter, params string[] keys)
    {
        retryAfter = _refill;
        if (_limiter is null) return true;
        foreach (var key in keys)
        {
            using var lease = _limiter.AttemptAcquire(key);
            if (!lease.IsAcquired) return false;
        }
        return true;
    }

    public static int RetryAfterSeconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    public void Dispose() => _limiter?.Dispose();
}
