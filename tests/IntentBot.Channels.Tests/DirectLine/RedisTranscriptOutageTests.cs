using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
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
        var counted = new ConcurrentBag<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StoreTelemetry.Name && instrument.Name == "intentbot.store.errors") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? store = null, type = null;
            foreach (var tag in tags)
            {
                if (tag.Key == StoreTelemetry.StoreTag) store = tag.Value as string;
                if (tag.Key == StoreTelemetry.ErrorTypeTag) type = tag.Value as string;
            }
            if (store == StoreTelemetry.Transcripts) counted.Add(type ?? "?");
        });
        listener.Start();

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

        Assert.True(counted.Count >= operations.Length, $"{counted.Count} transcript store errors counted");
        Assert.All(counted, type => Assert.Contains(type, new[] { StoreTelemetry.Unavailable, StoreTelemetry.Timeout }));
    }
}
