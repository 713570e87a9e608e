using System.Net;
using System.Net.WebSockets;
using IntentBot.Channels.DirectLine;
using IntentBot.Channels.DirectLine.Transcripts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IntentBot.Channels.Tests.DirectLine;

/// <summary>
/// What an idle or closed Web Chat stream costs with Redis: nothing left behind once it closes (the store's
/// waiters return to zero), and keep-alives that cost no Redis command.
/// </summary>
public sealed class StreamResourceTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task Waiters_return_to_zero_after_streams_close()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        await using var host = await DirectLineHost.StartAsync(new Dictionary<string, string?> { ["DirectLine:KeepAliveInterval"] = "00:00:01" }, redis: connection);
        var store = Assert.IsType<RedisTranscriptStore>(host.Services.GetRequiredService<ITranscriptStore>());

        const int streams = 25;
        var open = new List<StreamFrames>();
        for (var i = 0; i < streams; i++)
        {
            var started = await host.StartConversationAsync($"user-{i}");
            var stream = await StreamFrames.ConnectAsync(started.GetProperty("streamUrl").GetString()!);
            await stream.ActivitiesAsync(1);   // the welcome; the stream then waits
            open.Add(stream);
        }
        await WaitUntilAsync(() => store.WaitingConversations == streams, $"{streams} streams waiting");

        // Half close cleanly, half just drop the connection.
        for (var i = 0; i < open.Count; i++)
        {
            if (i % 2 == 0) await open[i].Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            else open[i].Socket.Abort();
            open[i].Socket.Dispose();
        }

        await WaitUntilAsync(() => store.WaitingConversations == 0, "no waiter left after the streams closed");
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_no_waiter()
    {
        using var store = new RedisTranscriptStore(redis.Connection, "waiters-" + Guid.NewGuid().ToString("N")[..8], Options.Create(new DirectLineOptions()));
        var id = DirectLineConversations.NewConversationId();
        await store.CreateAsync(id, default);
        using var cancel = new CancellationTokenSource();
        var waits = Enumerable.Range(0, 10).Select(_ => store.WaitForAppendAsync(id, 0, cancel.Token)).ToList();
        await WaitUntilAsync(() => store.WaitingConversations == 1, "the waits registered");

        await cancel.CancelAsync();
        foreach (var wait in waits) await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);

        Assert.Equal(0, store.WaitingConversations);
    }

    [Fact]
    public async Task Keep_alives_of_an_idle_stream_cost_no_redis_command()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        await using var host = await DirectLineHost.StartAsync(new Dictionary<string, string?> { ["DirectLine:KeepAliveInterval"] = "00:00:01" }, redis: connection);
        var started = await host.StartConversationAsync("idle-user");
        var stream = await StreamFrames.ConnectAsync(started.GetProperty("streamUrl").GetString()!);
        await stream.ActivitiesAsync(1);
        Assert.Equal("", await stream.NextAsync());   // the stream is idle and waiting

        var before = await TranscriptCommandsAsync();
        for (var i = 0; i < 3; i++) Assert.Equal("", await stream.NextAsync());
        var after = await TranscriptCommandsAsync();

        Assert.True(before == after, $"3 keep-alives ran {after - before} Redis commands");

        // And the stream is still live: a post wakes it.
        var (posted, _) = await host.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{started.GetProperty("conversationId").GetString()}/activities",
            started.GetProperty("token").GetString(), DirectLineHost.Message("still there?", "idle-user"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var (activities, _) = await stream.ActivitiesAsync(1);
        Assert.Equal("still there?", activities[0].GetProperty("text").GetString());
    }

    /// <summary>Calls so far of the commands a stream reads with (EXISTS, LRANGE, LLEN), from INFO commandstats.</summary>
    private async Task<long> TranscriptCommandsAsync()
    {
        var info = (string)(await redis.Connection.GetDatabase().ExecuteAsync("INFO", "commandstats"))!;
        return info.Split('\n')
            .Where(line => line.StartsWith("cmdstat_exists:", StringComparison.Ordinal) || line.StartsWith("cmdstat_lrange:", StringComparison.Ordinal)
                           || line.StartsWith("cmdstat_llen:", StringComparison.Ordinal))
            .Sum(line => long.Parse(line.Split("calls=")[1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for: {what}");
            await Task.Delay(50);
        }
    }
}
