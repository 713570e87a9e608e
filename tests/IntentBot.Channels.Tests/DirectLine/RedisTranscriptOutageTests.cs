using IntentBot.Channels.DirectLine;
using IntentBot.Channels.DirectLine.Transcripts;
using IntentBot.Context.Storage;
using IntentBot.Context.Telemetry;
using IntentBot.Protocol.Activities;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IntentBot.Channels.Tests.DirectLine;

/// <summary>
/// Redis unreachable under the Direct Line transcripts: every operation fails fast as StoreUnavailableException
/// (which the endpoints answer with 503) and is counted on <c>intentbot.store.errors{store="transcript"}</c>,
/// the metric the operator alerts on.
/// </summary>
public sealed class RedisTranscriptOutageTests
{
    [Fact]
    public async Task Every_operation_fails_as_store_unavailable_and_is_counted_as_a_transcript_store_error()
    {
        using var errors = MeterCapture.Start(StoreTelemetry.Name, "intentbot.store.errors");

        // Nothing listens on port 1: the multiplexer never connects, and every command fails.
        await using var dead = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=200,connectRetry=0");
        using var store = new RedisTranscriptStore(dead, "outage", Options.Create(new DirectLineOptions()), TimeSpan.FromMilliseconds(500));
        var id = DirectLineConversations.NewConversationId();

        var operations = new Func<Task>[]
        {
            () => store.CreateAsync(id, default),
            () => store.ExistsAsync(id, default),
            () => store.AppendAsync(id, [new Activity { Type = "message", Text = "hello" }], default),
            () => store.ReadAsync(id, 0, 10, default),
            () => store.EraseUserAsync("someone", [id], default),
        };
        foreach (var operation in operations)
            await Assert.ThrowsAsync<StoreUnavailableException>(operation);

        // One error per failed operation, each counted once, all of them against the transcript store.
        var counted = errors.Of("intentbot.store.errors");
        Assert.Equal(operations.Length, counted.Count);
        Assert.All(counted, m => Assert.Equal(StoreTelemetry.Transcripts, m.Tags[StoreTelemetry.StoreTag]));
        Assert.All(counted, m => Assert.Contains(m.Tags[StoreTelemetry.ErrorTypeTag], new[] { StoreTelemetry.Unavailable, StoreTelemetry.Timeout }));
    }
}
