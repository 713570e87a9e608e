using IntentBot.Channels.DirectLine;
using IntentBot.Channels.DirectLine.Transcripts;
using IntentBot.Protocol.Activities;
using StackExchange.Redis;

namespace IntentBot.Channels.Tests.DirectLine;

/// <summary>
/// The whole transcript store contract on a real three-master Redis Cluster: the append script spans a
/// conversation's marker and log (one slot by the <c>{c:ID}</c> tag), and the wake-ups travel over cluster pub/sub,
/// which reaches a subscriber whichever node it is connected to.
/// </summary>
public sealed class ClusterTranscriptStoreTests(RedisClusterFixture redis) : TranscriptStoreContractTests, IClassFixture<RedisClusterFixture>, IDisposable
{
    private readonly RedisCluster _cluster = redis.Cluster;
    // A generous bound: six Redis processes share the CI machine's cores, and the contract is about behaviour, not latency.
    private readonly RedisTranscriptStore _store = new(redis.Connection, "cl", Options, TimeSpan.FromSeconds(15));

    protected override ITranscriptStore Store => _store;

    [Fact]
    public async Task An_append_through_one_connection_wakes_a_waiter_on_another_for_conversations_on_every_master()
    {
        await using var other = await ConnectionMultiplexer.ConnectAsync(_cluster.ConnectionString);
        using var instanceB = new RedisTranscriptStore(other, "cl", Options);
        // Random ids miss a master about once in 40 runs of 12, so ids are added until every master has some.
        var ids = new List<string>();
        while (ids.Count < 12 || ids.Select(id => _cluster.MasterPortOf($"cl:dl:{{c:{id}}}:log")).Distinct().Count() < 3)
            ids.Add(DirectLineConversations.NewConversationId());
        foreach (var id in ids)
        {
            await _store.CreateAsync(id, default);
            var waiting = instanceB.WaitForAppendAsync(id, 0, CancellationToken.None);
            await _store.AppendAsync(id, [new Activity { Type = "message", Text = "from A " + id }], default);
            await waiting.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal("from A " + id, Assert.Single((await instanceB.ReadAsync(id, 0, 10, default))!.Activities).Text);
        }
    }

    public void Dispose() => _store.Dispose();
}
