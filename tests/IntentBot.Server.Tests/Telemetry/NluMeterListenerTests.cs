using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using IntentBot.Nlu;
using IntentBot.Nlu.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace IntentBot.Server.Tests.Telemetry;

/// <summary>
/// The NLU instruments seen directly through a <see cref="MeterListener"/>, with no exporter in between:
/// the real engine classifies, the listener collects what it recorded. The engine's batches run on a worker of their
/// own, outside the test's flow, so the test runs alone: everything the listener hears is its own.
/// </summary>
[Collection(ProcessWideMeters.Name)]
public sealed class NluMeterListenerTests(DefaultServer server) : IClassFixture<DefaultServer>
{
    private sealed record Measurement(string Instrument, double Value, Dictionary<string, string?> Tags);

    [Fact]
    public async Task Classifying_records_distribution_batch_size_model_duration_and_queue_length()
    {
        var measurements = new ConcurrentQueue<Measurement>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == NluTelemetry.Name && instrument.Name.StartsWith("intentbot.nlu.", StringComparison.Ordinal))
                    l.EnableMeasurementEvents(instrument);
            },
        };
        void Collect(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, string?>();
            foreach (var tag in tags) copy[tag.Key] = tag.Value?.ToString();
            measurements.Enqueue(new Measurement(instrument.Name, value, copy));
        }
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Collect(i, v, t));
        listener.SetMeasurementEventCallback<int>((i, v, t, _) => Collect(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Collect(i, v, t));
        listener.Start();

        var classifier = server.Factory.Services.GetRequiredService<ITextClassifier>();
        var results = await classifier.ClassifyAsync(["hello", "I want a refund, this is terrible", "how do I reset my password"]);
        listener.RecordObservableInstruments();

        var classified = measurements.Where(m => m.Instrument == "intentbot.nlu.classified").ToList();
        Assert.Equal(results.Count, classified.Count);
        foreach (var result in results)
        {
            Assert.Contains(classified, m => m.Value == 1
                && m.Tags[NluTelemetry.IntentTag] == result.Intent.Label && m.Tags[NluTelemetry.SentimentTag] == result.Sentiment.Label);
        }
        // The three texts in one batch or split over several, one model run per batch.
        var batches = measurements.Where(m => m.Instrument == "intentbot.nlu.batch.size").ToList();
        Assert.Equal(3, batches.Sum(m => m.Value));
        var runs = measurements.Where(m => m.Instrument == "intentbot.nlu.model.duration").ToList();
        Assert.Equal(batches.Count, runs.Count);
        Assert.All(runs, m => Assert.True(m.Value > 0));
        Assert.Contains(measurements, m => m.Instrument == "intentbot.nlu.queue.length" && m.Value >= 0);
    }
}
