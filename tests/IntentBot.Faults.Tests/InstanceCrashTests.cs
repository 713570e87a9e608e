using System.Net;

namespace IntentBot.Faults.Tests;

/// <summary>
/// Two IntentBot processes on one Redis, as behind a load balancer. A conversation runs on instance A, A is
/// killed with SIGKILL (no drain), and the client carries on through instance B with the same token: B knows
/// the dialog A left open, and the transcript continues from the client's watermark.
/// </summary>
public sealed class InstanceCrashTests
{
    // A signed-in shop customer (the owner of W100001): a guest would first be asked to prove the order is theirs,
    // and this test is about the turn surviving the crash, not about that proof.
    private const string Customer = "c1001";

    [Fact]
    public async Task A_conversation_continues_on_instance_b_after_instance_a_is_killed()
    {
        await using var redis = StandaloneDeployment.Start();
        await ContinueOnBAsync(redis);
    }

    /// <summary>The same with both instances on a three-master Redis Cluster.</summary>
    [Fact]
    public async Task On_a_redis_cluster_a_conversation_continues_on_instance_b_after_instance_a_is_killed()
    {
        await using var redis = await ClusterDeployment.StartAsync();
        await ContinueOnBAsync(redis);
    }

    private static async Task ContinueOnBAsync(IRedisDeployment redis)
    {
        var instances = await BotProcess.StartManyAsync(2, redis.ConnectionString);
        await using var a = instances[0];
        await using var b = instances[1];
        try
        {
            var onA = new DirectLineClient(a.Http);
            var (conversation, token) = await onA.StartAsync(Customer);

            var (asked, askedId) = await onA.PostAsync(conversation, Customer, "where is my order", token);
            Assert.Equal(HttpStatusCode.OK, asked);
            var (beforeCrash, watermark) = await onA.ActivitiesAsync(conversation, token: token);
            var prompt = Assert.Single(beforeCrash, x => DirectLineClient.FromBot(x) && DirectLineClient.ReplyTo(x) == askedId);
            Assert.Contains("order number", DirectLineClient.Text(prompt), StringComparison.OrdinalIgnoreCase);

            // Load on A at the moment it dies: a turn of another conversation in flight (its outcome is not
            // acknowledged, so it may be lost; it must not disturb the conversation under test).
            var (other, _) = await onA.StartAsync("bystander");
            var inFlight = onA.PostAsync(other, "bystander", "what delivery options do you have");
            a.Kill();
            try { await inFlight; }
            catch (HttpRequestException) { } // killed mid-request: the connection drops (a hang would time out and fail)

            // B accepts A's token (shared signing key), reconnects from the client's watermark and takes the answer.
            var onB = new DirectLineClient(b.Http);
            var (reconnected, _) = await onB.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversation}?watermark={watermark}", token: token);
            Assert.Equal(HttpStatusCode.OK, reconnected);
            var (answered, answeredId) = await onB.PostAsync(conversation, Customer, "W100001", token);
            Assert.Equal(HttpStatusCode.OK, answered);

            // The transcript continues where the client left off: the echo and B's answer, nothing repeated.
            var (afterCrash, newWatermark) = await onB.ActivitiesAsync(conversation, watermark, token);
            Assert.True(long.Parse(newWatermark!) > long.Parse(watermark!));
            Assert.Equal(answeredId, afterCrash[0].GetProperty("id").GetString());
            Assert.Equal("W100001", DirectLineClient.Text(afterCrash[0]));
            var answer = Assert.Single(afterCrash, x => DirectLineClient.FromBot(x) && DirectLineClient.ReplyTo(x) == answeredId);
            // The slot prompt was answered (state from A): the order's status, not "what can I help you with".
            Assert.StartsWith("Order W100001 (", DirectLineClient.Text(answer)); // the owner's status line: "Order W100001 (items) is shipped ..."
            Assert.DoesNotContain(afterCrash, x => beforeCrash.Any(y => y.GetProperty("id").GetString() == x.GetProperty("id").GetString()));

            // The full transcript on B is A's part followed by B's, ids unique.
            var (all, _) = await onB.ActivitiesAsync(conversation, token: token);
            Assert.Equal(beforeCrash.Count + afterCrash.Count, all.Count);
            RedisCrashTests.AssertTurnsPresent(all, [askedId!, answeredId!]);

            var state = await redis.ConversationAsync(Customer, conversation);
            Assert.NotNull(state);
            Assert.Equal(2, state.TurnCount);
            Assert.Null(state.ActiveDialog); // the dialog completed on B
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException(e.Message + "\nInstance B output:\n" + b.Output);
        }
    }
}
