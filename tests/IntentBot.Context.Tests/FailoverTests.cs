using IntentBot.Context.Redis;
using IntentBot.Context.State;
using IntentBot.Context.Storage;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace IntentBot.Context.Tests;

/// <summary>
/// A master is SIGKILLed while turns are being saved, and its replica takes over (promoted by the cluster, or by the
/// sentinels). Saves during the failover fail with StoreUnavailableException and are retried, as a client retries a
/// 503; afterwards every acknowledged turn is there. Replication is asynchronous, so the store waits for a replica's
/// copy before it acknowledges (ContextOptions.ReplicaAcknowledgements = 1).
/// </summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    private static ConversationState Turn(string user, string conversation, int turn) => new()
    {
        ConversationId = conversation,
        UserId = user,
        TurnCount = turn,
        Slots = new Dictionary<string, string> { ["turn"] = turn.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        UpdatedUtc = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task No_acknowledged_turn_is_lost_when_a_cluster_master_is_killed()
    {
        await using var cluster = await RedisCluster.StartAsync();
        var store = Store(await cluster.ConnectionAsync());
        var (user, conversation) = ("u-" + Guid.NewGuid().ToString("N"), "c-" + Guid.NewGuid().ToString("N"));
        await RunAsync(store, user, conversation, async () =>
        {
            var (killed, promoted) = await cluster.KillMasterOfAsync(new RedisKeys("fo").Conversation(user, conversation));
            output.WriteLine($"cluster: killed master {killed}, replica {promoted} took over");
        });
    }

    [Fact]
    public async Task No_acknowledged_turn_is_lost_when_the_sentinels_fail_over()
    {
        await using var group = await RedisSentinelGroup.StartAsync();
        var store = Store(await group.ConnectionAsync());
        await RunAsync(store, "u-" + Guid.NewGuid().ToString("N"), "c-" + Guid.NewGuid().ToString("N"), async () =>
        {
            var (killed, promoted) = await group.KillMasterAsync();
            // With min-replicas-to-write 1 the new master takes writes once it has a replica again: the old master, restarted.
            await group.RestartAsync(killed);
            output.WriteLine($"sentinel: killed master {killed}, replica {promoted} took over, {killed} rejoined as its replica");
        });
    }

    private static RedisConversationStore Store(StackExchange.Redis.IConnectionMultiplexer connection) =>
        new(connection, Options.Create(new ContextOptions { KeyPrefix = "fo", OperationTimeout = TimeSpan.FromSeconds(1), ReplicaAcknowledgements = 1 }));

    private async Task RunAsync(RedisConversationStore store, string user, string conversation, Func<Task> failover)
    {
        // Turns before, during and after the failover: it goes on until 10 turns were acknowledged after the failover ended.
        const int afterFailover = 10;
        long version = 0;
        var acknowledged = 0;
        var refused = 0;
        Task? failing = null;
        int? lastBeforeEnd = null;
        var started = DateTime.UtcNow;
        DateTime? failoverEnded = null;
        string? lastError = null;
        var errors = new Dictionary<string, int>();
        for (var turn = 1; lastBeforeEnd is null || acknowledged < lastBeforeEnd + afterFailover; turn++)
        {
            if (turn == 11) failing = Task.Run(async () => { await failover(); failoverEnded = DateTime.UtcNow; });
            while (true)
            {
                Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(180),
                    $"The store did not recover after the failover: turn {acknowledged} acknowledged, failover " +
                    (failoverEnded is { } ended ? $"ended {(ended - started).TotalSeconds:0.0} s in" : "still running") +
                    $", {refused} attempts refused, the last with: {lastError}");
                try
                {
                    var result = await store.SaveTurnAsync(Turn(user, conversation, turn), version, null, 0);
                    if (result.Saved)
                    {
                        version = result.ConversationVersion;
                        acknowledged = turn;
                        break;
                    }
                    // A save that timed out may have been applied after all. The master's version (one per saved turn)
                    // decides, not a read: during a failover a read may be served by a node that is still catching up.
                    Assert.True(result.ConversationVersion >= acknowledged, $"Acknowledged turn {acknowledged} was lost: the master holds turn {result.ConversationVersion}.");
                    version = result.ConversationVersion;
                    if (version == turn) { acknowledged = turn; break; }
                }
                catch (StoreUnavailableException ex)
                {
                    refused++;
                    lastError = ex.Message;
                    var kind = ex.Message.Split(',', ';')[0];
                    errors[kind] = errors.GetValueOrDefault(kind) + 1;
                    await Task.Delay(100);
                }
            }
            if (failing is { IsCompleted: true } && lastBeforeEnd is null)
            {
                await failing; // its exception, if any
                lastBeforeEnd = acknowledged;
            }
            // Paced, so the failover happens while turns are still coming.
            if (failing is { IsCompleted: false }) await Task.Delay(50);
        }

        var final = await store.GetConversationAsync(user, conversation);
        foreach (var (kind, count) in errors) output.WriteLine($"  {count} x {kind}");
        output.WriteLine($"{acknowledged} turns acknowledged ({acknowledged - lastBeforeEnd} after the failover ended), {refused} attempts refused, final turn {final?.Value.TurnCount}, version {final?.Version}");
        Assert.NotNull(final);
        Assert.Equal(acknowledged, final.Value.TurnCount);
        Assert.Equal(version, final.Version);
    }
}
