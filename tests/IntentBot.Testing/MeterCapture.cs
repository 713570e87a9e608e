using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace IntentBot.Testing;

/// <summary>One measurement as an instrument recorded it: value and tags (tag values as strings).</summary>
public sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);

/// <summary>
/// The measurements of a meter's instruments that this test's own code recorded, and no one else's.
/// </summary>
/// <remarks>
/// The product's meters are process-wide (static, subscribed by name), and the tests of an assembly run in parallel,
/// so a plain listener also hears every other test. The capture keeps a measurement only when it is recorded in the
/// test's own execution flow (an <see cref="AsyncLocal{T}"/> set when the capture starts, which flows into everything
/// the test calls and awaits), so a test can assert exact counts. Work that runs outside that flow (a background
/// worker, a request served by a host that does not preserve the caller's context) is not seen: such instruments are
/// checked by tests that run alone (the server tests' process-wide meters collection).
/// </remarks>
public sealed class MeterCapture : IDisposable
{
    private static readonly AsyncLocal<MeterCapture?> Current = new();

    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<RecordedMeasurement> _recorded = new();

    private MeterCapture(string meterName, IReadOnlyCollection<string> instruments)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName && instruments.Contains(instrument.Name)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        _listener.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        _listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        _listener.Start();
    }

    /// <summary>
    /// Starts capturing these instruments of the meter. Call it from the test method itself: the scope is set in the
    /// caller's flow, and an async helper in between would take it away again when it returns.
    /// </summary>
    public static MeterCapture Start(string meterName, params string[] instruments)
    {
        var capture = new MeterCapture(meterName, instruments);
        Current.Value = capture;
        return capture;
    }

    /// <summary>What this instrument recorded in the test's flow so far, in order.</summary>
    public IReadOnlyList<RecordedMeasurement> Of(string instrument) => [.. _recorded.Where(m => m.Instrument == instrument)];

    /// <summary>The value of one tag on each measurement of the instrument, in order.</summary>
    public IReadOnlyList<string?> TagValues(string instrument, string tag) =>
        [.. Of(instrument).Select(m => m.Tags.GetValueOrDefault(tag))];

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!ReferenceEquals(Current.Value, this)) return;
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags) copy[tag.Key] = tag.Value?.ToString();
        _recorded.Enqueue(new RecordedMeasurement(instrument.Name, value, copy));
    }

    public void Dispose()
    {
        _listener.Dispose();
        if (ReferenceEquals(Current.Value, this)) Current.Value = null;
    }
}
