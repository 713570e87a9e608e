using System.Diagnostics;
using IntentBot.Context.Storage;
using IntentBot.Context.Telemetry;
using StackExchange.Redis;

namespace IntentBot.Context.Redis;

/// <summary>
/// The one guard every Redis-backed store puts around a call: a span, a hard timeout (the multiplexer's own
/// timeouts are longer and a disconnected client can queue), and the translation of a timeout or a Redis error
/// into <see cref="StoreUnavailableException"/> (counted per store), which the APIs answer with 503.
/// </summary>
public static class RedisOperation
{
    public static async Task<T> RunAsync<T>(string store, string name, TimeSpan timeout, Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        using var span = StoreTelemetry.StartOperation(store, name);
        try
        {
            return await operation().WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            StoreTelemetry.RecordError(store, StoreTelemetry.Timeout);
            span?.SetStatus(ActivityStatusCode.Error, "timeout");
            throw new StoreUnavailableException($"Redis did not answer within {timeout.TotalMilliseconds:0} ms.", ex);
        }
        catch (RedisException ex)
        {
            StoreTelemetry.RecordError(store, StoreTelemetry.Unavailable);
            span?.SetStatus(ActivityStatusCode.Error, "unavailable");
            throw new StoreUnavailableException($"Redis is unavailable: {ex.Message}", ex);
        }
    }

    public static Task RunAsync(string store, string name, TimeSpan timeout, Func<Task> operation, CancellationToken cancellationToken) =>
        RunAsync(store, name, timeout, async () => { await operation().ConfigureAwait(false); return true; }, cancellationToken);
}
