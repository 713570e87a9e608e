using System.Security.Cryptography;
using System.Text;
using IntentBot.Context.Redis;
using IntentBot.Context.Storage;
using IntentBot.Context.Telemetry;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IntentBot.Channels.DirectLine;

/// <summary>
/// Tokens are signed and stateless, so erasing a user does not by itself end the tokens naming them (a page token
/// could refresh itself, start a new conversation and post on). Erasure therefore records when the user was erased,
/// and a token naming that user issued before then is refused. A record is kept only as long as such a token can
/// live (TokenLifetime); it names the user by a hash, so it holds nothing personal.
/// </summary>
public interface ITokenRevocations : IUserDataErasure
{
    Task<bool> IsRevokedAsync(string userId, DateTimeOffset issuedAt, CancellationToken cancellationToken);
}

internal static class RevokedUser
{
    public static string Hash(string userId) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(userId)));
}

public sealed class InMemoryTokenRevocations(IOptions<DirectLineOptions> options, TimeProvider time) : ITokenRevocations
{
    private readonly Dictionary<string, DateTimeOffset> _erased = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task EraseUserAsync(string userId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            // Records older than any token can be are dropped here: the set stays as small as the erasures of one lifetime.
            foreach (var old in _erased.Where(e => now - e.Value > options.Value.TokenLifetime).Select(e => e.Key).ToList()) _erased.Remove(old);
            _erased[RevokedUser.Hash(userId)] = now;
        }
        return Task.CompletedTask;
    }

    public Task<bool> IsRevokedAsync(string userId, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_erased.TryGetValue(RevokedUser.Hash(userId), out var erased) && issuedAt <= erased);
    }
}

public sealed class RedisTokenRevocations(IConnectionMultiplexer redis, string keyPrefix, IOptions<DirectLineOptions> options, TimeProvider time,
    TimeSpan operationTimeout) : ITokenRevocations
{
    private RedisKey Key(string userId) => $"{keyPrefix}:dl:revoked:{RevokedUser.Hash(userId)}";

    public Task EraseUserAsync(string userId, IReadOnlyCollection<string> conversationIds, CancellationToken cancellationToken = default) =>
        RedisOperation.RunAsync(StoreTelemetry.Transcripts, "revoke", operationTimeout,
            () => redis.GetDatabase().StringSetAsync(Key(userId), time.GetUtcNow().ToUnixTimeMilliseconds(), options.Value.TokenLifetime), cancellationToken);

    public Task<bool> IsRevokedAsync(string userId, DateTimeOffset issuedAt, CancellationToken cancellationToken) =>
        RedisOperation.RunAsync(StoreTelemetry.Transcripts, "revoked", operationTimeout, async () =>
        {
            var erased = await redis.GetDatabase().StringGetAsync(Key(userId));
            return !erased.IsNull && issuedAt.ToUnixTimeMilliseconds() <= (long)erased;
        }, cancellationToken);
}
