using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace IntentBot.Server.Security;

/// <summary>
/// Throttles API key guessing per client address: each request with a missing or wrong key spends a token of the
/// address's bucket (Api:RateLimit:FailedKeyAttemptsPerMinute, refilled evenly over the minute); an address with
/// none left is refused before its key is checked.
/// </summary>
public sealed class FailedKeyThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;
    private readonly TimeSpan _refill;

    public FailedKeyThrottle(IOptions<ApiOptions> options)
    {
        var perMinute = options.Value.RateLimit.FailedKeyAttemptsPerMinute;
        if (perMinute == 0) return;
        _refill = TimeSpan.FromMinutes(1) / perMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = _refill,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public bool IsThrottled(HttpContext context, out TimeSpan retryAfter)
    {
        retryAfter = _refill;
        if (_limiter is null) return false;
        // Asking for 0 permits only looks: it succeeds while the bucket holds any.
        using var lease = _limiter.AttemptAcquire(ApiSecurity.ClientAddress(context), 0);
        return !lease.IsAcquired;
    }

    public void RecordFailure(HttpContext context)
    {
        if (_limiter is null) return;
        using var lease = _limiter.AttemptAcquire(ApiSecurity.ClientAddress(context));
    }

    public void Dispose() => _limiter?.Dispose();
}
