using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using IntentBot.Nlu.Batching;
using IntentBot.Nlu.Classification;

namespace IntentBot.Nlu.Telemetry;

/// <summary>
/// The NLU engine's metrics and spans, on the process-wide "IntentBot" meter and activity source.
/// </summary>
/// <remarks>
/// Static because the engine is a library without DI; exporters (OpenTelemetry, a MeterListener in tests)
/// subscribe by the name. Instruments with no listener cost a field read, and every tag value recorded here
/// is a label string owned by the model manifest, so recording allocates nothing per text.
/// </remarks>
public static class NluTelemetry
{
    /// <summary>Meter and activity source name shared by every IntentBot component.</summary>
    public const string Name = "IntentBot";

    public const string IntentTag = "intent";
    public const string SentimentTag = "sentiment";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    /// <summary>Powers of two up to past the largest sensible <see cref="NluOptions.MaxBatchSize"/>.</summary>
    private static readonly int[] BatchBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256];

    /// <summary>Sub-millisecond to a second: a CPU batch of 32 is tens of ms, a single text on GPU well under one.</summary>
    private static readonly double[] ModelBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram("intentbot.nlu.batch.size", "{text}",
        "Texts per model run (micro-batch size).", tags: null, new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchBuckets });

    public static readonly Histogram<double> ModelDuration = Meter.CreateHistogram("intentbot.nlu.model.duration", "s",
        "Wall time of one ONNX model run (one batch).", tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = ModelBuckets });

    public static readonly Counter<long> Classified = Meter.CreateCounter<long>("intentbot.nlu.classified", "{text}",
        "Texts classified, by top intent label and sentiment label.");

    public static readonly Counter<long> OutOfScope = Meter.CreateCounter<long>("intentbot.nlu.out_of_scope", "{text}",
        "Texts judged out of scope (top intent out_of_scope or no in-scope intent confident enough).");

    /// <summary>Live batchers, summed by the queue-length gauge (normally one per process).</summary>
    private static readonly ConcurrentDictionary<MicroBatcher, byte> Batchers = new();

    public static readonly ObservableGauge<int> QueueLength = Meter.CreateObservableGauge("intentbot.nlu.queue.length",
        () => Batchers.Keys.Sum(b => b.QueueLength), "{text}", "Texts waiting for the model.");

    internal static void Track(MicroBatcher batcher) => Batchers.TryAdd(batcher, 0);
    internal static void Untrack(MicroBatcher batcher) => Batchers.TryRemove(batcher, out _);

    /// <summary>Counts one classified text in the intent/sentiment distribution.</summary>
    public static void RecordResult(ClassificationResult result)
    {
        if (Classified.Enabled)
            Classified.Add(1, new KeyValuePair<string, object?>(IntentTag, result.Intent.Label), new KeyValuePair<string, object?>(SentimentTag, result.Sentiment.Label));
        if (result.OutOfScope && OutOfScope.Enabled) OutOfScope.Add(1);
    }
}
