using System.Collections.Concurrent;
using System.Net;
using Xunit.Abstractions;

namespace IntentBot.Faults.Tests;

/// <summary>
/// Two IntentBot instances share a conversation (posts alternate between them) while Redis masters are SIGKILLed
/// under them, twice: on a Redis Cluster (the replica of the master holding the conversation's transcript, then of
/// the one holding the user's state, takes over) and under Sentinel (the sentinels promote the replica; the old
/// master comes back as its replica and is then killed in turn). Turns during a failover are refused with 503 or
/// 502 and never hang; afterwards every acknowledged turn is in the transcript with its reply and counted in the
/// state. Replication is asynchronous, so the instances wait for a replica's copy of each turn (Context:ReplicaAcknowledgements).
/// </summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    private const string User = "failover-user";
    private static readonly string[] Texts = ["hi", "what delivery options do you have", "how long does delivery take", "thanks"];

    [Fact]
    public async Task No_acknowledged_turn_is_lost_over_two_redis_cluster_failovers()
    {
        await using var redis = await ClusterDeployment.StartAsync();
        var cluster = redis.Cluster;
        await RunAsync(redis, async (conversation, failover) =>
        {
            // First the master holding the transcript, then (after the killed node rejoined as a replica) the one
            // holding the user's conversation state: the same shard again, or another.
            var key = failover == 1 ? $"intentbot:dl:{{c:{conversation}}}:log" : $"intentbot:{{u:{User}}}:conv:{conversation}";
            var (killed, promoted) = await cluster.KillMasterOfAsync(key);
            await cluster.RestartAsync(killed);
            return $"cluster master {killed} killed, replica {promoted} took over (slot of {key})";
        });
    }

    [Fact]
    public async Task No_acknowledged_turn_is_lost_over_two_sentinel_failovers()
    {
        await using var redis = await SentinelDeployment.StartAsync();
        var group = redis.Group;
        await RunAsync(redis, async (_, _) =>
        {
            var (killed, promoted) = await group.KillMasterAsync();
            await group.RestartAsync(killed);
            return $"sentinel: master {killed} killed, replica {promoted} promoted";
        });
    }

    private async Task RunAsync(IRedisDeployment deployment, Func<string, int, Task<string>> failover)
    {
        // Replicated Redis: a turn is acknowledged only once a replica has it (docs/redis.md).
        var instances = await BotProcess.StartManyAsync(2, deployment.ConnectionString, new Dictionary<string, string> { ["Context__ReplicaAcknowledgements"] = "1" });
        await using var a = instances[0];
        await using var b = instances[1];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var clients = new[] { new DirectLineClient(a.Http), new DirectLineClient(b.Http) };
            var (conversation, token) = await clients[0].StartAsync(User);
            var acknowledged = new ConcurrentQueue<string>();
            var acknowledgedAt = new ConcurrentQueue<TimeSpan>();
            var statuses = new ConcurrentQueue<HttpStatusCode>();
            var attempts = 0;
            using var stop = new CancellationTokenSource();
            var load = Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    Interlocked.Increment(ref attempts);
                    var (status, id) = await clients[i % 2].PostAsync(conversation, User, Texts[i % Texts.Length], token);
                    statuses.Enqueue(status);
                    if (id is not null)
                    {
                        acknowledged.Enqueue(id);
                        acknowledgedAt.Enqueue(clock.Elapsed);
                    }
                    else await Task.Delay(100);
                }
            });

            await RedisCrashTests.WaitUntilAsync(() => acknowledged.Count >= 4, "turns before the first failover");
            for (var failed = 1; failed <= 2; failed++)
            {
                var before = acknowledged.Count;
                var killedAt = clock.Elapsed;
                output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {await failover(conversation, failed)}; {before} turns acknowledged before");
                var after = acknowledged.Count;
                await WaitUntilAsync(() => acknowledged.Count >= after + 4, $"turns after failover {failed}");
                // The outage as the client saw it: the longest time without an acknowledged turn around the kill.
                var times = acknowledgedAt.Where(t => t >= killedAt).Prepend(acknowledgedAt.Where(t => t < killedAt).DefaultIfEmpty(killedAt).Max()).Order().ToList();
                var gap = times.Zip(times.Skip(1), (x, y) => y - x).Max();
                output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  longest time without an acknowledged turn: {gap.TotalSeconds:0.0} s");
            }
            await stop.CancelAsync();
            await load;

            Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway }));
            var (activities, _) = await clients[1].ActivitiesAsync(conversation, token: token);
            var ids = activities.Select(x => x.GetProperty("id").GetString()).ToHashSet();
            var lost = acknowledged.Count(id => !ids.Contains(id));
            output.WriteLine($"{attempts} turns posted, {acknowledged.Count} acknowledged, {statuses.Count(s => s != HttpStatusCode.OK)} refused during failovers, {lost} acknowledged turns lost");
            RedisCrashTests.AssertTurnsPresent(activities, acknowledged);
            var state = await deployment.ConversationAsync(User, conversation);
            Assert.NotNull(state);
            Assert.True(state.TurnCount >= acknowledged.Count && state.TurnCount <= attempts,
                $"The state counts {state.TurnCount} turns; {acknowledged.Count} were acknowledged of {attempts} posted.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException(e.Message + "\nInstance A output:\n" + a.Output + "\nInstance B output:\n" + b.Output);
        }
    }

    /// <summary>Longer than the crash tests' wait: under Sentinel the client can take some seconds more to find the new master.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }
}
