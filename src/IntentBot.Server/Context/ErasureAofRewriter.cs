using IntentBot.Context;
using IntentBot.Context.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IntentBot.Server.Context;

/// <summary>
/// Erased data leaves Redis's memory at once but stays in its append-only file until the file is rewritten. After
/// an erasure this asks every Redis server with AOF on for a rewrite (BGREWRITEAOF), at most once per
/// Context:AofRewriteAfterErasure, so a batch of erasures costs one rewrite. Zero leaves it to the operator's
/// schedule (docs/redis.md). BGREWRITEAOF is an admin command: the connection string needs allowAdmin=true.
/// </summary>
public sealed class ErasureAofRewriter(IServiceProvider services, StateStorage storage, IOptions<ContextOptions> options,
    TimeProvider time, ILogger<ErasureAofRewriter> logger) : BackgroundService
{
    private readonly SemaphoreSlim _erased = new(0, 1);

    /// <summary>Counts rewrites asked for (what the tests and the operator's dashboards read).</summary>
    public int Rewrites { get; private set; }

    public void ErasureCompleted()
    {
        if (_erased.CurrentCount == 0)
        {
            try { _erased.Release(); }
            catch (SemaphoreFullException) { } // a rewrite is already due
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.AofRewriteAfterErasure;
        if (interval == TimeSpan.Zero || !storage.UsesRedis) return;
        var last = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            await _erased.WaitAsync(stoppingToken);
            // Erasures that come while waiting join this rewrite.
            var wait = last + interval - time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, stoppingToken);
            last = time.GetUtcNow();
            try
            {
                await RewriteAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not ask Redis to rewrite its append-only file after erasures");
            }
        }
    }

    private async Task RewriteAsync()
    {
        var redis = services.GetRequiredService<IConnectionMultiplexer>();
        foreach (var server in redis.GetServers().Where(s => s.IsConnected))
        {
            try
            {
                var persistence = await server.InfoAsync("persistence");
                var aofEnabled = persistence.SelectMany(g => g).Any(p => p.Key == "aof_enabled" && p.Value == "1");
                if (!aofEnabled) continue;
                await server.ExecuteAsync("BGREWRITEAOF");
                Rewrites++;
                logger.LogInformation("Asked Redis {Server} to rewrite its append-only file after erasures", server.EndPoint);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Never lets the host stop: a background service's exception would end the server.
                logger.LogWarning(ex, "Could not ask Redis {Server} to rewrite its append-only file after erasures; erased data stays in the AOF until it is rewritten " +
                    "(the connection string needs allowAdmin=true, or set Context:AofRewriteAfterErasure to 0 and schedule BGREWRITEAOF yourself)", server.EndPoint);
            }
        }
    }

    public override void Dispose()
    {
        _erased.Dispose();
        base.Dispose();
    }
}
