using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IntentBot.Context.Telemetry;

/// <summary>
/// Store failures and store-operation spans on the process-wide "IntentBot" meter and activity source.
/// </summary>
/// <remarks>Static like the NLU engine's: the stores are plain classes and exporters subscribe by name.</remarks>
public static class StoreTelemetry
{
    public const string Name = "IntentBot";

    public const string StoreTag = "store";
    public const string ErrorTypeTag = "error.type";

    /// <summary>Store names used as the <c>store</c> tag.</summary>
    public const string Conversations = "conversation";
    public const string Behaviour = "behaviour";
    public const string Transcripts = "transcript";
    public const string Handoffs = "handoff";

    /// <summary>Error types used as the <c>error.type</c> tag.</summary>
    public const string Timeout = "timeout";
    public const string Unavailable = "unavailable";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Errors = Meter.CreateCounter<long>("intentbot.store.errors", "{error}",
        "Store operations that failed because the store timed out or could not be reached.");

    public static void RecordError(string store, string errorType) =>
        Errors.Add(1, new KeyValuePair<string, object?>(StoreTag, store), new KeyValuePair<string, object?>(ErrorTypeTag, errorType));

    /// <summary>A client span for one store operation; null (free) unless a tracer listens.</summary>
    public static Activity? StartOperation(string store, string operation)
    {
        var span = Source.StartActivity($"{store}.{operation}", ActivityKind.Client);
        span?.SetTag("db.system.name", "redis");
        span?.SetTag("db.operation.name", operation);
        return span;
    }
}
