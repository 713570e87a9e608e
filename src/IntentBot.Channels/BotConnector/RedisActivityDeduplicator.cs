using System.Security.Cryptography;
using System.Text;
using IntentBot.Context;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IntentBot.Channels.BotConnector;

/// <summary>
/// Deduplication shared by every instance: one <c>SET key 1 NX PX window</c> per activity, so whichever instance
/// a channel retry reaches, only the first delivery is processed. Used when the server runs on Redis.
/// </summary>
public sealed class RedisActivityDeduplicator(
    IConnectionMultiplexer redis,
    IOptions<BotConnectorOptions> options,
    IOptions<ContextOptions> context,
    ILogger<RedisActivityDeduplicator> logger) : IActivityDeduplicator
{
    private readonly TimeSpan _window = options.Value.DeduplicationWindow;
    private readonly string _prefix = context.Value.KeyPrefix + ":botconnector:seen:";

    public async ValueTask<bool> TryBeginAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await redis.GetDatabase().StringSetAsync(RedisKey(key), 1, _window, When.NotExists);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Fail open: answering a rare duplicate twice is better than dropping every message while Redis is away.
            logger.LogWarning(e, "Activity deduplication is unavailable (Redis); processing the activity anyway");
            return true;
        }
    }

    public async ValueTask ForgetAsync(string key)
    {
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(RedisKey(key));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Could not clear a deduplication key; a retry of that activity will be ignored until it expires");
        }
    }

    /// <summary>Hashed: conversation ids are long and channel-specific, the key only has to be unique.</summary>
    private RedisKey RedisKey(string key) => _prefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
