using Microsoft.Extensions.Options;

namespace IntentBot.Server.Security;

/// <summary>
/// Throttles API key guessing per client address: each request with a missing or wrong key spends one of the
/// address's Api:RateLimit:FailedKeyAttemptsPerMinute attempts (given back evenly over the minute); an address with
/// none left is refused before its key is checked. Addresses whose attempts are all back are forgotten.
/// </summary>
public sealed class FailedKeyThrottle(IOptions<ApiOptions> options, TimeProvider time)
{
    private const int ForgetAbove = 10_000;
    private readonly Dictionary<string, (double Left, DateTimeOffset At)> _addresses = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int PerMinute => options.Value.RateLimit.FailedKeyAttemptsPerMinute;

    public bool IsThrottled(HttpContext context, out TimeSpan retryAfter)
    {
        retryAfter = PerMinute == 0 ? TimeSpan.Zero : TimeSpan.FromMinutes(1) / PerMinute;
        if (PerMinute == 0) return false;
        lock (_gate) return Left(ApiSecurity.ClientAddress(context), time.GetUtcNow()) < 1;
    }

    public void RecordFailure(HttpContext context)
    {
        if (PerMinute == 0) return;
        var now = time.GetUtcNow();
        var address = ApiSecurity.ClientAddress(context);
        lock (_gate)
        {
            _addresses[address] = (Math.Max(0, Left(address, now) - 1), now);
            if (_addresses.Count > ForgetAbove)
                foreach (var full in _addresses.Where(a => Left(a.Key, now) >= PerMinute).Select(a => a.Key).ToList()) _addresses.Remove(full);
        }
    }

    private double Left(string address, DateTimeOffset now) =>
        _addresses.TryGetValue(address, out var entry)
            ? Math.Min(PerMinute, entry.Left + (now - entry.At).TotalMinutes * PerMinute)
            : PerMinute;
}
